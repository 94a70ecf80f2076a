"""The demo factory's previous audit: last year's initial certification audit, finalized and signed.

A newcomer sees a sealed record beside this year's draft (read-only, its seal and signer shown),
`auditor-app verify` has a real package to check, and a progress visit has a previous CAP to verify.
Written, like the draft, through the operations the window uses, then finalized.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from auditor_app.audits import (
    add_finding, add_group_interview, add_tour_area, create_audit, finalize, mark_area_visited, set_answer,
    set_stage, sign_cap, sign_form, update_audit, update_cap_item, update_document_check, update_interview,
    update_meeting,
)
from auditor_app.audits.meetings import meeting_of, set_consent
from auditor_app.checklist.loader import load_checklist
import auditor_app.demo.content as content
from auditor_app.store.db import Store
from auditor_app.store.models import DocumentCheck
from auditor_app.store.vocab import CONSENTS, FORMS, STAGES

CST = timezone(timedelta(hours=8))
START = date(2025, 11, 19)

# (checkpoint, description, frequency, workers, CAP: root cause, corrective, preventive)
FINDINGS = [
    ("9.3.3", "Extinguisher inspection tags on 2F not signed for two months.", "2F, 2 months", 0,
     "No named person for monthly checks.", "Inspect and sign all tags.", "Monthly check on the EHS calendar."),
    ("6.2.2", "Workers hired in 2025 did not receive a copy of their signed contract.", "11 of 20 interviewed", 310,
     "HR kept all copies in the personnel files.", "Hand every worker a signed copy, with receipt.",
     "Contract hand-over added to the onboarding checklist."),
    ("12.1.5", "Workers cannot see their own clock-in records.", "All workers", 760,
     "The time system has no self-service access.", "Post monthly time summaries for each worker.",
     "Buy a self-service kiosk in the 2026 budget."),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CST).astimezone(timezone.utc)


def create_previous_audit(store: Store, signature_png) -> str:
    """Last year's ICA of the demo factory, sealed; returns its id."""
    checklist = load_checklist()
    end = START + timedelta(days=1)
    with store.transaction() as session:
        audit_id = create_audit(
            session, factory=content.FACTORY, checklist_version=checklist.version, audit_type="ICA",
            planned_start=START, planned_end=end, team=content.AUDIT["team"], audit_firm=content.AUDIT["audit_firm"]).id
        update_audit(session, audit_id, actual_start=START, actual_end=end,
                     site_days=[{"date": START.isoformat(), "time_in": "08:15", "time_out": "18:30"},
                                {"date": end.isoformat(), "time_in": "08:20", "time_out": "17:10"}])
        _day(session, audit_id, end, checklist, signature_png)
        for stage in STAGES:
            set_stage(session, audit_id, stage, "done")
    with store.transaction() as session:
        finalize(session, audit_id, folder=store.folder)
    return audit_id


def _day(session, audit_id: str, end: date, checklist, signature_png) -> None:
    opening = meeting_of(session, audit_id, "opening")
    update_meeting(session, opening.id, attendees=content.ATTENDEES, held_at=_at(START, 8, 30),
                   documents_confirmed=True, profile_confirmed=True, notes="Initial certification audit explained.")
    for form in FORMS:
        sign_form(session, opening.id, form, True, at=_at(START, 8, 45))
    for consent in CONSENTS:
        set_consent(session, opening.id, consent, True)
    for n, (kind, name, _observations) in enumerate(content.TOUR_AREAS[:4]):
        area_id = add_tour_area(session, audit_id, kind, name)
        mark_area_visited(session, area_id, True, at=_at(START, 9 + n // 3, 10 + 15 * (n % 3)))
    for doc in session.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == audit_id)):
        update_document_check(session, doc.id, status="received")
    for n, department in enumerate(("注塑车间", "装配车间", "包装车间"), start=1):
        group_id = add_group_interview(session, audit_id, group_size=4, stratum={"department": department})
        update_interview(session, group_id, kind="group", group_size=4, notes="Hours and pay as recorded.",
                         quotes=[], held=True, held_at=_at(START, 14, 0) + timedelta(minutes=45 * n))
    nc = {cp for cp, *_ in FINDINGS}
    for cp in checklist.for_audit_type("ICA"):
        if cp.id not in nc:
            set_answer(session, audit_id, cp.id, "yes")
    for cp, description, frequency, workers, root, corrective, preventive in FINDINGS:
        finding = add_finding(session, audit_id, cp, description=description, frequency=frequency,
                              workers_affected=workers, systemic=workers > 100)
        assert finding.cap is not None
        for field, value in (("root_cause", root), ("corrective_action", corrective),
                             ("preventive_action", preventive), ("responsible_person", content.FACTORY["contact_name"]),
                             ("verification_method", "Documents and interviews at the next audit.")):
            update_cap_item(session, finding.cap.id, field, value)
    closing = meeting_of(session, audit_id, "closing")
    update_meeting(session, closing.id, attendees=content.ATTENDEES, held_at=_at(end, 16, 0),
                   factory_position="agree", notes="Three findings presented and agreed; final CAP due in "
                   "20 working days.")
    for role, name, title, authority, seed in (
            ("factory_manager", "Wu Meiling 吴美玲", "General Manager", True, 1),
            ("auditor", "Li Na 李娜", "Lead auditor", False, 2)):
        sign_cap(session, audit_id, role, name=name, title=title, has_authority=authority,
                 image_png=signature_png(name, seed), at=_at(end, 16, 30))
