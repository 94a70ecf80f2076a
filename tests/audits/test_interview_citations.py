"""Interviews cited as objective evidence of a finding: linked, unlinked, logged, refused, revised."""

from __future__ import annotations


import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from auditor_app.audits import (
    add_finding,
    cite_interviews,
    create_audit,
    finalize,
    new_revision,
)
from auditor_app.store.eventlog import AuditFrozen, audit_events, chain_problems
from auditor_app.store.models import Finding, FindingInterview, Interview
from complete_audit import complete_audit

FACTORY = {"name": "Shantou Happy Toys Co., Ltd.", "headcount_male": 80, "headcount_female": 120}
TEAM = [{"name": "Li Wei", "role": "lead auditor"}]


def _audit_with_interviews(store):
    with store.transaction() as s:
        audit_id = create_audit(s, audit_type="ICA", factory=FACTORY, team=TEAM).id
        finding = add_finding(s, audit_id, "12.3.1", description="14 days without rest in August")
        w07 = Interview(audit_id=audit_id, code="W-07", notes="secret: named her supervisor")
        g01 = Interview(audit_id=audit_id, code="G-01", kind="group", group_size=4)
        s.add_all([w07, g01])
        s.flush()
        return audit_id, finding.id, w07.id, g01.id


def _cited(store, finding_id) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(FindingInterview.interview_id).where(FindingInterview.finding_id == finding_id)))


def test_cite_then_uncite_is_logged_in_the_chain(store):
    audit_id, finding_id, w07, g01 = _audit_with_interviews(store)
    with store.transaction() as s:
        cite_interviews(s, finding_id, {w07, g01})
    assert _cited(store, finding_id) == {w07, g01}
    with store.transaction() as s:
        cite_interviews(s, finding_id, {g01})
    assert _cited(store, finding_id) == {g01}
    with store.session() as s:
        events = audit_events(s, audit_id)
    links = [(e["action"], e["changes"].get("interview_id")) for e in events if e["entity"] == "finding_interview"]
    assert sorted(links[:2]) == sorted([("create", w07), ("create", g01)])
    assert links[2:] == [("delete", w07)]
    assert chain_problems(events) == []


def test_an_interview_of_another_audit_is_refused_by_name(store):
    _a, finding_id, _w, _g = _audit_with_interviews(store)
    _b, _f, stranger, _g2 = _audit_with_interviews(store)
    with pytest.raises(ValueError, match="NC 12.3.1 can only cite interviews of its own audit.*W-07"):
        with store.transaction() as s:
            cite_interviews(s, finding_id, {stranger})
    assert _cited(store, finding_id) == set()


def test_an_unknown_finding_is_named(store):
    with pytest.raises(ValueError, match="that NC is not in this data folder"):
        with store.transaction() as s:
            cite_interviews(s, "nope", set())


def test_one_interview_is_cited_once_per_finding(store):
    audit_id, finding_id, w07, _g = _audit_with_interviews(store)
    with pytest.raises(IntegrityError, match="UNIQUE"):
        with store.transaction() as s:
            s.add_all([FindingInterview(audit_id=audit_id, finding_id=finding_id, interview_id=w07),
                       FindingInterview(audit_id=audit_id, finding_id=finding_id, interview_id=w07)])


def test_deleting_an_interview_removes_its_citations(store):
    _audit_id, finding_id, w07, g01 = _audit_with_interviews(store)
    with store.transaction() as s:
        cite_interviews(s, finding_id, {w07, g01})
    with store.transaction() as s:
        s.delete(s.get(Interview, w07))
    assert _cited(store, finding_id) == {g01}


def test_a_finalized_audit_refuses_new_citations_and_a_revision_copies_them(store):
    audit_id, finding_id, w07, g01 = _audit_with_interviews(store)
    with store.transaction() as s:
        cite_interviews(s, finding_id, {w07})
        complete_audit(s, audit_id)
    with store.transaction() as s:
        finalize(s, audit_id, folder=store.folder)
    with pytest.raises(AuditFrozen):
        with store.transaction() as s:
            cite_interviews(s, finding_id, {w07, g01})
    with store.transaction() as s:
        revision_id = new_revision(s, audit_id).id
    with store.session() as s:
        [link] = s.scalars(select(FindingInterview).where(FindingInterview.audit_id == revision_id)).all()
        copied = s.get(Interview, link.interview_id)
        # The link follows the copy: the revision's own finding and its own W-07, not the originals.
        assert (copied.audit_id, copied.code) == (revision_id, "W-07")
        assert link.finding_id != finding_id and link.interview_id != w07
        assert s.get(Finding, link.finding_id).audit_id == revision_id
    assert _cited(store, finding_id) == {w07}  # the sealed original is untouched
