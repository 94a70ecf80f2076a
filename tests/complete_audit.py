"""Bring a test audit to the point where it can be finalized, through the audit operations."""

from __future__ import annotations

import base64
from datetime import datetime, timezone

from sqlalchemy import select

from auditor_app.audits import (
    close_gap, mark_area_visited, set_answer, sign_cap, update_cap_item, update_document_check,
    update_interview, update_meeting,
)
from auditor_app.audits.completeness import check_document
from auditor_app.audits.meetings import meeting_of
from auditor_app.checklist.loader import load_checklist
from auditor_app.package.document import audit_document
from auditor_app.store.models import Answer, Audit, CapItem, DocumentCheck, GapClosure, Interview, TourArea

# A 1x1 transparent PNG: what a signature pad stores, in its smallest form.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
CLOSING = datetime(2026, 11, 19, 8, 0, tzinfo=timezone.utc)


def complete_audit(session, audit_id: str, *, sign: bool = True) -> None:
    """Answer every checkpoint left (Yes), review every document, visit every area, hold every
    interview, fill the CAP, record the closing meeting and sign the CAP; gaps already closed with a
    reason are left as they are."""
    audit = session.get(Audit, audit_id)
    closed = set(session.scalars(select(GapClosure.gap).where(GapClosure.audit_id == audit_id)))
    answered = set(session.scalars(select(Answer.checkpoint_id).where(Answer.audit_id == audit_id)))
    for cp in load_checklist(audit.checklist_version).for_audit_type(audit.audit_type):
        if cp.id not in answered and f"checkpoint:{cp.id}" not in closed:
            set_answer(session, audit_id, cp.id, "yes")
    for doc in session.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == audit_id,
                                                           DocumentCheck.status == "requested")):
        if f"document:{doc.id}" not in closed:
            update_document_check(session, doc.id, status="received")
    for area in session.scalars(select(TourArea).where(TourArea.audit_id == audit_id,
                                                       TourArea.visited_at.is_(None))):
        mark_area_visited(session, area.id, True)
    for iv in session.scalars(select(Interview).where(Interview.audit_id == audit_id,
                                                      Interview.conducted_at.is_(None))):
        update_interview(session, iv.id, kind=iv.kind, group_size=iv.group_size, notes=iv.notes,
                         quotes=iv.quotes, held=True)
    for cap in session.scalars(select(CapItem).where(CapItem.audit_id == audit_id)):
        for field, value in (("root_cause", "No procedure"), ("corrective_action", "Fix it"),
                             ("responsible_person", "HR manager")):
            if not getattr(cap, field):
                update_cap_item(session, cap.id, field, value)
    closing = meeting_of(session, audit_id, "closing")
    update_meeting(session, closing.id, held_at=closing.held_at or CLOSING,
                   attendees=closing.attendees or [{"name": "Wu Meiling", "title": "GM", "side": "factory"}],
                   factory_position=closing.factory_position or "agree",
                   zt_notice_to="ESCP program office", zt_notice_at=CLOSING)
    for gap in check_document(audit_document(session, audit_id)).open:
        if gap.closable:  # age flags and the like: decided
            close_gap(session, audit_id, gap.key, "other", "checked in the personnel files")
    if sign:
        for role in ("factory_manager", "auditor"):
            sign_cap(session, audit_id, role, name=role.replace("_", " ").title(), image_png=PNG)
