"""Evidence: photos and scans, stored by the SHA-256 of their original bytes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.types import UTCDateTime


class Evidence(AuditPart, Base):
    __tablename__ = "evidence"
    # The same photo imported twice into one audit is one piece of evidence.
    __table_args__ = (UniqueConstraint("audit_id", "sha256"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(String(500))
    media_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    # When the camera says it was taken (EXIF DateTimeOriginal), else the file's time.
    captured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "exif": the camera's own time; "file": only the file's time was known; "": imported before 0010.
    captured_from: Mapped[str] = mapped_column(String(8), default="", server_default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Deleting a photo row deletes its links through the session, so each delete is an event.
    finding_links: Mapped[list["FindingEvidence"]] = relationship(cascade="all, delete")
    area_links: Mapped[list["AreaEvidence"]] = relationship(cascade="all, delete")
    document_links: Mapped[list["DocumentEvidence"]] = relationship(cascade="all, delete")


class FindingEvidence(AuditPart, Base):
    __tablename__ = "finding_evidence"
    __table_args__ = (UniqueConstraint("finding_id", "evidence_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id", ondelete="RESTRICT"))
    evidence_id: Mapped[str] = mapped_column(ForeignKey("evidence.id", ondelete="RESTRICT"))


class AreaEvidence(AuditPart, Base):
    __tablename__ = "area_evidence"
    __table_args__ = (UniqueConstraint("tour_area_id", "evidence_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    tour_area_id: Mapped[str] = mapped_column(ForeignKey("tour_area.id", ondelete="RESTRICT"))
    evidence_id: Mapped[str] = mapped_column(ForeignKey("evidence.id", ondelete="RESTRICT"))


class DocumentEvidence(AuditPart, Base):
    """A photo of a document reviewed (a page of the payroll, a certificate)."""

    __tablename__ = "document_evidence"
    __table_args__ = (UniqueConstraint("document_check_id", "evidence_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    document_check_id: Mapped[str] = mapped_column(ForeignKey("document_check.id", ondelete="RESTRICT"))
    evidence_id: Mapped[str] = mapped_column(ForeignKey("evidence.id", ondelete="RESTRICT"))
