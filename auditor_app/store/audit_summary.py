"""One line of the audit list: what the main window and `auditor-app list` show of an audit.

Its own module, free of SQLAlchemy, so that the window's first list (`store.start_list`) can be read
before the ORM is imported."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class AuditSummary(NamedTuple):  # not a dataclass: defined at every start (docs/architecture.md)
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
