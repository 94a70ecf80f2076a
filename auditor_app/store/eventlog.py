"""The event log: every change to an audit's substance appends a hash-chained event.

Confidential values (interview notes, quotes not marked quotable, the draw's seed) are logged as
markers, keyed hashes (`auditor_app.confidential`): the log shows that and when they changed, never
what they said, so text deleted from a note is gone from the log too.

A `before_flush` hook sees every insert, update and delete of an `AuditPart` row, so no code path
can change an audit without leaving a trace. Before logging, it applies the store's rules
(`guards`): a finalized audit is frozen (corrections go into a new revision), states move in order,
deletes take their dependants with them, bulk statements are refused. There is no flag that turns
any of this off: importing a package is its own path (`verified_import`), which checks the chain it
inserts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from auditor_app.confidential import orm as confidential
from auditor_app.confidential.audit_values import for_session
from auditor_app.store import guards, json_tracking
from auditor_app.store.canonical import canonical_hash
from auditor_app.store.guards import AuditFrozen, StoreRuleBroken
from auditor_app.store.models import Audit, AuditPart, Event
from auditor_app.store.rows import BOOKKEEPING, row_to_dict, to_json_value
from auditor_app.store.types import new_id, utcnow

__all__ = ["AuditFrozen", "GENESIS", "StoreRuleBroken", "audit_events", "chain_problems", "event_fields",
           "event_hash", "install", "record_event"]

GENESIS = "0" * 64
# A private key: only `verified_import` opens an import scope, for one new audit at a time.
IMPORT_SCOPE = object()


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
        ev._chained = True  # guards.check_events_append_only: only the chain writes events
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


def _audit_id_of(obj) -> str | None:
    if isinstance(obj, Audit):
        return obj.id
    if obj.audit_id is None and getattr(obj, "audit", None) is not None:
        obj.audit_id = obj.audit.id
    return obj.audit_id


def _changed_fields(obj, json_old: dict) -> dict:
    state = inspect(obj)
    changes = {}
    for col in inspect(type(obj)).columns:
        if col.key in BOOKKEEPING:
            continue
        hist = state.attrs[col.key].history
        if hist.has_changes():
            if (id(obj), col.key) in json_old:
                old = json_old[(id(obj), col.key)]
            else:
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


def _collect(session: Session, json_old: dict) -> list[_Change]:
    out: list[_Change] = []
    for obj in list(session.new):
        if isinstance(obj, AuditPart):
            _apply_defaults(obj)
            out.append(_Change(obj, "create", row_to_dict(obj, skip=BOOKKEEPING)))
    for obj in list(session.dirty):
        if isinstance(obj, AuditPart) and session.is_modified(obj, include_collections=False):
            changes = _changed_fields(obj, json_old)
            if changes:
                out.append(_Change(obj, "update", changes))
    for obj in list(session.deleted):
        if isinstance(obj, AuditPart):
            out.append(_Change(obj, "delete", row_to_dict(obj, skip=BOOKKEEPING)))
    return out


def before_flush(session: Session, flush_context, instances) -> None:
    scope = session.info.get(IMPORT_SCOPE)
    if scope is not None:
        scope.check(session)  # only the verified rows of one new audit, no events of ours
        return
    guards.refuse_writes_in_read_only(session)
    guards.check_events_append_only(session)
    json_old = json_tracking.flag_in_place_edits(session)
    values = for_session(session)
    confidential.adopt_copied_values(session, values)
    changes = _collect(session, json_old)
    for change in changes:
        audit_id = _audit_id_of(change.obj)
        if isinstance(change.obj, Audit):
            guards.check_audit_change(change.action, change.obj, change.changes)
        else:
            guards.check_part_change(session, change.obj, audit_id)
    guards.check_deletes_keep_references(session, [c.obj for c in changes if c.action == "delete"])
    confidential.start_new_audits(session, values)
    chain = _Chain(session)
    logged = []
    for change in changes:
        audit_id = _audit_id_of(change.obj)
        assert audit_id is not None  # check_part_change refused a row without one; an audit has its id
        table = change.obj.__tablename__
        chain.append(audit_id, change.action, table, change.obj.id,
                     confidential.public_changes(values, audit_id, table, change.obj.id, change.action, change.changes))
        logged.append((change.obj, audit_id, change.action, change.changes))
    confidential.hide_before_flush(session, values, logged)


def install(session_factory) -> None:
    """Every rule on every session the store makes: the chain, the guards, JSON tracking."""
    from sqlalchemy import event

    event.listen(session_factory, "before_flush", before_flush)
    event.listen(session_factory, "do_orm_execute", guards.refuse_bulk_writes)
    confidential.install(session_factory)  # before json_tracking: its snapshots see shown values
    json_tracking.install(session_factory)


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
