"""The outbox: what waits to be sent to the platform (Connect). Sync bookkeeping, not audit substance:
its rows change after the seal (attempts, receipt) and are not in the audit's event log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditor_app.store.models.base import Base
from auditor_app.store.types import JSONText, UTCDateTime, new_id, utcnow


class OutboxItem(Base):
    """One thing to send for one audit: its sealed submission, or a Zero Tolerance alert."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("audit_id", "kind"),)

    id: Mapped[str] = mapped_column(primary_key=True, default=new_id)
    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(40))  # "submission", or "zt:<finding id>" for a ZT alert
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending | sending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    payload: Mapped[dict] = mapped_column(JSONText, default=dict)
    receipt: Mapped[dict] = mapped_column(JSONText, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
