"""What part of the checklist a visit covers. A visit type with `checklist: carried` (Progress Visit,
follow-up audit, desktop review: visit-types.yaml) answers only the checkpoints of the NCs carried from
the previous audit, plus any checkpoint the auditor answered during the visit (a new NC found on the
floor, a Zero Tolerance issue); the others are out of its scope, not gaps."""

from __future__ import annotations

from typing import Any

from auditor_app.checklist.definition import Checklist, Checkpoint
from auditor_app.checklist.visit_types import load_visit_types


def covers_whole_checklist(audit_type: str) -> bool:
    kind = load_visit_types().get(audit_type)
    return kind is None or kind.checklist == "full"


def checkpoints_in_scope(checklist: Checklist, audit_type: str, carried: set[str],
                         answered: set[str]) -> list[Checkpoint]:
    """The checkpoints this visit answers, in checklist order."""
    applicable = checklist.for_audit_type(audit_type)
    if covers_whole_checklist(audit_type):
        return applicable
    keep = carried | answered
    return [cp for cp in applicable if cp.id in keep]


def carried_and_answered(doc: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(checkpoints of carried NCs, checkpoints answered) of an audit document."""
    carried = {f["checkpoint_id"] for f in doc.get("finding") or []
               if f.get("carried_from_id") and not f.get("deleted_at")}
    answered = {a["checkpoint_id"] for a in doc.get("answer") or []}
    return carried, answered


def scope_of_document(checklist: Checklist, doc: dict[str, Any]) -> list[Checkpoint]:
    carried, answered = carried_and_answered(doc)
    return checkpoints_in_scope(checklist, doc["audit"]["audit_type"], carried, answered)
