"""The wage-and-hour review of an audit: what was computed from the factory's attendance and payroll
files, and what the auditor decided about each proposed finding (`audits/hours_review.py`).

The files themselves are not kept (they name workers): only their names, sizes and SHA-256, and the
result, whose workers are roster ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.types import JSONText, UTCDateTime


class HoursReview(AuditPart, Base):
    """One per audit: the last computation kept, with the auditor's decisions on its proposals."""

    __tablename__ = "hours_review"
    __table_args__ = (UniqueConstraint("audit_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    city: Mapped[str] = mapped_column(String(40), default="")          # key in minimum-wage-CN.yaml
    period_from: Mapped[str] = mapped_column(String(7), default="")    # "YYYY-MM"
    period_to: Mapped[str] = mapped_column(String(7), default="")
    # {} for the standard system, else hours.Approval.as_dict()
    approval: Mapped[dict] = mapped_column(JSONText, default=dict)
    # {"attendance": {"name", "size", "sha256", "rows", "workers", ...}, "payroll": {...}}
    files: Mapped[dict] = mapped_column(JSONText, default=dict)
    result: Mapped[dict] = mapped_column(JSONText, default=dict)       # hours.HoursResult.as_dict()
    # checkpoint id -> {"decision": "accepted" | "rejected", "at": ISO time, "note": str}
    decisions: Mapped[dict] = mapped_column(JSONText, default=dict)
    computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
