"""Worker interviews (anonymous), the findings they support, and signatures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.types import JSONText, UTCDateTime


class Interview(AuditPart, Base):
    """One interview, individual or group. Only the anonymous code identifies the worker(s)."""

    __tablename__ = "interview"

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(12), default="individual")
    group_size: Mapped[int] = mapped_column(Integer, default=1)
    # {"department": ..., "gender": ..., "shift": ..., "contract_type": ..., "age_band": ...}
    stratum: Mapped[dict] = mapped_column(JSONText, default=dict)
    conducted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Confidential: never in lists or reports.
    notes: Mapped[str] = mapped_column(Text, default="")
    # [{"text": ..., "quotable": bool}] - only quotable ones may appear (anonymised) in reports.
    quotes: Mapped[list] = mapped_column(JSONText, default=list)
    # The interview form's structure: {"topics": [...], "interviewer", "language", "interpreter",
    # "place", "management_present": bool, "id_seen": bool}
    details: Mapped[dict] = mapped_column(JSONText, default=dict, server_default="{}")

    finding_links: Mapped[list["FindingInterview"]] = relationship(cascade="all, delete")


class FindingInterview(AuditPart, Base):
    """An interview cited as objective evidence of a finding (CAP: "anonymised interview reference").

    Only the link is stored: reports cite the interview by its code and kind, never its notes.
    """

    __tablename__ = "finding_interview"
    __table_args__ = (UniqueConstraint("finding_id", "interview_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id", ondelete="RESTRICT"))
    interview_id: Mapped[str] = mapped_column(ForeignKey("interview.id", ondelete="RESTRICT"))


class Signature(AuditPart, Base):
    """A drawn signature on the CAP at the closing meeting."""

    __tablename__ = "signature"

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(20))  # factory_manager | auditor
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    has_authority: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    image_png: Mapped[bytes] = mapped_column(LargeBinary)
    image_sha256: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the CAP content it was drawn for (package.cap_content): an edit after it shows.
    cap_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")


class SampleDraw(AuditPart, Base):
    """A recorded random draw of workers to interview: the seed makes it reproducible.

    Only what may appear in a report is kept here (codes and strata); names stay in the roster.
    """

    __tablename__ = "sample_draw"

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    seed: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    roster_sha256: Mapped[str] = mapped_column(String(64), default="")
    roster_workers: Mapped[int] = mapped_column(Integer, default=0)
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # {"man_days": .., "individual_interviews": .., ...} as planned from the headcount
    plan: Mapped[dict] = mapped_column(JSONText, default=dict)
    # [{"code": "W-01", "stratum": {...}, "reasons": [...]}]
    drawn: Mapped[list] = mapped_column(JSONText, default=list)
    # Underage / young-worker flags found in the roster, without names: [{"code"|"row", "age", "kind", "text"}]
    age_flags: Mapped[list] = mapped_column(JSONText, default=list)
