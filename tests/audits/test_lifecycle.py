"""Audit operations against a real store: create, answers, findings, follow-up, finalize, revision."""

from __future__ import annotations

from datetime import date

import pytest
from complete_audit import complete_audit
from sqlalchemy import select

from auditor_app.audits import (
    FinalizeBlocked,
    InvalidChange,
    add_finding,
    change_grade,
    create_audit,
    delete_finding,
    finalize,
    list_audits,
    live_findings,
    new_revision,
    recommendation,
    restore_finding,
    set_answer,
    set_stage,
    start_follow_up,
    start_stage,
)
from auditor_app.package.document import audit_document
from auditor_app.package.seal import compute_seal, seal_problem
from auditor_app.store.eventlog import AuditFrozen, audit_events, chain_problems
from auditor_app.store.models import (
    Audit,
    CapItem,
    DocumentCheck,
    Finding,
    Meeting,
    Signature,
    StageProgress,
)

FACTORY = {"name": "Shantou Happy Toys Co., Ltd.", "name_local": "汕头快乐玩具有限公司",
           "headcount_male": 80, "headcount_female": 120}
TEAM = [{"name": "Li Wei", "role": "lead auditor"}]


def new_audit(store, **kw):
    with store.transaction() as s:
        kw.setdefault("team", TEAM)
        return create_audit(s, audit_type=kw.pop("audit_type", "ICA"), factory=FACTORY, **kw).id


def test_opening_a_stage_starts_it_once_and_never_on_a_sealed_audit(store):
    audit_id = new_audit(store)

    def status(stage):
        with store.session() as s:
            return s.scalar(select(StageProgress.status).filter_by(audit_id=audit_id, stage=stage))

    with store.transaction() as s:
        assert start_stage(s, audit_id, "tour") is True
    assert status("tour") == "in_progress"
    with store.transaction() as s:
        set_stage(s, audit_id, "tour", "done")
        assert start_stage(s, audit_id, "tour") is False  # a stage begun keeps its status
    assert status("tour") == "done"
    with store.transaction() as s:
        complete_audit(s, audit_id)
        set_stage(s, audit_id, "opening", "not_started")
    with store.transaction() as s:
        finalize(s, audit_id, folder=store.folder)
    with store.transaction() as s:
        assert start_stage(s, audit_id, "opening") is False  # nothing written on a sealed audit
    assert status("opening") == "not_started"


def test_create_audit_sets_up_profile_stages_meetings_and_document_requests(store):
    audit_id = new_audit(store)
    with store.session() as s:
        audit = s.get(Audit, audit_id)
        assert audit.checklist_version == "4.0" and audit.announced is False and audit.state == "draft"
        assert audit.factory.name_local == "汕头快乐玩具有限公司"
        assert len(s.scalars(select(StageProgress).where(StageProgress.audit_id == audit_id)).all()) == 7
        assert {m.kind for m in s.scalars(select(Meeting).where(Meeting.audit_id == audit_id))} == {"opening", "closing"}
        docs = s.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == audit_id)).all()
        assert 20 <= len(docs) <= 60 and any("Payroll" in d.name for d in docs)


def test_progress_visit_defaults_to_announced(store):
    with store.session() as s:
        assert s.get(Audit, new_audit(store, audit_type="PV", current_status="certified")).announced is True


@pytest.mark.parametrize("bad, message", [
    ({"audit_type": "XX"}, "Unknown audit type 'XX'"),
    ({"factory": {**FACTORY, "name": " "}}, "Enter the factory's name"),
    ({"factory": {**FACTORY, "colour": "red"}}, "Unknown factory profile fields: colour"),
    ({"factory": {"name": "A"}}, "Enter the headcount"),
    ({"team": []}, "Name at least the lead auditor"),
    ({"planned_start": date(2026, 11, 19), "planned_end": date(2026, 11, 18)}, "last day is before the first"),
    ({"current_status": "probation"}, "only to previously certified"),
    ({"checklist_version": "9.9"}, "9.9 is not installed"),
])
def test_create_audit_refuses_what_the_dialog_refuses(store, bad, message):
    args = {"audit_type": "ICA", "factory": FACTORY, "team": TEAM} | bad
    with pytest.raises(InvalidChange, match=message), store.transaction() as s:
        create_audit(s, **args)
    with store.session() as s:
        assert s.scalars(select(Audit)).all() == []


