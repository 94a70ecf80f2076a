"""review.json in a package (format_version 3): checked by `verify` and on opening, with no key."""

from __future__ import annotations

import json
import uuid

import pytest

from auditor_app.audits.operation import run_operation
from auditor_app.errors import UserError
from auditor_app.package.export import export_audit
from auditor_app.package.reader import read_package
from auditor_app.package.review_part import add_review, review_document
from auditor_app.package.verify import verify_package
from auditor_app.paths import DataFolder
from auditor_app.review.actions import comment, return_for_rework
from auditor_app.review.files import open_for_review, write_review_package
from auditor_app.review.records import make_entry
from auditor_app.signing.device_key import load_or_create
from auditor_app.store.db import open_store
from auditor_app.store.types import format_utc, utcnow

from tests.package.crafting import read_members, repack

from .conftest import AUDITOR, LEAD


@pytest.fixture
def returned(auditor_store, lead_store, sealed_audit, tmp_path):
    """The lead's returned file: the audit, a receipt, one comment and the signed return."""
    handed = export_audit(auditor_store, sealed_audit, tmp_path / "a.escp").path
    open_for_review(lead_store, handed, author=LEAD)
    run_operation(lead_store, comment, sealed_audit, "audit", sealed_audit, "Photos of the dormitory?",
                  folder=lead_store.folder, author=LEAD)
    run_operation(lead_store, return_for_rework, sealed_audit, folder=lead_store.folder, author=LEAD)
    path = tmp_path / "returned.escp"
    write_review_package(lead_store, sealed_audit, path)
    return path


def test_a_package_without_review_stays_format_2(auditor_store, sealed_audit, tmp_path):
    manifest = export_audit(auditor_store, sealed_audit, tmp_path / "plain.escp").manifest
    assert manifest["format_version"] == 2 and "review" not in manifest


def test_an_edited_comment_is_found(returned, tmp_path):
    def edit(review):
        review["entries"][1]["text"] = "All fine, approve it"
    bad = tmp_path / "edited.escp"
    repack(returned, bad, edit_json={"review.json": edit})
    problems = verify_package(bad)
    assert any("review entry 2 (comment) was altered: hash mismatch" in p for p in problems)


def test_a_removed_entry_is_found(returned, tmp_path):
    def drop(review):
        del review["entries"][1]
    bad = tmp_path / "dropped.escp"
    repack(returned, bad, edit_json={"review.json": drop})
    assert any("review entry 2 is missing" in p for p in verify_package(bad))


def test_the_manifest_says_what_the_review_holds(returned, tmp_path):
    bad = tmp_path / "state.escp"
    repack(returned, bad, edit_manifest=lambda m: m["review"].update(state="approved"))
    assert any("the manifest's review section does not match it" in p for p in verify_package(bad))


def test_review_json_needs_format_3_and_its_section(returned, tmp_path):
    bad = tmp_path / "v2.escp"
    repack(returned, bad, edit_manifest=lambda m: (m.update(format_version=2), m.pop("review")))
    problems = verify_package(bad)
    assert problems and all("manifest.json" in p or "review.json" in p for p in problems)


def test_a_forged_self_approval_is_refused_wherever_it_is_read(returned, auditor_store, sealed_audit, tmp_path):
    """The auditor's laptop signs an approval of its own audit into the returned file: verify refuses it."""
    package = read_package(returned)
    entries = package.review["entries"]
    key = load_or_create(auditor_store.folder)
    # Approval is not allowed from "returned": forge it from a record cut back to the receipt.
    kept = entries[:2]
    forged = make_entry(key, entry_id=str(uuid.uuid4()), thread_id=kept[0]["thread_id"], seq=3,
                        prev_hash=kept[-1]["hash"], kind="approve", audit_row=package.document["audit"],
                        author_name="Wang Fang", author_firm="", at=format_utc(utcnow()))
    plain = tmp_path / "plain.escp"
    repack(returned, plain, drop=("review.json",), edit_manifest=lambda m: (m.update(format_version=2), m.pop("review")))
    bad = tmp_path / "self-approved.escp"
    add_review(plain, bad, review_document(sealed_audit, kept[0]["thread_id"], kept + [forged]))
    problems = verify_package(bad)
    assert any("an auditor cannot approve its own audit" in p for p in problems)
    with pytest.raises(UserError, match="was refused"):
        open_for_review(auditor_store, bad, author=AUDITOR)


def test_a_review_of_another_audit_is_refused(returned, tmp_path):
    def move(review):
        review["audit_id"] = str(uuid.uuid4())
    bad = tmp_path / "other.escp"
    repack(returned, bad, edit_json={"review.json": move})
    assert any("a review of another audit" in p for p in verify_package(bad))


def test_two_records_that_went_different_ways_are_not_merged(returned, auditor_store, sealed_audit, tmp_path):
    """A second lead received the same audit and returned it too: the auditor keeps the first record."""
    assert open_for_review(auditor_store, returned, author=AUDITOR).state == "returned"
    other_lead = open_store(DataFolder(tmp_path / "second-lead"), actor="zhao.min")
    try:
        handed = export_audit(auditor_store, sealed_audit, tmp_path / "again.escp").path
        open_for_review(other_lead, handed, author="Zhao Min")
        run_operation(other_lead, return_for_rework, sealed_audit, folder=other_lead.folder, author="Zhao Min")
        write_review_package(other_lead, sealed_audit, tmp_path / "returned-2.escp")
    finally:
        other_lead.close()
    with pytest.raises(UserError, match="differ from entry 1 on"):
        open_for_review(auditor_store, tmp_path / "returned-2.escp", author=AUDITOR)


def test_review_json_is_canonical_json_named_in_the_manifest(returned):
    members = read_members(returned)
    manifest = json.loads(members["manifest.json"])
    assert [m["path"] for m in manifest["members"]][-1] == "review.json"
    review = json.loads(members["review.json"])
    assert review["format"] == "escp-review/1"
    assert [e["kind"] for e in review["entries"]] == ["receive", "comment", "return"]
    assert manifest["review"] == {"member": "review.json", "entries": 3, "head_hash": review["entries"][-1]["hash"],
                                  "state": "returned"}


def test_review_json_is_held_to_its_schema(returned, tmp_path):
    def extra(review):
        review["entries"][0]["approved_by_program"] = True
    bad = tmp_path / "extra.escp"
    repack(returned, bad, edit_json={"review.json": extra})
    problems = verify_package(bad)
    assert any(p.startswith("review.json: entries/0:") and "approved_by_program" in p for p in problems)
