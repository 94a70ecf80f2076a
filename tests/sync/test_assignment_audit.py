"""An assignment becomes create_audit's arguments, and the audit made from them is the assigned one."""

from __future__ import annotations

from datetime import date

from connect_helpers import Laptop

from auditor_app.audits import create_audit
from auditor_app.audits.creation import new_audit_problems
from auditor_app.audits.operation import run_operation
from auditor_app.store.models import Audit, FactoryProfile
from auditor_app.sync.assignments import audit_arguments, record_started, started_audits

ASSIGNMENT = {
    "id": "5d0f2a3e-0000-4000-8000-000000000001", "audit_type": "IAA", "window_start": "2027-02-01",
    "window_end": "2027-02-05", "previous_audit_id": None, "previous_cap": [], "notes": "",
    "factory": {"name": "Dongguan Happy Toys", "name_local": "东莞快乐玩具厂", "country": "CN",
                "headcount_male": 120, "headcount_female": 180, "platform_only_field": "x"},
}
USER = {"name": "Li Na", "login": "li.na", "role": "auditor", "firm_name": "Pearl River Audits"}


def test_an_assignment_maps_to_the_new_audit_arguments():
    args = audit_arguments(ASSIGNMENT, USER)
    assert args["audit_type"] == "IAA"
    assert args["factory"] == {"name": "Dongguan Happy Toys", "name_local": "东莞快乐玩具厂", "country": "CN",
                               "headcount_male": 120, "headcount_female": 180}  # the unknown field is left out
    assert (args["planned_start"], args["planned_end"]) == (date(2027, 2, 1), date(2027, 2, 5))
    assert args["team"] == [{"name": "Li Na", "role": "lead auditor"}]
    assert args["audit_firm"] == "Pearl River Audits"
    assert new_audit_problems(**args) == {}


def test_what_the_platform_did_not_give_is_asked_for():
    bare = dict(ASSIGNMENT, factory={"name": "Shantou Toys"}, window_start="not a date")
    args = audit_arguments(bare, None)
    assert args["planned_start"] is None and args["team"] == []
    assert set(new_audit_problems(**args)) == {"headcount", "team"}


def test_the_audit_made_from_an_assignment_is_the_assigned_one(tmp_path):
    laptop = Laptop(tmp_path / "laptop")
    try:
        changes = run_operation(laptop.store, create_audit, **audit_arguments(ASSIGNMENT, USER))
        audit_id = changes.result.id
        with laptop.store.session() as s:
            audit = s.get(Audit, audit_id)
            profile = s.query(FactoryProfile).filter_by(audit_id=audit_id).one()
            assert (audit.state, audit.audit_type, audit.planned_start) == ("draft", "IAA", date(2027, 2, 1))
            assert audit.team == [{"name": "Li Na", "role": "lead auditor"}]
            assert (profile.name, profile.headcount_female, profile.timezone) == ("Dongguan Happy Toys", 180,
                                                                                 "Asia/Shanghai")
        assert started_audits(laptop.folder) == {}
        record_started(laptop.folder, ASSIGNMENT["id"], audit_id)
        assert started_audits(laptop.folder) == {ASSIGNMENT["id"]: audit_id}
    finally:
        laptop.close()


def test_a_visit_assignment_starts_from_the_audit_it_follows_on_this_laptop(store):
    from auditor_app.audits import add_finding, create_audit, start_follow_up
    from auditor_app.audits.verification import carried_items
    from auditor_app.sync.assignments import previous_audit_here
    from tests.audit_states import mark_finalized

    with store.transaction() as s:
        previous = create_audit(s, audit_type="ICA", team=[{"name": "Li Na", "role": "lead auditor"}],
                                factory={"name": "Dongguan Happy Toys", "connect_id": "F-CN-7",
                                         "headcount_male": 120, "headcount_female": 180}).id
        add_finding(s, previous, "9.2.2", description="Rear exit locked", grade="critical")
    pv = dict(ASSIGNMENT, audit_type="PV", previous_audit_id=previous)
    with store.session() as s:
        assert previous_audit_here(s, pv) == previous
        assert previous_audit_here(s, dict(pv, audit_type="ICA")) is None  # not a visit
        assert previous_audit_here(s, dict(pv, previous_audit_id="elsewhere")) is None  # a draft is not followed
    with store.transaction() as s:
        mark_finalized(s, previous)
    by_factory = dict(pv, previous_audit_id="not-here", factory=dict(ASSIGNMENT["factory"], connect_id="F-CN-7"))
    with store.session() as s:
        assert previous_audit_here(s, by_factory) == previous
    args = audit_arguments(pv, USER)
    with store.transaction() as s:
        visit = start_follow_up(s, previous, audit_type="PV", planned_start=args["planned_start"],
                                planned_end=args["planned_end"], team=args["team"])
        visit_id = visit.id
    with store.session() as s:
        assert [i.finding.checkpoint_id for i in carried_items(s, visit_id)] == ["9.2.2"]
