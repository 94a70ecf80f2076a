"""Every hostile or damaged package is refused whole: a message naming the member and the problem,
and nothing in the target data folder (no rows, no events, no evidence files, no temp files)."""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile

import pytest

from auditor_app.package import limits, reader
from auditor_app.package.errors import PackageError
from auditor_app.package.importer import import_package
from auditor_app.store.evidence_files import EvidenceFiles

from .crafting import build_audit, jpeg_bytes, patch_declared_size, read_members, repack, store_contents, write_zip


@pytest.fixture
def refused(target_store, target_folder):
    """Import `path`, expect a refusal containing every fragment, and an unchanged target."""
    def check(path, *fragments):
        before = store_contents(target_folder)
        with pytest.raises(PackageError) as err:
            import_package(target_store, path)
        message = str(err.value)
        for fragment in fragments:
            assert fragment in message
        assert store_contents(target_folder) == before
        return message
    return check


@pytest.fixture
def empty_after(target_folder):
    def check():
        contents = store_contents(target_folder)
        assert contents["audit"] == contents["event"] == 0
        assert contents["evidence_files"] == contents["incoming_files"] == []
    return check


def evidence_names(path):
    return sorted(n for n in read_members(path) if n.startswith("evidence/"))


def with_extra_entry(package_path, tmp_path, info_or_name, data=b"x") -> str:
    out = tmp_path / "hostile.escp"
    write_zip(out, [*read_members(package_path).items(), (info_or_name, data)])
    return out


@pytest.mark.parametrize("name, problem", [
    ("../evil.txt", "leaves the archive root"),
    ("evidence/../../evil.txt", "leaves the archive root"),
    ("/etc/cron.d/evil", "absolute member path"),
    ("evidence\\evil.jpg", "backslash in a member path"),
    ("C:/Windows/evil.dll", "drive letter in a member path"),
    ("C:evil.dll", "drive letter in a member path"),
])
def test_member_paths_leaving_the_archive_are_refused(package_path, tmp_path, refused, empty_after, name, problem):
    refused(with_extra_entry(package_path, tmp_path, name), repr(name), problem)
    empty_after()


def test_symlink_entries_are_refused(package_path, tmp_path, refused, empty_after):
    link = zipfile.ZipInfo("evidence/link")
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    refused(with_extra_entry(package_path, tmp_path, link, b"/etc/passwd"), "'evidence/link'", "symbolic link")
    empty_after()


def test_duplicate_member_names_are_refused(package_path, tmp_path, refused, empty_after):
    out = with_extra_entry(package_path, tmp_path, "audit.json", b"{}")
    refused(out, "'audit.json'", "appears 2 times")
    empty_after()


