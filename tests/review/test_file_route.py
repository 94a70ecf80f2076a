"""auditor -> lead -> auditor -> lead by `.escp` files alone: two data folders (two laptops), two device
keys, real SQLite files and real packages written and read back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from auditor_app.audits.closing import update_cap_item
from auditor_app.audits.evidence_links import remove_photo
from auditor_app.audits.lifecycle import finalize, new_revision
from auditor_app.audits.operation import run_operation
from auditor_app.package.document import audit_document
from auditor_app.package.export import export_audit
from auditor_app.package.reader import read_package
from auditor_app.package.verify import verify_package
from auditor_app.review.actions import answer, approve, comment, mark_submitted, resubmit, return_for_rework
from auditor_app.review.comments import comments_by_item, comments_for
from auditor_app.review.diff import revision_diff
from auditor_app.review.diff_text import diff_lines
from auditor_app.review.files import open_for_review, write_review_package
from auditor_app.review.history import change_history
from auditor_app.review.overview import review_overview, review_status
from auditor_app.review.records import SelfApproval
from auditor_app.signing.device_key import load_or_create
from auditor_app.store.evidence import import_photo
from auditor_app.store.eventlog import audit_events
from auditor_app.store.guards import AuditFrozen
from auditor_app.store.models import Audit, CapItem, Evidence, Finding

from tests.complete_audit import complete_audit
from tests.package.crafting import jpeg_bytes

from .conftest import AUDITOR, LEAD

FIRM = "Pearl River Audits"


def by_checkpoint(document: dict, checkpoint: str) -> dict:
    return next(f for f in document["finding"] if f["checkpoint_id"] == checkpoint and not f["deleted_at"])


def cap_of(document: dict, finding_id: str) -> dict:
    return next(c for c in document["cap_item"] if c["finding_id"] == finding_id)


def document(store, audit_id: str) -> dict:
    with store.session(read_only=True) as session:
        return audit_document(session, audit_id)


def comments(store, audit_id: str, *target):
    with store.session(read_only=True) as session:
        return comments_for(session, audit_id, *target)


def lead_reviews_and_returns(lead_store, audit_id, out):
    doc = document(lead_store, audit_id)
    wage, exit_ = by_checkpoint(doc, "11.1"), by_checkpoint(doc, "9.3")
    interview = doc["interview"][0]
    said = {}
    for key, kind, target, text in (
            ("wage", "finding", wage["id"], "Which pay month was late? Name the payroll you saw."),
            ("cap", "cap_item", cap_of(doc, exit_["id"])["id"], "No due date for clearing the exit."),
            ("interview", "interview", interview["id"], "The summary does not say what the worker said about overtime."),
            ("headcount", "field", "factory_profile.headcount_male", "180 men, but the roster has 212.")):
        said[key] = run_operation(lead_store, comment, audit_id, kind, target, text, folder=lead_store.folder,
                                  author=LEAD, firm=FIRM).result
    run_operation(lead_store, return_for_rework, audit_id, folder=lead_store.folder, author=LEAD, firm=FIRM,
                  text="Four points to fix, see the comments.")
    manifest = write_review_package(lead_store, audit_id, out)
    return said, manifest


def auditor_corrects(auditor_store, audit_id, tmp_path) -> str:
    new_id = next(iter(run_operation(auditor_store, new_revision, audit_id).rows["audit"]))
    doc = document(auditor_store, new_id)
    wage, exit_ = by_checkpoint(doc, "11.1"), by_checkpoint(doc, "9.3")
    cap = cap_of(doc, exit_["id"])
    old_photo = next(e for e in doc["evidence"] if e["original_name"] == "fire-exit.jpg")
    with auditor_store.transaction() as session:
        # (build_audit's checkpoints are not in the checklist, so change_grade would refuse them)
        row = session.get(Finding, wage["id"])
        row.grade, row.description = "major", "October wages paid 12 days late (payroll of October 2026)"
        update_cap_item(session, cap["id"], "due_date", date.today() + timedelta(days=14))
        remove_photo(session, old_photo["id"])
    photo = tmp_path / "exit-cleared.jpg"
    photo.write_bytes(jpeg_bytes((10, 200, 250)))
    import_photo(auditor_store, new_id, photo, caption="exit cleared", link_finding_id=exit_["id"])
    with auditor_store.transaction() as session:
        complete_audit(session, new_id)
        finalize(session, new_id, folder=auditor_store.folder)
    return new_id


def test_auditor_lead_auditor_lead_by_files_alone(auditor_store, lead_store, sealed_audit, tmp_path):
    assert load_or_create(auditor_store.folder).key_id != load_or_create(lead_store.folder).key_id
    handed = export_audit(auditor_store, sealed_audit, tmp_path / "audit-r1.escp").path

    # The lead opens the file for review: imported, read-only, received.
    opened = open_for_review(lead_store, handed, author=LEAD, firm=FIRM)
    assert (opened.imported, opened.side, opened.state, opened.new_entries) == (True, "lead", "received", 1)
    sealed_before = document(lead_store, sealed_audit)
    with pytest.raises(AuditFrozen), lead_store.transaction() as session:
        cap = session.scalars(select(CapItem).where(CapItem.audit_id == sealed_audit)).first()
        update_cap_item(session, cap.id, "root_cause", "the lead's own idea")

    said, manifest = lead_reviews_and_returns(lead_store, sealed_audit, tmp_path / "returned.escp")
    # Comments are not audit content: the audit, its chain and its seal are as they were.
    assert document(lead_store, sealed_audit) == sealed_before
    assert manifest["format_version"] == 3 and manifest["review"]["state"] == "returned"
    assert manifest["review"]["entries"] == 6
    assert verify_package(tmp_path / "returned.escp") == []

    # The auditor opens the returned file: the comments attach to the items they concern.
    back = open_for_review(auditor_store, tmp_path / "returned.escp", author=AUDITOR)
    assert (back.imported, back.side, back.state, back.new_entries) == (False, "auditor", "returned", 6)
    doc1 = document(auditor_store, sealed_audit)
    wage1 = by_checkpoint(doc1, "11.1")
    on_wage = comments(auditor_store, sealed_audit, "finding", wage1["id"])
    assert [c.text for c in on_wage] == ["Which pay month was late? Name the payroll you saw."]
    assert on_wage[0].author == LEAD and on_wage[0].label == "finding 11.1 (critical)"
    assert [c.label for c in comments(auditor_store, sealed_audit, "field", "factory_profile.headcount_male")] == [
        "factory profile: headcount male"]
    assert len(comments(auditor_store, sealed_audit)) == 4
    with auditor_store.session(read_only=True) as session:
        grouped = comments_by_item(session, sealed_audit)
    assert set(grouped) == {("finding", wage1["id"]), ("cap_item", said["cap"]["target"]["id"]),
                            ("interview", said["interview"]["target"]["id"]),
                            ("field", "factory_profile.headcount_male")}

    # The auditor answers, corrects the audit in a new revision, seals and resubmits it.
    for key, text in (("wage", "October 2026 payroll, paid on 12 November."),
                      ("cap", "Due date set: two weeks.")):
        run_operation(auditor_store, answer, said[key]["id"], text, folder=auditor_store.folder, author=AUDITOR)
    new_id = auditor_corrects(auditor_store, sealed_audit, tmp_path)
    doc2 = document(auditor_store, new_id)
    wage2 = by_checkpoint(doc2, "11.1")
    follow = comments(auditor_store, new_id, "finding", wage2["id"])  # the comment follows the finding
    assert [(c.text, c.revision, [a.text for a in c.answers]) for c in follow] == [
        ("Which pay month was late? Name the payroll you saw.", 1, ["October 2026 payroll, paid on 12 November."])]
    exit_cap2 = cap_of(doc2, by_checkpoint(doc2, "9.3")["id"])
    assert [c.text for c in comments(auditor_store, new_id, "cap_item", exit_cap2["id"])] == [
        "No due date for clearing the exit."]
    run_operation(auditor_store, resubmit, new_id, folder=auditor_store.folder, author=AUDITOR,
                  text="Corrected as asked.")
    resubmitted = tmp_path / "audit-r2.escp"
    write_review_package(auditor_store, new_id, resubmitted)
    assert verify_package(resubmitted) == []

    # The auditor's laptop sealed it: it cannot approve it, whoever types the name.
    with pytest.raises(SelfApproval, match="cannot approve its own audit"):
        run_operation(auditor_store, approve, new_id, folder=auditor_store.folder, author="Wang Fang")

    # The lead opens the resubmission and sees what changed between the revisions.
    again = open_for_review(lead_store, resubmitted, author=LEAD)
    assert (again.imported, again.side, again.state, again.new_entries) == (True, "lead", "resubmitted", 3)
    diff = revision_diff(document(lead_store, sealed_audit), document(lead_store, new_id))
    assert diff.supersedes and (diff.old_revision, diff.new_revision) == (1, 2)
    grade = [f for f in diff.findings if f.checkpoint_id == "11.1"]
    assert [(f.change, f.old_grade, f.new_grade) for f in grade] == [("changed", "critical", "major")]
    assert [(c.change, c.checkpoint_id, [f.field for f in c.fields]) for c in diff.cap_rows] == [
        ("changed", "9.3", ["due_date"])]
    assert {(e.change, e.name) for e in diff.evidence} == {("removed", "fire-exit.jpg"),
                                                            ("added", "exit-cleared.jpg")}
    text = "\n".join(diff_lines(diff))
    assert "finding 11.1 changed (critical -> major)" in text and "photo fire-exit.jpg removed" in text
    answered = comments(lead_store, new_id, "finding", wage2["id"])
    assert [a.text for a in answered[0].answers] == ["October 2026 payroll, paid on 12 November."]

    # A lead whose name is the sealer's is refused too; the lead approves and marks it submitted.
    with pytest.raises(SelfApproval):
        run_operation(lead_store, approve, new_id, folder=lead_store.folder, author=AUDITOR)
    run_operation(lead_store, approve, new_id, folder=lead_store.folder, author=LEAD, firm=FIRM)
    run_operation(lead_store, mark_submitted, new_id, folder=lead_store.folder, author=LEAD, firm=FIRM)
    with lead_store.session(read_only=True) as session:
        status = review_status(session, sealed_audit)
        overview = review_overview(session)
    assert status is not None and status.state == "submitted" and status.last_decision == "approve"
    assert status.revisions == (sealed_audit, new_id) and status.unanswered == 2
    assert set(overview) == {sealed_audit, new_id}

    # The approval travels back too: the auditor's laptop then shows it submitted.
    write_review_package(lead_store, new_id, tmp_path / "approved.escp")
    done = open_for_review(auditor_store, tmp_path / "approved.escp", author=AUDITOR)
    assert (done.side, done.state, done.new_entries) == ("auditor", "submitted", 2)

    # History of the new revision: copied, then corrected before the factory signed again.
    with lead_store.session(read_only=True) as session:
        history = change_history(audit_events(session, new_id))
        assert session.get(Audit, new_id).supersedes_id == sealed_audit
    assert history.supersedes == sealed_audit and history.copied > 0
    assert history.factory_signed_at is not None and history.flagged == []
    grade_change = [e for e in history.entries if e.entity == "finding" and e.action == "update"]
    assert [(c.field, c.old, c.new) for e in grade_change for c in e.fields if c.field == "grade"] == [
        ("grade", "critical", "major")]
    assert {e.actor for e in grade_change} == {"li.wei"}


def test_a_plain_package_from_one_s_own_laptop_is_not_reviewed(auditor_store, sealed_audit, tmp_path):
    handed = export_audit(auditor_store, sealed_audit, tmp_path / "mine.escp").path
    from auditor_app.errors import UserError

    with pytest.raises(UserError, match="an auditor does not review its own audit"):
        open_for_review(auditor_store, handed, author=AUDITOR)


def test_a_draft_is_not_reviewed(auditor_store, lead_store, tmp_path):
    from auditor_app.errors import UserError

    from tests.package.crafting import build_audit

    draft = build_audit(auditor_store)
    path = export_audit(auditor_store, draft, tmp_path / "draft.escp").path
    with pytest.raises(UserError, match="only a sealed audit is reviewed"):
        open_for_review(lead_store, path, author=LEAD)
    with lead_store.session(read_only=True) as session:
        assert session.get(Audit, draft) is None


def test_a_returned_package_is_still_an_ordinary_audit_package(auditor_store, lead_store, sealed_audit, tmp_path):
    handed = export_audit(auditor_store, sealed_audit, tmp_path / "a.escp").path
    open_for_review(lead_store, handed, author=LEAD)
    run_operation(lead_store, return_for_rework, sealed_audit, folder=lead_store.folder, author=LEAD)
    write_review_package(lead_store, sealed_audit, tmp_path / "returned.escp")
    package = read_package(tmp_path / "returned.escp")
    assert package.review is not None and [e["kind"] for e in package.review["entries"]] == ["receive", "return"]
    assert package.document["audit"]["seal"] == read_package(handed).document["audit"]["seal"]
    with lead_store.session(read_only=True) as session:
        assert session.scalars(select(Finding).where(Finding.audit_id == sealed_audit)).all()
        assert session.scalars(select(Evidence).where(Evidence.audit_id == sealed_audit)).all()
