"""The audit and the factory profile as confirmed at that audit."""

from __future__ import annotations

from datetime import date, datetime

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
from auditor_app.store.types import JSONText, UTCDateTime


class Audit(AuditPart, Base):
    __tablename__ = "audit"

    audit_type: Mapped[str] = mapped_column(String(4))
    announced: Mapped[bool] = mapped_column(Boolean, default=False)
    checklist_version: Mapped[str] = mapped_column(String(16))
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_end: Mapped[date | None] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_end: Mapped[date | None] = mapped_column(Date)
    # [{"name": ..., "role": "lead auditor" | "auditor" | "PV specialist" | "trainee"}]
    team: Mapped[list] = mapped_column(JSONText, default=list)
    audit_firm: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(12), default="draft")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # References, not foreign keys: audits travel alone (a lead may review revision 2 or a
    # follow-up without holding the audit it names).
    supersedes_id: Mapped[str | None] = mapped_column(String(36))
    # The audit whose open NCs this follow-up carried over.
    follows_id: Mapped[str | None] = mapped_column(String(36))
    previously_certified: Mapped[bool] = mapped_column(Boolean, default=False)
    current_status: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Days on site: [{"date": "2026-11-18", "time_in": "08:20", "time_out": "18:05"}], factory time.
    site_days: Mapped[list] = mapped_column(JSONText, default=list, server_default="[]")
    # Set once by Finalize: SHA-256 over the canonical JSON of the sealed audit, and the statement
    # that the installation's device key signed (the seal, the head of the event chain, the signer).
    seal: Mapped[str | None] = mapped_column(String(64))
    sealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seal_statement: Mapped[dict] = mapped_column(JSONText, default=dict, server_default="{}")
    # Facts of the certification cycle the status rules need, which may change after the seal:
    # ["no_acceptable_cap" | "audit_refused" | "fee_refused"], follow-up audits so far, first cycle.
    termination_triggers: Mapped[list] = mapped_column(JSONText, default=list, server_default="[]")
    follow_ups_in_cycle: Mapped[int | None] = mapped_column(Integer)
    initial_cycle: Mapped[bool | None] = mapped_column(Boolean)

    @property
    def audit_id(self) -> str:
        return self.id

    factory: Mapped["FactoryProfile"] = relationship(back_populates="audit", uselist=False)


class FactoryProfile(AuditPart, Base):
    """The factory as confirmed at the opening meeting of this audit; a follow-up copies it."""

    __tablename__ = "factory_profile"
    __table_args__ = (UniqueConstraint("audit_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    connect_id: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(300))
    name_local: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    address_local: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(2), default="CN")
    # IANA zone of the factory (e.g. Asia/Shanghai): reports print on-site times in local time.
    timezone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_title: Mapped[str] = mapped_column(String(200), default="")
    headcount_male: Mapped[int] = mapped_column(Integer, default=0)
    headcount_female: Mapped[int] = mapped_column(Integer, default=0)
    headcount_migrant: Mapped[int] = mapped_column(Integer, default=0)
    headcount_young: Mapped[int] = mapped_column(Integer, default=0)
    shifts: Mapped[int] = mapped_column(Integer, default=1)
    departments: Mapped[list] = mapped_column(JSONText, default=list)
    has_dormitory: Mapped[bool] = mapped_column(Boolean, default=False)
    has_canteen: Mapped[bool] = mapped_column(Boolean, default=False)
    # [{"name": ..., "address": ..., "activity": ...}]
    other_sites: Mapped[list] = mapped_column(JSONText, default=list)

    audit: Mapped[Audit] = relationship(back_populates="factory")

    @property
    def headcount(self) -> int:
        return self.headcount_male + self.headcount_female


class StageProgress(AuditPart, Base):
    __tablename__ = "stage_progress"
    __table_args__ = (UniqueConstraint("audit_id", "stage"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    stage: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="not_started")
