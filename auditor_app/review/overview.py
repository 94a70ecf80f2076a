"""Review states at a glance: for the audit list (a badge per audit) and `auditor-app review status`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.review import thread
from auditor_app.review.states import STATE_LABELS, allowed
from auditor_app.store.models import ReviewEntry


@dataclass(frozen=True)
class ReviewStatus:
    thread_id: str
    state: str | None
    under_review: str | None  # the revision under review
    revisions: tuple[str, ...]  # every revision the record concerns, in order
    comments: int
    unanswered: int
    last_decision: str | None  # return | approve, and by whom: see decided_by
    decided_by: str | None
    next_steps: tuple[str, ...]  # the kinds of entry the state allows next

    @property
    def label(self) -> str:
        return STATE_LABELS.get(self.state, str(self.state))


def status_of(records: list[dict]) -> ReviewStatus:
    answered = {e["reply_to"] for e in records if e["kind"] == "answer"}
    comments = [e for e in records if e["kind"] == "comment"]
    decisions = [e for e in records if e["kind"] in ("return", "approve")]
    revisions: list[str] = []
    for e in records:
        if e["audit"]["id"] not in revisions:
            revisions.append(e["audit"]["id"])
    state = thread.state_of(records)
    return ReviewStatus(records[0]["thread_id"], state, thread.under_review(records), tuple(revisions),
                        len(comments), sum(1 for c in comments if c["id"] not in answered),
                        decisions[-1]["kind"] if decisions else None,
                        decisions[-1]["author"]["name"] if decisions else None, tuple(allowed(state)))


def review_status(session: Session, audit_id: str) -> ReviewStatus | None:
    """The review of this audit (of any of its revisions held here), or None when it is not in review."""
    thread_id = thread.thread_of(session, audit_id)
    return status_of(thread.entries(session, thread_id)) if thread_id else None


def review_overview(session: Session) -> dict[str, ReviewStatus]:
    """Audit id -> the review it is part of, for every audit any review entry here concerns."""
    out: dict[str, ReviewStatus] = {}
    for thread_id in session.scalars(select(ReviewEntry.thread_id).distinct()):
        status = status_of(thread.entries(session, thread_id))
        for audit_id in status.revisions:
            out[audit_id] = status
    return out
