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

from auditor_app.reports.interviews import reason_words
from auditor_app.reports.wording import ENGLISH, Wording

_ROW_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# The order of the audit day: tour, documents, interviews, checklist, closing.
KIND_ORDER = ("area", "document", "interview", "age_flag", "checkpoint", "nc", "cap", "closing_meeting",
              "zt_notice", "signature")
# Their words: report.gap.kind.<kind> in resources/messages/report.yaml; CAP fields: labels.yaml cap_fields.
CAP_FIELDS = ("root_cause", "corrective_action", "responsible_person", "due_date")


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


def _kind_words(kind: str, w: Wording) -> str:
    if kind in KIND_ORDER:
        return w(f"report.gap.kind.{kind}")
    return kind.replace("_", " ").replace(".", " ").capitalize() or w("report.gap.kind.gap")


def _interview(doc: dict, ref: str, w: Wording) -> str | None:
    row = _by_id(doc, "interview", ref)
    if row is None:
        return None
    if row.get("kind") == "group":
        return w("report.gap.group_interview", code=row.get("code") or "",
                 n=max(1, int(row.get("group_size") or 1)))
    return w("report.gap.interview", code=row.get("code") or "")


def _checkpoint(ref: str, checklist, w: Wording) -> str:
    if checklist is not None and ref in checklist:
        checkpoint = checklist.checkpoint(ref)
        return w("report.gap.checkpoint_question", id=ref,
                 question=lambda lang: _short(checkpoint.text("question", lang)))
    return w("report.gap.checkpoint", id=ref)


def _age_flag(doc: dict, ref: str, w: Wording) -> str | None:
    draw_id, _, number = ref.rpartition(".")
    draw = _by_id(doc, "sample_draw", draw_id)
    flags = (draw or {}).get("age_flags") or []
    if not number.isdigit() or not 1 <= int(number) <= len(flags):
        return None
    flag = flags[int(number) - 1]
    code = f" ({flag['code']})" if flag.get("code") else ""
    return w("report.gap.age_flag", code=code, text=_short(flag.get("text") or ""))


def _finding_of_cap(doc: dict, cap_id: str) -> dict | None:
    cap = _by_id(doc, "cap_item", cap_id)
    return _by_id(doc, "finding", cap["finding_id"]) if cap else None


def gap_words(key: str, doc: dict, checklist=None, w: Wording = ENGLISH) -> str:
    """The gap `key` in words, from the rows of `doc`; never a raw row id."""
    kind, _, ref = key.partition(":")
    named: str | None = None
    if kind == "interview":
        named = _interview(doc, ref, w)
    elif kind == "document":
        row = _by_id(doc, "document_check", ref)
        named = w("report.gap.document", name=row["name"]) if row else None
    elif kind == "area":
        row = _by_id(doc, "tour_area", ref)
        named = w("report.gap.area", name=row["name"]) if row else None
    elif kind == "checkpoint" and ref and not _ROW_ID.match(ref):
        named = _checkpoint(ref, checklist, w)
    elif kind == "age_flag":
        named = _age_flag(doc, ref, w)
    elif kind == "nc":
        row = _by_id(doc, "finding", ref)
        named = w("report.gap.nc", id=row["checkpoint_id"]) if row else None
    elif kind.startswith("cap."):
        finding = _finding_of_cap(doc, ref)
        name = kind[4:]

        def field(lang: str) -> str:
            if name not in CAP_FIELDS:
                return name.replace("_", " ")
            text = Wording(lang).label("cap_fields", name)
            return text.lower() if lang == "en" else text
        named = (w("report.gap.cap_field", id=finding["checkpoint_id"], field=field) if finding
                 else w("report.gap.cap_row", field=field))
    elif kind == "signature" and ref:
        named = w("report.gap.signature", role=lambda lang: _signer(ref, lang))
    if named:
        return named
    if ref and not _ROW_ID.match(ref) and kind not in ("interview", "document", "area", "nc"):
        return f"{_kind_words(kind, w)} {ref}"
    return _kind_words(kind, w) + (w("report.gap.gone") if ref else "")


def _signer(role: str, lang: str) -> str:
    from auditor_app.reports.binding import signer_label

    text = signer_label(role, Wording(lang))
    return text.lower() if lang == "en" else text


def _order(key: str, words: str) -> tuple:
    kind = key.partition(":")[0].split(".")[0]
    rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    ref = key.partition(":")[2]
    return (rank, _number_key(ref) if kind == "checkpoint" else (), words)


def closed_gaps(doc: dict, checklist=None, w: Wording = ENGLISH) -> list[ClosedGap]:
    """Every gap closed with a reason, in the order of the audit day, named in words."""
    out = []
    for row in doc.get("gap_closure") or []:
        key = str(row.get("gap") or "")
        words = gap_words(key, doc, checklist, w)
        reason = reason_words(row.get("reason"), w)
        out.append(ClosedGap(words, reason, str(row.get("note") or "").strip(), _order(key, words)))
    return sorted(out, key=lambda g: g.order)
