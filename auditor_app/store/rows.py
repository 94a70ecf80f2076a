"""Rows as plain JSON values and back: one mapping used by the event log, export and import.

Dates become ISO text, datetimes UTC ISO text with milliseconds, bytes base64, so the canonical
JSON of a row is the same before export and after import.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, LargeBinary, inspect

from auditor_app.store.types import UTCDateTime, format_utc, parse_utc

# Bookkeeping columns: not substance, never logged as a change.
BOOKKEEPING = frozenset({"updated_at"})


def to_json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def columns(model) -> list:
    return list(inspect(model).columns)


def row_to_dict(obj, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in columns(type(obj)):
        if col.key in skip:
            continue
        out[col.key] = to_json_value(getattr(obj, col.key))
    return out


def from_json_value(column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return parse_utc(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    if isinstance(column.type, LargeBinary):
        return base64.b64decode(value, validate=True)
    return value


def dict_to_row(model, data: dict[str, Any]):
    """Build a model instance from `row_to_dict` output; unknown keys are an error."""
    cols = {c.key: c for c in columns(model)}
    unknown = set(data) - set(cols)
    if unknown:
        raise ValueError(f"{model.__tablename__}: unknown fields {sorted(unknown)}")
    return model(**{key: from_json_value(cols[key], value) for key, value in data.items()})
