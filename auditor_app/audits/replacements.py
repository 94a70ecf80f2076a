"""A drawn worker who is absent or refuses: marked with the reason, replaced by the next worker drawn
from the same stratum (`checklist/replacement.py`), reproducibly from the draw's seed.

The reason closes the interview's gap ("interview:<id>", as the closing page would), so the
completeness check, the report's "not held, and why" and the call list all read the same row. The
replacement is a new interview form under the next free code, whose `details` record the code it
replaces, the draw, its place in the draw's reserve and how close its stratum is: with the roster
and the seed that names the worker, and without them it names nobody. No name or worker id is stored.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.interviews import DETAIL_KEYS
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.checklist.time_zones import factory_zone
from auditor_app.checklist.call_list import CallListProblem, DrawKey, draw_key
from auditor_app.checklist.roster import Roster
from auditor_app.store.models import Audit, FactoryProfile, FindingInterview, GapClosure, Interview, SampleDraw
from auditor_app.store.types import utcnow

REPLACE_REASONS = {"absent": "absent", "refused": "refused", "other": "not interviewed"}
_WORKER_CODE = re.compile(r"W-(\d+)")


def latest_draw(session: Session, audit_id: str) -> SampleDraw | None:
    """The draw that counts: the latest by the time it was drawn (as the report reads it)."""
    draws = session.scalars(select(SampleDraw).where(SampleDraw.audit_id == audit_id)).all()
    return max(draws, key=lambda d: (d.drawn_at.isoformat() if d.drawn_at else "",
                                     d.created_at.isoformat() if d.created_at else ""), default=None)


def draw_dates(audit: Audit, profile: FactoryProfile | None, draw: SampleDraw) -> list[date]:
    """The days the draw may have been made for (the window draws for the audit's start day, or the
    day it was drawn): the first of them that gives the recorded draw again is the one."""
    days = [audit.actual_start, audit.planned_start]
    if draw.drawn_at is not None:
        days += [draw.drawn_at.astimezone(factory_zone(profile)).date(), draw.drawn_at.date()]
    return [d for d in dict.fromkeys(days) if d is not None]


def draw_as_dict(draw: SampleDraw) -> dict:
    return {"id": draw.id, "seed": draw.seed, "size": draw.size, "roster_sha256": draw.roster_sha256,
            "drawn": draw.drawn}


def interview_dicts(rows) -> list[dict]:
    return [{"id": r.id, "code": r.code, "kind": r.kind, "conducted_at": r.conducted_at,
             "details": r.details or {}, "stratum": r.stratum or {}} for r in rows]


def _key(session: Session, audit_id: str, draw: SampleDraw, roster: Roster, roster_sha256: str) -> DrawKey:
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("replace.no_audit"))
    profile = session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id)).one_or_none()
    country = (profile.country if profile is not None else "") or "CN"
    try:
        return draw_key(roster, roster_sha256, draw_as_dict(draw), draw_dates(audit, profile, draw), country)
    except CallListProblem as exc:
        raise InvalidChange(exc.msg) from None


@prepares("replace.held")
def _held(p, w: Words) -> dict:
    return {"code": p["code"], "reason": w.t(f"call.reason.{p['reason']}")}


def _next_code(codes: set[str]) -> str:
    numbers = [int(m.group(1)) for c in codes if (m := _WORKER_CODE.fullmatch(c))]
    width = max([2] + [len(m.group(1)) for c in codes if (m := _WORKER_CODE.fullmatch(c))])
    return f"W-{max(numbers, default=0) + 1:0{width}d}"


def _gap(row: Interview) -> str:
    return f"interview:{row.id}"


@operation
def replace_drawn_worker(session: Session, interview_id: str, reason: str, note: str = "", *,
                         roster: Roster, roster_sha256: str) -> dict:
    """Mark the drawn worker of `interview_id` absent, refused or another reason (with a note) and add
    the next worker of the same stratum as a new interview. `roster` is the file the workers were drawn
    from (its SHA-256 `roster_sha256` must be the draw's). Returns {"replaced": code, "code": the new
    code or None when nobody is left, "match": how close the stratum is, "rank": its place in the
    reserve}."""
    if reason not in REPLACE_REASONS:
        raise InvalidChange(message("replace.reason"))
    if reason == "other" and not note.strip():
        raise InvalidChange(message("gaps.other_needs_note"))
    row = session.get(Interview, interview_id)
    if row is None:
        raise InvalidChange(message("replace.no_interview"))
    if row.kind != "individual":
        raise InvalidChange(message("replace.group", code=row.code))
    if row.conducted_at is not None:
        raise InvalidChange(message("replace.held", code=row.code, reason=reason))
    gap = _gap(row)
    if session.scalars(select(GapClosure).where(GapClosure.audit_id == row.audit_id, GapClosure.gap == gap)).first():
        raise InvalidChange(message("replace.already", code=row.code))
    draw = latest_draw(session, row.audit_id)
    if draw is None:
        raise InvalidChange(message("replace.no_draw"))
    key = _key(session, row.audit_id, draw, roster, roster_sha256)
    rows = session.scalars(select(Interview).where(Interview.audit_id == row.audit_id)).all()
    if key.worker_id_of(row.code, row.details) is None:
        raise InvalidChange(message("replace.not_in_draw", code=row.code))
    replacement = key.replacement_for(row.code, row.details, interview_dicts(rows))
    session.add(GapClosure(audit_id=row.audit_id, gap=gap, reason=reason, note=note.strip(), closed_at=utcnow()))
    if replacement is None:
        return {"replaced": row.code, "code": None, "match": "", "rank": None}
    code = _next_code({r.code for r in rows})
    session.add(Interview(audit_id=row.audit_id, code=code, stratum=replacement.stratum,
                          details={"replaces": row.code, "draw_id": draw.id, "reserve_rank": replacement.rank,
                                   "match": replacement.level}))
    session.flush()
    return {"replaced": row.code, "code": code, "match": replacement.match_words, "match_level": replacement.level,
            "rank": replacement.rank}


def _untouched(row: Interview, cited: bool) -> bool:
    form = {k: v for k, v in (row.details or {}).items() if k in DETAIL_KEYS}
    return row.conducted_at is None and not row.notes.strip() and not row.quotes and not form and not cited


@operation
def undo_replacement(session: Session, interview_id: str) -> dict:
    """The worker of `interview_id` came after all: the reason is removed (the interview is to do
    again) and its replacement removed too while nothing was recorded for it. Returns {"reopened":
    code, "removed": the replacement's code or None, "kept": its code when it was kept}."""
    row = session.get(Interview, interview_id)
    if row is None:
        raise InvalidChange(message("replace.no_interview"))
    closure = session.scalars(select(GapClosure).where(GapClosure.audit_id == row.audit_id,
                                                       GapClosure.gap == _gap(row))).first()
    if closure is None:
        raise InvalidChange(message("replace.not_marked", code=row.code))
    rows = session.scalars(select(Interview).where(Interview.audit_id == row.audit_id)).all()
    replacements = [r for r in rows if (r.details or {}).get("replaces") == row.code]
    removed, kept = None, None
    for rep in replacements:
        if session.scalars(select(GapClosure).where(GapClosure.audit_id == row.audit_id,
                                                    GapClosure.gap == _gap(rep))).first():
            raise InvalidChange(message("replace.replacement_marked", replacement=rep.code, code=row.code))
        cited = session.scalars(select(FindingInterview).where(FindingInterview.interview_id == rep.id)).first()
        if _untouched(rep, cited is not None):
            removed = rep.code
            session.delete(rep)
        else:
            kept = rep.code
    session.delete(closure)
    return {"reopened": row.code, "removed": removed, "kept": kept}

