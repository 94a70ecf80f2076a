"""The evidence photos of the PDF: about 900 px on the long side, JPEG, no EXIF.

A 12-megapixel original would make a report of hundreds of megabytes and take minutes to lay out,
so the PDF embeds copies sized for print at photo width (900-1125 px on the long side: 270-340 dpi
at the report's 85 mm). Each photo is prepared once:
- from a data folder, the display copy the background check made after import (oriented, no EXIF,
  about 1000 px for a camera's 12 MP) goes in as it is: no decoding;
- otherwise (a `.escp` file, a display copy much larger than print needs) the original is decoded in
  JPEG draft mode, which scales by 1/2, 1/4 or 1/8 inside the decoder, straight to the smallest draft
  size that is still at least 900 px; it is resized only when that is over 1125 px, then written
  as a new JPEG (originals are never re-encoded in place; copies carry no EXIF, so GPS position and
  camera serial never reach a report).
Copies are made on worker threads (Pillow releases the GIL while it reads, decodes and encodes;
zip reading and SHA-256 do too) while the caller lays out the pages: `PhotoCopier` hands each photo
to the layout as it reaches it, so the report takes about as long as the longer of the two rather
than their sum. Copies are kept in memory and handed to ReportLab as bytes (`pdf_jpeg.PdfJpeg` embeds
them as they are, never decoding them again); `cache` (a data folder's
`derived/pdf`, encrypted like every derived copy: `store.derived_files`) keeps the ones that had to be
made between runs, so no picture is ever a plaintext file on disk. The cache is safe to delete.

The API is synchronous: running it off the GUI thread is the UI's business. `progress(done, total)`
is called on the caller's thread; `cancelled()` is polled between photos.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from PIL import Image, ImageOps

from auditor_app.package.errors import PackageError
from auditor_app.reports.common import ReportCancelled

T = TypeVar("T")
PDF_PHOTO_PX = 900
PDF_PHOTO_QUALITY = 78


def as_is_px(max_px: int) -> int:
    """The longest side a photo may keep without a resize: a quarter over the print size."""
    return max_px * 5 // 4


class PhotoSource(Protocol):
    """Where the photos come from. A source of derived copies (free of metadata by construction) may
    also have `ready(sha) -> bytes`: such a copy of print size goes into the PDF as it is."""

    def read(self, sha: str) -> bytes:
        """The photo's bytes (an original or a display copy)."""


class PhotoCache(Protocol):
    """Copies kept between runs by name (`store.derived_files.DerivedFiles`: encrypted in the data folder)."""

    def read(self, name: str) -> bytes | None: ...

    def write(self, name: str, data: bytes) -> None: ...


class StorePhotos:
    """Photos of a stored audit: the display copy (oriented, no EXIF, about 1000 px for a 12 MP
    camera), made by the background check after import, or now when it has not run yet."""

    def __init__(self, store):
        self.store = store

    def read(self, sha: str) -> bytes:
        from auditor_app.store.evidence import display_copy

        return display_copy(self.store, sha)

    def ready(self, sha: str) -> bytes:
        """A derived copy, free of metadata by construction: the PDF may embed it as it is."""
        return self.read(sha)

    def cache(self) -> PhotoCache:
        """The data folder's cache of PDF copies (`derived/pdf`, encrypted)."""
        from auditor_app.store.derived_files import PDF, DerivedFiles

        return DerivedFiles(self.store.folder, PDF)


class PackagePhotos:
    """Photos inside an `.escp` file: each original is streamed out of the zip and hash-checked. A
    photo that is not what the manifest says raises `PackageError`: the package is refused, the
    report with it (`PhotoCopier` lets it through), never a photo left out of a finished report."""

    def __init__(self, package):
        self.package = package

    def read(self, sha: str) -> bytes:
        buf = io.BytesIO()
        if self.package.copy_evidence(sha, buf) != sha:  # the file was changed after it was checked
            raise PackageError(str(self.package.path), [
                f"evidence/{sha}: SHA-256 differs from the manifest (the file was changed or damaged)"])
        return buf.getvalue()


@dataclass(frozen=True)
class PdfPhoto:
    data: bytes  # a JPEG without metadata, as the PDF embeds it
    width: int
    height: int


@dataclass
class PhotoCopies:
    photos: dict[str, PdfPhoto] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # sha -> why there is no copy


def _draft_size(width: int, height: int, max_px: int) -> tuple[int, int]:
    scale = min(1.0, max_px / max(width, height, 1))
    return max(1, int(width * scale + 0.999)), max(1, int(height * scale + 0.999))


