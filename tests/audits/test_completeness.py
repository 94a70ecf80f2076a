"""A sealed audit is complete, true and signed: gaps by stage, closed with reasons, signatures bound
to the CAP they signed, deadlines from the closing meeting's day on site, the seal signed."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from complete_audit import PNG, complete_audit
from sqlalchemy import select

from auditor_app import cli
from auditor_app.audits import (
    FinalizeBlocked, InvalidChange, add_finding, close_gap, close_gaps, create_audit, finalize, reopen_gap,
    update_cap_item, update_meeting,
)
from auditor_app.audits.completeness import check_document
from auditor_app.audits.meetings import meeting_of
from auditor_app.audits.rating import live_rating
from auditor_app.checklist.cap_policy import finding_due_date
from auditor_app.package.cap_content import cap_sha256
from auditor_app.package.document import audit_document
from auditor_app.signing.seal_statement import statement_problems
from auditor_app.store.eventlog import audit_events
from auditor_app.store.models import CapItem, DocumentCheck, Signature

FACTORY = {"name": "Shantou Happy Toys Co., Ltd.", "headcount_male": 80, "headcount_female": 120, "country": "CN"}
TEAM = [{"name": "Li Wei", "role": "lead auditor"}]


@pytest.fixture
def audit_id(store):
    with store.transaction() as s:
        audit_id = create_audit(s, audit_type="ICA", factory=FACTORY, team=TEAM).id
        add_finding(s, audit_id, "9.2.2", description="Rear exit locked")
        return audit_id


def gaps(store, audit_id):
    with store.session() as s:
        return check_document(audit_document(s, audit_id))


def test_a_new_audit_lists_every_gap_by_stage_and_is_not_rated(store, audit_id):
    state = gaps(store, audit_id)
    stages = [stage for stage, _gaps in state.by_stage()]
    assert stages == ["documents", "checklist", "closing"]
    texts = [g.text for g in state.open]
    assert state.answered == 1 and state.applicable > 200
    assert "Checkpoint 1.1.1 not answered" in " ".join(texts)
    assert "CAP of NC 9.2.2: no root cause" in texts and "CAP of NC 9.2.2: no responsible person" in texts
    assert "The closing meeting is not recorded" in " ".join(texts)
    assert "The factory manager has not signed the CAP" in texts
    with store.session() as s:
        assert live_rating(s, audit_id).label.startswith("Assessed so far (1/")
    with store.transaction() as s:
        empty = create_audit(s, audit_type="ICA", factory=FACTORY, team=TEAM).id
    with store.session() as s:
        live = live_rating(s, empty)
    assert live.label.startswith("Not rated yet (0/") and live.status is None  # never "Certified"


def test_finalize_is_refused_while_gaps_are_open_and_succeeds_once_each_is_done_or_closed(store, audit_id):
    with pytest.raises(FinalizeBlocked) as refused, store.transaction() as s:
        finalize(s, audit_id, folder=store.folder)
    assert len(refused.value.missing) > 200 and "auditor-app check" in refused.value.hint
    with store.transaction() as s:
        first_doc = s.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == audit_id)).first()
        close_gap(s, audit_id, f"document:{first_doc.id}", "not_available", "destroyed in a flood")
        complete_audit(s, audit_id)
    state = gaps(store, audit_id)
    assert state.complete
    assert [(c.gap.text, c.reason, c.note) for c in state.closed] == [
        (f"“{first_doc.name}” not reviewed", "not_available", "destroyed in a flood")]
    with store.transaction() as s:
        seal = finalize(s, audit_id, folder=store.folder)
    with store.session() as s:
        doc = audit_document(s, audit_id)
        events = audit_events(s, audit_id)
    statement = doc["audit"]["seal_statement"]
    assert statement["seal"] == seal and statement["signer"]["name"] == "Li Wei"
    assert statement_problems(statement, audit_id=audit_id, seal=seal, events=events) == []
    assert (store.folder.root / "keys" / "device-ed25519.pem").stat().st_mode & 0o777 == 0o600


def test_gaps_that_must_be_done_cannot_be_closed_and_reasons_are_checked(store, audit_id):
    with pytest.raises(InvalidChange, match="has to be done"), store.transaction() as s:
        close_gap(s, audit_id, "signature:factory_manager", "other", "he left early")
    with pytest.raises(InvalidChange, match="say why"), store.transaction() as s:
        close_gap(s, audit_id, "checkpoint:1.1.1", "other")
    with pytest.raises(InvalidChange, match="no longer open"), store.transaction() as s:
        close_gap(s, audit_id, "checkpoint:99.9.9", "not_applicable")
    with store.transaction() as s:
        assert close_gaps(s, audit_id, ["checkpoint:1.1.1", "checkpoint:1.1.2"], "not_applicable") == 2
    assert {c.gap.key for c in gaps(store, audit_id).closed} == {"checkpoint:1.1.1", "checkpoint:1.1.2"}
    with store.transaction() as s:
        reopen_gap(s, audit_id, "checkpoint:1.1.1")
    assert {c.gap.key for c in gaps(store, audit_id).closed} == {"checkpoint:1.1.2"}


def test_a_signature_binds_the_cap_it_signed_and_an_edit_clears_both(store, audit_id):
    with store.transaction() as s:
        complete_audit(s, audit_id)
        cap = s.scalars(select(CapItem)).one()
        signed = {sig.role: sig.cap_sha256 for sig in s.scalars(select(Signature))}
        assert set(signed.values()) == {cap_sha256(audit_document(s, audit_id))}
    with store.transaction() as s:
        update_cap_item(s, cap.id, "corrective_action", "Chain removed; security checks exits daily")
    with store.session() as s:
        assert s.scalars(select(Signature)).all() == []  # both cleared, each delete an event
        deleted = [e for e in audit_events(s, audit_id) if e["action"] == "delete" and e["entity"] == "signature"]
    assert len(deleted) == 2
    assert {g.text for g in gaps(store, audit_id).open} == {"The factory manager has not signed the CAP",
                                                            "The auditor has not signed the CAP"}


def test_a_signature_drawn_for_another_version_of_the_cap_is_a_gap(store, audit_id):
    with store.transaction() as s:
        complete_audit(s, audit_id)
    with store.session() as s:
        doc = audit_document(s, audit_id)
    doc["cap_item"][0]["corrective_action"] = "changed behind the app's back"
    texts = [g.text for g in check_document(doc).open]
    assert "The factory manager signed an earlier version of the CAP: sign again" in texts


def test_cap_deadlines_count_from_the_closing_meeting_day_on_site(store, audit_id):
    # 23:30 UTC on 2 December is already 3 December in Dongguan (UTC+8): the day on site counts.
    held = datetime(2026, 12, 2, 23, 30, tzinfo=timezone.utc)
    with store.transaction() as s:
        cap = s.scalars(select(CapItem)).one()
        update_cap_item(s, cap.id, "responsible_person", "Mr Zhao")
        update_meeting(s, meeting_of(s, audit_id, "closing").id, held_at=held)
    with store.session() as s:
        cap = s.scalars(select(CapItem)).one()
        grade = s.get(type(cap), cap.id).finding.grade
    assert cap.due_date == finding_due_date(grade, date(2026, 12, 3), "immediate")  # 9.2.2: due: immediate
    agreed = date(2027, 3, 1)
    with store.transaction() as s:
        update_cap_item(s, cap.id, "due_date", agreed)  # agreed with the factory: it stays
        update_meeting(s, meeting_of(s, audit_id, "closing").id, held_at=datetime(2026, 12, 4, 8, tzinfo=timezone.utc))
    with store.session() as s:
        assert s.get(CapItem, cap.id).due_date == agreed


def test_check_command_lists_the_gaps_and_exits_1_then_0(store, audit_id, capsys, monkeypatch):
    monkeypatch.setenv("AUDITOR_APP_HOME", str(store.folder.root))
    assert cli.main(["check", audit_id[:8]]) == 1
    out = capsys.readouterr().out
    assert "gap(s) open" in out and "Checklist (" in out and "[must be done]" in out
    assert cli.main(["check", audit_id[:8], "--json"]) == 1
    with store.transaction() as s:
        complete_audit(s, audit_id)
    assert cli.main(["check", audit_id[:8]]) == 0
    assert "complete." in capsys.readouterr().out


def test_complete_audit_helper_signs_with_a_real_png():
    assert PNG.startswith(b"\x89PNG")
