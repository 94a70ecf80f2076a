"""The demo audit a newcomer sees on first start is complete and consistent."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from auditor_app.audits import live_findings, recommendation
from auditor_app.demo import ensure_demo
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.models import (
    AreaEvidence,
    Audit,
    Evidence,
    Finding,
    FindingEvidence,
    FindingInterview,
    Interview,
    SampleDraw,
    Signature,
)


def test_demo_audit_is_realistic_and_intact(store):
    audit_id = ensure_demo(store)
    assert ensure_demo(store) == audit_id  # idempotent: make run twice shows one demo
    with store.session() as s:
        audit = s.get(Audit, audit_id)
        assert audit.factory.name_local == "东莞华兴玩具有限公司" and audit.state == "draft"
        grades = Counter(f.grade for f in live_findings(s, audit_id))
        assert set(grades) == {"minor", "major", "critical", "zero_tolerance"}
        assert grades["minor"] >= 3 and grades["major"] >= 3 and grades["critical"] >= 3
        assert all(f.cap is not None and f.cap.corrective_action for f in live_findings(s, audit_id))
        evidence = s.scalars(select(Evidence).where(Evidence.audit_id == audit_id)).all()
        files = EvidenceFiles(store.folder)
        assert len(evidence) >= 5 and all(files.verify(e.sha256) for e in evidence)
        assert s.scalar(select(func.count()).select_from(FindingEvidence)) >= 3
        assert s.scalar(select(func.count()).select_from(AreaEvidence)) >= 2
        assert s.scalar(select(func.count()).select_from(Interview)) >= 8
        draw = s.scalars(select(SampleDraw)).one()
        assert draw.drawn and all("name" not in w for w in draw.drawn)
        assert {f["kind"] for f in draw.age_flags} >= {"underage", "young"}
        assert not any("A1" in str(f) for f in draw.age_flags)  # no roster worker id leaves the roster
        assert {sig.role for sig in s.scalars(select(Signature))} == {"factory_manager", "auditor"}
        # Interviews cited as evidence: the worker who never got her contract copy backs 6.2.2, the
        # two weeks without rest back 12.3.1; the recruitment-fee group has no NC to back yet.
        cited = [(s.get(Finding, link.finding_id), s.get(Interview, link.interview_id))
                 for link in s.scalars(select(FindingInterview).where(FindingInterview.audit_id == audit_id))]
        by_checkpoint = {}
        for finding, interview in cited:
            assert interview.conducted_at is not None and finding.audit_id == interview.audit_id
            by_checkpoint.setdefault(finding.checkpoint_id, []).append(interview)
        assert len(cited) >= 4
        [contract] = by_checkpoint["6.2.2"]
        assert contract.quotes[0]["text"] == "I signed but they kept the paper."
        assert "two weeks" in by_checkpoint["12.3.1"][0].quotes[0]["text"]
        fee_group = s.scalars(select(Interview).where(Interview.audit_id == audit_id,
                                                      Interview.code == "G-02")).one()
        assert "introduction fee" in fee_group.notes
        assert [f.checkpoint_id for f, iv in cited if iv.id == fee_group.id] == ["8.3.1"]  # the CNY 600 fee
        assert {"10.4.3", "12.2.2", "12.2.4"} <= set(by_checkpoint)  # the glue station, the 72-hour guard weeks
        assert chain_problems(audit_events(s, audit_id)) == []
        rec = recommendation(s, audit_id)
        previous = s.get(Audit, audit.follows_id)
    # The transparent Zero Tolerance finding is referred to the program, never an ordinary status.
    assert rec.status == "referred" and rec.alternatives == ("assessed",)
    assert rec.reasons[0].rule == "zero_tolerance" and rec.reasons[0].id
    # Beside the draft: the factory's previous audit, finalized and signed with the device key.
    assert previous.state == "finalized" and previous.seal_statement["seal"] == previous.seal


def test_the_demo_draft_lists_its_gaps_and_the_previous_audit_verifies(store, tmp_path, capsys, monkeypatch):
    from auditor_app import cli
    from auditor_app.package.export import export_audit

    audit_id = ensure_demo(store)
    monkeypatch.setenv("AUDITOR_APP_HOME", str(store.folder.root))
    assert cli.main(["check", audit_id[:8]]) == 1  # Done when: check on the demo draft exits 1
    assert "Worker interviews" in capsys.readouterr().out
    with store.session() as s:
        previous_id = s.get(Audit, audit_id).follows_id
    package = export_audit(store, previous_id, tmp_path / "previous.escp").path
    assert cli.main(["verify", str(package)]) == 0
    assert "sealed and signed by Li Na" in capsys.readouterr().out


def test_demo_audits_never_go_to_the_platform(store):
    """The demo's sealed audit is not queued and its ZT finding raises no alert; a real audit is queued."""
    from auditor_app.store.models import OutboxItem
    from auditor_app.sync.outbox import queue_zt_alerts

    ensure_demo(store)
    with store.session() as s:
        assert s.scalars(select(Audit).where(Audit.state == "finalized")).all()  # the previous audit, sealed
        assert s.scalars(select(OutboxItem)).all() == []
    assert queue_zt_alerts(store) == 0


def test_the_demo_has_a_progress_visit_built_on_the_previous_audits_cap(store):
    from auditor_app.audits.verification import carried_items
    from auditor_app.demo import ensure_demo
    from auditor_app.store.models import Audit

    main_id = ensure_demo(store)
    with store.session() as s:
        pv = s.query(Audit).filter(Audit.audit_type == "PV").one()
        previous = s.get(Audit, pv.follows_id)
        assert previous.state == "finalized" and pv.announced is True and main_id != pv.id
        items = carried_items(s, pv.id)
        assert items and all(i.cap.corrective_action and not i.verified for i in items)
        # the status going in is what the sealed previous audit recommended: the visit is rated
        assert pv.current_status == recommendation(s, previous.id).status
        assert recommendation(s, pv.id).status == pv.current_status  # a PV keeps it (no Zero Tolerance)
    assert ensure_demo(store) == main_id  # the demo audit itself is still the one opened
