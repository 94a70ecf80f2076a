"""Issue 16's test: a planted note, quote, worker name and GPS coordinate are in no file of the data
folder (the database, its WAL, backups, evidence originals and derived copies, the outbox), nor in an
exported package (its sealed part opens only with the firm's key; a package for outside the firm has
no GPS at all); the originals still give back every byte; no picture (original, display copy,
thumbnail, camera preview, the report's copy) is readable from the disk; after erasure nothing opens
the notes."""

from __future__ import annotations

import io
import struct

from PIL import Image

from auditor_app.audits import add_finding
from auditor_app.confidential.erasure import erase_confidential
from auditor_app.kept_rosters import KeptRosters
from auditor_app.package.confidential_import import open_sealed
from auditor_app.package.document import audit_document
from auditor_app.package.errors import PackageError
from auditor_app.package.export import export_audit
from auditor_app.package.importer import import_package
from auditor_app.package.reader import read_package
from auditor_app.package.verify import verify_package
from auditor_app.paths import DataFolder
from auditor_app.store.db import backup_database, open_store
from auditor_app.reports.photos import PDF_PHOTO_PX, StorePhotos
from auditor_app.reports.report import build_report
from auditor_app.store.derived_files import KINDS, DerivedFiles
from auditor_app.store.evidence import import_photo
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.pixel_check import check_pending
from benchmarks.camera_exif import exif_with_preview, preview_jpeg

from tests.package.crafting import read_members

from .conftest import NOTE, QUOTE, holding, raw_files

WORKER = "Chen Meiling"
SERIAL = "SN-7731-SECRET"
# Latitude 22° 32' 10.5" as the camera wrote it: three little-endian rationals.
LATITUDE = struct.pack("<6I", 22, 1, 32, 1, 21, 2)


def _photo_with_gps(path, size=(320, 240), preview=False):
    """A camera photo with GPS and a serial; with `preview`, the camera's small JPEG in EXIF too."""
    exif = Image.Exif()
    exif[0x010F] = "AcmeCam"
    exif.get_ifd(0x8769)[0xA431] = SERIAL
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (22.0, 32.0, 10.5), "E", (113.0, 45.0, 1.25)
    img = Image.new("RGB", size, (90, 120, 200))
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif_with_preview(exif, preview_jpeg(img)) if preview else exif.tobytes())
    path.write_bytes(buf.getvalue())
    assert LATITUDE in buf.getvalue()
    return path


def _pictures(files: dict[str, bytes]) -> list[str]:
    """Files whose bytes show a JPEG (its JFIF or Exif header) or that Pillow can open as an image."""
    found = []
    for name, data in files.items():
        if b"JFIF" in data or b"Exif\x00\x00" in data:
            found.append(name)
            continue
        try:
            with Image.open(io.BytesIO(data)):
                found.append(name)
        except Exception:  # noqa: BLE001 - not an image: as it should be
            pass
    return found


