"""The lead's review of an audit: signed entries of a hash-chained record, kept beside the audit.

Not audit content: no `AuditPart`, so a comment or a decision never enters the audit's event chain,
its frozen rows or its seal. Each row keeps the entry exactly as it was signed (`record`, the JSON
that travels in a package's review.json: `auditor_app.review.records`); the other columns are read
from it for queries. Rows are only ever added: triggers (migration 0013) refuse UPDATE and DELETE.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditor_app.store.models.base import Base
from auditor_app.store.types import JSONText, UTCDateTime, utcnow


class ReviewEntry(Base):
    """One entry of a review record (its thread): a receipt, a comment, an answer, a decision."""

    __tablename__ = "review_entry"
    __table_args__ = (UniqueConstraint("thread_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # The review record: the id of the first revision the lead received.
    thread_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # review.states.KINDS
    # The revision the entry concerns: a reference, not a foreign key (as supersedes_id).
    audit_id: Mapped[str] = mapped_column(String(36), index=True)
    target_kind: Mapped[str] = mapped_column(String(16), default="")
    target_id: Mapped[str] = mapped_column(String(300), default="")
    reply_to: Mapped[str | None] = mapped_column(String(36))
    author_name: Mapped[str] = mapped_column(String(200))
    key_id: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    hash: Mapped[str] = mapped_column(String(64))
    record: Mapped[dict] = mapped_column(JSONText)
    # When this installation wrote or received it (not signed: it differs from laptop to laptop).
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
