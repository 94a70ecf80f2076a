"""Markers: what stands in for a confidential value everywhere but the vault.

A marker is `sealed:v1:` and an HMAC-SHA256, keyed by the audit's marker key, over the table,
field, row id and value. Keyed, so a short value ("no complaints", a seed) cannot be found by
trying candidates; with the row id, so equal notes in two interviews do not show as equal. The
event log, the canonical document, the seal and audit.json carry markers: they prove a value was
there and did not change, and reveal nothing once the key is erased.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

from auditor_app.store.canonical import canonical_bytes

PREFIX = "sealed:v1:"
_MARKER = re.compile(r"sealed:v1:[0-9a-f]{64}")


def is_marker(value: Any) -> bool:
    return isinstance(value, str) and _MARKER.fullmatch(value) is not None


def make_marker(marker_key: bytes, table: str, field: str, row_id: str, value: Any) -> str:
    mac = hmac.new(marker_key, canonical_bytes([table, field, row_id, value]), hashlib.sha256)
    return PREFIX + mac.hexdigest()


def marker_matches(marker_key: bytes, marker: str, table: str, field: str, row_id: str, value: Any) -> bool:
    return hmac.compare_digest(make_marker(marker_key, table, field, row_id, value), marker)
