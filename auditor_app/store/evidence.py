"""Importing photos as evidence of an audit: files first, then the row, in one transaction.

A bad file raises EvidenceError before anything is written. A crash after the file is stored but
before the row commits leaves an orphan file that `reconcile` quarantines; never a row without a file.
"""

from __future__ import annotations

import hashlib
import os
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
from auditor_app.store.evidence_files import EvidenceFiles, in_flight
from auditor_app.store.images import (
    DecodedPhoto,
    EvidenceError,
    decode_photo,
    derived_locations,
    make_derived,
)
from auditor_app.store.models import (
    AreaEvidence,
    Audit,
    Evidence,
    Finding,
    FindingEvidence,
    TourArea,
)

# Extensions picked up from a camera card; HEIC is included so the auditor is told why it is refused.
# Photos decoded ahead in a batch; two cores are the common laptop floor.
WORKERS = max(1, min(2, os.cpu_count() or 1))
PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif"}

__all__ = ["BatchResult", "EvidenceError", "ImportedPhoto", "camera_card_files", "derived_paths",
           "import_photo", "import_photos"]


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
    decoded: DecodedPhoto | None = None  # None for a known duplicate (no need to decode)
    derived_done: bool = False


def import_photo(store: Store, audit_id: str, path: str | os.PathLike, caption: str = "",
                 link_finding_id: str | None = None, link_area_id: str | None = None) -> ImportedPhoto:
    _check_target(store, audit_id, link_finding_id, link_area_id)
    read = _read_photo(store, audit_id, Path(path))
    with in_flight(read.sha):  # reconcile leaves its file alone until the row commits
        return _store_photo(store, audit_id, read, caption, link_finding_id, link_area_id)


def import_photos(store: Store, audit_id: str, paths: Iterable[str | os.PathLike],
                  progress: Callable[[int, int, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None, *, link_finding_id: str | None = None,
                  link_area_id: str | None = None) -> BatchResult:
    """Import many photos (a camera card); a bad file is reported in `failed`, the rest go on.

    Reading, hashing, checking and the derived copies (CPU work; Pillow releases the GIL) run on
    worker threads a few photos ahead, while this thread stores each original and commits its row,
    in order. Cancelling discards the photos read ahead: nothing of theirs reaches evidence/.
    Each photo (a duplicate too) is linked to `link_finding_id` / `link_area_id` when given.
    """
    _check_target(store, audit_id, link_finding_id, link_area_id)
    files = [Path(p) for p in paths]
    result = BatchResult()
    ahead: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="photo-import") as pool:
        queued = iter(files)

        def top_up() -> None:
            while len(ahead) < WORKERS + 1 and (path := next(queued, None)) is not None:
                ahead.append(pool.submit(_prepare, store.folder, path))

        top_up()
        for done, path in enumerate(files, start=1):
            if cancelled is not None and cancelled():
                result.cancelled = True
                for job in ahead:
                    job.cancel()
                break
            job = ahead.popleft()
            top_up()
            try:
                read = job.result()
                with in_flight(read.sha):  # reconcile leaves its file alone until the row commits
                    photo = _store_photo(store, audit_id, read, "", link_finding_id, link_area_id)
            except EvidenceError as err:
                result.failed.append(err)
            else:
                (result.duplicates if photo.duplicate else result.imported).append(photo)
            if progress is not None:
                progress(done, len(files), path.name)
    return result


def _prepare(folder, path: Path) -> _Read:
    """Worker-thread part of a batch import: everything up to (not including) the original's write."""
    read = _read_file(path)
    read.decoded = decode_photo(read.data, path.name)
    make_derived(read.data, read.sha, folder, read.decoded)
    read.derived_done = True
    return read


def camera_card_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The photo files under a folder (a camera card's DCIM), in name order, hidden files skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, f) for f in sorted(files)
                  if not f.startswith(".") and Path(f).suffix.lower() in PHOTO_EXTENSIONS]
    return found


def derived_paths(store: Store, sha: str) -> tuple[Path, Path]:
    """The display copy and thumbnail of a stored original, rebuilt if missing or empty."""
    display, thumb = derived_locations(store.folder, sha)
    if _usable(display) and _usable(thumb):
        return display, thumb
    files = EvidenceFiles(store.folder)
    try:
        data = files.path(sha).read_bytes()
    except FileNotFoundError:
        raise EvidenceError(sha, "the original file is missing from the evidence folder") from None
    return make_derived(data, sha, store.folder)


def _usable(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


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
        read.decoded = decode_photo(read.data, path.name)
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


def _store_photo(store: Store, audit_id: str, read: _Read, caption: str,
                 finding_id: str | None, area_id: str | None) -> ImportedPhoto:
    # A batch decodes ahead without asking the database: check for a duplicate now, in order.
    if read.decoded is None or (read.derived_done and _existing(store, audit_id, read.sha)):
        return _link_existing(store, audit_id, read, finding_id, area_id)
    files = EvidenceFiles(store.folder)
    files.put_bytes(read.data, sha256=read.sha)           # 1. the original, durable
    if not read.derived_done:                              # 2. copies (rebuildable)
        make_derived(read.data, read.sha, store.folder, read.decoded)
    info = read.decoded.info
    taken = info.captured_at or datetime.fromtimestamp(read.mtime, timezone.utc)
    try:
        with store.transaction() as s:                      # 3. the row, and its link
            ev = Evidence(audit_id=audit_id, sha256=read.sha, original_name=read.path.name,
                          media_type=info.media_type, size=len(read.data), width=info.width,
                          height=info.height, captured_at=taken.replace(
                              microsecond=taken.microsecond // 1000 * 1000),
                          captured_from="exif" if info.captured_at else "file", caption=caption)
            s.add(ev)
            s.flush()
            _add_links(s, audit_id, ev.id, finding_id, area_id)
            return ImportedPhoto(ev.id, read.sha, duplicate=False)
    except IntegrityError:
        # Another writer added the same photo between our check and our commit.
        if _existing(store, audit_id, read.sha) is None:
            raise
        return _link_existing(store, audit_id, read, finding_id, area_id)


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
