"""Gaps of the audit closed with a reason (`gap_closure` rows), named in words for the report.

A gap key is "<kind>:<ref>" and names a row by its id ("interview:<uuid>") or a checkpoint by its
number ("checkpoint:9.5.4"). The report never prints a raw row id: the row is looked up in the
document (an interview by its anonymous code, a document by its name, a tour area by its name, a
checkpoint with its question from the pinned checklist) and a gap whose row is gone is named by its
kind only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor_app.reports.interviews import REASON_WORDS

_ROW_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# The order of the audit day: tour, documents, interviews, checklist, closing.
KIND_ORDER = ("area", "document", "interview", "age_flag", "checkpoint", "nc", "cap", "closing_meeting",
              "zt_notice", "signature")
KIND_WORDS = {"area": "Tour area", "document": "Document", "interview": "Worker interview",
              "age_flag": "Age flag", "checkpoint": "Checkpoint", "nc": "NC", "cap": "CAP row",
              "closing_meeting": "Closing meeting record", "zt_notice": "Zero Tolerance notice to the program",
              "signature": "Signature of the CAP"}
CAP_FIELD_WORDS = {"root_cause": "root cause", "corrective_action": "corrective action",
                   "responsible_person": "responsible person", "due_date": "due date"}


@dataclass(frozen=True)
class ClosedGap:
    what: str       # the gap in words
    reason: str     # "absent", "not applicable" ...
    note: str
    order: tuple


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number_key(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 10**6 for p in text.split("."))


def _by_id(doc: dict, table: str, ref: str) -> dict | None:
    return next((r for r in doc.get(table) or [] if r.get("id") == ref), None)


def _kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("_", " ").replace(".", " ").capitalize() or "Gap")


def _interview(doc: dict, ref: str) -> str | None:
    row = _by_id(doc, "interview", ref)
    if row is None:
        return None
    if row.get("kind") == "group":
        return f"Group interview {row.get('code') or ''} ({max(1, int(row.get('group_size') or 1))} workers)"
    return f"Worker interview {row.get('code') or ''}"


def _checkpoint(ref: str, checklist) -> str:
    if checklist is not None and ref in checklist:
        return f"Checkpoint {ref}: {_short(checklist.checkpoint(ref).question)}"
    return f"Checkpoint {ref}"


def _age_flag(doc: dict, ref: str) -> str | None:
    draw_id, _, number = ref.rpartition(".")
    draw = _by_id(doc, "sample_draw", draw_id)
    flags = (draw or {}).get("age_flags") or []
    if not number.isdigit() or not 1 <= int(number) <= len(flags):
        return None
    flag = flags[int(number) - 1]
    code = f" ({flag['code']})" if flag.get("code") else ""
    return f"Age flag{code}: {_short(flag.get('text') or '')}"


def _finding_of_cap(doc: dict, cap_id: str) -> dict | None:
    cap = _by_id(doc, "cap_item", cap_id)
    return _by_id(doc, "finding", cap["finding_id"]) if cap else None


def gap_words(key: str, doc: dict, checklist=None) -> str:
    """The gap `key` in words, from the rows of `doc`; never a raw row id."""
    kind, _, ref = key.partition(":")
    named: str | None = None
    if kind == "interview":
        named = _interview(doc, ref)
    elif kind == "document":
        row = _by_id(doc, "document_check", ref)
        named = f"Document: {row['name']}" if row else None
    elif kind == "area":
        row = _by_id(doc, "tour_area", ref)
        named = f"Tour area: {row['name']}" if row else None
    elif kind == "checkpoint" and ref and not _ROW_ID.match(ref):
        named = _checkpoint(ref, checklist)
    elif kind == "age_flag":
        named = _age_flag(doc, ref)
    elif kind == "nc":
        row = _by_id(doc, "finding", ref)
        named = f"Description of NC {row['checkpoint_id']}" if row else None
    elif kind.startswith("cap."):
        finding = _finding_of_cap(doc, ref)
        field = CAP_FIELD_WORDS.get(kind[4:], kind[4:].replace("_", " "))
        named = f"CAP of NC {finding['checkpoint_id']}: {field}" if finding else f"CAP row: {field}"
    elif kind == "signature" and ref:
        named = f"Signature of the CAP by the {ref.replace('_', ' ')}"
    if named:
        return named
    if ref and not _ROW_ID.match(ref) and kind not in ("interview", "document", "area", "nc"):
        return f"{_kind_words(kind)} {ref}"
    return _kind_words(kind) + (" (no longer in this audit)" if ref else "")


def _order(key: str, words: str) -> tuple:
    kind = key.partition(":")[0].split(".")[0]
    rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    ref = key.partition(":")[2]
    return (rank, _number_key(ref) if kind == "checkpoint" else (), words)


def closed_gaps(doc: dict, checklist=None) -> list[ClosedGap]:
    """Every gap closed with a reason, in the order of the audit day, named in words."""
    out = []
    for row in doc.get("gap_closure") or []:
        key = str(row.get("gap") or "")
        words = gap_words(key, doc, checklist)
        reason = REASON_WORDS.get(row.get("reason") or "", str(row.get("reason") or "").replace("_", " "))
        out.append(ClosedGap(words, reason, str(row.get("note") or "").strip(), _order(key, words)))
    return sorted(out, key=lambda g: g.order)
