"""Start-up reconciliation of evidence files and rows."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from datetime import datetime, timedelta, timezone

from auditor_app.confidential.file_cipher import read_plain
from auditor_app.store import reconcile as reconcile_module
from auditor_app.store.evidence import import_photo
from auditor_app.store.evidence_files import EvidenceFiles, in_flight
from auditor_app.store.folder_lock import FolderLock, process_started_at
from auditor_app.store.reconcile import reconcile

HOUR = 3600


def _left_by_an_earlier_run(*paths):
    """Date files an hour back, as if written before this start: reconcile judges only those."""
    for path in paths:
        os.utime(path, (time.time() - HOUR, time.time() - HOUR))


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
    _left_by_an_earlier_run(files.path(sha))
    report = reconcile(store)
    assert not files.has(sha)
    [moved] = report.quarantined
    assert moved.parent == store.folder.quarantine and sha in moved.name
    assert hashlib.sha256(read_plain(moved, files.key)).hexdigest() == sha  # moved as it was: encrypted
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
    _left_by_an_earlier_run(half_written, stray)
    report = reconcile(store)
    assert not half_written.exists() and not stray.exists()
    assert [p.read_bytes() for p in report.orphaned_temp] == [b"\xff\xd8 half a photo"]
    assert [p.read_text() for p in report.quarantined] == ["copied here by hand"]
    assert "1 unfinished temporary file moved to" in report.summary()


def test_quarantine_never_overwrites(store, audit_id):
    files = EvidenceFiles(store.folder)
    sha = files.put_bytes(b"first orphan")
    _left_by_an_earlier_run(files.path(sha))
    first = reconcile(store).quarantined[0]
    # The same orphan again within the same second: a second name, the first copy kept.
    files.put_bytes(b"first orphan")
    _left_by_an_earlier_run(files.path(sha))
    second = reconcile(store).quarantined[0]
    assert first != second and read_plain(first, files.key) == read_plain(second, files.key) == b"first orphan"
    assert sha in first.name


# ---- files an import may still need are left alone ----

def test_files_younger_than_the_owners_start_are_left_alone(store, audit_id, make_jpeg):
    # Written after this process started: maybe an import under way, so not for this start to judge.
    files = EvidenceFiles(store.folder)
    sha = files.put_bytes(make_jpeg(seed=5))
    temp = store.folder.incoming / "evidence-4567.part"
    temp.write_bytes(b"\xff\xd8 being written")
    report = reconcile(store)
    assert report.clean and files.has(sha) and temp.exists()
    assert set(report.left_alone) == {files.path(sha), temp}
    # A later start (owner since after the files were written) tidies them.
    later = datetime.now(timezone.utc) + timedelta(seconds=reconcile_module.CLOCK_SLACK + 1)
    report = reconcile(store, since=later)
    assert not files.has(sha) and not temp.exists()
    assert len(report.quarantined) == 1 and len(report.orphaned_temp) == 1


def test_owner_start_defaults_to_the_lock_this_process_holds(store, make_jpeg, monkeypatch):
    # This process started an hour ago; the file was written half an hour ago; the lock is taken now.
    monkeypatch.setattr(reconcile_module, "process_started_at",
                        lambda: datetime.now(timezone.utc) - timedelta(seconds=HOUR))
    files = EvidenceFiles(store.folder)
    sha = files.put_bytes(make_jpeg(seed=6))
    os.utime(files.path(sha), (time.time() - HOUR / 2, time.time() - HOUR / 2))
    assert reconcile(store).left_alone == [files.path(sha)]  # younger than the process start
    with FolderLock(store.folder):
        report = reconcile(store)  # older than the lock's start: an orphan from before it
    assert not files.has(sha) and len(report.quarantined) == 1
    assert process_started_at() <= datetime.now(timezone.utc)


def test_hashes_and_temp_files_in_flight_are_left_alone(store, make_jpeg):
    files = EvidenceFiles(store.folder)
    sha = files.put_bytes(make_jpeg(seed=7))
    temp = store.folder.incoming / "import-89ab.part"
    temp.write_bytes(b"part of a package")
    _left_by_an_earlier_run(files.path(sha), temp)
    with in_flight(sha) as arriving:
        arriving.add_temp(temp)
        report = reconcile(store)
        assert files.has(sha) and temp.exists() and report.clean
        assert set(report.left_alone) == {files.path(sha), temp}
    report = reconcile(store)  # released (the import failed): now they are orphans
    assert not files.has(sha) and not temp.exists()
    assert len(report.quarantined) == 1 and len(report.orphaned_temp) == 1


def test_reconcile_between_an_imports_file_check_and_its_commit_leaves_the_file(
        store, audit_id, make_jpeg, tmp_path, monkeypatch):
    # An orphan from an earlier crash is the photo now being imported again: the import finds the
    # file intact and does not rewrite it; reconcile must not take it before the row commits.
    files = EvidenceFiles(store.folder)
    data = make_jpeg(seed=8)
    sha = files.put_bytes(data)
    _left_by_an_earlier_run(files.path(sha))
    reports = []
    intact = EvidenceFiles._intact_copy_exists

    def check_then_reconcile(self, sha_, size):
        found = intact(self, sha_, size)
        worker = threading.Thread(target=lambda: reports.append(reconcile(store)))
        worker.start()
        worker.join(30)
        return found

    monkeypatch.setattr(EvidenceFiles, "_intact_copy_exists", check_then_reconcile)
    photo = _import(store, audit_id, tmp_path, data, "IMG_8.JPG")
    monkeypatch.undo()
    assert photo.sha256 == sha and reports and reports[0].left_alone == [files.path(sha)]
    assert files.verify(sha)
    assert reconcile(store).missing == []


def test_an_import_finishing_after_the_rows_were_read_keeps_its_file(
        store, audit_id, make_jpeg, tmp_path, monkeypatch):
    # Reconcile read the rows; then an import of that orphan's photo committed and ended (no longer
    # in flight) before reconcile got to the file: the row is looked up again before moving.
    files = EvidenceFiles(store.folder)
    data = make_jpeg(seed=9)
    sha = files.put_bytes(data)
    _left_by_an_earlier_run(files.path(sha))
    real_utcnow = reconcile_module.utcnow
    imported = []

    def import_meanwhile():  # reconcile asks the time once, between reading rows and tidying
        if not imported:
            imported.append(_import(store, audit_id, tmp_path, data, "IMG_9.JPG"))
        return real_utcnow()

    monkeypatch.setattr(reconcile_module, "utcnow", import_meanwhile)
    report = reconcile(store)
    monkeypatch.undo()
    assert imported and report.checked == 0  # the row was not there when the rows were read
    assert files.verify(sha) and not report.quarantined
    assert reconcile(store).missing == []