def test_nothing_planted_is_readable_outside_the_sealed_part(store, folder, audit_id, firm_key, tmp_path):
    KeptRosters(folder).keep(audit_id, f"工号,姓名\nA001,{WORKER}\n".encode(), "roster.csv")
    photo = import_photo(store, audit_id, _photo_with_gps(tmp_path / "IMG_0001.JPG"))
    check_pending(store, audit_id)  # the display copy and thumbnail, as the background check makes them
    backup_database(store.engine, folder, "planted")
    outside = export_audit(store, audit_id, tmp_path / "outside.escp", outside=True)

    files = raw_files(folder.root)
    assert any(name.startswith("backups/") for name in files) and "audits.sqlite3" in files
    assert "audits.sqlite3-wal" in files  # the WAL, written by every commit, is encrypted too
    assert any(name.startswith("evidence/") for name in files)
    assert {f"derived/display/{photo.sha256}.jpg", f"derived/thumbs/{photo.sha256}.jpg"} <= set(files)
    for planted in (NOTE, QUOTE, WORKER, SERIAL):
        assert holding(files, planted) == [], planted
    assert [name for name, data in files.items() if LATITUDE in data] == []
    assert _pictures(files) == []
    # The originals keep every byte (the evidence promise): decrypted, GPS and all.
    assert LATITUDE in EvidenceFiles(folder).read(photo.sha256)

    package = b"".join(read_members(outside.path).values())
    for planted in (NOTE.encode(), QUOTE.encode(), WORKER.encode(), SERIAL.encode(), LATITUDE):
        assert planted not in package
    assert verify_package(outside.path) == []

    pkg = read_package(outside.path)
    assert pkg.for_outside and len(pkg.manifest["copies"]) == 3
    copy_path = next(c["path"] for c in pkg.manifest["copies"] if c["of"] == photo.sha256)
    copy = read_members(outside.path)[copy_path]
    with Image.open(io.BytesIO(copy)) as img:
        assert img.getexif().get_ifd(0x8825) == {} and img.size == (320, 240)
    opened = open_sealed(pkg, firm_key)
    assert NOTE in opened.values.values()
    assert any(WORKER.encode() in __import__("base64").b64decode(r["data"]) for r in opened.rosters)

    office = open_store(DataFolder(tmp_path / "office"))
    try:
        try:
            import_package(office, outside.path)
            raise AssertionError("an outside package was imported")
        except PackageError as exc:
            assert "for outside the firm" in str(exc)
    finally:
        office.close()


def test_after_erasure_the_notes_cannot_be_recovered(store, folder, audit_id, firm_key, tmp_path):
    KeptRosters(folder).keep(audit_id, f"工号,姓名\nA001,{WORKER}\n".encode(), "roster.csv")
    before = export_audit(store, audit_id, tmp_path / "before.escp")
    vault_before = {p.name: p.read_bytes() for p in (folder.confidential / audit_id).iterdir()}
    erase_confidential(store, audit_id, lead_request=True)
    files = raw_files(folder.root)
    assert not any(name.startswith(f"confidential/{audit_id}") for name in files)
    for planted in (NOTE, QUOTE, WORKER):
        assert holding(files, planted) == []
    # A copy of the vault taken before erasure (a disk backup) no longer opens: its key is gone.
    from auditor_app.confidential.audit_keys import AuditKeys
    from auditor_app.confidential.vault import Vault

    assert AuditKeys(folder).secret(audit_id) is None
    restored = Vault(folder)
    assert all(restored.get(None, audit_id, "sealed:v1:" + name) == "sealed:v1:" + name for name in vault_before)
    # The package sent before erasure is the firm's copy: its key still opens it.
    assert NOTE in open_sealed(read_package(before.path), firm_key).values.values()


def test_a_package_for_the_firm_carries_the_originals_and_seals_the_rest(store, folder, audit_id, firm_key, tmp_path):
    """The full package (not for outside): originals in the clear inside the zip as the evidence promise
    wants, but no planted note, quote or worker name outside sealed.json; the firm's key opens them."""
    KeptRosters(folder).keep(audit_id, f"工号,姓名\nA001,{WORKER}\n".encode(), "roster.csv")
    photo = import_photo(store, audit_id, _photo_with_gps(tmp_path / "IMG_0002.JPG"))
    full = export_audit(store, audit_id, tmp_path / "full.escp")
    members = read_members(full.path)
    outside_sealed = b"".join(data for name, data in members.items() if name != "sealed.json")
    for planted in (NOTE.encode(), QUOTE.encode(), WORKER.encode()):
        assert planted not in b"".join(members.values())
    assert LATITUDE in members[f"evidence/{photo.sha256}"] and LATITUDE not in outside_sealed.replace(
        members[f"evidence/{photo.sha256}"], b"")
    opened = open_sealed(read_package(full.path), firm_key)
    assert NOTE in opened.values.values()
    files = raw_files(folder.root)
    for planted in (NOTE, QUOTE, WORKER):
        assert holding(files, planted) == [], planted
    assert [name for name, data in files.items() if LATITUDE in data] == []


