"""The event log: every change to an audit's substance appends a hash-chained event.

A `before_flush` hook sees every insert, update and delete of an `AuditPart` row, so no code path
can change an audit without leaving a trace. The same hook refuses changes to an audit that is no
longer a draft: a finalized audit is frozen; corrections go into a new revision.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from auditor_app.store.canonical import canonical_hash
from auditor_app.store.models import Audit, AuditPart, Event
from auditor_app.store.rows import BOOKKEEPING, row_to_dict, to_json_value
from auditor_app.store.types import new_id, utcnow

GENESIS = "0" * 64
# Fields of the audit row that may still change after it is finalized: its life after the seal.
POST_SEAL_FIELDS = frozenset({"state", "current_status"}) | BOOKKEEPING


class AuditFrozen(Exception):
    """A change was attempted on an audit that is finalized (or later)."""


def event_hash(fields: dict) -> str:
    return canonical_hash({k: fields[k] for k in (
        "audit_id", "seq", "at", "actor", "action", "entity", "entity_id", "changes", "prev_hash")})


def event_fields(ev: Event) -> dict:
    return {
        "audit_id": ev.audit_id, "seq": ev.seq, "at": to_json_value(ev.at), "actor": ev.actor,
        "action": ev.action, "entity": ev.entity, "entity_id": ev.entity_id,
        "changes": ev.changes, "prev_hash": ev.prev_hash, "hash": ev.hash,
    }


class _Chain:
    """The head of each audit's chain during one flush."""

    def __init__(self, session: Session):
        self.session = session
        self.heads: dict[str, tuple[int, str]] = {}

    def append(self, audit_id: str, action: str, entity: str, entity_id: str, changes: dict) -> Event:
        if audit_id not in self.heads:
            with self.session.no_autoflush:
                last = self.session.execute(
                    select(Event.seq, Event.hash).where(Event.audit_id == audit_id)
                    .order_by(Event.seq.desc()).limit(1)).first()
            self.heads[audit_id] = (last[0], last[1]) if last else (0, GENESIS)
        seq, prev = self.heads[audit_id]
        ev = Event(audit_id=audit_id, seq=seq + 1, at=utcnow(),
                   actor=self.session.info.get("actor", "system"), action=action,
                   entity=entity, entity_id=entity_id, changes=changes, prev_hash=prev)
        ev.hash = event_hash(event_fields(ev))
        self.heads[audit_id] = (ev.seq, ev.hash)
        self.session.add(ev)
        return ev


def record_event(session: Session, audit_id: str, action: str, entity: str, entity_id: str,
                 changes: dict) -> None:
    """Append a named event (finalize, import, ...) that no row change describes by itself.

    Pending row changes are flushed first so that their events come before this one in the chain.
    """
    session.flush()
    _Chain(session).append(audit_id, action, entity, entity_id, changes)
    session.flush()


def _apply_defaults(obj) -> None:
    # Column defaults normally apply at INSERT; apply them now so the create event shows real values.
    for col in inspect(type(obj)).columns:
        if getattr(obj, col.key) is None and col.default is not None:
            arg = col.default.arg
            setattr(obj, col.key, arg(None) if col.default.is_callable else arg)
    if obj.id is None:
        obj.id = new_id()


def _audit_id_of(obj) -> str:
    if isinstance(obj, Audit):
        return obj.id
    if obj.audit_id is None and getattr(obj, "audit", None) is not None:
        obj.audit_id = obj.audit.id
    return obj.audit_id


def _changed_fields(obj) -> dict:
    state = inspect(obj)
    changes = {}
    for col in inspect(type(obj)).columns:
        if col.key in BOOKKEEPING:
            continue
        hist = state.attrs[col.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                changes[col.key] = [to_json_value(old), to_json_value(new)]
    return changes


@dataclass
class _Change:
    obj: AuditPart
    action: str
    changes: dict


def _collect(session: Session) -> list[_Change]:
    out: list[_Change] = []
    for obj in list(session.new):
        if isinstance(obj, AuditPart):
            _apply_defaults(obj)
            out.append(_Change(obj, "create", row_to_dict(obj, skip=BOOKKEEPING)))
    for obj in list(session.dirty):
        if isinstance(obj, AuditPart) and session.is_modified(obj, include_collections=False):
            changes = _changed_fields(obj)
            if changes:
                out.append(_Change(obj, "update", changes))
    for obj in list(session.deleted):
        if isinstance(obj, AuditPart):
            out.append(_Change(obj, "delete", row_to_dict(obj, skip=BOOKKEEPING)))
    return out


def _check_not_frozen(session: Session, change: _Change, audit_id: str) -> None:
    if session.info.get("allow_frozen"):
        return
    if isinstance(change.obj, Audit):
        if change.action == "create":
            return
        old_state = change.changes.get("state", [change.obj.state])[0]
        if old_state != "draft" and set(change.changes) - POST_SEAL_FIELDS:
            raise AuditFrozen(f"audit {audit_id} is {old_state}: it cannot be edited; start a new revision")
        return
    with session.no_autoflush:
        audit = session.get(Audit, audit_id)
    if audit is not None and inspect(audit).committed_state.get("state", audit.state) != "draft":
        raise AuditFrozen(f"audit {audit_id} is {audit.state}: its {type(change.obj).__tablename__} "
                          "rows cannot be changed; start a new revision")


def before_flush(session: Session, flush_context, instances) -> None:
    if session.info.get("replaying"):
        return
    chain = _Chain(session)
    for change in _collect(session):
        audit_id = _audit_id_of(change.obj)
        _check_not_frozen(session, change, audit_id)
        chain.append(audit_id, change.action, change.obj.__tablename__, change.obj.id, change.changes)


def install(session_factory) -> None:
    from sqlalchemy import event

    event.listen(session_factory, "before_flush", before_flush)


def chain_problems(events: list[dict]) -> list[str]:
    """Check one audit's events (as `event_fields` dicts, in seq order); [] when the chain is intact.

    A removed event shows as a gap or a broken link, an edited one as a hash mismatch.
    """
    problems = []
    prev = GENESIS
    for expected_seq, ev in enumerate(events, start=1):
        if ev["seq"] != expected_seq:
            problems.append(f"event {expected_seq} is missing (found seq {ev['seq']} in its place)")
            return problems
        if ev["prev_hash"] != prev:
            problems.append(f"event {ev['seq']} does not link to the event before it")
        if event_hash(ev) != ev["hash"]:
            problems.append(f"event {ev['seq']} ({ev['action']} {ev['entity']}) was altered: hash mismatch")
        prev = ev["hash"]
    return problems


def audit_events(session: Session, audit_id: str) -> list[dict]:
    rows = session.scalars(select(Event).where(Event.audit_id == audit_id).order_by(Event.seq))
    return [event_fields(ev) for ev in rows]
