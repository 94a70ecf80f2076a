"""The one door for every change to an audit (Anki's `CollectionOp` pattern, without Qt).

An operation is a function `op(session, *args, **kwargs)` in `auditor_app.audits`, marked with
`@operation`: it validates its input, changes rows through the session it is given (the store logs
every change and enforces its own rules) and returns what its caller needs (an id, a snapshot for
undo). `run_operation` runs one in its own transaction and says what it changed: the audits, the
tables and the rows touched, read off the flush itself, so no operation can forget to report one.

The window runs operations in its one serial writer (`ui/operations.py`), the command line, the demo
and the importer call the same functions; nothing else writes an audit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from sqlalchemy import event

from auditor_app.errors import UserFacingError

F = TypeVar("F", bound=Callable[..., Any])
_OPERATIONS: dict[str, Callable[..., Any]] = {}


class InvalidChange(UserFacingError, ValueError):
    """An operation refused its input (an unknown field, a value out of range); nothing was written."""


def operation(fn: F) -> F:
    """Mark `fn(session, ...)` as an operation on audits (the writer runs nothing else)."""
    fn.__audit_operation__ = True  # type: ignore[attr-defined]
    _OPERATIONS[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def is_operation(fn: Any) -> bool:
    return bool(getattr(fn, "__audit_operation__", False))


def operations() -> dict[str, Callable[..., Any]]:
    """Every registered operation by its qualified name (for tests and documentation)."""
    return dict(_OPERATIONS)


@dataclass
class OpChanges:
    """What one operation changed: audits, tables and row ids touched, and the operation's result."""

    audit_ids: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    rows: dict[str, set[str]] = field(default_factory=dict)
    result: Any = None

    def touched(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


def _collector(changes: OpChanges):
    def collect(session, _flush_context) -> None:
        # after_flush: ids and defaults are set, and new/dirty/deleted still list this flush's rows.
        for obj in list(session.new) + list(session.dirty) + list(session.deleted):
            table = getattr(obj, "__tablename__", None)
            if table is None or table == "event":
                continue
            changes.tables.add(table)
            changes.rows.setdefault(table, set()).add(obj.id)
            audit_id = obj.id if table == "audit" else getattr(obj, "audit_id", None)
            if audit_id:
                changes.audit_ids.add(audit_id)
    return collect


def run_operation(store, op: Callable[..., Any], *args: Any, **kwargs: Any) -> OpChanges:
    """Run one operation in its own transaction (all or nothing); return what it changed."""
    if not is_operation(op):
        raise TypeError(f"{getattr(op, '__qualname__', op)!r} is not an audit operation; "
                        "changes to audits go through the functions of auditor_app.audits")
    changes = OpChanges()
    with store.transaction() as session:
        event.listen(session, "after_flush", _collector(changes))
        changes.result = op(session, *args, **kwargs)
    return changes