def test_no_derived_copy_shows_its_picture_on_disk(store, folder, audit_id, tmp_path):
    """The camera's preview (at import), the display copy and thumbnail (the background check) and the
    report's print-size copy are encrypted files: none opens as a picture or holds the camera's
    metadata; through their one helper they read back as JPEGs."""
    with store.transaction() as s:  # on a finding, so the report shows it
        finding_id = add_finding(s, audit_id, "9.6.3", description="Fire exit blocked").id
    photo = import_photo(store, audit_id, _photo_with_gps(tmp_path / "IMG_0003.JPG", (2400, 1800), preview=True),
                         link_finding_id=finding_id)
    stages = [raw_files(folder.derived)]  # the preview, before the pixels are decoded
    assert [name.split("/")[0] for name in stages[0]] == ["previews"]
    check_pending(store, audit_id)
    with store.session() as s:
        doc = audit_document(s, audit_id)
    photos = StorePhotos(store)
    built = build_report(doc, tmp_path / "report.pdf", photos=photos, photo_cache=photos.cache())
    assert built.photos >= 1 and not built.photo_problems
    stages.append(raw_files(folder.derived))
    assert f"pdf/{photo.sha256}-{PDF_PHOTO_PX}.jpg" in stages[-1]  # 1200 px display copy: a print copy made
    kinds = {name.split("/")[0] for stage in stages for name in stage}
    assert kinds == set(KINDS)  # previews, display, thumbs and the report's pdf copy were all made
    for stage in stages:
        assert _pictures(stage) == []
        for planted in (SERIAL.encode(), LATITUDE, b"AcmeCam"):
            assert [name for name, data in stage.items() if planted in data] == []
    for name in stages[-1]:
        kind, file_name = name.split("/")
        copy = DerivedFiles(folder, kind).read(file_name)
        assert copy is not None and copy[:3] == b"\xff\xd8\xff"


def test_a_folder_from_before_encryption_is_converted_at_start(tmp_path):
    """A plaintext database (WAL, backups) and plaintext originals: encrypted at the first start, verified,
    the plaintext gone; the audit and its photo read back the same."""
    import shutil
    import sqlite3

    from auditor_app.confidential.database import is_plaintext
    from auditor_app.store.evidence_files import encrypt_plaintext_files

    legacy = DataFolder(tmp_path / "legacy").ensure()
    fixture = __import__("pathlib").Path(__file__).parents[1] / "fixtures" / "store-0001.sqlite3"
    shutil.copy(fixture, legacy.database)
    shutil.copy(fixture, legacy.backups / "audits-old-backup.sqlite3")
    con = sqlite3.connect(legacy.database)
    con.execute("PRAGMA journal_mode=WAL")
    factory = con.execute("select name_local from factory_profile").fetchone()[0]
    con.close()
    photo = _photo_with_gps(tmp_path / "old.jpg").read_bytes()
    sha = __import__("hashlib").sha256(photo).hexdigest()
    (legacy.evidence / sha[:2]).mkdir(parents=True, exist_ok=True)
    (legacy.evidence / sha[:2] / sha).write_bytes(photo)  # as an earlier version stored it
    thumb = io.BytesIO()
    Image.new("RGB", (256, 192), (90, 120, 200)).save(thumb, "JPEG")
    (legacy.derived / "thumbs").mkdir(parents=True)
    (legacy.derived / "thumbs" / f"{sha}.jpg").write_bytes(thumb.getvalue())  # and its thumbnail
    store = open_store(legacy)
    try:
        with store.session() as s:
            from auditor_app.store.models import FactoryProfile

            assert s.query(FactoryProfile).one().name_local == factory
    finally:
        store.close()
    assert not is_plaintext(legacy.database)
    assert not any(is_plaintext(p) for p in legacy.backups.glob("*.sqlite3"))
    files = raw_files(legacy.root)
    assert [n for n, data in files.items() if factory.encode() in data or LATITUDE in data] == []
    assert not any(name.endswith((".plaintext", ".encrypting")) for name in files)
    assert EvidenceFiles(legacy).read(sha) == photo and EvidenceFiles(legacy).verify(sha)
    assert _pictures(files) == []
    assert DerivedFiles(legacy, "thumbs").read(f"{sha}.jpg") == thumb.getvalue()  # kept, not made again
    assert encrypt_plaintext_files(legacy) == 0  # done once
