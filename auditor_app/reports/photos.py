"""Small copies of evidence photos for the PDF: about 900 px on the long side, JPEG, no EXIF.

A 12-megapixel original would make a report of hundreds of megabytes and take minutes to lay out,
so the PDF embeds copies sized for print at photo width. JPEG draft mode decodes the original at
1/2, 1/4 or 1/8 scale straight from the DCT data, which is most of the speed; two worker threads
decode side by side (Pillow releases the GIL while decoding and resizing). Copies carry no EXIF, so
GPS position and camera serial never reach a report. They are a cache: safe to delete.

The API is synchronous: running it off the GUI thread is the UI's business. `progress(done, total)`
is called on the caller's thread; `cancelled()` is polled between photos.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PIL import Image, ImageOps

from auditor_app.reports.common import ReportCancelled

PDF_PHOTO_PX = 900
PDF_PHOTO_QUALITY = 78


class PhotoSource(Protocol):
    def read(self, sha: str) -> bytes | Path:
        """The photo's bytes, or a file holding them (an original or a display copy)."""


class StorePhotos:
    """Photos of a stored audit: starts from the display copy (1600 px, oriented), made at import."""

    def __init__(self, store):
        self.store = store

    def read(self, sha: str) -> Path:
        from auditor_app.store.evidence import derived_paths

        return derived_paths(self.store, sha)[0]


class PackagePhotos:
    """Photos inside an `.escp` file: each original is streamed out of the zip and hash-checked."""

    def __init__(self, package):
        self.package = package

    def read(self, sha: str) -> bytes:
        buf = io.BytesIO()
        if self.package.copy_evidence(sha, buf) != sha:
            raise ValueError("the photo in the package does not match its hash")
        return buf.getvalue()


@dataclass(frozen=True)
class PdfPhoto:
    path: Path
    width: int
    height: int


@dataclass
class PhotoCopies:
    photos: dict[str, PdfPhoto] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # sha -> why there is no copy


def _draft_size(width: int, height: int, max_px: int) -> tuple[int, int]:
    scale = min(1.0, max_px / max(width, height, 1))
    return max(1, int(width * scale + 0.999)), max(1, int(height * scale + 0.999))


def make_copy(data: bytes | Path, dest: Path, max_px: int = PDF_PHOTO_PX) -> PdfPhoto:
    """Decode (draft scale), orient, shrink and write one copy atomically."""
    src = data if isinstance(data, Path) else io.BytesIO(data)
    img: Image.Image  # the opened file, then its oriented and converted copies
    with Image.open(src) as img:
        orientation = img.getexif().get(0x0112, 1)
        if img.format == "JPEG":
            img.draft("RGB", _draft_size(*img.size, max_px))
        img.load()
        if isinstance(orientation, int) and orientation in range(2, 9):
            img.info["exif"] = img.getexif().tobytes()
            img = ImageOps.exif_transpose(img)
        if img.mode in ("RGBA", "LA", "P"):
            rgba = img.convert("RGBA")
            img = Image.new("RGB", rgba.size, "white")
            img.paste(rgba, mask=rgba.getchannel("A"))
        elif img.mode != "RGB":
            img = img.convert("RGB")
        img.thumbnail((max_px, max_px), Image.Resampling.BICUBIC, reducing_gap=2.0)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.part")
        try:
            img.save(tmp, "JPEG", quality=PDF_PHOTO_QUALITY, exif=b"")
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)
        return PdfPhoto(dest, *img.size)


def _cached(dest: Path) -> PdfPhoto | None:
    try:
        if dest.stat().st_size == 0:
            return None
        with Image.open(dest) as img:
            return PdfPhoto(dest, *img.size)
    except (FileNotFoundError, OSError):
        return None


def _one(source: PhotoSource, sha: str, cache_dir: Path, max_px: int) -> PdfPhoto:
    dest = cache_dir / f"{sha}-{max_px}.jpg"
    return _cached(dest) or make_copy(source.read(sha), dest, max_px)


def pdf_copies(shas: Iterable[str], source: PhotoSource, cache_dir: str | os.PathLike, *,
               max_px: int = PDF_PHOTO_PX, workers: int | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> PhotoCopies:
    """Copies for every photo; a photo that cannot be read is listed in `problems`, not fatal."""
    todo = list(dict.fromkeys(shas))
    cache = Path(cache_dir)
    result = PhotoCopies()
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    done = 0
    if progress:
        progress(0, len(todo))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pdf-photo") as pool:
        pending = {}
        queue = iter(todo)
        # Keep only a few photos in flight: bounded memory, and cancel takes effect quickly.
        for sha in queue:
            pending[pool.submit(_one, source, sha, cache, max_px)] = sha
            if len(pending) >= workers * 2:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                sha = pending.pop(fut)
                try:
                    result.photos[sha] = fut.result()
                except Exception as exc:  # noqa: BLE001 - one bad photo must not sink the report
                    result.problems[sha] = f"{type(exc).__name__}: {exc}"
                done += 1
                if progress:
                    progress(done, len(todo))
            if cancelled and cancelled():
                for fut in pending:
                    fut.cancel()
                raise ReportCancelled("report cancelled while preparing photos")
            for sha in queue:
                pending[pool.submit(_one, source, sha, cache, max_px)] = sha
                if len(pending) >= workers * 2:
                    break
    return result
