"""From a downloaded assignment to a draft audit: the arguments of `audits.creation.create_audit`, and
which assignments this laptop has already started (`<data folder>/connect/started.json`)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from auditor_app.audits.creation import PROFILE_FIELDS, TEAM_ROLES
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
