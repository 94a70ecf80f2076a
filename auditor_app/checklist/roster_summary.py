"""The roster beside what the factory declared: its size against the headcount (the words `auditor-app
sample` prints) and its young workers against the factory profile's count, each mismatch said."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from auditor_app.checklist.messages import message
from auditor_app.checklist.roster_checks import load_roster_checks


@dataclass(frozen=True)
class Reconciliation:
    text: str
    mismatch: bool      # worth the auditor's attention (beyond tolerance, or not what was declared)


def headcount_check(roster_workers: int, headcount: int) -> Reconciliation | None:
    """The roster's size against the audit's headcount; None without a headcount."""
    if headcount < 1 or roster_workers < 0:
        return None
    if roster_workers == headcount:
        return Reconciliation(f"The roster lists {roster_workers} workers, as many as the headcount for the "
                              "audit.", False)
    tolerance = load_roster_checks().headcount.tolerance_share
    over = Fraction(abs(headcount - roster_workers), headcount) > Fraction(str(tolerance))
    msg = message("triage_headcount", roster=roster_workers, headcount=headcount, tolerance=tolerance, over=over)
    return Reconciliation(msg.text, over)


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def young_workers_check(kinds: Iterable[str], declared: int) -> Reconciliation:
    """The roster's young workers (of working age, under 18: age flag kind "young") against the
    profile's count; workers under the minimum age are said apart (no profile declares child labour)."""
    counts = Counter(kinds)
    young, underage = counts["young"], counts["underage"]
    found = _n(young, "young worker", "young workers")
    if young == declared:
        text = f"The roster has {found} (under 18, of working age), as the factory profile declares."
    else:
        diff = abs(young - declared)
        text = (f"The roster has {found} (under 18, of working age) but the factory profile declares "
                f"{declared}: {diff} {'more' if young > declared else 'fewer'} than declared. Ask management "
                "why, and check the young workers' register and their identity cards.")
    if underage:
        text += (f" Besides, {_n(underage, 'worker is', 'workers are')} below the minimum working age: child "
                 "labour, which no profile declares.")
    return Reconciliation(text, young != declared)
