"""The seal: SHA-256 over the canonical JSON of a finalized audit.

It covers the audit, its findings, CAP, answers, evidence hashes, interviews and signatures: every
row of the audit document except the audit row's life-cycle fields, which change after sealing
(state, current status) or are the seal itself.
"""

from __future__ import annotations

import copy
from typing import Any

from auditor_app.store.canonical import canonical_hash

UNSEALED_AUDIT_FIELDS = ("state", "current_status", "seal", "sealed_at", "updated_at")


def seal_payload(document: dict[str, Any]) -> dict[str, Any]:
    payload = copy.deepcopy(document)
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
