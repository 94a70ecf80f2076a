"""What happens on site besides findings: meetings, the tour, the document review."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.types import JSONText, UTCDateTime

if TYPE_CHECKING:
    from auditor_app.store.models.evidence import AreaEvidence


class Meeting(AuditPart, Base):
    """The opening or closing meeting."""

    __tablename__ = "meeting"

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(10))  # opening | closing
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # [{"name": ..., "title": ..., "side": "factory" | "audit"}]
    attendees: Mapped[list] = mapped_column(JSONText, default=list)
    # {"integrity_declaration": "<UTC ISO time signed>", "nda": ..., "important_message": ...}
    forms_signed: Mapped[dict] = mapped_column(JSONText, default=dict)
    # {"visit": true, "photos": true, "interviews": false}
    consents: Mapped[dict] = mapped_column(JSONText, default=dict)
    documents_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    profile_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Closing meeting: the factory's overall position on the findings (agree | partly | dispute) and
    # what it disagrees with; the Zero Tolerance notice to the program (to whom, when), due 24 h after.
    factory_position: Mapped[str] = mapped_column(String(12), default="", server_default="")
    disagreements: Mapped[str] = mapped_column(Text, default="", server_default="")
    zt_notice_to: Mapped[str] = mapped_column(String(300), default="", server_default="")
    zt_notice_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TourArea(AuditPart, Base):
    __tablename__ = "tour_area"

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    observations: Mapped[str] = mapped_column(Text, default="")
    visited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Photo links go with the area; findings that name it must be re-pointed first (guards refuse).
    evidence_links: Mapped[list["AreaEvidence"]] = relationship(cascade="all, delete")


class DocumentCheck(AuditPart, Base):
    """One item of the document request list and what the review found."""

    __tablename__ = "document_check"

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(12), default="requested")
    # ["2026-10 (latest)", "2026-03 (low season)", "2026-08 (peak season)"]
    periods: Mapped[list] = mapped_column(JSONText, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
