"""The confidential part of one audit, as it travels in an `.escp`: `sealed.json`.

Inside the box (`sealed_box`, to the firm's and the program's keys): the audit's key, the value
behind every marker of audit.json this laptop can show, and the rosters kept for the audit. The
seal covers the markers, and each value is checked against its marker when the box is opened, so
the sealed part is covered by the seal without anyone needing a private key to verify the package.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any, Callable

from auditor_app.confidential.audit_keys import derive
from auditor_app.confidential.audit_values import AuditValues
from auditor_app.confidential.fields import CONFIDENTIAL, hide, markers_in
from auditor_app.confidential.markers import make_marker, marker_matches
from auditor_app.confidential.recipients import PrivateKey, Recipient
from auditor_app.confidential.sealed_box import open_box, seal
from auditor_app.kept_rosters import KeptRosters
from auditor_app.store.canonical import canonical_bytes

CONTENT_FORMAT = "escp-confidential/1"


def _rows(document: dict, table: str) -> list[dict]:
    value = document.get(table)
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def markers_of(document: dict) -> list[tuple[str, str, str, str]]:
    """(marker, table, field, row id) of every marker in a (public) audit document."""
    return [(m, table, f, row["id"]) for table, fields in CONFIDENTIAL.items() for row in _rows(document, table)
            for f in fields for m in markers_in(f, row.get(f))]


def build_content(values: AuditValues, audit_id: str, plain: dict) -> dict | None:
    """What the box holds for the audit (`plain`: its document with values); None for an audit
    whose values are not sealed (recorded before this version) or whose key is gone."""
    secret = values.keys.secret(audit_id)
    if secret is None:
        return None
    marker_key = derive(secret, "markers")
    parts: dict[str, Any] = {}

    def marking(table: str, f: str, row_id: str) -> Callable[[Any], str]:
        return lambda part: make_marker(marker_key, table, f, row_id, part)

    for table, fields in CONFIDENTIAL.items():
        for row in _rows(plain, table):
            for f in fields:
                parts.update(hide(table, f, row.get(f), marking(table, f, row["id"]))[1])
    kept = KeptRosters(values.folder)
    rosters = [{"sha256": r.sha256, "name": r.name, "data": base64.b64encode(r.data).decode("ascii")}
               for sha in kept.shas(audit_id) if (r := kept.read(audit_id, sha)) is not None]
    return {"format": CONTENT_FORMAT, "audit_id": audit_id, "audit_key": secret.hex(), "values": parts,
            "rosters": rosters}


def seal_content(content: dict, to: list[Recipient]) -> dict:
    return seal(canonical_bytes(content), to, content["audit_id"])


@dataclass
class OpenedPart:
    """The sealed part opened with a private key and checked against audit.json's markers."""

    audit_id: str
    secret: bytes
    values: dict[str, Any]
    rosters: list[dict]
    problems: list[str] = field(default_factory=list)
    missing: int = 0  # markers of audit.json whose value the box does not hold

    def value(self, marker: str) -> Any:
        return self.values.get(marker, marker)


def open_part(box: dict, key: PrivateKey, document: dict) -> OpenedPart:
    """Open and check; `problems` says what does not match (a box from another audit, a value
    that is not the one the seal covers)."""
    content = json.loads(open_box(box, key).decode("utf-8"))
    audit_id = document["audit"]["id"]
    secret = bytes.fromhex(str(content.get("audit_key", "")))
    values = content.get("values") if isinstance(content.get("values"), dict) else {}
    part = OpenedPart(audit_id, secret, {}, list(content.get("rosters") or []))
    if content.get("format") != CONTENT_FORMAT or content.get("audit_id") != audit_id or len(secret) != 32:
        part.problems.append("the sealed part belongs to another audit or is not one this app reads")
        return part
    marker_key = derive(secret, "markers")
    for marker, table, f, row_id in markers_of(document):
        if marker not in values:
            part.missing += 1
        elif marker_matches(marker_key, marker, table, f, row_id, values[marker]):
            part.values[marker] = values[marker]
        else:
            part.problems.append(f"a sealed {table} {f} value is not the one the audit's seal covers")
    return part
