"""Start-up reconciliation of evidence files and rows."""

from __future__ import annotations

import hashlib

from auditor_app.store.evidence import import_photo
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.reconcile import reconcile


def _import(store, audit_id, tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    return import_photo(store, audit_id, path)


def test_clean_folder_changes_nothing(store, audit_id, make_jpeg, tmp_path):
    photo = _import(store, audit_id, tmp_path, make_jpeg(seed=1), "IMG_1.JPG")
    report = reconcile(store)
    assert report.clean and report.checked == 1
    assert EvidenceFiles(store.folder).verify(photo.sha256)
    assert report.summary() == "Evidence check: all 1 evidence records have their files; nothing to tidy."


def test_file_without_a_row_goes_to_quarantine_not_the_bin(store, audit_id, make_jpeg):
    # As left by a crash between "file stored" and "row committed".
    files = EvidenceFiles(store.folder)
    data = make_jpeg(seed=2)
    sha = files.put_bytes(data)
    report = reconcile(store)
    assert not files.has(sha)
    [moved] = report.quarantined
    assert moved.parent == store.folder.quarantine and sha in moved.name
    assert hashlib.sha256(moved.read_bytes()).hexdigest() == sha
    assert "1 evidence file without a record" in report.summary()
    assert "Nothing was deleted." in report.summary()
    assert reconcile(store).clean  # and it stays tidied


def test_row_without_its_file_is_reported_by_name(store, audit_id, make_jpeg, tmp_path):
    kept = _import(store, audit_id, tmp_path, make_jpeg(seed=3), "IMG_3.JPG")
    lost = _import(store, audit_id, tmp_path, make_jpeg(seed=4), "IMG_4.JPG")
    EvidenceFiles(store.folder).path(lost.sha256).unlink()
    report = reconcile(store)
    assert report.missing == [(lost.evidence_id, lost.sha256, "IMG_4.JPG")]
    assert not report.quarantined and EvidenceFiles(store.folder).has(kept.sha256)
    summary = report.summary()
    assert "1 photo recorded in an audit has no file on this computer (IMG_4.JPG)" in summary
    assert "import it again" in summary


def test_leftover_temp_files_and_strays_are_quarantined(store, audit_id):
    half_written = store.folder.incoming / "evidence-0123.part"
    half_written.write_bytes(b"\xff\xd8 half a photo")
    stray = store.folder.evidence / "notes.txt"
    stray.write_text("copied here by hand")
    report = reconcile(store)
    assert not half_written.exists() and not stray.exists()
    assert [p.read_bytes() for p in report.orphaned_temp] == [b"\xff\xd8 half a photo"]
    assert [p.read_text() for p in report.quarantined] == ["copied here by hand"]
    assert "1 unfinished temporary file moved to" in report.summary()


def test_quarantine_never_overwrites(store, audit_id):
    files = EvidenceFiles(store.folder)
    sha = files.put_bytes(b"first orphan")
    first = reconcile(store).quarantined[0]
    # The same orphan again within the same second: a second name, the first copy kept.
    files.put_bytes(b"first orphan")
    second = reconcile(store).quarantined[0]
    assert first != second and first.read_bytes() == second.read_bytes() == b"first orphan"
    assert sha in first.name
