"""The confidential part of a package: written on export, checked without keys on verify and import.

audit.json carries markers; `sealed.json` carries the values, encrypted to every recipient kept in
the data folder (the audit firm's and the program's public keys). The manifest says what is sealed
and to whom, so anyone can see what they cannot read. With no recipient the values are left out,
and the manifest says so; an audit recorded before confidential values were sealed travels as it
always did, and the manifest says it is in the clear.
"""

from __future__ import annotations

from typing import Any

from auditor_app.confidential.audit_values import AuditValues
from auditor_app.confidential.fields import CONFIDENTIAL, has_plain_parts
from auditor_app.confidential.recipients import recipients
from auditor_app.confidential.sealed_box import box_problems
from auditor_app.confidential.sealed_part import build_content, markers_of, seal_content
from auditor_app.package.limits import SEALED

PART_WORDS = {("interview", "notes"): "interview notes", ("interview", "quotes"): "quotes not marked quotable",
              ("sample_draw", "seed"): "the draw's seed", ("survey_response", "comment"): "surveyed workers' comments"}
ROSTER_WORDS = "the rosters (worker names and ids, birth dates: the call list and age flags with worker ids)"


def sealed_words(document: dict, rosters: bool) -> list[str]:
    kinds = {(table, f) for _m, table, f, _r in markers_of(document)}
    return [words for key, words in PART_WORDS.items() if key in kinds] + ([ROSTER_WORDS] if rosters else [])


def in_the_clear(document: dict) -> bool:
    rows = ((t, f, r) for t, fields in CONFIDENTIAL.items() for r in (document.get(t) or []) for f in fields)
    return any(has_plain_parts(f, r.get(f)) for _t, f, r in rows if isinstance(r, dict))


def confidential_section(values: AuditValues, audit_id: str, document: dict, plain: dict) -> tuple[dict, dict | None]:
    """(the manifest's `confidential`, the sealed box or None) for one export."""
    content = build_content(values, audit_id, plain) if values.sealed_mode(audit_id) else None
    to = recipients(values.folder) if content is not None else []
    box = seal_content(content, to) if content is not None and to else None
    words = sealed_words(document, bool(content and content["rosters"]))
    section = {"in_the_clear": in_the_clear(document), "sealed": words,
               "recipients": [{"key_id": r.key_id, "label": r.label, "role": r.role} for r in to] if box else [],
               "member": SEALED if box else None}
    return section, box


def summary(manifest: dict) -> str:
    """One line for anyone looking at the package: what is sealed, and to whom."""
    section = manifest.get("confidential")
    if section is None:
        return "confidential parts: made before they were sealed (interview notes are in the clear)"
    if section["in_the_clear"]:
        return "confidential parts: recorded before they were sealed; interview notes are in the clear"
    if not section["sealed"]:
        return "confidential parts: none recorded"
    what = "; ".join(section["sealed"])
    if section["member"] is None:
        return f"sealed and not in this package (no recipient, or erased): {what}"
    to = ", ".join(f"{r['label']} ({r['role']})" for r in section["recipients"])
    return f"sealed for {to}: {what}"


def sealed_problems(manifest: dict, document: dict | None, box: Any, present: bool) -> list[str]:
    """What does not add up between the manifest, audit.json and sealed.json (no key needed)."""
    section = manifest.get("confidential")
    if section is None:
        return [f"{SEALED}: in a package whose manifest says nothing is sealed"] if present else []
    problems = []
    if (section["member"] is not None) != present:
        problems.append(f"{SEALED}: the manifest and the package disagree on whether it is there")
    if document is not None and not section["in_the_clear"] and in_the_clear(document):
        problems.append("audit.json: carries confidential values in the clear although the manifest says "
                        "they are sealed")
    if present and box is not None:
        problems += [f"{SEALED}: {p}" for p in box_problems(box)]
        if not problems:
            if box["audit_id"] != manifest["audit"]["id"]:
                problems.append(f"{SEALED}: sealed for another audit")
            named = [{"key_id": s["key_id"], "label": s["label"], "role": s["role"]} for s in box["recipients"]]
            if named != section["recipients"]:
                problems.append(f"{SEALED}: its recipients differ from the manifest's")
    return problems
