"""A Zero Tolerance alert's receipt is recorded as the closing meeting's 24-hour notice, by the worker
(so `auditor-app sync` records it too)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from auditor_app.audits.meetings import meeting_of, update_meeting
from auditor_app.store.models import Finding, OutboxItem
from auditor_app.sync.worker import sync_once
from auditor_app.sync.zt_notice import NOTICE_TO, receipt_time


def _draft_with_zero_tolerance(laptop) -> str:
    from package.crafting import build_audit

    audit_id = build_audit(laptop.store)
    with laptop.store.transaction() as s:
        s.add(Finding(audit_id=audit_id, checkpoint_id="2.1.1", grade="zero_tolerance",
                      description="Two workers under 16 on the moulding line"))
    return audit_id


def _closing(laptop, audit_id):
    with laptop.store.session() as s:
        return meeting_of(s, audit_id, "closing")


def test_the_alert_receipt_is_the_recorded_notice(laptop):
    audit_id = _draft_with_zero_tolerance(laptop)
    held_before = _closing(laptop, audit_id).held_at
    report = sync_once(laptop.store, laptop.folder, sleep=lambda _s: None)
    assert [r.state for r in report.results] == ["sent"]
    assert "24-hour notice" in report.results[0].message
    with laptop.store.session() as s:
        item = s.scalars(select(OutboxItem).where(OutboxItem.audit_id == audit_id)).one()
    closing = _closing(laptop, audit_id)
    assert closing.zt_notice_to == NOTICE_TO
    assert closing.zt_notice_at == receipt_time(item.receipt)
    assert closing.held_at == held_before  # the notice does not date the meeting


def test_a_notice_recorded_by_hand_is_left_alone(laptop):
    audit_id = _draft_with_zero_tolerance(laptop)
    by_hand = datetime(2026, 11, 18, 9, 30, tzinfo=timezone.utc)
    with laptop.store.transaction() as s:
        update_meeting(s, meeting_of(s, audit_id, "closing").id, zt_notice_to="ESCP program office (e-mail)",
                       zt_notice_at=by_hand)
    report = sync_once(laptop.store, laptop.folder, sleep=lambda _s: None)
    assert [r.state for r in report.results] == ["sent"] and report.results[0].message == ""
    closing = _closing(laptop, audit_id)
    assert (closing.zt_notice_to, closing.zt_notice_at) == ("ESCP program office (e-mail)", by_hand)
