"""Issue 16's test: a planted note, quote, worker name and GPS coordinate are in no file of the data
folder (the database, its WAL, backups, evidence originals and derived copies, the outbox), nor in an
exported package (its sealed part opens only with the firm's key; a package for outside the firm has
no GPS at all); the originals still give back every byte; after erasure nothing opens the notes."""

from __future__ import annotations

import io
import struct

from PIL import Image

from auditor_app.confidential.erasure import erase_confidential
from auditor_app.kept_rosters import KeptRosters
from auditor_app.package.confidential_import import open_sealed
from auditor_app.package.errors import PackageError
from auditor_app.package.export import export_audit
from auditor_app.package.importer import import_package
from auditor_app.package.reader import read_package
from auditor_app.package.verify import verify_package
from auditor_app.paths import DataFolder
from auditor_app.store.db import backup_database, open_store
from auditor_app.store.evidence import import_photo
from auditor_app.store.evidence_files import EvidenceFiles

from tests.package.crafting import read_members

from .conftest import NOTE, QUOTE, holding, raw_files

WORKER = "Chen Meiling"
SERIAL = "SN-7731-SECRET"
# Latitude 22° 32' 10.5" as the camera wrote it: three little-endian rationals.
LATITUDE = struct.pack("<6I", 22, 1, 32, 1, 21, 2)


def _photo_with_gps(path):
    exif = Image.Exif()
    exif[0x010F] = "AcmeCam"
    exif.get_ifd(0x8769)[0xA431] = SERIAL
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (22.0, 32.0, 10.5), "E", (113.0, 45.0, 1.25)
    buf = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 120, 200)).save(buf, "JPEG", exif=exif.tobytes())
    path.write_bytes(buf.getvalue())
    assert LATITUDE in buf.getvalue()
    return path


def test_nothing_planted_is_readable_outside_the_sealed_part(store, folder, audit_id, firm_key, tmp_path):
    KeptRosters(folder).keep(audit_id, f"工号,姓名\nA001,{WORKER}\n".encode(), "roster.csv")
    photo = import_photo(store, audit_id, _photo_with_gps(tmp_path / "IMG_0001.JPG"))
    backup_database(store.engine, folder, "planted")
    outside = export_audit(store, audit_id, tmp_path / "outside.escp", outside=True)

    files = raw_files(folder.root)
    assert any(name.startswith("backups/") for name in files) and "audits.sqlite3" in files
    assert "audits.sqlite3-wal" in files  # the WAL, written by every commit, is encrypted too
    assert any(name.startswith("evidence/") for name in files)
    for planted in (NOTE, QUOTE, WORKER, SERIAL):
        assert holding(files, planted) == [], planted
    assert [name for name, data in files.items() if LATITUDE in data] == []
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
    assert encrypt_plaintext_files(legacy) == 0  # done once
