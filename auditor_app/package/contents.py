"""Checks on what a package says (audit.json, events.json), beyond its hashes.

Shared by import and verify: rows must fit today's tables exactly, belong to the audit the manifest
names and refer only to rows of the same audit; the event chain must be intact and end where the
manifest says; a sealed audit must still match its seal.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, Integer, LargeBinary

from auditor_app.confidential.fields import is_confidential
from auditor_app.confidential.markers import is_marker
from auditor_app.package.document import DOCUMENT_FORMAT, SINGLE
from auditor_app.package.limits import AUDIT, EVENTS
from auditor_app.package.seal import seal_problem
from auditor_app.store.eventlog import chain_problems
from auditor_app.store.models import AUDIT_TABLES, Audit
from auditor_app.store.rows import columns
from auditor_app.store.types import JSONText, UTCDateTime, format_utc, parse_utc

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
TABLES = {model.__tablename__: model for model in AUDIT_TABLES}
EVENT_KEYS = {"audit_id": str, "seq": int, "at": str, "actor": str, "action": str, "entity": str,
              "entity_id": str, "changes": dict, "prev_hash": str, "hash": str}
# Manifest field -> audit row field: the manifest must describe the audit it carries.
MANIFEST_AUDIT_FIELDS = {"id": "id", "type": "audit_type", "state": "state", "revision": "revision",
                         "checklist_version": "checklist_version", "seal": "seal", "sealed_at": "sealed_at"}


def table_rows(document: dict, table: str) -> list[dict]:
    value = document.get(table)
    if table in SINGLE:
        return [value] if isinstance(value, dict) else []
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def fill_added_fields(document: Any) -> list[str]:
    """Give a document from an older app version the tables and fields added since, empty.

    Only columns whose default is empty qualify (see `seal`): the seal of such a document is the
    same with or without them. Returns the fields filled, for the import summary."""
    filled: set[str] = set()
    if not isinstance(document, dict):
        return []
    for table, model in TABLES.items():
        if table not in document and table not in SINGLE:
            document[table] = []  # a table added since that package was made
            filled.add(table)
        for row in table_rows(document, table):
            for col in columns(model):
                if col.key in row:
                    continue
                default = _empty_default(col)
                if default is not _NO_DEFAULT:
                    row[col.key] = default
                    filled.add(f"{table}.{col.key}")
    return sorted(filled)


_NO_DEFAULT = object()


def _empty_default(col) -> Any:
    if col.nullable and col.default is None:
        return None
    if col.default is not None and not col.default.is_callable and col.default.arg in ("", False, 0):
        return col.default.arg
    return _NO_DEFAULT


def _value_problem(col, value: Any) -> str | None:
    if value is None:
        return None if col.nullable else "must not be null"
    kind = col.type
    try:
        if isinstance(kind, JSONText):
            return None
        if isinstance(kind, UTCDateTime):
            ok = isinstance(value, str) and format_utc(parse_utc(value)) == value
            return None if ok else f"{value!r} is not a UTC time like 2026-01-31T08:00:00.000Z"
        if isinstance(kind, Boolean):
            return None if isinstance(value, bool) else f"{value!r} is not true/false"
        if isinstance(kind, Integer):
            return None if isinstance(value, int) and not isinstance(value, bool) else f"{value!r} is not an integer"
        if isinstance(kind, Date):
            ok = isinstance(value, str) and date.fromisoformat(value).isoformat() == value
            return None if ok else f"{value!r} is not a date like 2026-01-31"
        if isinstance(kind, LargeBinary):
            base64.b64decode(value, validate=True)
            return None
        return None if isinstance(value, str) else f"{value!r} is not text"
    except (ValueError, TypeError, binascii.Error):
        return f"{str(value)[:40]!r} cannot be read as {kind}"


def _row_problems(table: str, row: dict, audit_id: str, ids: dict[str, set]) -> list[str]:
    model = TABLES[table]
    cols = {c.key: c for c in columns(model)}
    label = f"{AUDIT}: {table} row {str(row.get('id'))[:36]}"
    problems = []
    unknown = sorted(set(row) - set(cols))
    missing = sorted(set(cols) - set(row))
    if unknown:
        problems.append(f"{label}: unknown fields {unknown} (made by another version of the app?)")
    if missing:
        problems.append(f"{label}: missing fields {missing}")
    owner = row.get("id") if model is Audit else row.get("audit_id")
    if owner != audit_id:
        problems.append(f"{label}: belongs to audit {owner}, not to {audit_id} named by the manifest")
    for key, col in cols.items():
        if key not in row:
            continue
        # A confidential value travels as its marker whatever the column's type (the seed).
        sealed = is_confidential(table, key) and is_marker(row[key])
        problem = None if sealed else _value_problem(col, row[key])
        if not problem and table == "evidence" and key == "sha256" and not _HEX64.match(str(row[key])):
            problem = f"{str(row[key])[:70]!r} is not a SHA-256"
        if problem:
            problems.append(f"{label}: {key} {problem}")
            continue
        for fk in col.foreign_keys:
            target = fk.column.table.name
            if target == "audit" or row[key] is None:
                continue  # the audit itself, or another audit (supersedes, follows): checked on import
            if row[key] not in ids.get(target, set()):
                problems.append(f"{label}: {key} refers to {target} {row[key]}, which is not in this audit")
    return problems


def document_problems(document: Any, manifest: dict) -> list[str]:
    """[] when audit.json holds exactly the audit the manifest names, in rows that fit the tables."""
    if not isinstance(document, dict):
        return [f"{AUDIT}: not a JSON object"]
    if document.get("format") != DOCUMENT_FORMAT:
        return [f"{AUDIT}: format is {document.get('format')!r}, not {DOCUMENT_FORMAT!r}"]
    problems = [f"{AUDIT}: unknown table {key!r}" for key in sorted(set(document) - set(TABLES) - {"format"})]
    problems += [f"{AUDIT}: table {key!r} is missing" for key in TABLES if key not in document]
    for table in TABLES:
        value = document.get(table)
        if table in SINGLE and not (value is None or isinstance(value, dict)):
            problems.append(f"{AUDIT}: {table} is not one row")
        elif table not in SINGLE and not (isinstance(value, list) and all(isinstance(r, dict) for r in value)):
            problems.append(f"{AUDIT}: {table} is not a list of rows")
    audit = document.get("audit")
    if not isinstance(audit, dict):
        return problems + [f"{AUDIT}: the audit row is missing"]
    if problems:
        return problems
    audit_id = manifest["audit"]["id"]
    for field, column in MANIFEST_AUDIT_FIELDS.items():
        if manifest["audit"][field] != audit.get(column):
            problems.append(f"{AUDIT}: audit {column} is {audit.get(column)!r} but the manifest says "
                            f"{manifest['audit'][field]!r}")
    factory = document.get("factory_profile") or {}
    if manifest["audit"]["factory_name"] != factory.get("name"):
        problems.append(f"{AUDIT}: factory name differs from the manifest")
    ids: dict[str, set] = {}
    for table in TABLES:
        seen = ids.setdefault(table, set())
        for row in table_rows(document, table):
            if row.get("id") in seen:
                problems.append(f"{AUDIT}: {table} row {row.get('id')} appears twice")
            seen.add(row.get("id"))
    for table in TABLES:
        for row in table_rows(document, table):
            problems += _row_problems(table, row, audit_id, ids)
    if not problems:
        sealed = seal_problem(document)
        if sealed:
            problems.append(f"{AUDIT}: {sealed}")
    return problems


def event_problems(events: Any, manifest: dict) -> list[str]:
    """[] when events.json is the audit's intact chain, ending at the head the manifest names."""
    if not isinstance(events, list):
        return [f"{EVENTS}: not a JSON list"]
    audit_id = manifest["audit"]["id"]
    for index, ev in enumerate(events):
        if not isinstance(ev, dict) or set(ev) != set(EVENT_KEYS):
            return [f"{EVENTS}: entry {index + 1} is not an event (fields {sorted(EVENT_KEYS)})"]
        for key, kind in EVENT_KEYS.items():
            if not isinstance(ev[key], kind) or isinstance(ev[key], bool):
                return [f"{EVENTS}: event {index + 1}: {key} has the wrong type"]
        if ev["audit_id"] != audit_id:
            return [f"{EVENTS}: event {ev['seq']} belongs to audit {ev['audit_id']}, not {audit_id}"]
    problems = [f"{EVENTS}: {p}" for p in chain_problems(events)]
    head = manifest["events"]
    last = events[-1] if events else {"seq": 0, "hash": None}
    if head["count"] != len(events) or head["head_seq"] != last["seq"] or head["head_hash"] != last["hash"]:
        problems.append(f"{EVENTS}: the chain ends at event {last['seq']} but the manifest names "
                        f"{head['count']} events ending at {head['head_seq']} ({head['head_hash'][:12]}…)")
    return problems


def evidence_problems(document: dict, evidence_members: set[str]) -> list[str]:
    """Every evidence row has its original in the package, and every original is named by a row."""
    named: dict[str, str] = {}
    for row in table_rows(document, "evidence"):
        if isinstance(row.get("sha256"), str):
            named.setdefault(row["sha256"], str(row.get("original_name")))
    problems = [f"evidence/{sha}: the original of {name!r} is missing from the package"
                for sha, name in sorted(named.items()) if sha not in evidence_members]
    problems += [f"evidence/{sha}: not named by any evidence row of the audit"
                 for sha in sorted(evidence_members - set(named))]
    return problems
