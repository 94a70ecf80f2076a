"""Which row of one revision is which row of the next.

A new revision is a copy with new row ids (`audits.lifecycle.new_revision`), so rows are paired by
what they are: a finding by its checkpoint (and, when several findings share a checkpoint, by the
finding it was carried from, then equal grade and description, then the closest description); a CAP
row by its finding; an interview by its code; a photo by the SHA-256 of its original; a tour area by
its kind and name; a document by its name; a meeting by its kind. Soft-deleted findings and photos
count as gone.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

Row = dict[str, Any]


def rows(document: dict, table: str, *, live: bool = True) -> list[Row]:
    value = document.get(table)
    found = [value] if isinstance(value, dict) else [r for r in value or [] if isinstance(r, dict)]
    return [r for r in found if not (live and r.get("deleted_at"))]


def pair_findings(old: dict, new: dict) -> list[tuple[Row | None, Row | None]]:
    """(old finding, new finding) pairs; None on one side for a finding added or removed."""
    pairs: list[tuple[Row | None, Row | None]] = []
    checkpoints = sorted({f["checkpoint_id"] for f in rows(old, "finding") + rows(new, "finding")})
    for checkpoint in checkpoints:
        left = [f for f in rows(old, "finding") if f["checkpoint_id"] == checkpoint]
        right = [f for f in rows(new, "finding") if f["checkpoint_id"] == checkpoint]
        pairs += _pair_group(left, right)
    return pairs


def _pair_group(left: list[Row], right: list[Row]) -> list[tuple[Row | None, Row | None]]:
    left, right = sorted(left, key=_order), sorted(right, key=_order)
    pairs: list[tuple[Row | None, Row | None]] = []
    for same in (lambda a, b: bool(a.get("carried_from_id")) and a.get("carried_from_id") == b.get("carried_from_id"),
                 lambda a, b: (a["grade"], a["description"]) == (b["grade"], b["description"])):
        for a in list(left):
            b = next((b for b in right if same(a, b)), None)
            if b is not None:
                pairs.append((a, b))
                left.remove(a)
                right.remove(b)
    while left and right:  # the closest descriptions first
        a, b = max(((a, b) for a in left for b in right),
                   key=lambda ab: SequenceMatcher(None, ab[0]["description"], ab[1]["description"]).ratio())
        pairs.append((a, b))
        left.remove(a)
        right.remove(b)
    return pairs + [(a, None) for a in left] + [(None, b) for b in right]


def _order(row: Row) -> tuple:
    return (row.get("description") or "", row.get("grade") or "", row["id"])


def _by_key(old: dict, new: dict, table: str, key) -> dict[str, str]:
    right: dict[Any, str] = {}
    for row in rows(new, table):
        right.setdefault(key(row), row["id"])
    return {row["id"]: right[key(row)] for row in rows(old, table) if key(row) in right}


def row_map(old: dict, new: dict) -> dict[str, str]:
    """Old row id -> new row id for every row that has its counterpart in `new`."""
    out: dict[str, str] = {old["audit"]["id"]: new["audit"]["id"]}
    for table in ("factory_profile",):
        if isinstance(old.get(table), dict) and isinstance(new.get(table), dict):
            out[old[table]["id"]] = new[table]["id"]
    findings = {a["id"]: b["id"] for a, b in pair_findings(old, new) if a is not None and b is not None}
    out.update(findings)
    caps_new = {row["finding_id"]: row["id"] for row in rows(new, "cap_item")}
    for cap in rows(old, "cap_item"):
        partner = findings.get(cap["finding_id"])
        if partner in caps_new:
            out[cap["id"]] = caps_new[partner]
    out.update(_by_key(old, new, "interview", lambda r: r["code"]))
    out.update(_by_key(old, new, "evidence", lambda r: r["sha256"]))
    out.update(_by_key(old, new, "tour_area", lambda r: (r["kind"], r["name"])))
    out.update(_by_key(old, new, "document_check", lambda r: r["name"]))
    out.update(_by_key(old, new, "meeting", lambda r: r["kind"]))
    out.update(_by_key(old, new, "answer", lambda r: r["checkpoint_id"]))
    return out
