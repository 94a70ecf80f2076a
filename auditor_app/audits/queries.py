"""The audit list as the main window and `auditor-app list` show it."""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from auditor_app.errors import AuditIdError
from auditor_app.store.audit_summary import AuditSummary
from auditor_app.store.models import Audit, FactoryProfile, Finding

__all__ = ["AuditSummary", "list_audits", "resolve_audit_id"]


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


# What a user may type for an audit: its id (a UUID, as `auditor-app list` shows its first 8
# characters) or a start of it. Checked in Python and compared with `substr`, not LIKE, so that
# "%", "_" or "" can never stand for "any audit".
_ID_TEXT = re.compile(r"[0-9a-f-]+")
MIN_PREFIX = 4
_ID_LOOKS = ("An audit id is made of the digits 0-9, the letters a-f and dashes, like "
             "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f; give it whole or its first 4 characters or more, "
             "as `auditor-app list` shows them.")


def resolve_audit_id(session: Session, text: str) -> str:
    """An audit id from a full id or a unique start of it (what a user types on the command line).

    Raises AuditIdError (a LookupError) for text that is no id, or that names no or several audits."""
    wanted = text.strip().lower()
    if not wanted:
        raise AuditIdError("no audit id was given", _ID_LOOKS)
    if not _ID_TEXT.fullmatch(wanted):
        raise AuditIdError(f"{text!r} is not an audit id", _ID_LOOKS)
    if session.scalar(select(Audit.id).where(Audit.id == wanted)) is not None:
        return wanted
    if len(wanted) < MIN_PREFIX:
        raise AuditIdError(f"{text!r} is too short to pick an audit", _ID_LOOKS)
    matches = session.scalars(select(Audit.id)
                              .where(func.substr(Audit.id, 1, len(wanted)) == wanted)).all()
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AuditIdError(f"no audit with id {text!r}",
                           "`auditor-app list` shows the audits and their ids.", matches=0)
    raise AuditIdError(f"{text!r} matches {len(matches)} audits; type more of the id",
                       "`auditor-app list` shows the audits and their ids.", matches=len(matches))
