"""Audits outlive app versions: a column added later must not break old seals or old packages."""

from __future__ import annotations

from auditor_app.package.document import audit_document
from auditor_app.package.export import export_audit
from auditor_app.package.importer import import_package
from auditor_app.package.seal import compute_seal, seal_problem
from auditor_app.store.models import FactoryProfile

from tests.package.crafting import build_audit, repack

AUDIT_JSON = "audit.json"


def _as_before_timezone(doc: dict) -> None:
    """The document as the app wrote it before factory_profile.timezone existed (schema 0003)."""
    doc["factory_profile"].pop("timezone")


def test_seal_of_an_audit_sealed_before_a_new_column_still_verifies(source_store):
    audit_id = build_audit(source_store, sealed=True)
    with source_store.session() as s:
        doc = audit_document(s, audit_id)
    old = {**doc, "factory_profile": dict(doc["factory_profile"])}
    _as_before_timezone(old)
    assert compute_seal(old) == compute_seal(doc) == doc["audit"]["seal"]
    assert seal_problem(doc) is None


def test_edits_stay_visible_through_the_empty_field_rule(source_store):
    audit_id = build_audit(source_store, sealed=True)
    with source_store.session() as s:
        doc = audit_document(s, audit_id)
    doc["finding"][0]["description"] = ""        # a value removed
    assert "changed after it was sealed" in seal_problem(doc)
    with source_store.session() as s:
        doc = audit_document(s, audit_id)
    doc["finding"][0]["systemic"] = not doc["finding"][0]["systemic"]  # a flag flipped either way
    assert "changed after it was sealed" in seal_problem(doc)


def test_package_from_before_a_new_column_imports_with_its_default(source_store, target_store, tmp_path):
    audit_id = build_audit(source_store, sealed=True)
    new = export_audit(source_store, audit_id, tmp_path / "new.escp").path
    old = tmp_path / "old.escp"
    repack(new, old, edit_json={AUDIT_JSON: _as_before_timezone})

    result = import_package(target_store, old)
    assert result.audit_id == audit_id
    with target_store.session() as s:
        profile = s.query(FactoryProfile).filter_by(audit_id=audit_id).one()
        assert profile.timezone == ""
        assert seal_problem(audit_document(s, audit_id)) is None


def test_a_table_added_later_changes_neither_old_seals_nor_old_packages(source_store, target_store, tmp_path):
    sealed = build_audit(source_store, sealed=True)
    with source_store.session() as s:
        doc = audit_document(s, sealed)
    assert compute_seal({**doc, "a_table_of_a_later_version": []}) == doc["audit"]["seal"]

    draft = build_audit(source_store, area_links=False)  # a package whose app had no area_evidence table yet
    new = export_audit(source_store, draft, tmp_path / "new.escp").path
    old = tmp_path / "old.escp"
    repack(new, old, edit_json={AUDIT_JSON: lambda d: d.pop("area_evidence")})
    assert import_package(target_store, old).audit_id == draft
    with target_store.session() as s:
        assert audit_document(s, draft)["area_evidence"] == []


def test_finding_interview_added_in_0005_keeps_older_seals_and_packages(source_store, target_store, tmp_path):
    """Audits sealed and packages exported by the app before schema 0005 had no finding_interview."""
    sealed = build_audit(source_store, sealed=True, interview_links=False)
    with source_store.session() as s:
        doc = audit_document(s, sealed)
    assert doc["finding_interview"] == []
    before = {k: v for k, v in doc.items() if k != "finding_interview"}
    assert compute_seal(before) == doc["audit"]["seal"]

    new = export_audit(source_store, sealed, tmp_path / "new.escp").path
    old = tmp_path / "old.escp"
    repack(new, old, edit_json={AUDIT_JSON: lambda d: d.pop("finding_interview")})
    assert import_package(target_store, old).audit_id == sealed
    with target_store.session() as s:
        imported = audit_document(s, sealed)
        assert imported["finding_interview"] == []
        assert seal_problem(imported) is None


def test_a_sealed_interview_link_is_part_of_the_seal(source_store):
    audit_id = build_audit(source_store, sealed=True)
    with source_store.session() as s:
        doc = audit_document(s, audit_id)
    assert len(doc["finding_interview"]) == 1 and seal_problem(doc) is None
    doc["finding_interview"] = []  # a citation removed after signing
    assert "changed after it was sealed" in seal_problem(doc)
