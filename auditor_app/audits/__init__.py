"""Operations on audits: what the window and the command line do to the store, in the auditor's words."""

from auditor_app.audits.findings import (
    add_finding, change_grade, cite_interviews, delete_finding, live_findings, restore_finding, set_answer,
)
from auditor_app.audits.lifecycle import (
    FinalizeBlocked, create_audit, finalize, finalize_blockers, new_revision, set_stage,
    start_follow_up,
)
from auditor_app.audits.queries import AuditSummary, list_audits, resolve_audit_id
from auditor_app.audits.rating import recommendation

__all__ = [
    "AuditSummary", "FinalizeBlocked", "add_finding", "change_grade", "cite_interviews", "create_audit",
    "delete_finding", "finalize", "finalize_blockers", "list_audits", "live_findings", "new_revision",
    "recommendation", "resolve_audit_id", "restore_finding", "set_answer", "set_stage", "start_follow_up",
]
