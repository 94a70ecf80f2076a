"""The store keeps markers, the app sees values.

Written: before a flush, each confidential value of a sealed-mode audit goes to the vault and the
row is flushed with its marker (so the database file, its WAL and its backups never hold the text);
the event log records markers too (`public_changes`): a change happened, and which, never what was
written. After the flush the objects show their values again. After the commit, values no row
names any more (edited away, deleted) are removed from the vault.
Read: a row loaded with markers shows the values the vault holds; a marker it does not hold (a
package opened without the firm's key, an erased audit) stays a marker.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from auditor_app.confidential.audit_values import AuditValues, for_session
from auditor_app.confidential.fields import CONFIDENTIAL, has_plain_parts, markers_in
from auditor_app.store import json_tracking
from auditor_app.store.models import Audit, Interview, SampleDraw, SurveyResponse

_RESTORE = "confidential_restore"  # [(obj, field, value)] to show again after the flush
_DROP = "confidential_drop"  # [(audit_id, [markers])] to remove from the vault after the commit
MODELS = (Interview, SampleDraw, SurveyResponse)


def start_new_audits(session: Session, values: AuditValues | None) -> None:
    """Every audit created from now on keeps its confidential values sealed: it gets its key."""
    if values is None:
        return
    for obj in session.new:
        if isinstance(obj, Audit) and obj.id is not None:
            values.keys.create(obj.id)


def adopt_copied_values(session: Session, values: AuditValues | None) -> None:
    """A new revision copies its rows from the audit it supersedes, markers included: show them
    with the values of that audit's vault, so they are sealed again under the new audit's key."""
    if values is None:
        return
    for obj in session.new:
        if not isinstance(obj, MODELS) or obj.audit_id is None:
            continue
        fields = [f for f in CONFIDENTIAL[obj.__tablename__] if markers_in(f, getattr(obj, f))]
        if not fields:
            continue
        with session.no_autoflush:
            audit = session.get(Audit, obj.audit_id)
        source = audit.supersedes_id if audit is not None else None
        for f in fields:
            shown = values.show(source, f, getattr(obj, f)) if source else getattr(obj, f)
            setattr(obj, f, shown)


def public_changes(values: AuditValues | None, audit_id: str, table: str, row_id: str, action: str,
                   changes: dict) -> dict:
    """An event's changes with markers in place of confidential values."""
    fields = [f for f in CONFIDENTIAL.get(table, ()) if f in changes]
    if values is None or not fields or not values.sealed_mode(audit_id):
        return changes
    if action != "update":
        return values.public_row(table, changes, audit_id)
    out = dict(changes)
    for f in fields:
        old, new = changes[f]
        out[f] = [values.hide(audit_id, table, f, row_id, old)[0], values.hide(audit_id, table, f, row_id, new)[0]]
    return out


def hide_before_flush(session: Session, values: AuditValues | None, changed: list[tuple[Any, str, str, dict]]) -> None:
    """`changed`: (row, audit id, action, changes) of this flush, after the events were made."""
    if values is None:
        return
    restore, drop = session.info.setdefault(_RESTORE, []), session.info.setdefault(_DROP, [])
    for obj, audit_id, action, changes in changed:
        table = getattr(obj, "__tablename__", "")
        if table not in CONFIDENTIAL or not values.sealed_mode(audit_id):
            continue
        for f in CONFIDENTIAL[table]:
            if action == "delete":
                drop.append((audit_id, markers_in(f, values.hide(audit_id, table, f, obj.id, changes.get(f))[0])))
                continue
            value = inspect(obj).dict.get(f)
            if not has_plain_parts(f, value):
                continue
            public, kept = values.hide(audit_id, table, f, obj.id, value, keep=True)
            setattr(obj, f, public)
            restore.append((obj, f, value))
            if action == "update" and f in changes:
                old = markers_in(f, values.hide(audit_id, table, f, obj.id, changes[f][0])[0])
                drop.append((audit_id, [m for m in old if m not in kept]))


def _after_flush_postexec(session: Session, _context) -> None:
    for obj, field, value in session.info.pop(_RESTORE, []):
        set_committed_value(obj, field, value)
        json_tracking._remember(obj)  # the JSON snapshot holds what the app sees, not the markers


def _after_commit(session: Session) -> None:
    values = for_session(session) if session.info.get(_DROP) else None
    for audit_id, markers in session.info.pop(_DROP, []):
        if values is not None:
            values.vault.drop(audit_id, markers)


def _after_rollback(session: Session) -> None:
    session.info.pop(_DROP, None)
    session.info.pop(_RESTORE, None)


def _show(target, context, attrs=None) -> None:
    session = getattr(context, "session", None)
    state = inspect(target)
    fields = [f for f in CONFIDENTIAL[target.__tablename__] if f in state.dict and (attrs is None or f in attrs)]
    if session is None or not any(markers_in(f, state.dict[f]) for f in fields):
        return
    values = for_session(session)
    if values is None:
        return
    for f in fields:
        set_committed_value(target, f, values.show(state.dict.get("audit_id"), f, state.dict[f]))


def _on_load(target, context) -> None:
    _show(target, context)


def _on_refresh(target, context, attrs) -> None:
    _show(target, context, attrs)


def install(session_factory) -> None:
    for model in MODELS:
        if not event.contains(model, "load", _on_load):
            # First: the JSON snapshot (json_tracking) must see the values the app sees.
            event.listen(model, "load", _on_load, insert=True)
            event.listen(model, "refresh", _on_refresh, insert=True)
    event.listen(session_factory, "after_flush_postexec", _after_flush_postexec)
    event.listen(session_factory, "after_commit", _after_commit)
    event.listen(session_factory, "after_rollback", _after_rollback)
