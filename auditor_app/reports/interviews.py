"""Worker interviews as the report counts them: held interviews only (conducted_at set), each worker of
a group counted, beside the plan (sampling table), the random draw and what was not held, and why.

Nothing here names a worker: interviews are codes, strata are counts, notes never leave the record,
and the draw is shown by a commitment (SHA-256 of "<seed>:<roster SHA-256>"), never by its seed, so
the report cannot be used with the roster to tell which worker is behind a code.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from auditor_app.reports.wording import ENGLISH, Wording

# The stratum keys the interview planner writes, in the order a reader expects them.
STRATUM_ORDER = ("department", "gender", "shift", "contract_type", "age_band", "origin", "migrant")
# The reasons a gap is closed with (gap_closure.reason), each with its words in report.yaml.
REASONS = ("not_available", "absent", "refused", "not_applicable", "other")
NO_REASON = "report.reason.none"


def stratum_label(key: str, w: Wording = ENGLISH) -> str:
    """'Department' / '部门': the label of a stratum; its values stay as the roster recorded them."""
    try:
        return w(f"report.stratum.{key}")
    except KeyError:
        return key.replace("_", " ").capitalize()


def reason_words(reason: str | None, w: Wording = ENGLISH) -> str:
    """'absent' / '缺勤': why a gap was closed, in words; an unknown reason as stored."""
    if reason in REASONS:
        return w(f"report.reason.{reason}")
    return str(reason or "").replace("_", " ")


@dataclass(frozen=True)
class Plan:
    individual: int
    groups: int
    group_size: int
    workers: int
    man_days: float | None


@dataclass(frozen=True)
class StratumCounts:
    value: str
    drawn: int       # workers drawn at random with this value
    held: int        # workers interviewed (a group counts each worker)
    not_held: int    # drawn or recorded workers whose interview was not held


@dataclass(frozen=True)
class InterviewSummary:
    individual: int                                        # individual interviews held
    groups: int                                            # group interviews held
    workers: int                                           # workers interviewed (held)
    by_stratum: list[tuple[str, list[tuple[str, int]]]]    # (label, [(value, workers interviewed)])
    quotes: list[tuple[str, str]]                          # (text, interview code), held and quotable
    group_workers: int = 0                                 # workers in the group interviews held
    plan: Plan | None = None
    drawn: int = 0                                         # workers in the latest random draw
    individual_not_held: int = 0
    groups_not_held: int = 0                               # recorded or planned groups not held
    outside_draw: int = 0                                  # individual interviews held, code not drawn
    reasons: list[tuple[str, int]] = field(default_factory=list)  # why not held: (words, interviews)
    strata: list[tuple[str, list[StratumCounts]]] = field(default_factory=list)
    roster_workers: int | None = None
    commitment: str | None = None
    drawn_at: str | None = None

    @property
    def shortfall(self) -> int:
        """Workers fewer than planned (or than drawn, without a plan)."""
        target = self.plan.workers if self.plan else self.drawn
        return max(0, target - self.workers)


def held(row: dict) -> bool:
    return bool(row.get("conducted_at"))


def size_of(row: dict) -> int:
    return max(1, int(row.get("group_size") or 1)) if row.get("kind") == "group" else 1


def latest_draw(doc: dict) -> dict | None:
    draws = sorted(doc.get("sample_draw") or [], key=lambda d: (d.get("drawn_at") or "", d.get("created_at") or ""))
    return draws[-1] if draws else None


def draw_commitment(seed: object, roster_sha256: str) -> str:
    """SHA-256 (hex) of the UTF-8 text "<seed>:<roster SHA-256>": shows the draw without its seed."""
    return hashlib.sha256(f"{seed}:{roster_sha256}".encode()).hexdigest()


def _plan(draw: dict | None) -> Plan | None:
    plan = (draw or {}).get("plan") or {}
    if not plan or "workers_to_interview" not in plan:
        return None
    individual, groups = int(plan.get("individual_interviews") or 0), int(plan.get("group_interviews") or 0)
    size = int(plan.get("group_size") or 0)
    man_days = plan.get("man_days")
    return Plan(individual, groups, size, int(plan.get("workers_to_interview") or individual + groups * size),
                float(man_days) if man_days is not None else None)


def _value_text(value: object) -> str | None:
    if value in (None, "", [], {}):
        return None
    return "yes" if value is True else "no" if value is False else str(value)


def _strata(drawn: list[dict], rows: list[dict], w: Wording = ENGLISH) -> list[tuple[str, list[StratumCounts]]]:
    counts: dict[str, dict[str, Counter]] = {}

    def add(stratum: dict, column: str, n: int) -> None:
        for key, value in (stratum or {}).items():
            text = _value_text(value)
            if text is not None:
                counts.setdefault(key, {}).setdefault(text, Counter())[column] += n

    for worker in drawn:
        add(worker.get("stratum") or {}, "drawn", 1)
    for row in rows:
        add(row.get("stratum") or {}, "held" if held(row) else "not_held", size_of(row))
    keys = [k for k in STRATUM_ORDER if k in counts] + sorted(k for k in counts if k not in STRATUM_ORDER)
    out = []
    for key in keys:
        values = [StratumCounts(v, c["drawn"], c["held"], c["not_held"]) for v, c in counts[key].items()]
        values.sort(key=lambda s: (-s.held, -s.drawn, s.value))
        out.append((stratum_label(key, w), values))
    return out


def _reasons(doc: dict, not_held: list[dict], w: Wording = ENGLISH) -> list[tuple[str, int]]:
    """(words, interviews) per reason; the interviews without one under `w(NO_REASON)`, last."""
    closures = {c.get("gap"): c for c in doc.get("gap_closure") or []}
    none = w(NO_REASON)
    counter: Counter = Counter()
    for row in not_held:
        closure = closures.get(f"interview:{row['id']}")
        counter[reason_words(closure.get("reason"), w) if closure else none] += 1
    return sorted(counter.items(), key=lambda kv: (kv[0] == none, -kv[1], kv[0]))


def interview_summary(doc: dict, w: Wording = ENGLISH) -> InterviewSummary:
    """What the report says about interviews; only held interviews count as interviews. Labels (of
    strata, of reasons) in `w`'s languages; the strata's values as the roster recorded them."""
    rows = list(doc.get("interview") or [])
    done = [r for r in rows if held(r)]
    individual = sum(1 for r in done if r.get("kind") != "group")
    groups = sum(1 for r in done if r.get("kind") == "group")
    group_workers = sum(size_of(r) for r in done if r.get("kind") == "group")
    draw = latest_draw(doc)
    drawn = list((draw or {}).get("drawn") or [])
    codes = {w.get("code") for w in drawn}
    plan = _plan(draw)
    not_held = [r for r in rows if not held(r)]
    groups_not_held = sum(1 for r in not_held if r.get("kind") == "group")
    if plan is not None:
        groups_not_held = max(groups_not_held, plan.groups - groups)
    by_stratum = [(label, [(s.value, s.held) for s in values if s.held])
                  for label, values in _strata([], done, w)]
    quotes = [(q["text"].strip(), r.get("code") or "—") for r in done for q in (r.get("quotes") or [])
              if q.get("quotable") is True and str(q.get("text", "")).strip()]
    commitment = None
    if draw is not None and draw.get("seed") is not None:
        commitment = draw_commitment(draw["seed"], draw.get("roster_sha256") or "")
    return InterviewSummary(
        individual, groups, individual + group_workers, [b for b in by_stratum if b[1]], quotes,
        group_workers=group_workers, plan=plan, drawn=len(drawn),
        individual_not_held=sum(1 for r in not_held if r.get("kind") != "group"),
        groups_not_held=groups_not_held,
        outside_draw=sum(1 for r in done if r.get("kind") != "group" and codes and r.get("code") not in codes),
        reasons=_reasons(doc, not_held, w), strata=_strata(drawn, rows, w),
        roster_workers=int(draw["roster_workers"]) if draw and draw.get("roster_workers") is not None else None,
        commitment=commitment, drawn_at=(draw or {}).get("drawn_at"))
