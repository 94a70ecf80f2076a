"""A visit started from a previous audit verifies the previous CAP item by item, never by deleting:
the CAP as agreed comes along, results close or keep NCs open, the visit type limits what it closes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from auditor_app.audits import (
    InvalidChange,
    add_finding,
    answer_checkpoint,
    create_audit,
    delete_finding,
    live_findings,
    start_follow_up,
)
from auditor_app.audits.verification import carried_items, unverified, verify_carried
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.store.models import Answer, Audit, CapItem

FACTORY = {"name": "Shantou Happy Toys Co., Ltd.", "headcount_male": 80, "headcount_female": 120}
TEAM = [{"name": "Li Wei", "role": "lead auditor"}]


@pytest.fixture
def previous(store):
    """An audit with a Critical and a Minor NC and their CAP as the factory agreed it."""
    with store.transaction() as s:
        audit = create_audit(s, audit_type="ICA", factory=FACTORY, team=TEAM)
        exits = add_finding(s, audit.id, "9.2.2", description="Rear exit locked", grade="critical")
        signs = add_finding(s, audit.id, "9.6.3", description="No noise signs", grade="minor")
        s.flush()
        for finding, action, due in ((exits, "Remove the chain; daily exit check", date(2026, 1, 10)),
                                     (signs, "Post the signs", date(2026, 12, 30))):
            cap = s.scalars(select(CapItem).where(CapItem.finding_id == finding.id)).one()
            cap.root_cause, cap.corrective_action = "No owner", action
            cap.responsible_person, cap.due_date = "Zhang Jianguo", due
        return audit.id


def visit(store, previous, audit_type, **kw):
    with store.transaction() as s:
        return start_follow_up(s, previous, audit_type=audit_type, planned_start=date(2026, 3, 2), **kw).id


def test_a_progress_visit_carries_the_cap_as_agreed_announced_with_its_dates(store, previous):
    pv = visit(store, previous, "PV", planned_end=date(2026, 3, 2))
    with store.session() as s:
        audit = s.get(Audit, pv)
        assert audit.audit_type == "PV" and audit.announced is True and audit.planned_start == date(2026, 3, 2)
        items = carried_items(s, pv)
        assert [(i.finding.checkpoint_id, i.cap.corrective_action, i.cap.responsible_person) for i in items] == [
            ("9.2.2", "Remove the chain; daily exit check", "Zhang Jianguo"), ("9.6.3", "Post the signs", "Zhang Jianguo")]
        assert [i.overdue for i in items] == [True, False]  # due 2026-01-10, before the visit
        assert [i.verified for i in items] == [False, False]
        # the carried NCs are answered NC: the NCs filter and counts show them
        answers = {a.checkpoint_id: a.answer for a in s.scalars(select(Answer).where(Answer.audit_id == pv))}
        assert answers == {"9.2.2": "nc", "9.6.3": "nc"}
    fu = visit(store, previous, "FU")
    with store.session() as s:
        assert s.get(Audit, fu).announced is False  # every audit but a PV is unannounced


def test_verification_results_close_or_keep_open_and_never_delete(store, previous):
    pv = visit(store, previous, "PV")
    with store.session() as s:
        exits, signs = (i.cap.id for i in carried_items(s, pv))
    with store.transaction() as s, pytest.raises(InvalidChange, match="needs a note"):
        verify_carried(s, exits, "closed")
    with store.transaction() as s:
        verify_carried(s, exits, "closed", "Chain removed; exit checked open on 1F-4F, daily log kept")
        verify_carried(s, signs, "progress", "Signs on 30 of 42 machines")
    with store.session() as s:
        items = {i.finding.checkpoint_id: i for i in carried_items(s, pv)}
        assert items["9.2.2"].finding.status == "closed" and items["9.2.2"].cap.verification_result == "closed"
        assert items["9.2.2"].cap.auditor_verification.startswith("Chain removed") and items["9.2.2"].cap.verified_at
        assert items["9.2.2"].overdue is False  # closed: no longer overdue
        assert items["9.6.3"].finding.status == "in_progress"
        assert unverified(s, pv) == []
        assert len(live_findings(s, pv)) == 2  # nothing deleted
    # an answer or a delete never removes a carried NC
    with store.transaction() as s, pytest.raises(InvalidChange, match="record its verification instead"):
        answer_checkpoint(s, pv, "9.2.2", "yes")
    with store.session() as s:
        finding_id = carried_items(s, pv)[0].finding.id
    with store.transaction() as s, pytest.raises(InvalidChange, match="carried from the previous audit on 9.2.2"):
        delete_finding(s, finding_id)


def test_a_desktop_review_closes_minor_ncs_only(store, previous):
    assert load_visit_types()["DR"].closes_grades == ("minor",)
    dr = visit(store, previous, "DR")
    with store.session() as s:
        exits, signs = (i.cap.id for i in carried_items(s, dr))
    with store.transaction() as s, pytest.raises(InvalidChange, match="can close Minor NCs only"):
        verify_carried(s, exits, "closed", "Photo of the exit sent by the factory")
    with store.transaction() as s:
        verify_carried(s, signs, "closed", "Photos of the signs at every machine")
        verify_carried(s, exits, "unverifiable", "A locked exit cannot be verified from photos")
    with store.session() as s:
        statuses = {i.finding.checkpoint_id: (i.finding.status, i.cap.verification_result) for i in carried_items(s, dr)}
    assert statuses == {"9.2.2": ("open", "unverifiable"), "9.6.3": ("closed", "closed")}


def test_only_carried_ncs_are_verified(store, previous):
    pv = visit(store, previous, "PV")
    with store.transaction() as s:
        new = add_finding(s, pv, "11.1.1", description="Trainees below minimum wage")
        s.flush()
        cap_id = s.scalars(select(CapItem).where(CapItem.finding_id == new.id)).one().id
    with store.transaction() as s, pytest.raises(InvalidChange, match="only an NC carried"):
        verify_carried(s, cap_id, "open")