def test_finding_takes_grade_from_checklist_and_cap_due_date_from_policy(store):
    audit_id = new_audit(store)
    with store.transaction() as s:
        s.get(Audit, audit_id).actual_end = date(2026, 11, 19)
        locked_exit = add_finding(s, audit_id, "12.3.1", description="14 days without rest")
        chained = add_finding(s, audit_id, "9.2.2", description="Exit locked")  # due: immediate
        fire_cert = add_finding(s, audit_id, "9.1.1", description="No certificate", transparent=True)
        payroll = add_finding(s, audit_id, "11.4.1", description="Two payrolls")
    with store.session() as s:
        assert s.get(Finding, locked_exit.id).grade == "critical"
        assert s.get(Finding, fire_cert.id).grade == "major"  # conditional grade: transparent
        assert s.get(Finding, payroll.id).record_inconsistency is True
        cap = s.scalars(select(CapItem).where(CapItem.finding_id == locked_exit.id)).one()
        assert cap.due_date == date(2026, 12, 19)  # critical: 30 days
        immediate = s.scalars(select(CapItem).where(CapItem.finding_id == chained.id)).one()
        assert immediate.due_date == date(2026, 11, 19)  # contained before the team leaves: the closing day
    with store.transaction() as s:
        change_grade(s, locked_exit.id, "major")
    with store.session() as s:
        assert s.scalars(select(CapItem).where(CapItem.finding_id == locked_exit.id)).one().due_date == date(2027, 1, 18)


def test_unknown_checkpoint_and_answer_are_refused(store):
    audit_id = new_audit(store)
    with pytest.raises(InvalidChange, match="checklist 4.0 has no checkpoint 99.9.9"), store.transaction() as s:
        add_finding(s, audit_id, "99.9.9")
    with pytest.raises(InvalidChange, match="an answer is one of"), store.transaction() as s:
        set_answer(s, audit_id, "9.2.2", "maybe")


def test_delete_and_restore_finding(store):
    audit_id = new_audit(store)
    with store.transaction() as s:
        finding_id = add_finding(s, audit_id, "9.2.2", description="x").id
    with store.transaction() as s:
        delete_finding(s, finding_id)
    with store.session() as s:
        assert live_findings(s, audit_id) == []
    with store.transaction() as s:
        restore_finding(s, finding_id)
    with store.session() as s:
        assert [f.id for f in live_findings(s, audit_id)] == [finding_id]


def test_finalize_needs_both_signatures_then_seals_and_freezes(store):
    audit_id = new_audit(store)
    with store.transaction() as s:
        add_finding(s, audit_id, "9.2.2", description="Exit locked")
    with pytest.raises(FinalizeBlocked) as blocked, store.transaction() as s:
        finalize(s, audit_id, folder=store.folder)
    assert "factory manager has not signed" in " ".join(blocked.value.missing)
    assert "Checkpoint 1.1.1 not answered" in " ".join(blocked.value.missing)
    with store.transaction() as s:
        complete_audit(s, audit_id)
    with store.transaction() as s:
        seal = finalize(s, audit_id, folder=store.folder)
    with store.session() as s:
        doc = audit_document(s, audit_id)
        assert doc["audit"]["state"] == "finalized" and doc["audit"]["seal"] == seal
        assert compute_seal(doc) == seal and seal_problem(doc) is None
        events = audit_events(s, audit_id)
        assert events[-1]["action"] == "finalize" and chain_problems(events) == []
    with pytest.raises(AuditFrozen), store.transaction() as s:
        s.scalars(select(Finding)).one().description = "softened after signing"
    # A change behind the app's back is visible: the seal no longer matches.
    doc["finding"][0]["description"] = "softened"
    assert "changed after it was sealed" in seal_problem(doc)


