"""Inserting an audit that comes from elsewhere (an `.escp` file, later the platform), verified.

An imported audit keeps its own event chain verbatim, so its rows are not logged again. That is
only allowed here, for one new audit at a time, after two checks: the chain is intact, and replaying
it (create, update, delete, in order) gives exactly the rows being inserted. A package whose rows
were edited without a matching event is refused, even if its hashes were recomputed. While the rows
go in, the event hook lets through inserts of that audit's rows and events and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from auditor_app.store.eventlog import IMPORT_SCOPE, chain_problems
from auditor_app.store.guards import StoreRuleBroken
from auditor_app.store.models import AUDIT_TABLES, Audit, Event
from auditor_app.store.rows import BOOKKEEPING, dict_to_row

SINGLE = {"audit", "factory_profile"}


class ImportRefused(StoreRuleBroken):
    """The audit cannot be inserted as it is; `problems` lists why (each a sentence)."""

    def __init__(self, problems: list[str]):
        super().__init__("the audit was refused: " + "; ".join(problems))
        self.problems = problems


def _empty(value: Any) -> bool:
    return value is None or value is False or value == 0 or value in ("", [], {})


def _normal(row: dict) -> dict:
    # Fields a later version added are absent from old events and empty in the rows: equal.
    return {k: v for k, v in row.items() if k not in BOOKKEEPING and not _empty(v)}


def replay(events: list[dict]) -> tuple[dict[str, dict[str, dict]], list[str]]:
    """The rows an event chain describes, {table: {id: row}}, and what in it does not add up."""
    tables: dict[str, dict[str, dict]] = {}
    problems: list[str] = []
    for ev in events:
        rows = tables.setdefault(ev["entity"], {})
        action, entity_id, changes = ev["action"], ev["entity_id"], ev["changes"] or {}
        if action == "create":
            if entity_id in rows:
                problems.append(f"event {ev['seq']} creates {ev['entity']} {entity_id[:8]} a second time")
            rows[entity_id] = dict(changes)
        elif action == "update":
            if entity_id not in rows:
                problems.append(f"event {ev['seq']} updates {ev['entity']} {entity_id[:8]}, never created")
                continue
            for key, pair in changes.items():
                rows[entity_id][key] = pair[1]
        elif action == "delete":
            if rows.pop(entity_id, None) is None:
                problems.append(f"event {ev['seq']} deletes {ev['entity']} {entity_id[:8]}, never created")
    return tables, problems


def document_matches_events(document: dict, events: list[dict]) -> list[str]:
    """[] when replaying `events` gives exactly the rows of `document`; else what differs."""
    replayed, problems = replay(events)
    for model in AUDIT_TABLES:
        name = model.__tablename__
        rows = document.get(name)
        rows = ([rows] if rows else []) if name in SINGLE else (rows or [])
        stored = {row["id"]: _normal(row) for row in rows}
        logged = {row_id: _normal(row) for row_id, row in replayed.get(name, {}).items()}
        for row_id in sorted(set(stored) | set(logged)):
            if row_id not in logged:
                problems.append(f"{name} row {row_id[:8]} is not in the event log")
            elif row_id not in stored:
                problems.append(f"{name} row {row_id[:8]} is in the event log but not in the audit")
            elif stored[row_id] != logged[row_id]:
                fields = sorted(k for k in set(stored[row_id]) | set(logged[row_id])
                                if stored[row_id].get(k) != logged[row_id].get(k))
                problems.append(f"{name} row {row_id[:8]} differs from its event log in {', '.join(fields)}")
    return problems


@dataclass
class _Scope:
    audit_id: str
    allowed: set[int] = field(default_factory=set)

    def check(self, session: Session) -> None:
        if session.deleted or any(session.is_modified(o, include_collections=False) for o in session.dirty):
            raise StoreRuleBroken("an import only inserts the new audit's rows")
        for obj in session.new:
            if id(obj) not in self.allowed:
                raise StoreRuleBroken("an import only inserts the verified rows of the audit it brings")


def insert_verified_audit(session: Session, document: dict, events: list[dict]) -> int:
    """Insert an audit document and its event chain after verifying both; returns the rows added."""
    audit_id = document["audit"]["id"]
    if session.get(Audit, audit_id) is not None:
        raise ImportRefused(["this audit is already in the data folder"])
    problems = chain_problems(events)
    if any(ev["audit_id"] != audit_id for ev in events):
        problems.append("the event log names another audit")
    if not problems:
        problems = document_matches_events(document, events)
    if problems:
        raise ImportRefused(problems)
    try:
        per_table = []
        for model in AUDIT_TABLES:
            name = model.__tablename__
            rows = document.get(name)
            rows = ([rows] if rows else []) if name in SINGLE else (rows or [])
            per_table.append([dict_to_row(model, row) for row in rows])
        chain = [dict_to_row(Event, ev) for ev in events]
    except (ValueError, TypeError) as exc:
        raise ImportRefused([f"rows do not fit the tables ({exc})"]) from None
    scope = _Scope(audit_id, {id(o) for rows in per_table for o in rows} | {id(e) for e in chain})
    session.info[IMPORT_SCOPE] = scope
    try:
        for rows in per_table:  # table by table: links between rows need their targets first
            session.add_all(rows)
            session.flush()
        session.add_all(chain)
        session.flush()
    finally:
        session.info.pop(IMPORT_SCOPE, None)
    return sum(map(len, per_table))
