"""JSON columns edited in place are saved and logged like any other change.

SQLAlchemy only sees assignments: `meeting.attendees.append(...)` would be neither written nor
logged. Each loaded row keeps the canonical text of its JSON values; before a flush, a value whose
text differs is flagged modified, and its old value (from the snapshot) goes into the event.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from auditor_app.store.models import AUDIT_TABLES
from auditor_app.store.types import JSONText

_KEY = "json_snapshot"
_HELD = "json_rows_held"


def _json_keys(model) -> tuple[str, ...]:
    return tuple(c.key for c in inspect(model).columns if isinstance(c.type, JSONText))


JSON_KEYS: dict[type, tuple[str, ...]] = {model: keys for model in AUDIT_TABLES if (keys := _json_keys(model))}


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _remember(obj) -> None:
    keys = JSON_KEYS.get(type(obj))
    if keys:
        state = inspect(obj)
        state.info[_KEY] = {k: _text(state.dict[k]) if k in state.dict else None for k in keys}


def _on_load(target, context) -> None:
    _remember(target)
    # The session holds unmodified rows weakly: one edited in place and then dropped by the caller
    # would vanish with its edit before the commit. Hold rows with JSON values for the session's life.
    session = getattr(context, "session", None)
    if session is not None:
        session.info.setdefault(_HELD, []).append(target)


def _on_refresh(target, _context, _attrs) -> None:
    _remember(target)


def flag_in_place_edits(session: Session) -> dict[tuple[int, str], Any]:
    """Flag JSON values changed in place; returns {(id(obj), key): old value} for the event log."""
    old: dict[tuple[int, str], Any] = {}
    for obj in list(session.identity_map.values()):
        keys = JSON_KEYS.get(type(obj))
        if not keys:
            continue
        state = inspect(obj)
        snapshot = state.info.get(_KEY)
        if snapshot is None:
            continue
        for key in keys:
            before = snapshot.get(key)
            if before is None or key not in state.dict:
                continue  # not loaded: nothing can have been edited in place
            if state.attrs[key].history.has_changes():
                old[(id(obj), key)] = json.loads(before)  # assigned: the snapshot is the true old value
            elif _text(state.dict[key]) != before:
                flag_modified(obj, key)
                old[(id(obj), key)] = json.loads(before)
    return old


def _after_flush(session: Session, _context) -> None:
    for obj in list(session.new) + list(session.dirty):
        _remember(obj)


def _before_commit(session: Session) -> None:
    # A session whose only change is an in-place edit looks clean and would skip its flush.
    flag_in_place_edits(session)


def install(session_factory) -> None:
    event.listen(session_factory, "before_commit", _before_commit)
    for model in JSON_KEYS:
        event.listen(model, "load", _on_load)
        event.listen(model, "refresh", _on_refresh)
    event.listen(session_factory, "after_flush", _after_flush)
