"""The roster beside what the factory declared: its size against the headcount (the words `auditor-app
sample` prints) and its young workers against the factory profile's count, each mismatch said."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from auditor_app.checklist.messages import Message, Words, message, prepares
from auditor_app.checklist.roster_checks import load_roster_checks


@dataclass(frozen=True)
class Reconciliation:
    text: str           # English
    mismatch: bool      # worth the auditor's attention (beyond tolerance, or not what was declared)
    message: Message | None = None   # the text as a message: `.message.render("zh")`


def headcount_check(roster_workers: int, headcount: int) -> Reconciliation | None:
    """The roster's size against the audit's headcount; None without a headcount."""
    if headcount < 1 or roster_workers < 0:
        return None
    if roster_workers == headcount:
        same = message("headcount_matches", roster=roster_workers)
        return Reconciliation(same.text, False, same)
    tolerance = load_roster_checks().headcount.tolerance_share
    over = Fraction(abs(headcount - roster_workers), headcount) > Fraction(str(tolerance))
    msg = message("triage_headcount", roster=roster_workers, headcount=headcount, tolerance=tolerance, over=over)
    return Reconciliation(msg.text, over, msg)


def young_workers_check(kinds: Iterable[str], declared: int) -> Reconciliation:
    """The roster's young workers (of working age, under 18: age flag kind "young") against the
    profile's count; workers under the minimum age are said apart (no profile declares child labour)."""
    counts = Counter(kinds)
    young, underage = counts["young"], counts["underage"]
    msg = message("young_workers", young=young, declared=declared, underage=underage)
    return Reconciliation(msg.text, young != declared, msg)


@prepares("young_workers")
def _young_workers(p, w: Words) -> dict:
    young, declared, underage = p["young"], p["declared"], p["underage"]
    found = w.count(young, "young.found")
    if young == declared:
        main = w.t("young.as_declared", found=found)
    else:
        main = w.t("young.not_as_declared", found=found, declared=declared, diff=abs(young - declared),
                   more_fewer=w.either(young > declared, "young.more", "young.fewer"))
    return {"main": main, "besides": w.count(underage, "young.underage") if underage else ""}
