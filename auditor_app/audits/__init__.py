"""Operations on audits: what the window, the command line, the demo and the importer do to the store,
in the auditor's words. Every change is an `@operation` (see `operation.py`); queries only read.

The modules of the operations load when one of their names is first asked for (PEP 562): the window
starts with the audit list (queries) and the writer (operation), not with the checklist rules most
operations read (a quarter of a second of every start, issue 17)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from auditor_app.audits.operation import InvalidChange, OpChanges, is_operation, operation, run_operation
from auditor_app.audits.queries import AuditSummary, list_audits, resolve_audit_id

if TYPE_CHECKING:
    from auditor_app.audits.answers import answer_checkpoint, clear_answer, restore_nc_answer, set_answer
    from auditor_app.audits.closing import clear_signature, sign_cap, update_cap_item
    from auditor_app.audits.creation import create_audit, new_audit_problems, start_follow_up, update_audit
    from auditor_app.audits.document_review import update_document_check
    from auditor_app.audits.evidence_links import link_photo, remove_photo, restore_photo, set_caption
    from auditor_app.audits.gaps import close_gap, close_gaps, reopen_gap
    from auditor_app.audits.hours_review import decide_hours_finding, save_hours_review
    from auditor_app.audits.findings import (
        add_finding,
        change_grade,
        cite_interviews,
        delete_finding,
        live_findings,
        restore_finding,
        save_finding,
    )
    from auditor_app.audits.interviews import add_group_interview, record_draw, update_interview
    from auditor_app.audits.lifecycle import (FinalizeBlocked, finalize, finalize_blockers, new_revision, set_stage,
                                             start_stage)
    from auditor_app.audits.meetings import set_consent, sign_form, update_meeting, update_profile
    from auditor_app.audits.rating import recommendation
    from auditor_app.audits.tour import (
        add_tour_area,
        add_usual_areas,
        mark_area_visited,
        remove_tour_area,
        restore_tour_area,
        update_tour_area,
    )

# Which module each lazily loaded name comes from (the imports above are for the type checker).
_LAZY = {name: module for module, names in {
    "answers": "answer_checkpoint clear_answer restore_nc_answer set_answer",
    "closing": "clear_signature sign_cap update_cap_item",
    "creation": "create_audit new_audit_problems start_follow_up update_audit",
    "document_review": "update_document_check",
    "evidence_links": "link_photo remove_photo restore_photo set_caption",
    "gaps": "close_gap close_gaps reopen_gap",
    "hours_review": "decide_hours_finding save_hours_review",
    "findings": "add_finding change_grade cite_interviews delete_finding live_findings restore_finding save_finding",
    "interviews": "add_group_interview record_draw update_interview",
    "lifecycle": "FinalizeBlocked finalize finalize_blockers new_revision set_stage start_stage",
    "meetings": "set_consent sign_form update_meeting update_profile",
    "rating": "recommendation",
    "tour": "add_tour_area add_usual_areas mark_area_visited remove_tour_area restore_tour_area update_tour_area",
}.items() for name in names.split()}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


__all__ = [
    "AuditSummary", "FinalizeBlocked", "InvalidChange", "OpChanges", "add_finding", "add_group_interview",
    "add_tour_area", "add_usual_areas", "answer_checkpoint", "clear_answer", "change_grade", "cite_interviews",
    "clear_signature", "close_gap", "close_gaps", "create_audit", "decide_hours_finding", "delete_finding", "finalize",
    "finalize_blockers", "is_operation", "reopen_gap",
    "link_photo", "list_audits", "live_findings", "mark_area_visited", "new_audit_problems", "new_revision",
    "operation", "recommendation", "record_draw", "remove_photo", "remove_tour_area", "resolve_audit_id", "start_stage",
    "restore_finding", "restore_nc_answer", "restore_photo", "restore_tour_area", "run_operation",
    "save_finding", "save_hours_review", "set_answer", "set_caption", "set_consent", "set_stage", "sign_cap", "sign_form",
    "start_follow_up", "update_audit", "update_cap_item", "update_document_check", "update_interview",
    "update_meeting", "update_profile", "update_tour_area",
]
