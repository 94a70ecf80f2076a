"""The review record in the store: only ever added to, beside the audit (not in its chain or seal)."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.exc import DatabaseError

from auditor_app.audits.operation import run_operation
from auditor_app.package.document import audit_document
from auditor_app.package.export import export_audit
from auditor_app.review.actions import comment
from auditor_app.review.files import open_for_review
from auditor_app.store.eventlog import audit_events
from auditor_app.store.guards import StoreRuleBroken
from auditor_app.store.models import ReviewEntry

from .conftest import LEAD


@pytest.fixture
def reviewed(auditor_store, lead_store, sealed_audit, tmp_path):
    handed = export_audit(auditor_store, sealed_audit, tmp_path / "a.escp").path
    open_for_review(lead_store, handed, author=LEAD)
    return sealed_audit


@pytest.mark.parametrize("sql", ["UPDATE review_entry SET kind = 'approve'",
                                 "UPDATE review_entry SET author_name = 'someone else'",
                                 "DELETE FROM review_entry"])
def test_entries_cannot_be_changed_or_removed_even_bypassing_the_app(lead_store, reviewed, sql):
    with pytest.raises(DatabaseError), lead_store.engine.begin() as conn:
        conn.exec_driver_sql(sql)


def test_bulk_statements_through_a_session_are_refused(lead_store, reviewed):
    with pytest.raises(StoreRuleBroken), lead_store.transaction() as session:
        session.execute(update(ReviewEntry).values(author_name="x"))


def test_comments_leave_the_audit_its_chain_and_its_seal_alone(lead_store, reviewed):
    with lead_store.session(read_only=True) as session:
        before = (audit_document(session, reviewed), audit_events(session, reviewed))
    changes = run_operation(lead_store, comment, reviewed, "audit", reviewed, "Fine overall.",
                            folder=lead_store.folder, author=LEAD)
    assert changes.tables == {"review_entry"} and changes.audit_ids == {reviewed}
    with lead_store.session(read_only=True) as session:
        assert (audit_document(session, reviewed), audit_events(session, reviewed)) == before


def test_an_audit_is_received_once(lead_store, reviewed):
    from auditor_app.audits.operation import InvalidChange
    from auditor_app.review.actions import receive

    with pytest.raises(InvalidChange, match="already in review"):
        run_operation(lead_store, receive, reviewed, folder=lead_store.folder, author=LEAD)


def test_a_comment_names_something_in_the_audit(lead_store, reviewed):
    from auditor_app.audits.operation import InvalidChange

    for kind, target in (("finding", "no-such-row"), ("field", "factory_profile.no_such_field"),
                         ("field", "finding:nothing.grade"), ("photo", "x")):
        with pytest.raises(InvalidChange):
            run_operation(lead_store, comment, reviewed, kind, target, "?", folder=lead_store.folder, author=LEAD)
    with pytest.raises(InvalidChange, match="not in this data folder"):
        run_operation(lead_store, comment, "0" * 36, "audit", "0" * 36, "?", folder=lead_store.folder, author=LEAD)
