"""Importing photos as evidence: files before rows, duplicates, bad input, camera-card batches."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from auditor_app.store.eventlog import AuditFrozen, audit_events, chain_problems
from auditor_app.store.evidence import (EvidenceError, camera_card_files, display_copy, import_photo,
                                        import_photos)
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.images import derived_locations
from auditor_app.store.models import Audit, Evidence, Finding, FindingEvidence

from audit_states import mark_finalized


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _finding(store, audit_id):
    with store.transaction() as s:
        finding = Finding(audit_id=audit_id, checkpoint_id="6.1.1", grade="major", description="no fire exit")
        s.add(finding)
    return finding.id


def test_import_stores_original_unchanged_then_the_row(store, audit_id, make_jpeg, tmp_path):
    source = _write(tmp_path / "card" / "IMG_0100.JPG", make_jpeg((800, 600), seed=1))
    os.utime(source, (1_790_000_000, 1_790_000_000))
    photo = import_photo(store, audit_id, source, caption="blocked exit")
    files = EvidenceFiles(store.folder)
    stored = files.path(photo.sha256)
    assert photo.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert hashlib.sha256(files.read(photo.sha256)).hexdigest() == photo.sha256
    assert files.read(photo.sha256) == source.read_bytes() and files.verify(photo.sha256)
    assert source.read_bytes()[:64] not in stored.read_bytes()  # encrypted at rest (confidential.file_cipher)
    assert not photo.duplicate
    with store.session() as s:
        ev = s.get(Evidence, photo.evidence_id)
        assert (ev.audit_id, ev.original_name, ev.media_type, ev.size, ev.width, ev.height, ev.caption) == (
            audit_id, "IMG_0100.JPG", "image/jpeg", source.stat().st_size, 800, 600, "blocked exit")
        # No EXIF time in this photo: the file's time stands in, and says so.
        assert ev.captured_at == datetime.fromtimestamp(1_790_000_000, timezone.utc)
        assert ev.captured_from == "file"
        events = audit_events(s, audit_id)
    assert chain_problems(events) == []
    assert events[-1]["action"] == "create" and events[-1]["entity"] == "evidence"
    display, thumb = derived_locations(store.folder, photo.sha256)
    assert display_copy(store, photo.sha256)[:3] == b"\xff\xd8\xff" and display.stat().st_size > 0
    assert thumb.stat().st_size > 0 and not list(store.folder.incoming.iterdir())


def test_import_links_the_photo_to_a_finding(store, audit_id, make_jpeg, tmp_path):
    finding_id = _finding(store, audit_id)
    photo = import_photo(store, audit_id, _write(tmp_path / "a.jpg", make_jpeg(seed=2)),
                         link_finding_id=finding_id)
    with store.session() as s:
        links = s.scalars(select(FindingEvidence)).all()
    assert [(link.finding_id, link.evidence_id) for link in links] == [(finding_id, photo.evidence_id)]


def test_same_photo_twice_is_one_piece_of_evidence(store, audit_id, make_jpeg, tmp_path, snapshot):
    data = make_jpeg(seed=3)
    first = import_photo(store, audit_id, _write(tmp_path / "IMG_1.JPG", data))
    before = snapshot()
    again = import_photo(store, audit_id, _write(tmp_path / "copy" / "IMG_1 (1).JPG", data))
    assert again.duplicate and (again.evidence_id, again.sha256) == (first.evidence_id, first.sha256)
    assert snapshot() == before  # no second row, no event, no new file


def test_duplicate_with_a_link_adds_only_the_link(store, audit_id, make_jpeg, tmp_path):
    data = make_jpeg(seed=4)
    first = import_photo(store, audit_id, _write(tmp_path / "IMG_1.JPG", data))
    finding_id = _finding(store, audit_id)
    again = import_photo(store, audit_id, _write(tmp_path / "IMG_2.JPG", data), link_finding_id=finding_id)
    assert again.duplicate and again.evidence_id == first.evidence_id
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Evidence)) == 1
        assert s.scalar(select(func.count()).select_from(FindingEvidence)) == 1


def test_bad_input_writes_nothing(store, audit_id, bad_file, snapshot):
    path, words = bad_file
    before = snapshot()
    with pytest.raises(EvidenceError) as err:
        import_photo(store, audit_id, path)
    assert str(err.value).startswith(f"{path.name}: ") and words in str(err.value)
    assert snapshot() == before
    assert not list(store.folder.derived.rglob("*.jpg"))


def test_missing_source_file_is_named(store, audit_id, tmp_path):
    with pytest.raises(EvidenceError, match=r"^IMG_9\.JPG: the file cannot be read"):
        import_photo(store, audit_id, tmp_path / "IMG_9.JPG")


def test_finalized_audit_takes_no_evidence_and_no_file_is_written(store, audit_id, make_jpeg, tmp_path,
                                                                   snapshot):
    with store.transaction() as s:
        mark_finalized(s, audit_id)
    before = snapshot()
    with pytest.raises(AuditFrozen, match="finalized"):
        import_photo(store, audit_id, _write(tmp_path / "late.jpg", make_jpeg(seed=5)))
    assert snapshot() == before


def test_link_to_a_finding_of_another_audit_is_refused(store, audit_id, make_jpeg, tmp_path, snapshot):
    with store.transaction() as s:
        other = Audit(audit_type="FU", checklist_version="4.0")
        s.add(other)
    foreign = _finding(store, other.id)
    before = snapshot()
    with pytest.raises(LookupError, match=f"finding {foreign} is not part of audit {audit_id}"):
        import_photo(store, audit_id, _write(tmp_path / "x.jpg", make_jpeg(seed=6)), link_finding_id=foreign)
    assert snapshot() == before


def test_camera_card_batch_goes_on_after_a_bad_file(store, audit_id, make_jpeg, tmp_path):
    card = tmp_path / "card" / "DCIM" / "100ACME"
    for i in range(3):
        _write(card / f"IMG_{i:04d}.JPG", make_jpeg(seed=10 + i))
    _write(card / "IMG_0003.JPG", b"")                     # a bad one in the middle
    _write(card / "IMG_0004.JPG", make_jpeg(seed=10))      # the same picture as IMG_0000
    _write(card / "IMG_0000.XMP", b"<xmp/>")               # sidecar: not picked up
    _write(card / ".IMG_0005.JPG", b"hidden")              # hidden: not picked up
    paths = camera_card_files(tmp_path / "card")
    assert [p.name for p in paths] == [f"IMG_{i:04d}.JPG" for i in range(5)]
    seen = []
    result = import_photos(store, audit_id, paths, progress=lambda *a: seen.append(a))
    assert len(result.imported) == 3 and len(result.duplicates) == 1 and not result.cancelled
    assert [e.name for e in result.failed] == ["IMG_0003.JPG"]
    assert seen == [(i + 1, 5, f"IMG_{i:04d}.JPG") for i in range(5)]
    assert result.duplicates[0].evidence_id == result.imported[0].evidence_id


def test_cancelled_batch_stops_between_files(store, audit_id, make_jpeg, tmp_path):
    paths = [_write(tmp_path / f"IMG_{i}.JPG", make_jpeg(seed=20 + i)) for i in range(4)]
    asked = []
    result = import_photos(store, audit_id, paths, cancelled=lambda: len(asked.append(1) or asked) > 2)
    assert result.cancelled and len(result.imported) == 2
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Evidence)) == 2


def test_derived_copies_are_rebuilt_when_missing(store, audit_id, make_jpeg, tmp_path):
    photo = import_photo(store, audit_id, _write(tmp_path / "a.jpg", make_jpeg(seed=7)))
    first = display_copy(store, photo.sha256)
    display, thumb = derived_locations(store.folder, photo.sha256)
    display.unlink()
    thumb.write_bytes(b"")
    assert display_copy(store, photo.sha256) == first
    assert thumb.stat().st_size > 0 and display.stat().st_size > 0


def test_derived_copies_of_a_lost_original_say_so(store):
    with pytest.raises(EvidenceError, match="original file is missing"):
        display_copy(store, "cd" * 32)


def test_reimport_restores_a_lost_original(store, audit_id, make_jpeg, tmp_path):
    source = _write(tmp_path / "a.jpg", make_jpeg(seed=8))
    photo = import_photo(store, audit_id, source)
    files = EvidenceFiles(store.folder)
    files.path(photo.sha256).unlink()
    assert import_photo(store, audit_id, source).duplicate
    assert files.verify(photo.sha256)


def test_evidence_files_api(store, tmp_path, make_jpeg):
    files = EvidenceFiles(store.folder)
    data = make_jpeg(seed=9)
    sha = files.put_bytes(data)
    assert sha == hashlib.sha256(data).hexdigest() and files.has(sha)
    assert files.path(sha) == store.folder.evidence / sha[:2] / sha
    mtime = files.path(sha).stat().st_mtime_ns
    assert files.put_bytes(data) == sha and files.path(sha).stat().st_mtime_ns == mtime  # nothing rewritten
    big = _write(tmp_path / "package-blob", os.urandom(3 << 20))
    big_sha = files.put_file(big)
    assert big_sha == hashlib.sha256(big.read_bytes()).hexdigest() and files.verify(big_sha)
    assert files.put_file(big) == big_sha
    assert files.all_hashes() == {sha, big_sha}
    assert not list(store.folder.incoming.iterdir())
    damaged = bytearray(files.path(sha).read_bytes())
    damaged[100] ^= 1
    files.path(sha).write_bytes(bytes(damaged))
    assert not files.verify(sha) and not files.verify("ef" * 32)
    with pytest.raises(ValueError, match="not a SHA-256"):
        files.path("../../etc/passwd")
