"""The store's own rules, checked on every flush and every statement, so no caller can forget them.

- A finalized (or later) audit is frozen: its rows never change again; corrections are new revisions.
- An audit's state only moves along `vocab.STATE_TRANSITIONS`; finalizing needs a seal.
- Audits are never deleted, and the event log is append-only.
- A row is deleted only together with the rows that refer to it (through the session, so every
  delete is an event); the schema's RESTRICT foreign keys are the second line.
- Bulk UPDATE / DELETE / INSERT statements and raw SQL writes through a session are refused: they
  would change rows without events. Sessions opened for reading refuse to write at all.

SQLite triggers (migration 0006) refuse UPDATE and DELETE on a sealed audit's rows and on events
for any connection, even one that bypasses SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from auditor_app.errors import UserFacingError
from auditor_app.store.models import Audit, AuditPart, Base, Event
from auditor_app.store.rows import BOOKKEEPING
from auditor_app.store.vocab import STATE_TRANSITIONS

# Fields of the audit row that may still change after it is finalized: its life after the seal.
POST_SEAL_FIELDS = frozenset({"state", "current_status", "termination_triggers", "follow_ups_in_cycle",
                              "initial_cycle"}) | BOOKKEEPING
PROTECTED_TABLES = frozenset(Base.metadata.tables) - {"alembic_version"}


class StoreRuleBroken(UserFacingError):
    """A change the store refuses: it would break the audit record's rules."""


class AuditFrozen(StoreRuleBroken):
    """A change was attempted on an audit that is finalized (or later)."""


def table_label(name: str) -> str:
    return name.replace("_", " ")


def refuse_writes_in_read_only(session: Session) -> None:
    if session.info.get("read_only") and (session.new or session.deleted or any(
            session.is_modified(obj, include_collections=False) for obj in session.dirty)):
        raise StoreRuleBroken("this view only reads the audit; the change was not saved",
                              "changes go through the audit operations (auditor_app.audits)")


def check_events_append_only(session: Session) -> None:
    for obj in session.deleted:
        if isinstance(obj, Event):
            raise StoreRuleBroken("the event log is append-only: an event cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, Event) and session.is_modified(obj, include_collections=False):
            raise StoreRuleBroken("the event log is append-only: an event cannot be changed")
    for obj in session.new:
        if isinstance(obj, Event) and not getattr(obj, "_chained", False):
            raise StoreRuleBroken("events are written by the store itself, in its chain; "
                                  "record a named event with eventlog.record_event")


def check_audit_change(action: str, audit: Audit, changes: dict) -> None:
    """The audit row: created as a draft, never deleted, frozen once sealed, states in order."""
    if action == "create":
        if (audit.state or "draft") != "draft":
            raise StoreRuleBroken(f"a new audit starts as a draft, not {audit.state}",
                                  "finalize it through the finalize operation")
        return
    if action == "delete":
        raise StoreRuleBroken("audits are never deleted: the record and its event log stay")
    old_state, new_state = changes.get("state", [audit.state, audit.state])
    if old_state != new_state:
        if new_state not in STATE_TRANSITIONS.get(old_state, set()):
            raise AuditFrozen(f"an audit that is {old_state} cannot become {new_state}",
                              "a sealed audit is corrected in a new revision")
        if new_state == "finalized" and not (audit.seal and audit.sealed_at):
            raise StoreRuleBroken("an audit is finalized only with its seal")
    if old_state != "draft":
        frozen = sorted(set(changes) - POST_SEAL_FIELDS)
        if frozen:
            raise AuditFrozen(f"this audit is {old_state}: its {', '.join(frozen)} cannot change",
                              "start a new revision to correct it")


def check_part_change(session: Session, obj: AuditPart, audit_id: str | None) -> None:
    """Any other row of an audit: only while the audit is a draft."""
    if audit_id is None:
        raise StoreRuleBroken(f"a {table_label(type(obj).__tablename__)} row must belong to an audit")
    with session.no_autoflush:
        audit = session.get(Audit, audit_id)
    if audit is None:
        return  # the database refuses a row that names no audit (foreign key)
    state = inspect(audit).committed_state.get("state", audit.state)
    if state != "draft":
        raise AuditFrozen(f"this audit is {state}: its {table_label(type(obj).__tablename__)} rows "
                          "cannot change", "start a new revision to correct it")


def _referrers(table_name: str) -> list[tuple]:
    """(child table, child column) pairs whose foreign key points at `table_name`."""
    out = []
    for table in Base.metadata.tables.values():
        for fk in table.foreign_keys:
            if fk.column.table.name == table_name:
                out.append((table, fk.parent))
    return out


def check_deletes_keep_references(session: Session, deleted: list[AuditPart]) -> None:
    """A row is deleted only with everything that refers to it, deleted in the same flush."""
    gone: dict[str, set[str]] = {}
    for obj in deleted:
        gone.setdefault(type(obj).__tablename__, set()).add(obj.id)
    for obj in deleted:
        name = type(obj).__tablename__
        for table, column in _referrers(name):
            if table.name == "event":
                continue  # events name the audit; audits are never deleted (checked above)
            query = select(func.count()).select_from(table).where(column == obj.id)
            if gone.get(table.name):
                query = query.where(table.c.id.not_in(gone[table.name]))
            with session.no_autoflush:
                left = session.execute(query).scalar_one()
            if left:
                raise StoreRuleBroken(
                    f"the {table_label(name)} cannot be removed while {left} {table_label(table.name)} "
                    f"row(s) refer to it", "remove or re-point those first, in the same operation")


def refuse_bulk_writes(state) -> None:
    """`do_orm_execute`: statements that change rows without the ORM's unit of work are refused."""
    statement = state.statement
    if isinstance(statement, TextClause):
        words = str(statement).lstrip().split(None, 1)
        if words and words[0].upper() not in ("SELECT", "WITH", "PRAGMA", "EXPLAIN"):
            raise StoreRuleBroken("raw SQL that writes is refused: it would change audit rows without "
                                  "an event", "use an audit operation")
        return
    if state.is_update or state.is_delete or getattr(state, "is_insert", False):
        target = getattr(getattr(statement, "table", None), "name", None)
        if target is None or target in PROTECTED_TABLES:
            raise StoreRuleBroken("bulk changes to audit tables are refused: every change must be an "
                                  "event", "change rows one by one through an audit operation")
