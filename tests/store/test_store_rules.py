"""The store enforces its own rules: every probe that once changed an audit silently is refused or logged.

The probe: a sealed audit set back to draft through the ORM; a parent row deleted under its children;
bulk UPDATE / DELETE through a session; raw SQL UPDATE on a sealed audit's finding from another
connection; a JSON column edited in place; a write in a session opened for reading; events edited.
"""

from __future__ import annotations


import pytest
from sqlalchemy import delete, insert, select, text, update

from auditor_app.confidential.database import DRIVER as sqlcipher
from auditor_app.store.db import raw_connection
from auditor_app.store.eventlog import AuditFrozen, StoreRuleBroken, audit_events, chain_problems
from auditor_app.store.models import (
    AreaEvidence, Audit, CapItem, Event, Evidence, FactoryProfile, Finding, FindingEvidence, Meeting, TourArea,
)
from auditor_app.store.types import utcnow


@pytest.fixture
def audit_id(store):
    with store.transaction() as s:
        audit = Audit(audit_type="ICA", checklist_version="4.0")
        s.add(audit)
        s.flush()
        s.add(FactoryProfile(audit_id=audit.id, name="Toy Factory", departments=["assembly"]))
        s.add(Meeting(audit_id=audit.id, kind="opening", attendees=[{"name": "Wu", "side": "factory"}]))
        area = TourArea(audit_id=audit.id, kind="production", name="Assembly")
        s.add(area)
        s.flush()
        finding = Finding(audit_id=audit.id, checkpoint_id="9.2.1", grade="major", tour_area_id=area.id)
        evidence = Evidence(audit_id=audit.id, sha256="a" * 64, original_name="x.jpg", media_type="image/jpeg",
                            size=10)
        s.add_all([finding, evidence])
        s.flush()
        s.add_all([CapItem(audit_id=audit.id, finding_id=finding.id),
                   FindingEvidence(audit_id=audit.id, finding_id=finding.id, evidence_id=evidence.id),
                   AreaEvidence(audit_id=audit.id, tour_area_id=area.id, evidence_id=evidence.id)])
        return audit.id


def seal(store, audit_id):
    with store.transaction() as s:
        audit = s.get(Audit, audit_id)
        audit.seal, audit.sealed_at, audit.state = "0" * 64, utcnow(), "finalized"


def one(store, model, audit_id):
    with store.session() as s:
        return s.scalars(select(model).where(model.audit_id == audit_id)).first()


def events(store, audit_id):
    with store.session() as s:
        return audit_events(s, audit_id)


# ---- the state machine ----

def test_a_sealed_audit_never_returns_to_draft(store, audit_id):
    seal(store, audit_id)
    with pytest.raises(AuditFrozen, match="finalized cannot become draft"):
        with store.transaction() as s:
            s.get(Audit, audit_id).state = "draft"
    with store.session() as s:
        assert s.get(Audit, audit_id).state == "finalized"


def test_states_move_in_order_and_finalizing_needs_a_seal(store, audit_id):
    with pytest.raises(StoreRuleBroken, match="draft cannot become accepted"):
        with store.transaction() as s:
            s.get(Audit, audit_id).state = "accepted"
    with pytest.raises(StoreRuleBroken, match="only with its seal"):
        with store.transaction() as s:
            s.get(Audit, audit_id).state = "finalized"
    with pytest.raises(StoreRuleBroken, match="starts as a draft"):
        with store.transaction() as s:
            s.add(Audit(audit_type="ICA", checklist_version="4.0", state="finalized"))


def test_a_sealed_audit_keeps_its_life_after_the_seal(store, audit_id):
    seal(store, audit_id)
    with store.transaction() as s:
        s.get(Audit, audit_id).state = "submitted"
    with pytest.raises(AuditFrozen):
        with store.transaction() as s:
            one_finding = s.scalars(select(Finding).where(Finding.audit_id == audit_id)).one()
            one_finding.grade = "minor"
    actions = [(e["action"], e["entity"]) for e in events(store, audit_id)]
    assert actions[-1] == ("update", "audit")
    assert chain_problems(events(store, audit_id)) == []


def test_audits_are_never_deleted(store, audit_id):
    with pytest.raises(StoreRuleBroken, match="never deleted"):
        with store.transaction() as s:
            s.delete(s.get(Audit, audit_id))


# ---- deletes are events ----

def test_deleting_a_finding_deletes_its_cap_and_links_as_events(store, audit_id):
    finding = one(store, Finding, audit_id)
    with store.transaction() as s:
        s.delete(s.get(Finding, finding.id))
    logged = [(e["action"], e["entity"]) for e in events(store, audit_id)][-3:]
    assert sorted(logged) == [("delete", "cap_item"), ("delete", "finding"), ("delete", "finding_evidence")]
    assert one(store, CapItem, audit_id) is None and one(store, FindingEvidence, audit_id) is None


def test_a_parent_row_is_not_deleted_under_its_children(store, audit_id):
    area = one(store, TourArea, audit_id)
    before = len(events(store, audit_id))
    with pytest.raises(StoreRuleBroken, match="tour area cannot be removed while 1 finding"):
        with store.transaction() as s:
            s.delete(s.get(TourArea, area.id))
    assert one(store, TourArea, audit_id) is not None
    assert len(events(store, audit_id)) == before


