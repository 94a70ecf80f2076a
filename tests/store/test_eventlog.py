"""Every change to an audit appends a hash-chained event; a finalized audit is frozen."""

from __future__ import annotations

import pytest

from auditor_app.store.eventlog import AuditFrozen, audit_events, chain_problems
from auditor_app.store.models import Audit, FactoryProfile, Finding

from audit_states import tamper


@pytest.fixture
def audit_id(store):
    with store.transaction() as s:
        audit = Audit(audit_type="ICA", checklist_version="4.0")
        s.add(audit)
        s.flush()
        s.add(FactoryProfile(audit_id=audit.id, name="Toy Factory"))
        return audit.id


def events(store, audit_id):
    with store.session() as s:
        return audit_events(s, audit_id)


def test_create_update_delete_are_logged_with_old_and_new(store, audit_id):
    with store.transaction() as s:
        finding = Finding(audit_id=audit_id, checkpoint_id="9.2.1", grade="major")
        s.add(finding)
    with store.transaction() as s:
        f = s.get(Finding, finding.id)
        f.grade, f.description = "critical", "Exit blocked"
    with store.transaction() as s:
        s.delete(s.get(Finding, finding.id))
    evs = events(store, audit_id)
    assert [(e["action"], e["entity"]) for e in evs] == [
        ("create", "audit"), ("create", "factory_profile"), ("create", "finding"),
        ("update", "finding"), ("delete", "finding")]
    assert evs[3]["changes"] == {"grade": ["major", "critical"], "description": ["", "Exit blocked"]}
    assert evs[2]["changes"]["grade"] == "major"
    assert {e["actor"] for e in evs} == {store.actor}
    assert chain_problems(evs) == []


def test_unchanged_assignment_logs_nothing(store, audit_id):
    before = len(events(store, audit_id))
    with store.transaction() as s:
        s.get(Audit, audit_id).audit_type = "ICA"
    assert len(events(store, audit_id)) == before


def test_edited_event_is_detected(store, audit_id):
    tamper(store, "UPDATE event SET actor = 'someone else' WHERE seq = 2")
    problems = chain_problems(events(store, audit_id))
    assert problems == ["event 2 (create factory_profile) was altered: hash mismatch"]


def test_removed_event_is_detected(store, audit_id):
    with store.transaction() as s:
        s.add(Finding(audit_id=audit_id, checkpoint_id="1.1.1", grade="minor"))
    tamper(store, "DELETE FROM event WHERE seq = 2")
    problems = chain_problems(events(store, audit_id))
    assert problems and "event 2 is missing" in problems[0]


def test_finalized_audit_refuses_edits_but_not_its_state(store, audit_id):
    with store.transaction() as s:
        finding = Finding(audit_id=audit_id, checkpoint_id="1.1.1", grade="minor")
        s.add(finding)
    with store.transaction() as s:
        audit = s.get(Audit, audit_id)
        audit.seal, audit.sealed_at, audit.state = "0" * 64, audit.created_at, "finalized"
    with pytest.raises(AuditFrozen, match="finalized"):
        with store.transaction() as s:
            s.get(Finding, finding.id).description = "changed after signing"
    with pytest.raises(AuditFrozen):
        with store.transaction() as s:
            s.get(Audit, audit_id).notes = "late note"
    with store.transaction() as s:
        s.get(Audit, audit_id).state = "submitted"
    with store.session() as s:
        assert s.get(Finding, finding.id).description == ""
    assert chain_problems(events(store, audit_id)) == []
