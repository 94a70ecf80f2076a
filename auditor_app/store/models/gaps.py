"""Gaps of the completeness check closed with a reason (`audits.completeness` names the gaps)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.types import UTCDateTime


class GapClosure(AuditPart, Base):
    """One gap ("checkpoint:9.3.3", "interview:<id>", "document:<id>"...) closed with a reason."""

    __tablename__ = "gap_closure"
    __table_args__ = (UniqueConstraint("audit_id", "gap"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    gap: Mapped[str] = mapped_column(String(200))
    # not_available | absent | refused | not_applicable | other (vocab.GAP_REASONS)
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)
