"""Test audits in states the store guards: finalized (it needs a seal), or tampered with from outside."""

from __future__ import annotations


from auditor_app.store.db import raw_connection
from auditor_app.store.models import Audit
from auditor_app.store.types import utcnow


def mark_finalized(session, audit_id: str) -> None:
    """Freeze an audit for a test without the whole finalize operation (a made-up seal)."""
    audit = session.get(Audit, audit_id)
    audit.seal, audit.sealed_at, audit.state = "0" * 64, utcnow(), "finalized"


def tamper(store, sql: str) -> None:
    """Edit the database file as an attacker would: outside the app, after dropping its triggers."""
    raw = raw_connection(store.folder)  # keyed: the database is encrypted
    with raw:
        for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            raw.execute(f"DROP TRIGGER {name}")
        raw.execute(sql)
    raw.close()
