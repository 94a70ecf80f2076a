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
        assert fee_group.id not in {interview.id for _f, interview in cited}
        assert chain_problems(audit_events(s, audit_id)) == []
        rec = recommendation(s, audit_id)
    assert rec.status == "assessed" and rec.reasons
    assert "remediation" in rec.alternatives
