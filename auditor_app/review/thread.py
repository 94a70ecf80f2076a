"""The review record in the store: reading a thread, adding an entry, taking in entries from elsewhere.

A thread is the review of one audit across its revisions; its id is the id of the first revision
the lead received. Entries are added at the end only (the table's triggers refuse anything else),
and entries from a package or the platform join only when the record here is the start of theirs,
or theirs the start of ours: two records that went different ways are refused, never merged.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.errors import UserFacingError
from auditor_app.review.records import GENESIS, chain_problems, state_of, under_review
from auditor_app.store.models import Audit, ReviewEntry
from auditor_app.store.types import parse_utc

__all__ = ["ReviewRecordRefused", "add", "entries", "head", "state_of", "take_in", "thread_of", "under_review"]


class ReviewRecordRefused(UserFacingError):
    """Entries that cannot join the review record here (damaged, or a record that went another way)."""

    def __init__(self, message: str, problems: list[str] | None = None, hint: str = ""):
        super().__init__(message, hint)
        self.problems = problems or []


def entries(session: Session, thread_id: str) -> list[dict]:
    """The thread's signed entries, in order."""
    rows = session.scalars(select(ReviewEntry).where(ReviewEntry.thread_id == thread_id).order_by(ReviewEntry.seq))
    return [row.record for row in rows]


def thread_of(session: Session, audit_id: str) -> str | None:
    """The thread reviewing this audit: one with an entry about it, else about a revision it supersedes
    (followed through the revisions held here)."""
    seen: set[str] = set()
    current: str | None = audit_id
    while current and current not in seen:
        seen.add(current)
        found = session.scalars(select(ReviewEntry.thread_id).where(ReviewEntry.audit_id == current).limit(1)).first()
        if found:
            return found
        audit = session.get(Audit, current)
        current = audit.supersedes_id if audit is not None else None
    return None


def head(records: list[dict]) -> tuple[int, str]:
    return (records[-1]["seq"], records[-1]["hash"]) if records else (0, GENESIS)


def add(session: Session, entry: dict) -> ReviewEntry:
    target = entry["target"] or {}
    row = ReviewEntry(id=entry["id"], thread_id=entry["thread_id"], seq=entry["seq"], kind=entry["kind"],
                      audit_id=entry["audit"]["id"], target_kind=target.get("kind", ""), target_id=target.get("id", ""),
                      reply_to=entry["reply_to"], author_name=entry["author"]["name"],
                      key_id=entry["author"]["key_id"], at=parse_utc(entry["at"]), hash=entry["hash"], record=entry)
    session.add(row)
    session.flush()
    return row


def take_in(session: Session, incoming: list[dict]) -> int:
    """Add the entries of `incoming` (a whole record, checked) that are not here yet; how many were new.

    Refused when the record is damaged, or when it and the record here differ at some entry."""
    if not incoming:
        return 0
    problems = chain_problems(incoming)
    if problems:
        raise ReviewRecordRefused("the review record is damaged or not signed as it says", problems)
    local = entries(session, incoming[0]["thread_id"])
    for ours, theirs in zip(local, incoming):
        if ours["hash"] != theirs["hash"]:
            raise ReviewRecordRefused(
                f"the review record here and the one received differ from entry {ours['seq']} on: "
                "the record here was kept and nothing was added",
                hint="each side continues the record the other sent last; ask for the latest file")
    new = incoming[len(local):]
    for entry in new:
        add(session, entry)
    return len(new)
