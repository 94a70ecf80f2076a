"""Export an audit, import it into an empty data folder: the same audit, chain and evidence bytes."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from auditor_app.audits.lifecycle import new_revision
from auditor_app.package.document import audit_document
from auditor_app.package.errors import ExportError, PackageError
from auditor_app.package.export import export_audit
from auditor_app.package.importer import import_package
from auditor_app.package.manifest import manifest_problems
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.store.eventlog import AuditFrozen, audit_events
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.models import Audit, Evidence, Finding

from .crafting import build_audit, read_members, store_contents

from audit_states import tamper


def snapshot(store, audit_id):
    with store.session() as s:
        return audit_document(s, audit_id), audit_events(s, audit_id)


def evidence_bytes(store, document):
    files = EvidenceFiles(store.folder)
    return {row["sha256"]: files.read(row["sha256"]) for row in document["evidence"]}  # decrypted


@pytest.mark.parametrize("sealed", [False, True], ids=["draft", "finalized"])
def test_round_trip_into_an_empty_data_folder(source_store, target_store, tmp_path, sealed):
    audit_id = build_audit(source_store, sealed=sealed)
    result = export_audit(source_store, audit_id, tmp_path / "out.escp")

    imported = import_package(target_store, result.path)

    doc_before, events_before = snapshot(source_store, audit_id)
    doc_after, events_after = snapshot(target_store, audit_id)
    assert canonical_bytes(doc_after) == canonical_bytes(doc_before)
    assert events_after == events_before
    assert evidence_bytes(target_store, doc_after) == evidence_bytes(source_store, doc_before)
    assert doc_after["factory_profile"]["name_local"] == "东莞欢乐玩具有限公司"
    assert not imported.already_imported
    assert imported.evidence_written == len(doc_before["evidence"]) == 2
    assert imported.events == len(events_before) == result.event_count
    assert (doc_after["audit"]["seal"] is not None) == sealed


def test_imported_finalized_audit_stays_frozen(source_store, target_store, tmp_path):
    audit_id = build_audit(source_store, sealed=True)
    import_package(target_store, export_audit(source_store, audit_id, tmp_path / "a.escp").path)
    with pytest.raises(AuditFrozen):
        with target_store.transaction() as s:
            finding = s.query(Finding).filter_by(audit_id=audit_id).first()
            finding.description = "softened after the audit"


def test_package_layout_is_deterministic(source_store, audit_id, package_path):
    with zipfile.ZipFile(package_path) as zf:
        infos = zf.infolist()
        manifest = json.loads(zf.read("manifest.json"))
    names = [i.filename for i in infos]
    evidence = sorted(n for n in names if n.startswith("evidence/"))
    assert names == ["manifest.json", "audit.json", "events.json", *evidence]
    assert len(evidence) == 2
    kinds = {i.filename: i.compress_type for i in infos}
    assert all(kinds[n] == zipfile.ZIP_STORED for n in evidence)  # JPEGs do not compress
    assert kinds["audit.json"] == zipfile.ZIP_DEFLATED
    assert manifest_problems(manifest) == []
    assert [m["path"] for m in manifest["members"]] == names[1:]
    members = read_members(package_path)
    for m in manifest["members"]:
        assert (m["size"], m["sha256"]) == (len(members[m["path"]]), sha256_hex(members[m["path"]]))
    doc, events = snapshot(source_store, audit_id)
    assert members["audit.json"] == canonical_bytes(doc)
    assert manifest["audit"]["id"] == audit_id
    assert manifest["audit"]["factory_name"] == "Dongguan Happy Toys Co., Ltd."
    assert manifest["events"] == {"count": len(events), "head_seq": events[-1]["seq"],
                                  "head_hash": events[-1]["hash"]}


def test_importing_the_same_package_twice_changes_nothing(package_path, target_store, target_folder):
    import_package(target_store, package_path)
    before = store_contents(target_folder)
    again = import_package(target_store, package_path)
    assert again.already_imported
    assert store_contents(target_folder) == before


def test_same_audit_with_different_content_is_refused_and_local_copy_kept(
        source_store, audit_id, package_path, target_store, tmp_path):
    import_package(target_store, package_path)
    local_before = snapshot(target_store, audit_id)
    with source_store.transaction() as s:
        s.get(Audit, audit_id).notes = "edited on the auditor's laptop after the first export"
    changed = export_audit(source_store, audit_id, tmp_path / "changed.escp").path

    with pytest.raises(PackageError) as err:
        import_package(target_store, changed)
    assert audit_id in str(err.value)
    assert "local copy was kept" in str(err.value)
    assert snapshot(target_store, audit_id) == local_before


def test_a_revision_imports_without_the_audit_it_supersedes(source_store, target_store, tmp_path):
    """A lead may review revision 2 alone: the link is a reference, and revision 1 can come later."""
    first = build_audit(source_store, sealed=True)
    with source_store.transaction() as s:
        second = new_revision(s, first).id
    revision = export_audit(source_store, second, tmp_path / "r2.escp").path

    result = import_package(target_store, revision)
    assert not result.already_imported and result.evidence_written > 0
    assert canonical_bytes(snapshot(target_store, second)) == canonical_bytes(snapshot(source_store, second))

    result = import_package(target_store, export_audit(source_store, first, tmp_path / "r1.escp").path)
    assert result.evidence_written == 0  # the photos came with revision 2: stored once
    assert canonical_bytes(snapshot(target_store, first)) == canonical_bytes(snapshot(source_store, first))


def test_export_refuses_when_an_evidence_original_is_missing(source_store, audit_id, tmp_path):
    with source_store.session() as s:
        photo = s.query(Evidence).filter_by(audit_id=audit_id, original_name="fire-exit.jpg").one()
    EvidenceFiles(source_store.folder).path(photo.sha256).unlink()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError, match="fire-exit.jpg.*missing from the data folder"):
        export_audit(source_store, audit_id, out / "a.escp")
    assert os.listdir(out) == []


def test_export_refuses_a_damaged_evidence_file_and_leaves_no_partial_file(source_store, audit_id, tmp_path):
    with source_store.session() as s:
        photo = s.query(Evidence).filter_by(audit_id=audit_id, original_name="wage-board.jpg").one()
    stored = EvidenceFiles(source_store.folder).path(photo.sha256)
    data = bytearray(stored.read_bytes())
    data[100] ^= 0xFF
    stored.write_bytes(bytes(data))
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.escp").write_bytes(b"the previous export")
    with pytest.raises(ExportError, match=f"{photo.sha256} is damaged"):
        export_audit(source_store, audit_id, out / "a.escp")
    assert os.listdir(out) == ["a.escp"]
    assert (out / "a.escp").read_bytes() == b"the previous export"  # the old file is untouched


def test_export_refuses_an_audit_whose_event_log_was_edited(source_store, audit_id, tmp_path):
    tamper(source_store, f"UPDATE event SET actor = 'someone else' WHERE audit_id = '{audit_id}' AND seq = 2")
    with pytest.raises(ExportError, match="event 2 .* was altered"):
        export_audit(source_store, audit_id, tmp_path / "a.escp")
    assert not (tmp_path / "a.escp").exists()
