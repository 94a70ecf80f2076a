"""The audit list as the main window and `auditor-app list` show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from auditor_app.store.models import Audit, FactoryProfile, Finding


@dataclass(frozen=True)
class AuditSummary:
    id: str
    audit_type: str
    state: str
    revision: int
    factory_name: str
    factory_name_local: str
    connect_id: str
    planned_start: date | None
    actual_start: date | None
    checklist_version: str
    open_findings: int
    sealed: bool
    supersedes_id: str | None


def list_audits(session: Session, search: str = "", state: str | None = None,
                audit_type: str | None = None, factory: str | None = None) -> list[AuditSummary]:
    open_count = (select(Finding.audit_id, func.count().label("n"))
                  .where(Finding.status != "closed", Finding.deleted_at.is_(None))
                  .group_by(Finding.audit_id).subquery())
    query = (select(Audit, FactoryProfile, func.coalesce(open_count.c.n, 0))
             .join(FactoryProfile, FactoryProfile.audit_id == Audit.id)
             .outerjoin(open_count, open_count.c.audit_id == Audit.id))
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(FactoryProfile.name.ilike(like), FactoryProfile.name_local.like(like),
                                FactoryProfile.connect_id.ilike(like), Audit.id.ilike(like),
                                FactoryProfile.address.ilike(like), FactoryProfile.address_local.like(like)))
    if state:
        query = query.where(Audit.state == state)
    if audit_type:
        query = query.where(Audit.audit_type == audit_type)
    if factory:
        query = query.where(FactoryProfile.name == factory)
    query = query.order_by(Audit.created_at.desc())
    return [AuditSummary(
        id=a.id, audit_type=a.audit_type, state=a.state, revision=a.revision, factory_name=f.name,
        factory_name_local=f.name_local, connect_id=f.connect_id, planned_start=a.planned_start,
        actual_start=a.actual_start, checklist_version=a.checklist_version, open_findings=n,
        sealed=a.seal is not None, supersedes_id=a.supersedes_id,
    ) for a, f, n in session.execute(query)]


def resolve_audit_id(session: Session, text: str) -> str:
    """An audit id from a full id or a unique prefix (what a user types on the command line)."""
    matches = session.scalars(select(Audit.id).where(Audit.id.like(f"{text}%"))).all()
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise LookupError(f"no audit with id {text!r}")
    raise LookupError(f"{text!r} matches {len(matches)} audits; type more of the id")
