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

From a `.escp` the layout need not wait for the decoding: a print copy's pixel size follows from the
original's header (its size, orientation and JPEG draft scale), which `PackagePhotos.head` reads from
the first bytes of the member. `PhotoCopier.planned` hands the layout a `PlannedPhoto` of that size,
the PDF takes the copy's bytes only when it is written (`pdf_jpeg`), and checks the copy is of the
planned size; a photo that could not be made as planned (`PhotoNotAsPlanned`) has the report laid out
again with every photo known. So the report's pages are laid out while the photos are decoded, not
after the last one.

The API is synchronous: running it off the GUI thread is the UI's business. `progress(done, total)`
is called on the caller's thread; `cancelled()` is polled between photos.
"""

from __future__ import annotations

import io
import math
import os
import threading
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from PIL import Image, ImageOps

from auditor_app.package.errors import PackageError
from auditor_app.reports import gil_turns
from auditor_app.reports.cancelled import ReportCancelled

T = TypeVar("T")
PDF_PHOTO_PX = 900
PDF_PHOTO_QUALITY = 78
# How much of an original is read to plan its copy's size: a camera's headers (EXIF with its thumbnail,
# ICC profile) come before the pixels, in well under this.
HEAD_BYTES = 64 * 1024


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
    """Photos inside an `.escp` file: each original (in a package for outside the firm, its copy without
    GPS and camera serials) is streamed out of the zip and hash-checked. A photo that is not what the
    manifest says raises `PackageError`: the package is refused, the report with it (`PhotoCopier` lets
    it through), never a photo left out of a finished report."""

    def __init__(self, package) -> None:
        self.package = package
        # A handle on the zip for each thread that reads (a `ZipFile` reads its whole directory when
        # opened: 200 photos, 200 directories, on a worker that needs the GIL for it); closed by `close`.
        self._local = threading.local()
        self._handles: list[zipfile.ZipFile] = []
        self._handles_lock = threading.Lock()

    def _zip(self) -> zipfile.ZipFile:
        zf = getattr(self._local, "zf", None)
        if zf is None:
            zf = self._local.zf = zipfile.ZipFile(self.package.path)
            with self._handles_lock:
                self._handles.append(zf)
        return zf

    def head(self, sha: str) -> bytes:
        """The first bytes of the photo `read` streams (the original, or an outside package's copy), not
        hash-checked: enough to plan its print copy's size (`planned_size`), never what goes into a PDF
        (that is `read`'s, proven as it streams)."""
        return self.package.member_head(self.package.photo_member(sha)[0], HEAD_BYTES, self._zip())

    def close(self) -> None:
        """Close the handles the reading threads kept (a thread reading again opens a new one)."""
        with self._handles_lock:
            handles, self._handles = self._handles, []
            self._local = threading.local()
        for zf in handles:
            zf.close()

    def read(self, sha: str) -> bytes:
        buf = io.BytesIO()
        name, expected = self.package.photo_member(sha)  # the original, or a package for outside's copy
        if self.package.copy_member(name, buf, self._zip()) != expected:  # changed after it was checked
            raise PackageError(str(self.package.path), [
                f"{name}: SHA-256 differs from the manifest (the file was changed or damaged)"])
        return buf.getvalue()


@dataclass(frozen=True)
class PdfPhoto:
    data: bytes  # a JPEG without metadata, as the PDF embeds it
    width: int
    height: int


@dataclass(frozen=True)
class PlannedPhoto:
    """A print copy still being made, by the pixel size it will have: what the layout needs to place
    it. The PDF takes its bytes when it is written (`PhotoCopier.made`)."""
    sha: str
    width: int
    height: int


class PhotoNotAsPlanned(Exception):
    """A photo placed by its planned size has no copy of that size (it could not be made, or the file
    changed between the two reads): the report is laid out again with every photo known."""


@dataclass
class PhotoCopies:
    photos: dict[str, PdfPhoto] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # sha -> why there is no copy


def _draft_size(width: int, height: int, max_px: int) -> tuple[int, int]:
    scale = min(1.0, max_px / max(width, height, 1))
    return max(1, int(width * scale + 0.999)), max(1, int(height * scale + 0.999))


def _fitted(width: int, height: int, max_px: int) -> tuple[int, int]:
    """The size within `max_px` x `max_px` that keeps the aspect best, rounded as Pillow's `thumbnail`
    rounds it (`make_copy` resizes to it, `planned_size` plans it: the same numbers by construction)."""
    if max_px >= width and max_px >= height:
        return width, height
    aspect = width / height

    def rounded(number: float, key: Callable[[int], float]) -> int:
        return max(min(math.floor(number), math.ceil(number), key=key), 1)

    if aspect <= 1:  # a square box: the height is the limit
        return rounded(max_px * aspect, key=lambda n: abs(aspect - n / max_px)), max_px
    return max_px, rounded(max_px / aspect, key=lambda n: 0 if n == 0 else abs(aspect - max_px / n))


def planned_size(head: bytes, max_px: int = PDF_PHOTO_PX) -> tuple[int, int] | None:
    """The pixel size `make_copy` gives the JPEG that starts with `head`, read from its headers (no
    pixel is decoded: the draft scale is chosen from the frame's size alone); None when they do not
    tell (not a JPEG, headers longer than `head`)."""
    try:
        img: Image.Image
        with Image.open(io.BytesIO(head)) as img:
            if img.format != "JPEG":
                return None
            orientation = img.getexif().get(0x0112, 1)
            img.draft("RGB", _draft_size(*img.size, max_px))
            width, height = img.size
    except Exception:  # noqa: BLE001 - a header that does not parse: the copy is waited for instead
        return None
    if isinstance(orientation, int) and orientation in range(5, 9):  # turned a quarter: exif_transpose swaps
        width, height = height, width
    if max(width, height) > as_is_px(max_px):
        return _fitted(width, height, max_px)
    return width, height


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
            # What `thumbnail((max_px, max_px), BICUBIC, reducing_gap=2.0)` does, to the size it would pick.
            img = img.resize(_fitted(*img.size, max_px), Image.Resampling.BICUBIC, reducing_gap=2.0)
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


def report_steps(shas: list[str]) -> int:
    """The steps a report's progress counts: each photo, then its pages."""
    return len(shas) + 1


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
        self.max_px = max_px
        self._head: Callable[[str], bytes] | None = getattr(source, "head", None)
        self.result = PhotoCopies()
        self._progress, self._cancelled = progress, cancelled
        self._taken: set[str] = set()
        workers = workers or max(1, min(2, os.cpu_count() or 1))
        gil_turns.begin()  # the workers wait less for the GIL between their C calls (gil_turns.py)
        self._open = True
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pdf-photo")
        # All queued at once; only `workers` decode at a time, so memory holds `workers` originals, and
        # the print copies made (about 50 KB each), which the PDF keeps until it is saved anyway.
        self._futures: dict[str, Future] = {sha: self._pool.submit(_one, source, sha, cache, max_px)
                                            for sha in self.todo}
        self._close_source: Callable[[], None] | None = getattr(source, "close", None)  # the zip handles its reads kept
        if progress:
            progress(0, len(self.todo))

    @classmethod
    def for_report(cls, shas: list[str], source: PhotoSource, cache: PhotoCache | None = None, *,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> PhotoCopier:
        """The report's copier: its `progress(done, total)` counts the photos as the layout takes them,
        out of the photos and one step for the pages, which `build_report` takes last."""
        total = report_steps(shas)
        return cls(shas, source, cache, cancelled=cancelled,
                   progress=(lambda done, _todo: progress(done, total)) if progress else None)

    def __enter__(self) -> PhotoCopier:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for fut in self._futures.values():
            fut.cancel()
        self._pool.shutdown(wait=True)
        if self._close_source is not None:
            self._close_source()
        if self._open:
            self._open = False
            gil_turns.end()

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

    def planned(self, sha: str) -> PdfPhoto | PlannedPhoto | None:
        """What the layout places without waiting for the decoding: the copy when it is made, else its
        planned size when the source can read the original's header (`PackagePhotos.head`); otherwise
        it waits, as `photo` does."""
        future = self._futures.get(sha)
        if self._head is None or future is None or future.done() or sha in self._taken:
            return self.photo(sha)
        try:
            size = planned_size(self._head(sha), self.max_px)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            size = None  # the stream that proves the photo will say what is wrong, if anything
        return PlannedPhoto(sha, *size) if size is not None else self.photo(sha)

    def made(self, sha: str) -> PdfPhoto:
        """The copy of a photo placed by its plan, waited for (in order, as `photo`)."""
        photo = self.photo(sha)
        if photo is None:
            raise PhotoNotAsPlanned(f"{sha}: {self.result.problems.get(sha)}")
        return photo

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