def make_copy(data: bytes, max_px: int = PDF_PHOTO_PX) -> PdfPhoto:
    """Decode (draft scale), orient, shrink and encode one copy, in memory."""
    img: Image.Image  # the opened file, then its oriented and converted copies
    with Image.open(io.BytesIO(data)) as img:
        orientation = img.getexif().get(0x0112, 1)
        if img.format == "JPEG":
            img.draft("RGB", _draft_size(*img.size, max_px))
        # The whole file to the decoder in one call, which runs without the GIL: in 64 KiB pieces (Pillow's
        # default) a worker waits for the GIL between pieces while the layout thread holds it.
        img.decodermaxblock = max(len(data), 65536)
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
        if max(img.size) > as_is_px(max_px):  # draft scale already gives 900-1125 px for most cameras
            img.thumbnail((max_px, max_px), Image.Resampling.BICUBIC, reducing_gap=2.0)
        img.info = {}  # pixels only: Pillow would write a camera's comment and XMP (a location) again
        out = io.BytesIO()
        img.save(out, "JPEG", quality=PDF_PHOTO_QUALITY, exif=b"")
        return PdfPhoto(out.getvalue(), *img.size)


def _as_is(data: bytes | None, max_px: int) -> PdfPhoto | None:
    """A JPEG without metadata (a derived copy, or a cached PDF copy) of at most `as_is_px`, as it is;
    None when it is not one (then a copy is made)."""
    if not data:
        return None
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format != "JPEG" or img.mode != "RGB" or max(img.size) > as_is_px(max_px):
                return None
            if img.getexif() or {"exif", "comment", "xmp", "photoshop"} & set(img.info):
                return None  # derived copies carry no metadata; a file that does is copied, not embedded
            return PdfPhoto(data, *img.size)
    except OSError:
        return None


def _one(source: PhotoSource, sha: str, cache: PhotoCache | None, max_px: int) -> PdfPhoto:
    name = f"{sha}-{max_px}.jpg"
    cached = _as_is(cache.read(name), max_px) if cache is not None else None
    if cached is not None:
        return cached
    ready = getattr(source, "ready", None)  # a source of derived copies (a data folder)
    if ready is not None:
        as_is = _as_is(ready(sha), max_px)
        if as_is is not None:
            return as_is  # the display copy is its own cache
    photo = make_copy(source.read(sha), max_px)
    if cache is not None:
        cache.write(name, photo.data)
    return photo


class Lookup(Generic[T]):
    """`get(sha)` answered by a function: how the layout asks the copier for a photo, as it would a dict."""

    def __init__(self, find: Callable[[str], T | None]) -> None:
        self._find = find

    def get(self, sha: str) -> T | None:
        return self._find(sha)


class PhotoCopier:
    """The PDF copies of `shas`, made on worker threads from the moment it is created, in that order
    (the report's reading order). The caller takes each with `photo(sha)` / `problem(sha)`, which
    wait for that photo only; `finish()` waits for the rest. A photo that cannot be made is a
    problem of that photo, except a `PackageError` (the source failed its hash check), which these
    raise. Use it as a context manager: leaving it cancels what has not started."""

    def __init__(self, shas: Iterable[str], source: PhotoSource, cache: PhotoCache | None = None, *,
                 max_px: int = PDF_PHOTO_PX, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self.todo = list(dict.fromkeys(shas))
        self.result = PhotoCopies()
        self._progress, self._cancelled = progress, cancelled
        self._taken: set[str] = set()
        workers = workers or max(1, min(2, os.cpu_count() or 1))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pdf-photo")
        # All queued at once; only `workers` decode at a time, so memory holds `workers` originals, and
        # the print copies made (about 50 KB each), which the PDF keeps until it is saved anyway.
        self._futures: dict[str, Future] = {sha: self._pool.submit(_one, source, sha, cache, max_px)
                                            for sha in self.todo}
        if progress:
            progress(0, len(self.todo))

    def __enter__(self) -> PhotoCopier:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for fut in self._futures.values():
            fut.cancel()
        self._pool.shutdown(wait=True)

    def _take(self, sha: str) -> None:
        """Wait for `sha` (and, in order, every photo before it), report progress, poll cancel."""
        if sha in self._taken or sha not in self._futures:
            return
        for other in self.todo:
            if other in self._taken:
                continue
            try:
                self.result.photos[other] = self._futures[other].result()
            except PackageError:
                raise  # the package failed its hash check: nothing made from it may be handed over
            except Exception as exc:  # noqa: BLE001 - one bad photo must not sink the report
                self.result.problems[other] = f"{type(exc).__name__}: {exc}"
            self._taken.add(other)
            if self._progress:
                self._progress(len(self._taken), len(self.todo))
            if self._cancelled and self._cancelled():
                self.close()
                raise ReportCancelled("report cancelled while preparing photos")
            if other == sha:
                return

    def photo(self, sha: str) -> PdfPhoto | None:
        self._take(sha)
        return self.result.photos.get(sha)

    def problem(self, sha: str) -> str | None:
        self._take(sha)
        return self.result.problems.get(sha)

    def finish(self) -> PhotoCopies:
        if self.todo:
            self._take(self.todo[-1])
        return self.result


def pdf_copies(shas: Iterable[str], source: PhotoSource, cache: PhotoCache | None = None, *,
               max_px: int = PDF_PHOTO_PX, workers: int | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> PhotoCopies:
    """Copies for every photo; a photo that cannot be read is listed in `problems`, not fatal (but a
    `PackageError`, a package that failed its hash check, is)."""
    with PhotoCopier(shas, source, cache, max_px=max_px, workers=workers, progress=progress,
                     cancelled=cancelled) as copier:
        return copier.finish()
