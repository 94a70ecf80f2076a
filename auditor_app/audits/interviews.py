"""Worker interviews: the recorded random draw, group interviews, and what each interview recorded.

Names and worker ids never reach the database: the draw keeps codes, strata and age flags only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.store.models import Audit, Interview, SampleDraw
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import INTERVIEW_KINDS

MAX_GROUP = 30


@operation
def record_draw(session: Session, audit_id: str, *, seed: int, size: int, roster_sha256: str,
                roster_workers: int, plan: dict, drawn: list[dict], age_flags: list[dict],
                drawn_at: datetime | None = None) -> str:
    """Record a draw (codes and strata, no names) and add one interview form per new code."""
    if session.get(Audit, audit_id) is None:
        raise InvalidChange("that audit is not in this data folder")
    for worker in drawn:
        if set(worker) - {"code", "stratum", "reasons"}:
            raise InvalidChange("a recorded draw keeps codes, strata and reasons only, never names or ids")
    draw = SampleDraw(audit_id=audit_id, seed=seed, size=size, roster_sha256=roster_sha256,
                      roster_workers=roster_workers, drawn_at=drawn_at or utcnow(), plan=plan,
                      drawn=drawn, age_flags=age_flags)
    session.add(draw)
    have = set(session.scalars(select(Interview.code).where(Interview.audit_id == audit_id)))
    for worker in drawn:
        if worker["code"] not in have:
            session.add(Interview(audit_id=audit_id, code=worker["code"], stratum=worker["stratum"]))
    session.flush()
    return draw.id


@operation
def add_group_interview(session: Session, audit_id: str, group_size: int = 4, stratum: dict | None = None) -> str:
    """A group interview under the next free code G-01, G-02, ...; returns its id."""
    if not 2 <= group_size <= MAX_GROUP:
        raise InvalidChange(f"a group interview has 2 to {MAX_GROUP} workers")
    taken = set(session.scalars(select(Interview.code).where(Interview.audit_id == audit_id)))
    code = next(f"G-{n:02d}" for n in range(1, 1000) if f"G-{n:02d}" not in taken)
    row = Interview(audit_id=audit_id, code=code, kind="group", group_size=group_size, stratum=stratum or {})
    session.add(row)
    session.flush()
    return row.id


@operation
def update_interview(session: Session, interview_id: str, *, kind: str, group_size: int, notes: str,
                     quotes: list[dict], held: bool, held_at: datetime | None = None) -> None:
    if kind not in INTERVIEW_KINDS:
        raise InvalidChange(f"an interview is {' or '.join(INTERVIEW_KINDS)}, not {kind!r}")
    if kind == "group" and not 2 <= group_size <= MAX_GROUP:
        raise InvalidChange(f"a group interview has 2 to {MAX_GROUP} workers")
    row = session.get(Interview, interview_id)
    if row is None:
        raise InvalidChange("that interview is not in this audit")
    row.kind, row.group_size, row.notes = kind, group_size if kind == "group" else 1, notes
    row.quotes = [{"text": str(q.get("text", "")).strip(), "quotable": bool(q.get("quotable"))}
                  for q in quotes if str(q.get("text", "")).strip()]
    if held and row.conducted_at is None:
        row.conducted_at = held_at or utcnow()
    elif not held:
        row.conducted_at = None
