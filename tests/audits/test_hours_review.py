"""The hours review kept with the audit: stored through operations (events, freeze), in the canonical
document and the package, with the files' hashes but never their rows."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from auditor_app.confidential.database import DRIVER as sqlcipher
from auditor_app.store.db import raw_connection
from auditor_app.audits import create_audit
from auditor_app.audits.hours_review import (
    decide_hours_finding,
    hours_review,
    review_proposals,
    review_result,
    save_hours_review,
)
from auditor_app.audits.operation import InvalidChange, run_operation
from auditor_app.package.document import audit_document
from auditor_app.store.eventlog import audit_events
from auditor_app.store.models import Audit, HoursReview
from auditor_app.store.types import utcnow
from tests.hours.review_helpers import computed, sample_files

FACTORY = {"name": "Shenzhen Bright Toys Co., Ltd.", "headcount_male": 60, "headcount_female": 90}


@pytest.fixture(scope="module")
def review_input(tmp_path_factory):
    files = sample_files(tmp_path_factory.mktemp("hours"))
    return files, *computed(files)


@pytest.fixture
def audit_id(store):
    with store.transaction() as s:
        return create_audit(s, audit_type="ICA", factory=FACTORY, team=[{"name": "Li Wei", "role": "lead auditor"}]).id


def test_saved_review_comes_back_with_hashes_and_no_names(store, audit_id, review_input):
    files, result, facts = review_input
    changes = run_operation(store, save_hours_review, audit_id, result, facts)
    assert "hours_review" in changes.tables
    with store.session() as s:
        review = hours_review(s, audit_id)
        doc = audit_document(s, audit_id)
        events = audit_events(s, audit_id)
    assert review.city == "shenzhen" and (review.period_from, review.period_to) == files.period
    assert review.files["attendance"]["sha256"] == hashlib.sha256(files.attendance.read_bytes()).hexdigest()
    assert review.files["payroll"]["name"] == files.payroll.name
    restored = review_result(review)
    assert {(v.worker_id, v.rule, v.month) for v in restored.violations} == files.expected()
    assert [row["id"] for row in doc["hours_review"]] == [review.id]
    assert any(e["entity"] == "hours_review" and e["action"] == "create" for e in events)
    # The files name workers; the audit keeps roster ids only.
    text = str(doc["hours_review"])
    assert "Li Na" not in text and "Wang Fang" not in text


def test_recompute_replaces_and_keeps_decisions_still_proposed(store, audit_id, review_input):
    _, result, facts = review_input
    run_operation(store, save_hours_review, audit_id, result, facts)
    with store.session() as s:
        proposals = review_proposals(hours_review(s, audit_id), "4.0")
    first, second = proposals[0].checkpoint_id, proposals[1].checkpoint_id
    run_operation(store, decide_hours_finding, audit_id, first, "accepted")
    run_operation(store, decide_hours_finding, audit_id, second, "rejected", "  seen the approval  ")
    run_operation(store, save_hours_review, audit_id, result, facts)
    with store.session() as s:
        rows = s.scalars(select(HoursReview).where(HoursReview.audit_id == audit_id)).all()
    assert len(rows) == 1
    assert rows[0].decisions[first]["decision"] == "accepted"
    assert rows[0].decisions[second] == {**rows[0].decisions[second], "decision": "rejected",
                                         "note": "seen the approval"}
    run_operation(store, decide_hours_finding, audit_id, first, None)
    with store.session() as s:
        assert first not in hours_review(s, audit_id).decisions


def test_refusals_are_sentences(store, audit_id, review_input):
    _, result, facts = review_input
    with pytest.raises(InvalidChange, match="compute it first"):
        run_operation(store, decide_hours_finding, audit_id, "12.3.1", "accepted")
    with pytest.raises(InvalidChange, match="SHA-256"):
        run_operation(store, save_hours_review, audit_id, result, {**facts, "payroll": {"name": "p.csv"}})
    with pytest.raises(InvalidChange, match="incomplete"):
        run_operation(store, save_hours_review, audit_id, {"city": {}}, facts)
    run_operation(store, save_hours_review, audit_id, result, facts)
    with pytest.raises(InvalidChange, match="accepted or rejected"):
        run_operation(store, decide_hours_finding, audit_id, "12.3.1", "maybe")
    with pytest.raises(InvalidChange, match="no finding under checkpoint 1.1.1"):
        run_operation(store, decide_hours_finding, audit_id, "1.1.1", "accepted")


def test_sealed_review_is_frozen_even_for_raw_sql(store, audit_id, review_input):
    _, result, facts = review_input
    run_operation(store, save_hours_review, audit_id, result, facts)
    with store.transaction() as s:
        audit = s.get(Audit, audit_id)
        audit.seal, audit.sealed_at, audit.state = "0" * 64, utcnow(), "finalized"
    with pytest.raises(Exception, match="sealed|finalized"):
        run_operation(store, save_hours_review, audit_id, result, facts)
    raw = raw_connection(store.folder)  # keyed: the database is encrypted
    for sql in ("UPDATE hours_review SET city = 'x'", "DELETE FROM hours_review"):
        with pytest.raises(sqlcipher.IntegrityError):
            with raw:
                raw.execute(sql)
    raw.close()


def test_review_travels_in_the_package_and_into_a_new_revision(store, audit_id, review_input, tmp_path):
    from auditor_app.audits.lifecycle import new_revision
    from auditor_app.package.export import export_audit
    from auditor_app.package.importer import import_package
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store

    _, result, facts = review_input
    run_operation(store, save_hours_review, audit_id, result, facts)
    run_operation(store, decide_hours_finding, audit_id, "12.3.1", "rejected")
    with store.session() as s:
        before = audit_document(s, audit_id)["hours_review"]
    path = export_audit(store, audit_id, tmp_path / "a.escp").path
    other = open_store(DataFolder(tmp_path / "other").ensure())
    try:
        import_package(other, path)
        with other.session() as s:
            assert audit_document(s, audit_id)["hours_review"] == before
    finally:
        other.close()
    with store.transaction() as s:
        audit = s.get(Audit, audit_id)
        audit.seal, audit.sealed_at, audit.state = "0" * 64, utcnow(), "finalized"
    revised = run_operation(store, new_revision, audit_id).result.id
    with store.session() as s:
        copy = hours_review(s, revised)
        assert copy.result == result and copy.decisions["12.3.1"]["decision"] == "rejected"


def test_only_ncs_raised_after_accepting_count_as_raised_by_the_review(store, audit_id, review_input):
    from auditor_app.audits import add_finding
    from auditor_app.audits.hours_review import raised_by_review
    from auditor_app.store.models import Finding

    _, result, facts = review_input
    run_operation(store, save_hours_review, audit_id, result, facts)
    before = run_operation(store, add_finding, audit_id, "12.3.1", description="Seen on the tour.").result.id
    run_operation(store, decide_hours_finding, audit_id, "12.3.1", "accepted")
    after = run_operation(store, add_finding, audit_id, "12.3.1", description="From the time records.").result.id
    with store.session() as s:
        decisions = hours_review(s, audit_id).decisions
        findings = [(f.id, f.checkpoint_id) for f in s.scalars(select(Finding).where(Finding.audit_id == audit_id))]
    assert decisions["12.3.1"]["existing"] == [before]
    assert raised_by_review(decisions, findings) == {"12.3.1": [after]}