def test_the_database_itself_restricts_deletes_with_dependants(store, audit_id):
    raw = raw_connection(store.folder)
    raw.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlcipher.IntegrityError, match="FOREIGN KEY"):
        with raw:
            raw.execute("DELETE FROM tour_area")
    raw.close()
    assert one(store, Finding, audit_id).tour_area_id is not None


# ---- statements that bypass the unit of work ----

@pytest.mark.parametrize("statement", [
    update(Finding).values(grade="minor"),
    delete(FindingEvidence),
    insert(Finding).values(id="x", audit_id="y", checkpoint_id="1", grade="minor", created_at="", updated_at=""),
    update(Event).values(actor="someone else"),
    text("UPDATE finding SET grade = 'minor'"),
    text("  delete from event"),
], ids=["orm-update", "orm-delete", "orm-insert", "event-update", "raw-update", "raw-delete"])
def test_bulk_statements_through_a_session_are_refused(store, audit_id, statement):
    with pytest.raises(StoreRuleBroken, match="refused"):
        with store.transaction() as s:
            s.execute(statement)
    assert one(store, Finding, audit_id).grade == "major"


def test_selects_still_run(store, audit_id):
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM finding")).scalar_one() == 1


def test_raw_sql_on_a_sealed_audit_is_refused_by_the_database(store, audit_id):
    seal(store, audit_id)
    raw = raw_connection(store.folder)
    for sql in ("UPDATE finding SET grade = 'minor'", "DELETE FROM cap_item",
                "UPDATE audit SET state = 'draft'", "UPDATE audit SET notes = 'late'",
                "UPDATE event SET actor = 'x'", "DELETE FROM event"):
        with pytest.raises(sqlcipher.IntegrityError):
            with raw:
                raw.execute(sql)
    raw.close()
    assert one(store, Finding, audit_id).grade == "major"


def test_raw_sql_may_still_move_a_sealed_audit_on(store, audit_id):
    seal(store, audit_id)
    raw = raw_connection(store.folder)
    with raw:
        raw.execute("UPDATE audit SET state = 'submitted', current_status = 'certified'")
    raw.close()


def test_the_triggers_exist_at_head(store):
    raw = raw_connection(store.folder)
    names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    raw.close()
    for table in ("finding", "cap_item", "evidence", "signature", "interview", "answer", "meeting"):
        assert {f"{table}_sealed_no_update", f"{table}_sealed_no_delete"} <= names
    assert {"audit_state_in_order", "audit_sealed_no_update", "audit_no_delete",
            "event_no_update", "event_no_delete"} <= names


# ---- JSON edited in place ----

def test_json_edited_in_place_is_saved_and_logged(store, audit_id):
    meeting = one(store, Meeting, audit_id)
    with store.transaction() as s:
        row = s.get(Meeting, meeting.id)
        row.attendees.append({"name": "Li Na", "side": "audit"})
        s.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id)).one().departments[0] = "packing"
    assert [a["name"] for a in one(store, Meeting, audit_id).attendees] == ["Wu", "Li Na"]
    assert one(store, FactoryProfile, audit_id).departments == ["packing"]
    changes = {e["entity"]: e["changes"] for e in events(store, audit_id) if e["action"] == "update"}
    assert changes["meeting"]["attendees"] == [[{"name": "Wu", "side": "factory"}],
                                               [{"name": "Wu", "side": "factory"}, {"name": "Li Na", "side": "audit"}]]
    assert changes["factory_profile"]["departments"] == [["assembly"], ["packing"]]


def test_json_edited_in_place_on_a_sealed_audit_is_refused(store, audit_id):
    seal(store, audit_id)
    meeting = one(store, Meeting, audit_id)
    with pytest.raises(AuditFrozen):
        with store.transaction() as s:
            s.get(Meeting, meeting.id).attendees.append({"name": "late"})
    assert len(one(store, Meeting, audit_id).attendees) == 1


def test_assigning_json_logs_the_true_old_value(store, audit_id):
    meeting = one(store, Meeting, audit_id)
    with store.transaction() as s:
        row = s.get(Meeting, meeting.id)
        row.attendees.append({"name": "in place first"})
        row.attendees = [{"name": "then assigned"}]
    update_event = [e for e in events(store, audit_id) if e["entity"] == "meeting" and e["action"] == "update"][0]
    assert update_event["changes"]["attendees"][0] == [{"name": "Wu", "side": "factory"}]


# ---- sessions for reading, the event log ----

def test_a_read_only_session_refuses_to_write(store, audit_id):
    finding = one(store, Finding, audit_id)
    with pytest.raises(StoreRuleBroken, match="only reads"):
        with store.session(read_only=True) as s:
            s.get(Finding, finding.id).grade = "minor"
            s.flush()
    assert one(store, Finding, audit_id).grade == "major"


def test_events_are_written_by_the_chain_only(store, audit_id):
    with pytest.raises(StoreRuleBroken, match="append-only"):
        with store.transaction() as s:
            s.scalars(select(Event).where(Event.audit_id == audit_id)).first().actor = "someone else"
    with pytest.raises(StoreRuleBroken, match="written by the store"):
        with store.transaction() as s:
            s.add(Event(audit_id=audit_id, seq=999, at=utcnow(), actor="x", action="create", entity="finding",
                        entity_id="x", changes={}, prev_hash="0" * 64, hash="0" * 64))
    assert chain_problems(events(store, audit_id)) == []
