"""Column types that keep values exact across SQLite, JSON export and import."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

from sqlalchemy import String, Text
from sqlalchemy.types import TypeDecorator


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    # Millisecond precision: what survives the ISO text round trip unchanged.
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)


class UTCDateTime(TypeDecorator):
    """An aware UTC datetime stored as ISO-8601 text (`2026-11-22T01:41:25.123Z`).

    SQLite has no time zone; text keeps the instant exact and sorts correctly.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return format_utc(value)

    def process_result_value(self, value, dialect):
        return parse_utc(value) if value is not None else None


def format_utc(value: datetime) -> str:
    value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


class JSONText(TypeDecorator):
    """JSON stored as text with sorted keys, so equal values give equal bytes."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def process_result_value(self, value, dialect):
        return json.loads(value) if value is not None else None
