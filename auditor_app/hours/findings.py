"""Breaches -> proposed findings, one per checkpoint, for the auditor to accept, edit or reject; nothing
is raised or written here. Each says which rule(s) it comes from, how many sampled workers it affects
and their share of the sample, and the worst case. Descriptions name no worker (reports never do);
worker ids are kept beside them for the working papers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.messages import Message, Words, prepares
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
    # The description as a message (English above): `proposal.message.render("zh")`.
    message: Message | None = field(default=None, compare=False)

    def render(self, lang: str | None = "en") -> str:
        return self.message.render(lang) if self.message is not None else self.description

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "message"}
        out.update(rules=list(self.rules), worker_ids=list(self.worker_ids))
        if self.message is not None:
            out["message"] = {"id": self.message.id, "params": dict(self.message.params)}
        return out


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
            parts.append({"id": "hours.finding.payroll_differs", "params": {
                "workers": len(workers), "sample": sample, "month": top_s.month,
                "difference": abs(float(top_s.figures["difference"] or 0))}})
            worst = worst or {"rule": top_s.kind, "worker_id": top_s.worker_id, "month": top_s.month,
                              "figures": dict(top_s.figures)}
        description = Message("hours.proposal", {"parts": parts})
        out.append(ProposedFinding(
            checkpoint_id, checklist.checkpoint(checkpoint_id).grade, "nc" if violations else "lead", rules,
            description.text, len(workers), sample, round(len(workers) / sample, 4) if sample else 0.0, len(items),
            worst, tuple(workers), description))
    return out


def _natural(checkpoint_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in checkpoint_id.split("."))


def _sentence(rule: str, items: list[Violation], sample: int, result: HoursResult) -> dict[str, Any]:
    """One sentence of a proposal: its message id and parameters (the words: resources/messages/hours.yaml)."""
    workers = len({v.worker_id for v in items})
    top = max(items, key=_WORST[rule])
    f = top.figures
    limits = result.limits
    base: dict[str, Any] = {"workers": workers, "sample": sample, "count": len(items), "month": top.month,
                            "date": top.date}
    if rule == "rest_day":
        params = {k: f[k] for k in ("limit_days", "days_without_rest", "first_day", "last_day")}
    elif rule == "daily_overtime":
        params = {"day_limit": limits["standard_day_hours"] + limits["daily_overtime_hours"],
                  "daily_overtime_hours": limits["daily_overtime_hours"], "hours": f["hours"]}
    elif rule == "monthly_overtime":
        params = {"limit_hours": f["limit_hours"], "overtime_hours": f["overtime_hours"]}
    elif rule == "weekly_hours":
        params = {"limit_hours": f["limit_hours"], "hours": f["hours"]}
    elif rule == "overtime_premium":
        params = {"shortfall": f["shortfall"], "paid_premium_pct": f["paid_premium_pct"]}
    elif rule == "holiday_premium":
        params = {"premium": 100 * limits["premium_holiday"], "holiday_dates": f["holiday_dates"],
                  "paid_premium_pct": f["paid_premium_pct"], "shortfall": f["shortfall"]}
    elif rule == "minimum_wage":
        params = {"city": result.city["name"], "city_local": result.city.get("name_local") or "",
                  "shortfall": f["shortfall"], "compared_pay": f["compared_pay"], "required": f["required"]}
    else:
        rule, params = "missing_punch", {}
    return {"id": f"hours.finding.{rule}", "params": {**base, **params}}


_UNITS = {"daily_overtime": "day", "monthly_overtime": "worker-month", "weekly_hours": "week",
          "overtime_premium": "worker-month", "holiday_premium": "worker-month", "minimum_wage": "worker-month",
          "missing_punch": "day"}


def _who(p, w: Words) -> str:
    if not p["sample"]:
        return w.t("hours.who_unsampled", workers=p["workers"])
    return w.t("hours.who", workers=p["workers"], sample=p["sample"], pct=f"{100 * p['workers'] / p['sample']:.0f}")


def _finding(unit: str | None):
    def prepare(p, w: Words) -> dict:
        values = {**p, "who": _who(p, w)}
        if unit:
            values["count"] = w.count(p["count"], f"hours.count.{unit}")
        if p.get("city_local") and w.lang == "zh":
            values["city"] = p["city_local"]
        return values
    return prepare


for _rule in ("rest_day", *_UNITS):
    prepares(f"hours.finding.{_rule}")(_finding(_UNITS.get(_rule)))


@prepares("hours.proposal")
def _proposal(p, w: Words) -> dict:
    sentences = [w.message(part["id"], part["params"]) for part in p["parts"]]
    return {"sentences": reduce(lambda first, then: w.t("hours.sentences", first=first, then=then), sentences)
            if sentences else ""}