def test_new_revision_supersedes_and_copies_without_signatures(store):
    audit_id = new_audit(store)
    with store.transaction() as s:
        add_finding(s, audit_id, "9.2.2", description="Exit locked")
        complete_audit(s, audit_id)
    with store.transaction() as s:
        finalize(s, audit_id, folder=store.folder)
    with store.transaction() as s:
        revision = new_revision(s, audit_id)
        revision_id = revision.id
    with store.session() as s:
        new = s.get(Audit, revision_id)
        assert (new.state, new.revision, new.supersedes_id, new.seal) == ("draft", 2, audit_id, None)
        findings = live_findings(s, revision_id)
        assert [f.description for f in findings] == ["Exit locked"]
        assert s.scalars(select(CapItem).where(CapItem.audit_id == revision_id)).one().finding_id == findings[0].id
        assert s.scalars(select(Signature).where(Signature.audit_id == revision_id)).all() == []
        assert audit_events(s, audit_id)[-1]["action"] == "superseded"
        assert seal_problem(audit_document(s, audit_id)) is None  # the old revision is untouched


def test_follow_up_carries_open_findings_only(store):
    audit_id = new_audit(store)
    with store.transaction() as s:
        add_finding(s, audit_id, "9.2.2", description="Exit locked")
        add_finding(s, audit_id, "12.1.5", description="Cannot see records", status="closed")
    with store.transaction() as s:
        follow_up_id = start_follow_up(s, audit_id).id
    with store.session() as s:
        carried = live_findings(s, follow_up_id)
        assert [(f.checkpoint_id, f.status) for f in carried] == [("9.2.2", "open")]
        assert s.get(Audit, follow_up_id).follows_id == audit_id


def test_follow_up_under_a_new_edition_maps_checkpoints(store):
    audit_id = new_audit(store, checklist_version="3.0")
    with store.transaction() as s:
        add_finding(s, audit_id, "12.2.1", description="Exit locked on 3F", grade="critical")
        add_finding(s, audit_id, "1.1.1", description="Two sets of time cards", grade="critical")
    with store.transaction() as s:
        follow_up_id = start_follow_up(s, audit_id, checklist_version="4.0").id
    with store.session() as s:
        carried = {f.checkpoint_id: f.description for f in live_findings(s, follow_up_id)}
        assert set(carried) == {"9.2.1", "12.1.3"}
        assert "now 12.1.3, 11.4.1" in carried["12.1.3"]
        # The old audit still shows the checkpoints it was done under.
        assert {f.checkpoint_id for f in live_findings(s, audit_id)} == {"12.2.1", "1.1.1"}


def test_list_audits_search_and_filters(store):
    first = new_audit(store)
    with store.transaction() as s:
        create_audit(s, audit_type="PV", factory={"name": "Other Toys", "headcount_female": 40},
                     current_status="certified", team=TEAM)
        add_finding(s, first, "9.2.2", description="x")
    with store.session() as s:
        assert [a.id for a in list_audits(s, search="快乐")] == [first]
        assert [a.audit_type for a in list_audits(s, audit_type="PV")] == ["PV"]
        assert next(a for a in list_audits(s) if a.id == first).open_findings == 1


def test_recommendation_of_a_stored_audit(store):
    audit_id = new_audit(store)
    with store.transaction() as s:
        add_finding(s, audit_id, "9.2.2", description="Exit locked")
    with store.session() as s:
        rec = recommendation(s, audit_id)
    assert rec.status == "assessed" and any("9.2.2" in r.text for r in rec.reasons)


def test_the_team_is_listed_at_the_opening_meeting(store):
    from auditor_app.store.models import Meeting

    with store.transaction() as s:
        audit_id = create_audit(s, audit_type="ICA", factory=FACTORY,
                                team=[{"name": "Li Na", "role": "lead auditor"}, {"name": " ", "role": "auditor"}]).id
    with store.session() as s:
        meetings = {m.kind: m for m in s.scalars(select(Meeting).where(Meeting.audit_id == audit_id))}
    assert meetings["opening"].attendees == [{"name": "Li Na", "title": "lead auditor", "side": "audit"}]
    assert meetings["closing"].attendees == []
