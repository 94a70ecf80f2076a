"""The cost of encryption at rest (issue 16): the same work on an encrypted data folder (SQLCipher
database, AES-GCM evidence files) and on a plaintext one, side by side in one run, as ratios.

- photo import: BENCH_CONF_PHOTOS camera photos (12 MP, ~4-5 MB) through `import_photos` (files
  written and fsynced, rows committed);
- Evidence page refresh: what a refresh of an audit with 300 photos reads: the rows, links and
  checks (a read-only session) and every thumbnail (decrypted, then decoded as the page's QImage
  does, here with Pillow), repeated;
- report build: the demo audit's report PDF (document read from the store, photos from the store).
The plaintext runs patch the engine back to pysqlite, the file writer to plain bytes and the derived
copies' reader to a plain read; nothing else differs. After one untimed warm-up (fonts, imports), runs
alternate, each side first in turn, and medians are compared. Each ratio is printed beside its target:
at most 1.15x.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

TARGET = 1.15
RUNS = int(os.environ.get("BENCH_CONF_RUNS", "5"))
PHOTOS = int(os.environ.get("BENCH_CONF_PHOTOS", "24"))
PAGE_PHOTOS = 300
PAGE_REFRESHES = 50


@contextmanager
def unencrypted():
    """The same code with a plaintext database and plaintext evidence files (for comparison only)."""
    from sqlalchemy import create_engine, event

    from auditor_app.confidential import file_cipher
    from auditor_app.store import db, derived_files

    saved = (db.make_engine, db.encrypt_plaintext, db.encrypt_plaintext_files, db.encrypt_plaintext_derived,
             file_cipher.write_encrypted, file_cipher.EncryptingWriter, derived_files.DerivedFiles.read)

    def plain_engine(path, key=None):
        engine = create_engine(f"sqlite:///{path}", hide_parameters=True,
                               connect_args={"timeout": db.BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", db._on_connect)
        event.listen(engine, "begin", db._on_begin)
        return engine

    def plain_write(out, pieces, key):
        size = 0
        for piece in pieces:
            out.write(piece)
            size += len(piece)
        return size

    class PlainWriter:
        def __init__(self, out, key):
            self._out, self.size = out, 0

        def write(self, data):
            self._out.write(data)
            self.size += len(data)
            return len(data)

        def finish(self):
            pass

    def plain_read(self, name):
        try:
            return self.path(name).read_bytes() or None
        except FileNotFoundError:
            return None

    db.make_engine = plain_engine
    db.encrypt_plaintext = lambda folder, key: False
    db.encrypt_plaintext_files = lambda folder: 0
    db.encrypt_plaintext_derived = lambda folder: 0
    file_cipher.write_encrypted = plain_write
    file_cipher.EncryptingWriter = PlainWriter
    derived_files.DerivedFiles.read = plain_read  # type: ignore[method-assign]
    try:
        yield
    finally:
        (db.make_engine, db.encrypt_plaintext, db.encrypt_plaintext_files, db.encrypt_plaintext_derived,
         file_cipher.write_encrypted, file_cipher.EncryptingWriter, derived_files.DerivedFiles.read) = saved


@contextmanager
def mode(encrypted: bool):
    if encrypted:
        yield
    else:
        with unencrypted():
            yield


def _store(root: Path):
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store

    return open_store(DataFolder(root), actor="bench")


def photo_import(encrypted: bool, paths: list[Path], work: Path) -> float:
    from auditor_app.audits import create_audit
    from auditor_app.store.evidence import import_photos

    root = work / f"import-{'enc' if encrypted else 'plain'}-{time.perf_counter_ns()}"
    with mode(encrypted):
        store = _store(root)
        try:
            with store.transaction() as s:
                audit_id = create_audit(s, audit_type="IAA", factory={"name": "Bench Toys", "headcount_female": 10},
                                        team=[{"name": "Li Na", "role": "lead auditor"}]).id
            started = time.perf_counter()
            result = import_photos(store, audit_id, paths)
            elapsed = time.perf_counter() - started
            assert len(result.imported) == len(paths), result
        finally:
            store.close()
    shutil.rmtree(root, ignore_errors=True)
    return elapsed


def camera_thumbnails(paths: list[Path]) -> list[bytes]:
    """256-px thumbnails of the camera photos (their pixels, not a flat colour: decoding costs what it costs
    on the Evidence page), made once as `images.make_derived` makes them."""
    import io

    from PIL import Image

    made = []
    for path in paths[:8]:
        with Image.open(path) as img:
            img.draft("RGB", (512, 384))
            img = img.convert("RGB")
            img.thumbnail((256, 256), Image.Resampling.BILINEAR)
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=80)
            made.append(buf.getvalue())
    return made


def page_refresh(encrypted: bool, work: Path, thumb_data: list[bytes]) -> float:
    import io

    from PIL import Image
    from sqlalchemy import select

    from auditor_app.audits import create_audit
    from auditor_app.store.derived_files import THUMBS, DerivedFiles
    from auditor_app.store.evidence import thumbnail_now
    from auditor_app.store.models import AreaEvidence, Evidence, FindingEvidence, PhotoCheck
    from auditor_app.store.types import utcnow

    root = work / f"page-{'enc' if encrypted else 'plain'}-{time.perf_counter_ns()}"
    with mode(encrypted):
        store = _store(root)
        try:
            with store.transaction() as s:
                audit_id = create_audit(s, audit_type="IAA", factory={"name": "Page Toys", "headcount_female": 10},
                                        team=[{"name": "Li Na", "role": "lead auditor"}]).id
                now = utcnow()
                s.add_all([Evidence(audit_id=audit_id, sha256=f"{n:064x}", original_name=f"IMG_{n:04d}.JPG",
                                    media_type="image/jpeg", size=4_000_000, width=4000, height=3000,
                                    captured_at=now - timedelta(minutes=n), captured_from="exif", caption="")
                           for n in range(PAGE_PHOTOS)])
            thumbs = DerivedFiles(store.folder, THUMBS)
            for n in range(PAGE_PHOTOS):  # thumbnails of real photos, as the background check makes them
                thumbs.write(f"{n:064x}.jpg", thumb_data[n % len(thumb_data)])
            store.engine.dispose()  # a cold page cache, as after a start: decryption is paid once more
            started = time.perf_counter()
            for _ in range(PAGE_REFRESHES):
                with store.session(read_only=True) as s:
                    rows = s.scalars(select(Evidence).where(Evidence.audit_id == audit_id)
                                     .order_by(Evidence.captured_at)).all()
                    s.execute(select(FindingEvidence).where(FindingEvidence.audit_id == audit_id)).all()
                    s.execute(select(AreaEvidence).where(AreaEvidence.audit_id == audit_id)).all()
                    s.execute(select(PhotoCheck).where(PhotoCheck.sha256.in_([r.sha256 for r in rows]))).all()
                    assert len(rows) == PAGE_PHOTOS
                for row in rows:  # the tiles: read (decrypted) and decoded, as load_images does
                    data = thumbnail_now(store, row.sha256)
                    assert data is not None
                    Image.open(io.BytesIO(data)).load()
            elapsed = (time.perf_counter() - started) / PAGE_REFRESHES
        finally:
            store.close()
    shutil.rmtree(root, ignore_errors=True)
    return elapsed


def report_build(encrypted: bool, work: Path) -> float:
    from auditor_app.demo import create_demo_audit
    from auditor_app.package.document import audit_document
    from auditor_app.reports.photos import StorePhotos
    from auditor_app.reports.report import build_report

    root = work / f"report-{'enc' if encrypted else 'plain'}-{time.perf_counter_ns()}"
    with mode(encrypted):
        store = _store(root)
        try:
            audit_id = create_demo_audit(store)
            store.engine.dispose()
            started = time.perf_counter()
            with store.session() as session:
                doc = audit_document(session, audit_id)
            photos = StorePhotos(store)
            build_report(doc, root / "report.pdf", photos=photos, photo_cache=photos.cache())
            elapsed = time.perf_counter() - started
        finally:
            store.close()
    shutil.rmtree(root, ignore_errors=True)
    return elapsed


def _pair(measure) -> tuple[float, float]:
    measure(False)  # warm-up, not counted: fonts registered, modules imported, caches filled once per process
    enc, plain = [], []
    for run in range(RUNS):
        for encrypted in ((True, False) if run % 2 == 0 else (False, True)):  # neither always goes first
            (enc if encrypted else plain).append(measure(encrypted))
    # Each run, in ms: on a shared machine one side's median can land in a slow spell of the host.
    print(f"   runs (ms): encrypted {' '.join(f'{t * 1000:.0f}' for t in enc)}; "
          f"plaintext {' '.join(f'{t * 1000:.0f}' for t in plain)}", flush=True)
    return statistics.median(enc), statistics.median(plain)


def main() -> str:
    from benchmarks import bench_evidence_import as camera

    os.environ.setdefault("AUDITOR_APP_KEYRING", "off")  # the folder key in a file: no keyring prompt
    paths = camera.card()[:PHOTOS]
    thumbs = camera_thumbnails(paths)
    lines = []
    with tempfile.TemporaryDirectory(prefix="bench-confidential-") as tmp:
        work = Path(tmp)
        for label, measure in (
                (f"photo import ({len(paths)} photos)", lambda e: photo_import(e, paths, work)),
                (f"Evidence page refresh (store reads and thumbnails, {PAGE_PHOTOS} photos)",
                 lambda e: page_refresh(e, work, thumbs)),
                ("report build (demo audit)", lambda e: report_build(e, work))):
            enc, plain = _pair(measure)
            ratio = enc / plain
            verdict = "ok" if ratio <= TARGET else "OVER"
            lines.append(f"{label}: encrypted {enc * 1000:.1f} ms, plaintext {plain * 1000:.1f} ms, "
                         f"ratio {ratio:.2f}x, target {TARGET:.2f}x ({verdict})")
            print("   " + lines[-1], flush=True)
    load = "load average %.2f %.2f %.2f" % os.getloadavg() if hasattr(os, "getloadavg") else "load n/a"
    return f"encryption at rest ({load}, {os.cpu_count()} cores): " + "; ".join(lines)


if __name__ == "__main__":
    print(main())
