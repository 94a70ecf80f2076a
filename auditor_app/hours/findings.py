"""Breaches -> proposed findings, one per checkpoint, for the auditor to accept, edit or reject; nothing
is raised or written here. Each says which rule(s) it comes from, how many sampled workers it affects
and their share of the sample, and the worst case. Descriptions name no worker (reports never do);
worker ids are kept beside them for the working papers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from auditor_app.checklist.loader import load_checklist
from auditor_app.hours.result import HoursResult, Signal, Violation
from auditor_app.hours.rules import hours_rules
from auditor_app.resources import RulesFileError

# The figure that makes a breach the worst of its kind.
_WORST: dict[str, Callable[[Violation], float]] = {
    "rest_day": lambda v: float(v.figures["days_without_rest"] or 0),
    "daily_overtime": lambda v: float(v.figures["hours"] or 0),
    "monthly_overtime": lambda v: float(v.figures["overtime_hours"] or 0),
    "weekly_hours": lambda v: float(v.figures["hours"] or 0),
    "overtime_premium": lambda v: float(v.figures["shortfall"] or 0),
    "holiday_premium": lambda v: float(v.figures["shortfall"] or 0),
    "minimum_wage": lambda v: float(v.figures["shortfall"] or 0),
    "missing_punch": lambda v: 0.0,
}


@dataclass(frozen=True)
class ProposedFinding:
    checkpoint_id: str
    grade: str                          # the checkpoint's grade; the auditor may change it
    kind: str                           # "nc": a breach found; "lead": something to verify (possible second books)
    rules: tuple[str, ...]
    description: str                    # names no worker
    workers_affected: int
    sample_size: int
    share_of_sample: float              # 0..1
    occurrences: int
    worst: dict[str, Any]
    worker_ids: tuple[str, ...] = field(default=())   # working papers only, never the report

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "rules": list(self.rules), "worker_ids": list(self.worker_ids)}


def propose_findings(result: HoursResult, checklist_version: str = "4.0") -> list[ProposedFinding]:
    table = hours_rules().checkpoints.get(checklist_version)
    if table is None:
        raise RulesFileError("rules/hours-rules.yaml", "checkpoints",
                             f"no checkpoints for checklist edition {checklist_version!r}")
    checklist = load_checklist(checklist_version)
    approved = result.system.get("kind") != "standard"
    groups: dict[str, list[Violation | Signal]] = {}
    for v in result.violations:
        key = v.rule
        if v.rule == "weekly_hours" and v.figures.get("over_critical"):
            key = "weekly_hours_critical"
        elif v.rule in ("overtime_premium", "holiday_premium") and approved:
            key = f"{v.rule}_approved"
        groups.setdefault(table[key], []).append(v)
    for s in result.signals:
        groups.setdefault(table[s.kind], []).append(s)
    sample = len(result.sample)
    out = []
    for checkpoint_id, items in sorted(groups.items(), key=lambda g: _natural(g[0])):
        if checkpoint_id not in checklist:
            raise RulesFileError("rules/hours-rules.yaml", f"checkpoints.{checklist_version}",
                                 f"checkpoint {checkpoint_id} is not in checklist {checklist_version}")
        violations = [i for i in items if isinstance(i, Violation)]
        signals = [i for i in items if isinstance(i, Signal)]
        workers = sorted({i.worker_id for i in items})
        rules = tuple(dict.fromkeys(v.rule for v in violations)) or tuple(dict.fromkeys(s.kind for s in signals))
        parts = [_sentence(rule, [v for v in violations if v.rule == rule], sample, result) for rule in rules
                 if rule in _WORST]
        worst: dict[str, Any] = {}
        if violations:
            top = max(violations, key=lambda v: (_WORST[v.rule](v), v.rule))
            worst = {"rule": top.rule, "worker_id": top.worker_id, "month": top.month, "date": top.date,
                     "figures": dict(top.figures)}
        if signals:
            top_s = max(signals, key=lambda s: abs(float(s.figures["difference"] or 0)))
            parts.append(f"For {len(workers)} of {sample} sampled workers the overtime hours in the payroll differ "
                         f"from the attendance records (largest difference {abs(float(top_s.figures['difference'] or 0)):g} h "
                         f"in {top_s.month}): verify against gate logs, production records and interviews, a "
                         f"possible second set of records.")
            worst = worst or {"rule": top_s.kind, "worker_id": top_s.worker_id, "month": top_s.month,
                              "figures": dict(top_s.figures)}
        out.append(ProposedFinding(
            checkpoint_id, checklist.checkpoint(checkpoint_id).grade, "nc" if violations else "lead", rules,
            " ".join(parts), len(workers), sample, round(len(workers) / sample, 4) if sample else 0.0, len(items),
            worst, tuple(workers)))
    return out


def _natural(checkpoint_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in checkpoint_id.split("."))


def _sentence(rule: str, items: list[Violation], sample: int, result: HoursResult) -> str:
    workers = len({v.worker_id for v in items})
    who = f"{workers} of {sample} sampled workers ({100 * workers / sample:.0f} %)" if sample else f"{workers} workers"
    top = max(items, key=_WORST[rule])
    f = top.figures
    limits = result.limits
    if rule == "rest_day":
        return (f"{who} worked more than {f['limit_days']} days in a row without a day off; the longest run was "
                f"{f['days_without_rest']} days ({f['first_day']} to {f['last_day']}).")
    if rule == "daily_overtime":
        return (f"{who} worked more than {limits['standard_day_hours'] + limits['daily_overtime_hours']:g} hours in a "
                f"day ({_count(len(items), 'day')}), beyond the legal {limits['daily_overtime_hours']:g} hours of overtime a day; "
                f"the longest day was {f['hours']:g} hours ({top.date}).")
    if rule == "monthly_overtime":
        return (f"{who} worked more overtime than the legal {f['limit_hours']:g} hours a month "
                f"({_count(len(items), 'worker-month')}); the most was {f['overtime_hours']:g} hours in {top.month}.")
    if rule == "weekly_hours":
        return (f"{who} worked more than {f['limit_hours']:g} hours in a week ({_count(len(items), 'week')}); the longest week "
                f"was {f['hours']:g} hours (week of {top.date}).")
    if rule == "overtime_premium":
        return (f"{who} were paid less overtime than the legal premiums require ({_count(len(items), 'worker-month')}); the "
                f"largest shortfall was {f['shortfall']:,.2f} yuan in {top.month}, overtime paid at "
                f"{f['paid_premium_pct']:g} % of the hourly rate.")
    if rule == "holiday_premium":
        return (f"{who} were not paid the {100 * result.limits['premium_holiday']:g} % premium for work on statutory holidays "
                f"({_count(len(items), 'worker-month')}); in {top.month} ({f['holiday_dates']}) it was paid at "
                f"{f['paid_premium_pct']:g} %, {f['shortfall']:,.2f} yuan short.")
    if rule == "minimum_wage":
        return (f"{who} received base pay for standard hours below the minimum wage of {result.city['name']} "
                f"({_count(len(items), 'worker-month')}); the largest shortfall was {f['shortfall']:,.2f} yuan in "
                f"{top.month} ({f['compared_pay']:,.2f} against {f['required']:,.2f}).")
    return f"{who} have days with a punch missing from the time records ({_count(len(items), 'day')})."


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
