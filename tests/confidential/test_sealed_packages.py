"""Confidential data travels in an .escp only sealed to the firm's and the program's keys."""

from __future__ import annotations

import json
import zipfile

import pytest

from auditor_app.confidential.recipients import make_keypair, read_private_key
from auditor_app.confidential.review import review_lines
from auditor_app.package.confidential_import import open_sealed
from auditor_app.package.errors import PackageError
from auditor_app.package.export import export_audit
from auditor_app.package.importer import import_package
from auditor_app.package.reader import read_package
from auditor_app.package.verify import confidential_line, verify_package
from auditor_app.paths import DataFolder
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.store.db import open_store
from auditor_app.store.models import Interview

from tests.package.crafting import build_audit, read_members

from .conftest import NOTE, PUBLIC_QUOTE, QUOTE, plant


def _unzipped(path) -> bytes:
    return b"".join(read_members(path).values())


@pytest.fixture
def package(store, audit_id, firm_key, tmp_path):
    return export_audit(store, audit_id, tmp_path / "audit.escp")


def test_the_package_carries_the_note_only_sealed(package):
    assert NOTE.encode() not in _unzipped(package.path) and QUOTE.encode() not in _unzipped(package.path)
    assert PUBLIC_QUOTE.encode() in _unzipped(package.path)
    assert "sealed.json" in read_members(package.path)
    assert package.manifest["format_version"] == 2
    assert "sealed for Pearl River Audits (firm): interview notes; quotes not marked quotable; the draw's seed" \
        in package.confidential


def test_verify_checks_everything_without_a_private_key(package):
    assert verify_package(package.path) == []
    assert confidential_line(package.path).startswith("sealed for Pearl River Audits (firm)")


def test_a_sealed_audit_verifies_and_its_seal_covers_the_sealed_values(store, firm_key, tmp_path):
    from .conftest import plant as plant_note

    audit_id = build_audit(store)
    plant_note(store, audit_id)
    from auditor_app.audits.lifecycle import finalize
    from complete_audit import complete_audit

    with store.transaction() as s:
        complete_audit(s, audit_id)
        finalize(s, audit_id, folder=store.folder)
    path = export_audit(store, audit_id, tmp_path / "sealed.escp").path
    assert verify_package(path) == []
    opened = open_sealed(read_package(path), firm_key)
    assert opened.problems == [] and opened.missing == 0


def test_the_firms_key_opens_the_sealed_part(package, firm_key):
    pkg = read_package(package.path)
    opened = open_sealed(pkg, firm_key)
    lines = review_lines(pkg.document, opened)
    assert f"W-07: notes: {NOTE}" in lines
    assert f"    quote (not quotable): {QUOTE}" in lines
    assert "draw of 2 workers: seed 20261118" in lines


def test_another_key_does_not_open_it(package, tmp_path):
    private, _public = make_keypair(tmp_path / "other", "Somebody Else")
    with pytest.raises(PackageError, match="not sealed to this key; it is sealed to Pearl River Audits"):
        open_sealed(read_package(package.path), read_private_key(private))


def test_import_without_the_key_keeps_the_audit_usable(package, tmp_path):
    target = open_store(DataFolder(tmp_path / "office"))
    try:
        result = import_package(target, package.path)
        assert "sealed for Pearl River Audits" in result.confidential
        with target.session() as s:
            iv = s.query(Interview).one()
            assert iv.notes.startswith("sealed:v1:") and iv.code == "W-07"
            assert [q["text"] for q in iv.quotes][1] == PUBLIC_QUOTE
        again = export_audit(target, package.audit_id, tmp_path / "again.escp")
        assert verify_package(again.path) == []
    finally:
        target.close()


def test_import_with_the_key_shows_the_notes(package, firm_key, tmp_path):
    office = DataFolder(tmp_path / "office")
    target = open_store(office)
    try:
        result = import_package(target, package.path, key=firm_key)
        assert "opened with the key of Pearl River Audits" in result.confidential
        with target.session() as s:
            iv = s.query(Interview).one()
            assert iv.notes == NOTE and iv.quotes[0]["text"] == QUOTE
        files = b"".join(p.read_bytes() for p in office.root.rglob("*") if p.is_file())
        assert NOTE.encode() not in files
    finally:
        target.close()


def test_without_recipients_confidential_data_is_left_out(tmp_path):
    store = open_store(DataFolder(tmp_path / "alone"))
    try:
        audit_id = build_audit(store)
        plant(store, audit_id)
        result = export_audit(store, audit_id, tmp_path / "out.escp")
    finally:
        store.close()
    assert "sealed.json" not in read_members(result.path)
    assert result.confidential.startswith("sealed and not in this package")
    assert verify_package(result.path) == []
    assert NOTE.encode() not in _unzipped(result.path)


def test_a_swapped_sealed_part_is_found(package, tmp_path):
    members = read_members(package.path)
    box = json.loads(members["sealed.json"])
    box["ciphertext"] = box["ciphertext"][::-1]
    out = tmp_path / "swapped.escp"
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, json.dumps(box).encode() if name == "sealed.json" else data)
    assert any("sealed.json" in p for p in verify_package(out))


def test_plain_notes_under_a_sealed_manifest_are_refused(package, tmp_path):
    members = read_members(package.path)
    manifest = json.loads(members["manifest.json"])
    audit = json.loads(members["audit.json"])
    audit["interview"][0]["notes"] = "leaked text"
    members["audit.json"] = canonical_bytes(audit)
    for member in manifest["members"]:  # hashes fixed: only the check on what is sealed tells
        if member["path"] == "audit.json":
            member.update(size=len(members["audit.json"]), sha256=sha256_hex(members["audit.json"]))
    members["manifest.json"] = canonical_bytes(manifest)
    out = tmp_path / "leaky.escp"
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    assert manifest["confidential"]["in_the_clear"] is False
    assert any("in the clear" in p for p in verify_package(out))
