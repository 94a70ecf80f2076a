"""The seal: SHA-256 over the canonical JSON of a finalized audit.

It covers the audit, its findings, CAP, answers, evidence hashes, interviews and signatures: every
row of the audit document except the audit row's life-cycle fields, which change after sealing
(state, current status) or are the seal itself.

Empty fields (null, "", false, 0, [], {}) and empty tables are left out of the sealed form. A later
version of the app that adds a column with an empty default, or a table, then still verifies audits
sealed before it, while
any edit stays visible: a value that becomes empty, or an empty one that gets a value, changes
which keys are sealed.
"""

from __future__ import annotations

import copy
from typing import Any

from auditor_app.store.canonical import canonical_hash

UNSEALED_AUDIT_FIELDS = ("state", "current_status", "seal", "sealed_at", "seal_statement", "termination_triggers",
                         "follow_ups_in_cycle", "initial_cycle", "updated_at")


def _is_empty(value: Any) -> bool:
    return value is None or value is False or value == 0 or value in ("", [], {})


def _sealed_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if not _is_empty(value)}


def seal_payload(document: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    for key, value in document.items():
        if isinstance(value, dict):
            payload[key] = _sealed_row(value)
        elif isinstance(value, list):
            if value:  # an empty table (perhaps one added by a later version) is not sealed
                payload[key] = [_sealed_row(row) for row in value]
        else:
            payload[key] = copy.deepcopy(value)
    for field in UNSEALED_AUDIT_FIELDS:
        payload["audit"].pop(field, None)
    return payload


def compute_seal(document: dict[str, Any]) -> str:
    return canonical_hash(seal_payload(document))


def seal_problem(document: dict[str, Any]) -> str | None:
    """None when the document carries no seal or its seal matches; otherwise what is wrong."""
    seal = document["audit"].get("seal")
    if not seal:
        return None
    actual = compute_seal(document)
    if actual != seal:
        return f"the audit was changed after it was sealed (seal {seal[:12]}…, content {actual[:12]}…)"
    return None
