"""From a downloaded assignment to a draft audit: the arguments of `audits.creation.create_audit`, and
which assignments this laptop has already started (`<data folder>/connect/started.json`)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.creation import PROFILE_FIELDS, TEAM_ROLES
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.store.models import Audit, FactoryProfile
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import write_atomic
from auditor_app.sync.credentials import folder_of

STARTED = "started.json"
LEAD = TEAM_ROLES[0]


def audit_arguments(assignment: dict[str, Any], user: dict[str, Any] | None = None) -> dict[str, Any]:
    """`create_audit`'s keyword arguments for `assignment` (as downloaded, JSON): its audit type, the
    factory profile (fields the app does not know are left out), the window as the planned dates, and the
    signed-in user as lead auditor with their firm. Headcounts the platform did not give stay empty, so the
    New audit rules ask for them."""
    factory = {k: v for k, v in (assignment.get("factory") or {}).items() if k in PROFILE_FIELDS}
    factory.setdefault("name", "")
    name = str((user or {}).get("name") or "").strip()
    return {
        "audit_type": str(assignment.get("audit_type", "")),
        "factory": factory,
        "planned_start": _day(assignment.get("window_start")),
        "planned_end": _day(assignment.get("window_end")),
        "team": [{"name": name, "role": LEAD}] if name else [],
        "audit_firm": str((user or {}).get("firm_name") or ""),
    }


def previous_audit_here(session: Session, assignment: dict[str, Any]) -> str | None:
    """The audit on this laptop a visit assignment follows (a Progress Visit, a follow-up ...): the
    assignment's `previous_audit_id` when that audit is here, else the latest sealed audit of the same
    factory (its Connect id). None for an audit type that is not a visit, or when none is here; then
    the visit starts as a new audit."""
    if str(assignment.get("audit_type", "")) not in load_visit_types():
        return None
    named = str(assignment.get("previous_audit_id") or "")
    if named and session.get(Audit, named) is not None:
        return named
    connect_id = str((assignment.get("factory") or {}).get("connect_id") or "").strip()
    if not connect_id:
        return None
    latest = session.execute(
        select(Audit.id).join(FactoryProfile, FactoryProfile.audit_id == Audit.id)
        .where(FactoryProfile.connect_id == connect_id, Audit.state != "draft")
        .order_by(Audit.actual_start.desc().nulls_last(), Audit.created_at.desc())).first()
    return latest[0] if latest else None


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def started_audits(folder: DataFolder) -> dict[str, str]:
    """{assignment id: audit id} of the assignments started on this laptop."""
    try:
        found = json.loads((folder_of(folder) / STARTED).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def record_started(folder: DataFolder, assignment_id: str, audit_id: str) -> None:
    started = started_audits(folder)
    started[assignment_id] = audit_id
    folder_of(folder).mkdir(parents=True, exist_ok=True)
    write_atomic(folder_of(folder) / STARTED, json.dumps(started, indent=2, sort_keys=True).encode("utf-8"))
