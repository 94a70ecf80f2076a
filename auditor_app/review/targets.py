"""What a review comment is about: a finding, a CAP row, an interview (its summary), a photo, a
field, or the audit as a whole; named by kind and id, with a label a person reads.

A field is "<table>.<field>" for the audit and the factory profile ("factory_profile.headcount_male")
and "<table>:<row id>.<field>" for a row of another table ("finding:<id>.description").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor_app.audits.operation import InvalidChange
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.package.document import SINGLE
from auditor_app.review.matching import rows
from auditor_app.review.records import TARGET_KINDS

TABLE_OF = {"finding": "finding", "cap_item": "cap_item", "interview": "interview", "evidence": "evidence"}


@dataclass(frozen=True)
class Target:
    kind: str
    id: str
    label: str

    def as_record(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "label": self.label}


@prepares("refusal.target.kind")
def _kinds(p, w: Words) -> dict:
    return {"kinds": w.join(p["kinds"]), "kind": p["kind"]}


@prepares("refusal.target.no_row")
@prepares("refusal.target.no_match")
@prepares("refusal.target.matches")
def _row_kind(p, w: Words) -> dict:
    return {**p, "kind": w.t(f"refusal.target.kind.{p['kind']}")}


def parse_field(target_id: str) -> tuple[str, str | None, str]:
    """(table, row id or None for a one-row table, field) of a field target's id."""
    place, dot, field = target_id.rpartition(".")
    table, colon, row_id = place.partition(":")
    if not dot or not field or not table:
        raise InvalidChange(message("refusal.target.not_a_field", target=target_id),
                            message("refusal.target.not_a_field.hint"))
    return table, (row_id if colon else None), field


def _find(document: dict, table: str, row_id: str | None) -> dict[str, Any] | None:
    if row_id is None:
        value = document.get(table)
        return value if table in SINGLE and isinstance(value, dict) else None
    return next((r for r in rows(document, table, live=False) if r.get("id") == row_id), None)


def resolve(document: dict, kind: str, target_id: str) -> Target:
    """The target, checked against the revision's document; `InvalidChange` when it is not there."""
    if kind not in TARGET_KINDS:
        raise InvalidChange(message("refusal.target.kind", kinds=list(TARGET_KINDS), kind=kind))
    if kind == "audit":
        if target_id != document["audit"]["id"]:
            raise InvalidChange(message("refusal.target.audit"))
        return Target(kind, target_id, "the audit")
    if kind == "field":
        table, row_id, field = parse_field(target_id)
        row = _find(document, table, row_id)
        if row is None or field not in row:
            raise InvalidChange(message("refusal.target.no_field", target=target_id))
        owner = row_label(document, table, row) if row_id else table.replace("_", " ")
        return Target(kind, target_id, f"{owner}: {field.replace('_', ' ')}")
    row = _find(document, TABLE_OF[kind], target_id)
    if row is None:
        raise InvalidChange(message("refusal.target.no_row", kind=kind, ref=target_id))
    return Target(kind, target_id, row_label(document, TABLE_OF[kind], row))


def row_label(document: dict, table: str, row: dict[str, Any]) -> str:
    if table == "finding":
        return f"finding {row['checkpoint_id']} ({row['grade']})"
    if table == "cap_item":
        finding = _find(document, "finding", row["finding_id"])
        return f"CAP row of finding {finding['checkpoint_id'] if finding else '?'}"
    if table == "interview":
        return f"interview {row['code']}"
    if table == "evidence":
        return f"photo {row['original_name']}"
    return f"{table.replace('_', ' ')} {str(row.get('name') or row.get('kind') or row.get('id'))[:40]}"


def carried(kind: str, target_id: str, mapping: dict[str, str]) -> str | None:
    """The target's id in a later revision, through `matching.row_map` (None when it is gone)."""
    if kind != "field":
        return mapping.get(target_id)
    table, row_id, field = parse_field(target_id)
    if row_id is None:
        return target_id
    new = mapping.get(row_id)
    return f"{table}:{new}.{field}" if new else None


def lookup(document: dict, kind: str, ref: str) -> str:
    """A target id from what a person types: a row id (or its start), or a finding's checkpoint
    ("11.1", for a finding or its CAP row), an interview's code, a photo's file name or SHA-256 start;
    the audit needs none; a field is its target id."""
    if kind == "audit":
        return document["audit"]["id"]
    if kind == "field" or kind not in TABLE_OF:
        return ref
    candidates = rows(document, TABLE_OF[kind])
    by_id = [r["id"] for r in candidates if r["id"].startswith(ref)]
    if len(by_id) == 1:
        return by_id[0]
    if kind in ("finding", "cap_item"):
        findings = [f["id"] for f in rows(document, "finding") if f["checkpoint_id"] == ref]
        if kind == "cap_item":
            findings = [c["id"] for c in candidates if c["finding_id"] in findings]
        found = findings
    elif kind == "interview":
        found = [r["id"] for r in candidates if r["code"] == ref]
    else:
        found = [r["id"] for r in candidates if r["original_name"] == ref or r["sha256"].startswith(ref)]
    if len(found) != 1:
        if not found:
            raise InvalidChange(message("refusal.target.no_match", kind=kind, ref=ref))
        raise InvalidChange(message("refusal.target.matches", n=len(found), kind=kind, ref=ref),
                            message("refusal.target.matches.hint"))
    return found[0]
