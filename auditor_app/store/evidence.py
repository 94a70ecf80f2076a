"""Importing photos as evidence of an audit: files first, then the row, in one transaction.

An import does only what must happen before a photo is "stored": read once, SHA-256, a structural
check (`intake_check`), write with fsync, and the row. The camera's embedded preview is saved as the
thumbnail shown at once; the pixels are decoded later, in the background (`pixel_check`), which makes
the display copy and marks a damaged photo. Anything that needs a display copy before then makes it
on demand (`display_copy`, `thumbnail`); every derived copy is encrypted and read as bytes (`derived_files`).

A bad file raises EvidenceError before anything is written. A crash after the file is stored but
before the row commits leaves an orphan file that `reconcile` quarantines; never a row without a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from auditor_app.store.db import Store
from auditor_app.store.eventlog import AuditFrozen
from auditor_app.store.evidence_files import Arrival, EvidenceFiles, in_flight, sync_folders
from auditor_app.store.camera_preview import read_preview, save_preview
from auditor_app.store.derived_files import DISPLAY, THUMBS, DerivedFiles
from auditor_app.store.images import DerivedCopies, EvidenceError, make_derived
from auditor_app.store.intake_check import CheckedPhoto, check_photo
from auditor_app.store.models import (
    AreaEvidence,
    Audit,
    Evidence,
    Finding,
    FindingEvidence,
    TourArea,
)

# Photos read and checked ahead in a batch; two cores are the common laptop floor.
WORKERS = max(1, min(2, os.cpu_count() or 1))
# Rows committed together: one database commit (one fsync) for several photos, yet never more than
# a quarter of a second behind the files, so the Evidence page shows photos as they arrive.
GROUP, GROUP_SECONDS = 8, 0.25
# Extensions picked up from a camera card; HEIC is included so the auditor is told why it is refused.
PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif"}

__all__ = ["BatchResult", "EvidenceError", "ImportedPhoto", "camera_card_files", "display_copy",
           "import_photo", "import_photos", "thumbnail", "thumbnail_now"]


@dataclass(frozen=True)
class ImportedPhoto:
    evidence_id: str
    sha256: str
    duplicate: bool


@dataclass
class BatchResult:
    imported: list[ImportedPhoto] = field(default_factory=list)
    duplicates: list[ImportedPhoto] = field(default_factory=list)
    failed: list[EvidenceError] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class _Read:
    """One photo read from disk, hashed and checked: everything before the first write."""

    path: Path
    data: bytes
    sha: str
    mtime: float
    checked: CheckedPhoto | None = None  # None for a known duplicate (no need to check it)
    ahead: bool = False  # read ahead in a batch, before asking the database about duplicates
    temp: Path | None = None  # the original written to incoming/ (fsynced), not yet named


def import_photo(store: Store, audit_id: str, path: str | os.PathLike, caption: str = "",
                 link_finding_id: str | None = None, link_area_id: str | None = None) -> ImportedPhoto:
    _check_target(store, audit_id, link_finding_id, link_area_id)
    read = _read_photo(store, audit_id, Path(path))
    if read.checked is None:
        return _link_existing(store, audit_id, read, link_finding_id, link_area_id)
    with in_flight(read.sha):  # reconcile leaves its file alone until the row commits
        _store_file(store, read)
        return _commit_rows(store, audit_id, [read], caption, link_finding_id, link_area_id)[0]


def import_photos(store: Store, audit_id: str, paths: Iterable[str | os.PathLike],
                  progress: Callable[[int, int, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None, *, link_finding_id: str | None = None,
                  link_area_id: str | None = None,
                  stored: Callable[[list[ImportedPhoto]], None] | None = None) -> BatchResult:
    """Import many photos (a camera card); a bad file is reported in `failed`, the rest go on.

    Worker threads run a few photos ahead: read, hash, check, and write each original to a temp
    file with fsync (two fsyncs in flight share the file system's journal commits). This thread
    names each file by its hash, in order, and commits the rows a group at a time (up to GROUP
    photos or GROUP_SECONDS), after every name of the group is durable: one database commit for
    several photos. Cancelling commits the photos already named and deletes the temp files of
    those read ahead: nothing of theirs reaches evidence/. Each photo (a duplicate too) is linked
    to `link_finding_id` / `link_area_id` when given. `stored(photos)` is called on this thread
    with the new photos each time a group's rows are committed (a window shows them at once).
    """
    _check_target(store, audit_id, link_finding_id, link_area_id)
    files = [Path(p) for p in paths]
    result = BatchResult()
    known = _audit_hashes(store, audit_id)
    before = frozenset(known)  # what workers need not write (read from their threads)
    group: list[tuple[int, _Read]] = []  # (position in `files`, photo): named, row not committed yet
    renamed: set[Path] = set()  # evidence folders whose new names wait for one fsync
    started = 0.0

    def commit_group() -> None:
        if not group:
            return
        sync_folders(renamed)  # every file of the group durable under its name, then the rows
        done_here = list(group)
        group.clear()
        committed = _commit_rows(store, audit_id, [read for _, read in done_here], "",
                                 link_finding_id, link_area_id)
        for photo in committed:
            (result.duplicates if photo.duplicate else result.imported).append(photo)
            known.add(photo.sha256)
        if stored is not None:
            stored([photo for photo in committed if not photo.duplicate])
        if progress is not None:
            for done, read in done_here:
                progress(done, len(files), read.path.name)

    ahead: deque[Future] = deque()
    # Hashes and temp files stay registered until the batch ends: reconcile leaves them alone.
    with in_flight() as arriving, ThreadPoolExecutor(max_workers=WORKERS,
                                                     thread_name_prefix="photo-import") as pool:
        queued = iter(files)

        def top_up() -> None:
            while len(ahead) < WORKERS + 1 and (path := next(queued, None)) is not None:
                ahead.append(pool.submit(_prepare, store.folder, path, before, arriving))

        try:
            top_up()
            for done, path in enumerate(files, start=1):
                if cancelled is not None and cancelled():
                    result.cancelled = True
                    break
                job = ahead.popleft()
                top_up()
                try:
                    read = job.result()
                    if read.sha in known or any(r.sha == read.sha for _, r in group):
                        _discard(read)
                        commit_group()  # in order: the earlier copy's row first
                        result.duplicates.append(
                            _link_existing(store, audit_id, read, link_finding_id, link_area_id))
                    else:
                        if not group:
                            started = time.monotonic()
                        _store_file(store, read, renamed)
                        group.append((done, read))
                        if len(group) >= GROUP or time.monotonic() - started >= GROUP_SECONDS:
                            commit_group()
                        continue
                except EvidenceError as err:
                    commit_group()
                    result.failed.append(err)
                if progress is not None:
                    progress(done, len(files), path.name)
            commit_group()
        except BaseException:
            with contextlib.suppress(Exception):
                commit_group()  # the photos already named keep their rows
            raise
        finally:
            for job in ahead:  # read ahead but not stored: their temp files go
                if not job.cancel():
                    with contextlib.suppress(BaseException):
                        _discard(job.result())
    return result


def _prepare(folder, path: Path, known: frozenset[str], arriving: Arrival) -> _Read:
    """Worker-thread part of a batch import: read, hash, check, and the original in a durable temp
    file (not for a photo the audit already has)."""
    read = _read_file(path)
    read.checked = check_photo(read.data, path.name)
    read.ahead = True
    if read.sha not in known:
        arriving.add_hash(read.sha)
        read.temp = EvidenceFiles(folder).write_temp(read.data, arriving)
    return read


def _discard(read: _Read) -> None:
    if read.temp is not None:
        read.temp.unlink(missing_ok=True)
        read.temp = None


def camera_card_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The photo files under a folder (a camera card's DCIM), in name order, hidden files skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, f) for f in sorted(files)
                  if not f.startswith(".") and Path(f).suffix.lower() in PHOTO_EXTENSIONS]
    return found


def display_copy(store: Store, sha: str) -> bytes:
    """The display copy of a stored original (JPEG bytes, decrypted in memory), made (decoded) if missing.

    Raises EvidenceError when the original is missing or its pixels are damaged."""
    return DerivedFiles(store.folder, DISPLAY).read(f"{sha}.jpg") or _make_copies(store, sha).display


def thumbnail(store: Store, sha: str) -> bytes:
    """The thumbnail made from the photo's pixels (JPEG bytes), made (decoded) if missing; as `display_copy`."""
    return DerivedFiles(store.folder, THUMBS).read(f"{sha}.jpg") or _make_copies(store, sha).thumb


def thumbnail_now(store: Store, sha: str) -> bytes | None:
    """A thumbnail without decoding the photo: the one made from its pixels, else the camera's
    preview saved at import; None until the background check has made one."""
    return DerivedFiles(store.folder, THUMBS).read(f"{sha}.jpg") or read_preview(store.folder, sha)


def _make_copies(store: Store, sha: str) -> DerivedCopies:
    try:
        data = EvidenceFiles(store.folder).read(sha)
    except FileNotFoundError:
        raise EvidenceError(sha, "the original file is missing from the evidence folder") from None
    return make_derived(data, sha, store.folder)


def _check_target(store: Store, audit_id: str, finding_id: str | None, area_id: str | None) -> None:
    """Refuse before writing any file: an unknown or finalized audit, a link to another audit's row."""
    with store.session() as s:
        audit = s.get(Audit, audit_id)
        if audit is None:
            raise LookupError(f"no audit {audit_id} in {store.folder.database}")
        if audit.state != "draft":
            raise AuditFrozen(f"audit {audit_id} is {audit.state}: evidence cannot be added; "
                              "start a new revision")
        for model, row_id, what in ((Finding, finding_id, "finding"), (TourArea, area_id, "tour area")):
            if row_id is not None:
                row = s.get(model, row_id)
                if not isinstance(row, (Finding, TourArea)) or row.audit_id != audit_id:  # None: not found
                    raise LookupError(f"{what} {row_id} is not part of audit {audit_id}")


def _read_photo(store: Store, audit_id: str, path: Path) -> _Read:
    read = _read_file(path)
    if not _existing(store, audit_id, read.sha):
        read.checked = check_photo(read.data, path.name)
    return read


def _read_file(path: Path) -> _Read:
    name = path.name
    try:
        with open(path, "rb") as f:
            data = f.read()
            mtime = os.fstat(f.fileno()).st_mtime
    except IsADirectoryError:
        raise EvidenceError(name, "this is a folder, not a photo") from None
    except OSError as exc:
        raise EvidenceError(name, f"the file cannot be read ({exc.strerror or exc})") from None
    return _Read(path, data, hashlib.sha256(data).hexdigest(), mtime)


def _existing(store: Store, audit_id: str, sha: str) -> str | None:
    with store.session() as s:
        return s.scalar(select(Evidence.id).where(Evidence.audit_id == audit_id, Evidence.sha256 == sha))


def _audit_hashes(store: Store, audit_id: str) -> set[str]:
    with store.session(read_only=True) as s:
        return set(s.scalars(select(Evidence.sha256).where(Evidence.audit_id == audit_id)))


def _store_file(store: Store, read: _Read, renamed: set[Path] | None = None) -> None:
    """The original, durable: the workers' temp file renamed to its content address, else written
    now (its folder's fsync left to the caller when `renamed` is given); then the preview
    thumbnail (a cache). The hash is registered in flight first."""
    assert read.checked is not None
    files = EvidenceFiles(store.folder)
    if read.temp is not None:
        files.publish(read.temp, read.sha, len(read.data), renamed)
        read.temp = None
    else:
        files.put_bytes(read.data, sha256=read.sha, folders_to_sync=renamed)
    if read.checked.preview is not None:
        save_preview(store.folder, read.sha, read.checked.preview)


def _commit_rows(store: Store, audit_id: str, reads: list[_Read], caption: str,
                 finding_id: str | None, area_id: str | None) -> list[ImportedPhoto]:
    """The rows (and links) of photos whose files are stored, in one transaction."""
    try:
        with store.transaction() as s:
            rows = [_row(audit_id, read, caption) for read in reads]
            s.add_all(rows)
            s.flush()
            for ev in rows:
                _add_links(s, audit_id, ev.id, finding_id, area_id)
            return [ImportedPhoto(ev.id, ev.sha256, duplicate=False) for ev in rows]
    except IntegrityError:
        if len(reads) > 1:  # one of them was added meanwhile by another writer: one at a time
            return [photo for read in reads
                    for photo in _commit_rows(store, audit_id, [read], caption, finding_id, area_id)]
        # Another writer added the same photo between our check and our commit.
        if _existing(store, audit_id, reads[0].sha) is None:
            raise
        return [_link_existing(store, audit_id, reads[0], finding_id, area_id)]


def _row(audit_id: str, read: _Read, caption: str) -> Evidence:
    assert read.checked is not None
    info = read.checked.info
    taken = info.captured_at or datetime.fromtimestamp(read.mtime, timezone.utc)
    return Evidence(audit_id=audit_id, sha256=read.sha, original_name=read.path.name,
                    media_type=info.media_type, size=len(read.data), width=info.width, height=info.height,
                    captured_at=taken.replace(microsecond=taken.microsecond // 1000 * 1000),
                    captured_from="exif" if info.captured_at else "file", caption=caption)


def _link_existing(store: Store, audit_id: str, read: _Read, finding_id: str | None,
                   area_id: str | None) -> ImportedPhoto:
    files = EvidenceFiles(store.folder)
    if not files.has(read.sha):
        files.put_bytes(read.data, sha256=read.sha)  # the row's file was lost: this import restores it
    with store.transaction() as s:
        ev = s.scalars(select(Evidence).where(Evidence.audit_id == audit_id,
                                              Evidence.sha256 == read.sha)).one()
        if ev.deleted_at is not None:
            ev.deleted_at = None  # importing a removed photo again brings it back
        _add_links(s, audit_id, ev.id, finding_id, area_id)
        return ImportedPhoto(ev.id, read.sha, duplicate=True)


def _add_links(s, audit_id: str, evidence_id: str, finding_id: str | None, area_id: str | None) -> None:
    if finding_id is not None and s.scalar(select(FindingEvidence.id).where(
            FindingEvidence.finding_id == finding_id, FindingEvidence.evidence_id == evidence_id)) is None:
        s.add(FindingEvidence(audit_id=audit_id, finding_id=finding_id, evidence_id=evidence_id))
    if area_id is not None and s.scalar(select(AreaEvidence.id).where(
            AreaEvidence.tour_area_id == area_id, AreaEvidence.evidence_id == evidence_id)) is None:
        s.add(AreaEvidence(audit_id=audit_id, tour_area_id=area_id, evidence_id=evidence_id))