def test_a_member_whose_size_differs_from_the_manifest(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"
    audit = read_members(package_path)["audit.json"]
    repack(package_path, out, replace={"audit.json": audit + b" "}, fix_manifest=False)
    refused(out, "audit.json", f"{len(audit) + 1} bytes in the zip, but the manifest says {len(audit)}")
    empty_after()


def test_a_member_whose_sha256_differs_from_the_manifest(package_path, tmp_path, refused, empty_after):
    name = evidence_names(package_path)[0]
    photo = bytearray(read_members(package_path)[name])
    photo[200] ^= 0x01  # one flipped bit in the photo, same size
    out = tmp_path / "h.escp"
    repack(package_path, out, replace={name: bytes(photo)}, fix_manifest=False)
    refused(out, name, "SHA-256 differs from the manifest")
    empty_after()


def test_a_member_not_in_the_manifest(package_path, tmp_path, refused, empty_after):
    refused(with_extra_entry(package_path, tmp_path, "notes.txt", b"hello"),
            "notes.txt: in the package but not in the manifest")
    empty_after()


def test_a_manifest_member_missing_from_the_package(package_path, tmp_path, refused, empty_after):
    name = evidence_names(package_path)[1]
    out = tmp_path / "h.escp"
    repack(package_path, out, drop=[name], fix_manifest=False)
    refused(out, f"{name}: listed in the manifest but missing from the package")
    empty_after()


def test_a_manifest_that_fails_the_schema(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"

    def edit(manifest):
        manifest["audit"]["revision"] = "one"
        del manifest["exported_at"]
    repack(package_path, out, edit_manifest=edit)
    message = refused(out, "manifest.json: audit/revision: 'one' is not of type 'integer'")
    assert "'exported_at' is a required property" in message
    empty_after()


def test_a_manifest_that_is_not_json(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"
    members = read_members(package_path)
    members["manifest.json"] = b"{format: escp-package"
    write_zip(out, members.items())
    refused(out, "manifest.json: not valid JSON")
    empty_after()


def test_a_manifest_with_a_key_twice_is_not_json_we_accept(package_path, tmp_path, refused):
    out = tmp_path / "h.escp"
    members = read_members(package_path)
    members["manifest.json"] = members["manifest.json"][:-1] + b',"format":"escp-package"}'
    write_zip(out, members.items())
    refused(out, "manifest.json: not valid JSON", "'format' appears twice")


def test_a_package_without_a_manifest(package_path, tmp_path, refused):
    out = tmp_path / "h.escp"
    repack(package_path, out)
    members = read_members(out)
    del members["manifest.json"]
    write_zip(out, members.items())
    refused(out, "manifest.json is missing")


def test_an_oversized_evidence_member_is_refused_from_its_declared_size(package_path, tmp_path, refused, empty_after):
    name = evidence_names(package_path)[0]
    out = tmp_path / "h.escp"
    repack(package_path, out)
    patch_declared_size(out, name, limits.MAX_EVIDENCE_BYTES + 1)  # 200 MB + 1, never decompressed
    refused(out, name, f"over the limit of {limits.MAX_EVIDENCE_BYTES} bytes")
    empty_after()


def test_an_oversized_audit_json_is_refused(package_path, tmp_path, refused):
    out = tmp_path / "h.escp"
    repack(package_path, out)
    patch_declared_size(out, "audit.json", 50 * 1024 * 1024 + 1)
    refused(out, "audit.json", f"over the limit of {limits.MAX_AUDIT_BYTES} bytes")


def test_an_oversized_total_is_refused(package_path, tmp_path, refused, monkeypatch):
    monkeypatch.setattr(reader, "MAX_TOTAL_BYTES", 4096)  # the real 2 GB would need 2 GB of test data
    refused(package_path, "the package holds", "over the limit of 4096")


def test_an_over_compressed_member_is_refused_as_a_zip_bomb(package_path, tmp_path, refused, empty_after):
    zeros = bytes(4 * 1024 * 1024)  # 4 MB of zeros deflates about 1000:1
    sha = hashlib.sha256(zeros).hexdigest()
    out = tmp_path / "h.escp"
    repack(package_path, out, replace={f"evidence/{sha}": zeros})
    refused(out, f"evidence/{sha}: compressed", "over the limit of 100:1")
    empty_after()


def test_reading_stops_at_the_declared_size(package_path, tmp_path, refused, empty_after):
    """Headers and manifest claim fewer bytes than the member holds: never more is decompressed."""
    real = len(read_members(package_path)["events.json"])
    out = tmp_path / "h.escp"

    def shrink(manifest):
        next(m for m in manifest["members"] if m["path"] == "events.json")["size"] = real - 100
    repack(package_path, out, edit_manifest=shrink)
    patch_declared_size(out, "events.json", real - 100)
    message = refused(out, "events.json")
    assert "damaged, cannot be read" in message or "more than its declared" in message
    empty_after()


def test_a_package_from_a_newer_app_asks_for_an_update(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"

    def newer(manifest):
        manifest["format_version"] = 99
        manifest["signature"] = {"alg": "ed25519"}  # a field this version does not know
    repack(package_path, out, edit_manifest=newer)
    refused(out, "made by a newer version of the app", "update the app")
    empty_after()


def test_a_broken_event_chain(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"

    def edit(events):
        events[2]["actor"] = "somebody else"  # hashes of the member fixed: only the chain tells
    repack(package_path, out, edit_json={"events.json": edit})
    refused(out, "events.json: event 3", "was altered")
    empty_after()


def test_a_removed_event(package_path, tmp_path, refused):
    out = tmp_path / "h.escp"
    repack(package_path, out, edit_json={"events.json": lambda events: events.pop(4)})
    refused(out, "events.json: event 5 is missing")


def test_a_sealed_audit_changed_after_sealing(source_store, tmp_path, refused, empty_after):
    from auditor_app.package.export import export_audit
    sealed = export_audit(source_store, build_audit(source_store, sealed=True), tmp_path / "s.escp").path
    out = tmp_path / "h.escp"

    def soften(doc):
        next(f for f in doc["finding"] if f["grade"] == "critical")["grade"] = "minor"
    repack(sealed, out, edit_json={"audit.json": soften})
    refused(out, "audit.json: the audit was changed after it was sealed")
    empty_after()


def test_rows_with_unknown_fields(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"

    def add_field(doc):
        doc["finding"][0]["colour"] = "red"
    repack(package_path, out, edit_json={"audit.json": add_field})
    refused(out, "audit.json: finding row", "unknown fields ['colour']")
    empty_after()


def test_rows_of_another_audit(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"
    stranger = str(uuid.uuid4())

    def move(doc):
        doc["cap_item"][0]["audit_id"] = stranger
    repack(package_path, out, edit_json={"audit.json": move})
    refused(out, "audit.json: cap_item row", f"belongs to audit {stranger}")
    empty_after()


def test_rows_of_the_wrong_type_or_links_outside_the_audit(package_path, tmp_path, refused):
    out = tmp_path / "h.escp"

    def damage(doc):
        doc["factory_profile"]["headcount_female"] = "240"
        doc["finding_evidence"][0]["evidence_id"] = str(uuid.uuid4())
    repack(package_path, out, edit_json={"audit.json": damage})
    message = refused(out, "factory_profile row", "headcount_female '240' is not an integer")
    assert "finding_evidence row" in message and "which is not in this audit" in message


def test_an_interview_citation_pointing_outside_the_audit(package_path, tmp_path, refused, empty_after):
    out = tmp_path / "h.escp"
    stranger = str(uuid.uuid4())

    def cite_a_stranger(doc):
        doc["finding_interview"][0]["interview_id"] = stranger
    repack(package_path, out, edit_json={"audit.json": cite_a_stranger})
    refused(out, "audit.json: finding_interview row", f"interview_id refers to interview {stranger}",
            "which is not in this audit")
    empty_after()


def test_an_evidence_row_without_its_original(source_store, audit_id, package_path, tmp_path, refused):
    name = evidence_names(package_path)[0]
    out = tmp_path / "h.escp"
    repack(package_path, out, drop=[name])
    refused(out, f"{name}: the original of", "is missing from the package")


def test_not_a_zip_at_all(tmp_path, refused, empty_after):
    out = tmp_path / "photo.escp"
    out.write_bytes(jpeg_bytes((1, 2, 3)))
    refused(out, "not an ESCP audit package: not a zip file")
    empty_after()


def test_a_failure_while_writing_evidence_leaves_nothing(package_path, target_store, target_folder,
                                                        empty_after, monkeypatch):
    real_publish = EvidenceFiles.publish
    calls = []

    def second_write_fails(self, tmp, sha, size, folders_to_sync=None):
        calls.append(tmp)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_publish(self, tmp, sha, size, folders_to_sync)
    monkeypatch.setattr(EvidenceFiles, "publish", second_write_fails)
    with pytest.raises(OSError, match="No space left"):
        import_package(target_store, package_path)
    assert len(calls) == 2  # the first photo was written, then removed again with the rows
    empty_after()


def test_manifest_not_describing_its_audit(package_path, tmp_path, refused):
    out = tmp_path / "h.escp"

    def other_state(manifest):
        manifest["audit"]["state"] = "accepted"
    repack(package_path, out, edit_manifest=other_state)
    refused(out, "audit.json: audit state is 'draft' but the manifest says 'accepted'")


def test_a_zip_that_is_some_other_format(tmp_path, refused):
    """A zip with a manifest.json of some other tool."""
    out = tmp_path / "h.escp"
    write_zip(out, [("manifest.json", json.dumps({"format": "something-else"}).encode())])
    refused(out, "not an ESCP audit package")


@pytest.mark.parametrize("edit, fields", [
    (lambda doc: doc["finding"][0].update(grade="minor"), "differs from its event log in grade"),
    (lambda doc: doc["cap_item"].pop(), "is in the event log but not in the audit"),
    (lambda doc: doc["answer"].append({**doc["answer"][0], "id": str(uuid.uuid4())}), "is not in the event log"),
], ids=["grade-rewritten", "cap-row-removed", "answer-added"])
def test_rows_edited_without_their_events_are_refused_even_with_hashes_and_seal_recomputed(
        source_store, tmp_path, refused, edit, fields):
    from auditor_app.package.export import export_audit
    from auditor_app.package.seal import compute_seal
    from auditor_app.package.verify import verify_package

    sealed = build_audit(source_store, sealed=True)
    original = export_audit(source_store, sealed, tmp_path / "sealed.escp").path
    forged = tmp_path / "forged.escp"

    new_seal = {}

    def rewrite(doc):
        edit(doc)
        doc["audit"]["seal"] = new_seal["seal"] = compute_seal(doc)  # recomputed with our own code

    repack(original, forged, edit_json={"audit.json": rewrite},
           edit_manifest=lambda manifest: manifest["audit"].update(seal=new_seal["seal"]))
    assert any(fields in p for p in verify_package(forged))
    refused(forged, "audit.json", fields)
