"""Checklist answers, findings (non-compliances) and their CAP items."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.types import UTCDateTime

if TYPE_CHECKING:
    from auditor_app.store.models.evidence import FindingEvidence
    from auditor_app.store.models.people import FindingInterview


class Answer(AuditPart, Base):
    """The auditor's answer to one checkpoint: yes, na or nc."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("audit_id", "checkpoint_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    checkpoint_id: Mapped[str] = mapped_column(String(20))
    answer: Mapped[str] = mapped_column(String(3))
    note: Mapped[str] = mapped_column(Text, default="")


class Finding(AuditPart, Base):
    """A non-compliance against one checkpoint."""

    __tablename__ = "finding"

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    checkpoint_id: Mapped[str] = mapped_column(String(20))
    grade: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[str] = mapped_column(String(200), default="")
    workers_affected: Mapped[int] = mapped_column(Integer, default=0)
    systemic: Mapped[bool] = mapped_column(Boolean, default=False)
    # The factory was transparent about it on site (lowers the grade where the checklist says so).
    transparent: Mapped[bool] = mapped_column(Boolean, default=False)
    record_inconsistency: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="open")
    tour_area_id: Mapped[str | None] = mapped_column(ForeignKey("tour_area.id", ondelete="RESTRICT"))
    # A finding carried over from the audit this one follows (follow-up, PV).
    carried_from_id: Mapped[str | None] = mapped_column(String(36))
    # Why the grade is above the checklist's (a key of grades.yaml raise_to.reasons), else "".
    raised_reason: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The document whose inconsistency raised this NC (a reference within the audit).
    document_check_id: Mapped[str | None] = mapped_column(String(36))
    # Soft delete: an accidental delete can be undone, and the event log keeps the history.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Deleting a finding deletes these through the session, so each delete is an event.
    cap: Mapped["CapItem | None"] = relationship(back_populates="finding", uselist=False,
                                                  cascade="all, delete")
    evidence_links: Mapped[list["FindingEvidence"]] = relationship(cascade="all, delete")
    interview_links: Mapped[list["FindingInterview"]] = relationship(cascade="all, delete")


class CapItem(AuditPart, Base):
    """The corrective action agreed for one finding (domain brief section 8)."""

    __tablename__ = "cap_item"
    __table_args__ = (UniqueConstraint("finding_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id", ondelete="RESTRICT"))
    root_cause: Mapped[str] = mapped_column(Text, default="")
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    preventive_action: Mapped[str] = mapped_column(Text, default="")
    responsible_person: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    factory_position: Mapped[str] = mapped_column(String(8), default="agree")
    factory_comment: Mapped[str] = mapped_column(Text, default="")
    verification_method: Mapped[str] = mapped_column(Text, default="")
    auditor_verification: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    # An NC carried from the previous audit: what this visit found (audits/verification.py), and when.
    verification_result: Mapped[str | None] = mapped_column(String(12))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    finding: Mapped[Finding] = relationship(back_populates="cap")
