"""Everything the interviews page shows about a roster, worked out at once (off the GUI thread): who is
behind the recorded draw's codes, the age flags with worker ids, the roster check with the
headcount, and how many flagged workers are listed for document checks. Working papers only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from auditor_app.checklist.age_flags import AgeFlag, age_flags
from auditor_app.checklist.call_list import CallListProblem, DrawKey, draw_key
from auditor_app.checklist.roster import Roster
from auditor_app.checklist.roster_checks import RosterTriage, triage_roster


@dataclass(frozen=True)
class RosterAnalysis:
    roster_sha256: str
    roster: Roster
    on_date: date                  # the day ages are counted on (the draw's, when it is reproduced)
    key: DrawKey | None            # None without a draw, or when this roster cannot name its workers
    problem: str                   # why the call list cannot name the workers ("" when it can)
    flags: tuple[AgeFlag, ...]     # with worker ids: working papers
    triage: RosterTriage

    @property
    def document_checks(self) -> int | None:
        return len(self.key.sample.document_checks) if self.key is not None else None

    def code_of(self, worker_id: str, interviews: Sequence[Mapping] = ()) -> str:
        """The interview code of a worker of the draw (drawn or a replacement), else ""."""
        if self.key is None:
            return ""
        code = self.key.sample.code_of(worker_id)
        if code:
            return code
        for iv in interviews:
            if self.key.worker_id_of(iv["code"], iv.get("details")) == worker_id and (iv.get("details") or {}).get("replaces"):
                return str(iv["code"])
        return ""


def analyse_roster(roster: Roster, roster_sha256: str, draw: Mapping | None, on_dates: Sequence[date],
                   country: str = "CN", headcount: int | None = None) -> RosterAnalysis:
    """`draw`: the recorded draw as a dict (id, seed, size, roster_sha256, drawn) or None; `on_dates`:
    the days it may have been drawn for, the audit's day first."""
    if not on_dates:
        raise ValueError("the audit needs a date to count ages on")
    key, problem = None, ""
    if draw is not None:
        try:
            key = draw_key(roster, roster_sha256, draw, on_dates, country)
        except CallListProblem as exc:
            problem = exc.msg  # a str that renders in Chinese too
    on_date = key.on_date if key is not None else on_dates[0]
    return RosterAnalysis(roster_sha256, roster, on_date, key, problem, tuple(age_flags(roster, on_date, country)),
                          triage_roster(roster, on_date, country, headcount=headcount or None))
