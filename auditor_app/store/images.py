"""Checking a photo from its bytes, and making its derived copies (display size, thumbnail).

A photo is decoded once, at a reduced scale (JPEG draft mode), which both proves the file is whole
and gives the pixels for the display copy. Derived copies carry no EXIF at all: GPS position and
camera serial number stay in the original, which only the audit package carries.
"""

from __future__ import annotations

import io
import os
import threading
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError

from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.store.derived_files import DISPLAY, THUMBS, DerivedFiles
from auditor_app.store.jpeg_structure import jpeg_problem
from auditor_app.store.png_structure import png_problem

# The display copy is the decoded image at JPEG draft scale (1/2, 1/4, 1/8) whose long side is at
# least DISPLAY_MIN, resized only when still above DISPLAY_MAX: resampling a 12 MP photo costs as
# much as decoding it, and a 1000-2000 px copy is sharp on a laptop screen and in a PDF.
DISPLAY_MIN = 1000
DISPLAY_MAX = 2000
THUMB_SIZE = 256
DISPLAY_QUALITY = 85
THUMB_QUALITY = 80
# Formats accepted as evidence, with the media type recorded for them.
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff"}
# ISO base media "ftyp" brands of HEIC/HEIF photos (iPhones, recent Android phones).
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
_OPEN_LOCK = threading.Lock()
EXIF_IFD, DATETIME_ORIGINAL, DATETIME_DIGITIZED, OFFSET_TIME_ORIGINAL = 0x8769, 0x9003, 0x9004, 0x9011


class EvidenceError(UserFacingError):
    """A file cannot become evidence; the message names the file and says why in plain words."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True)
class PhotoInfo:
    media_type: str
    width: int   # as the photo is seen, EXIF orientation applied
    height: int
    captured_at: datetime | None  # from EXIF; None when the camera did not say


@dataclass
class DecodedPhoto:
    info: PhotoInfo
    image: Image.Image  # RGB pixels at draft scale (long side >= DISPLAY_MIN when possible)
    exif: Image.Exif


def inspect_photo(data: bytes, name: str) -> PhotoInfo:
    return decode_photo(data, name).info


@dataclass
class OpenedPhoto:
    """A photo whose header is read and whose structure is checked; pixels not decoded yet."""

    info: PhotoInfo
    image: Image.Image  # opened lazily: `load()` decodes
    exif: Image.Exif


def open_photo(data: bytes, name: str) -> OpenedPhoto:
    """Everything but the pixels: refuses empty, HEIC, unknown, bomb and structurally damaged files.

    JPEG markers and PNG chunks (with their CRCs) are walked here; other formats have no cheap
    structural check and are decoded whole by the caller (`check_photo`).
    """
    if not data:
        raise EvidenceError(name, "the file is empty (0 bytes)")
    if _is_heif(data):
        raise EvidenceError(name, "HEIC photos are not supported: export them as JPEG")
    img = _open(data, name)
    if img.format not in MEDIA_TYPES:
        raise EvidenceError(name, f"{img.format} images are not accepted as evidence: save it as JPEG or PNG")
    problem = jpeg_problem(data) if img.format == "JPEG" else png_problem(data) if img.format == "PNG" else None
    if problem:
        raise EvidenceError(name, f"the photo is damaged: {problem}")
    width, height = img.size
    try:
        exif = _header_exif(img)
        taken = captured_at(exif)
    except Exception:  # camera EXIF is often malformed; the photo is still evidence without it
        exif, taken = Image.Exif(), None
    if exif.get(0x0112, 1) in (5, 6, 7, 8):  # rotated a quarter turn: seen as height x width
        width, height = height, width
    return OpenedPhoto(PhotoInfo(MEDIA_TYPES[img.format], width, height, taken), img, exif)


def _header_exif(img: Image.Image) -> Image.Exif:
    """The EXIF read at open. PNG's getexif() decodes the whole image (and would swallow its
    damage): take the eXIf chunk Pillow met before the pixels instead."""
    if img.format != "PNG":
        return img.getexif()
    exif = Image.Exif()
    raw = img.info.get("exif")
    if isinstance(raw, bytes) and raw:
        exif.load(raw)
    return exif


def decode_photo(data: bytes, name: str) -> DecodedPhoto:
    """Check and decode once; raises EvidenceError for anything that is not a whole, readable photo."""
    opened = open_photo(data, name)
    img = opened.image
    if img.format == "JPEG":
        img.draft("RGB", _draft_request(*img.size))
    load_pixels(img, name)
    return DecodedPhoto(opened.info, _rgb(img), opened.exif)


def load_pixels(img: Image.Image, name: str) -> None:
    """Decode the pixels; damage that only the decoder sees becomes an EvidenceError."""
    try:
        img.load()
    except Image.DecompressionBombError:
        raise EvidenceError(name, _bomb_reason()) from None
    except OSError as exc:
        if "truncated" in str(exc):
            raise EvidenceError(name, "the file is cut short (truncated): copy it again "
                                      "from the camera card") from None
        raise EvidenceError(name, f"the photo is damaged and cannot be decoded ({exc})") from None
    except (SyntaxError, ValueError, EOFError) as exc:
        raise EvidenceError(name, f"the photo is damaged and cannot be decoded ({exc})") from None


def _rgb(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img
    if "A" in img.mode or "transparency" in img.info:  # a scan with transparency: on white paper
        rgba = img.convert("RGBA")
        paper = Image.new("RGB", img.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return img.convert("RGB")


def _open(data: bytes, name: str) -> Image.Image:
    """Read the header. Pillow only *warns* between 1x and 2x its pixel limit; a bomb is a bomb either
    way. warnings filters are process-wide, so the (microsecond) header read is serialised."""
    with _OPEN_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise EvidenceError(name, _bomb_reason()) from None
        except UnidentifiedImageError:
            raise EvidenceError(name, "this is not a photo: the app cannot read it as an image "
                                      "(JPEG, PNG, WebP or TIFF)") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise EvidenceError(name, f"the image header is damaged ({exc})") from None
    limit = Image.MAX_IMAGE_PIXELS
    if limit and img.width * img.height > limit:  # should the filter have been lifted meanwhile
        raise EvidenceError(name, _bomb_reason())
    return img


def captured_at(exif: Image.Exif) -> datetime | None:
    """EXIF DateTimeOriginal, with OffsetTimeOriginal when present, else read as this computer's time."""
    sub = exif.get_ifd(EXIF_IFD)
    # DateTimeOriginal where cameras put it (the Exif IFD), else where some tools put it (IFD0), else
    # DateTimeDigitized, else DateTime (0x0132), the fallback cameras set.
    raw = (sub.get(DATETIME_ORIGINAL) or exif.get(DATETIME_ORIGINAL) or sub.get(DATETIME_DIGITIZED)
           or exif.get(0x0132))
    if not isinstance(raw, str):
        return None
    try:
        local = datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None  # "0000:00:00 00:00:00" and other camera junk
    offset = sub.get(OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset.strip("\x00 ")) == 6 and offset[0] in "+-":
        try:
            sign = 1 if offset[0] == "+" else -1
            delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
            return local.replace(tzinfo=timezone(sign * delta)).astimezone(timezone.utc)
        except ValueError:
            pass
    return local.astimezone().astimezone(timezone.utc)


def derived_locations(folder: DataFolder, sha: str) -> tuple[Path, Path]:
    """Where the (encrypted) display copy and thumbnail are: for housekeeping, never to read them."""
    return DerivedFiles(folder, DISPLAY).path(f"{sha}.jpg"), DerivedFiles(folder, THUMBS).path(f"{sha}.jpg")


@dataclass(frozen=True)
class DerivedCopies:
    display: bytes  # JPEG, oriented, no metadata
    thumb: bytes


def make_derived(data: bytes, sha: str, folder: DataFolder,
                 decoded: DecodedPhoto | None = None) -> DerivedCopies:
    """Write the display copy and the thumbnail of one photo (encrypted, `derived_files`); returns
    their bytes. Pass `decoded` (from decode_photo) to avoid decoding the photo a second time.
    """
    decoded = decoded or decode_photo(data, sha)
    display = _oriented(decoded)
    if max(display.size) > DISPLAY_MAX:  # only very large originals, or formats without draft mode
        display.thumbnail((DISPLAY_MAX, DISPLAY_MAX), Image.Resampling.BILINEAR, reducing_gap=2.0)
    scale = THUMB_SIZE / max(display.size)
    size = (max(1, round(display.width * scale)), max(1, round(display.height * scale)))
    # Antialiased bilinear from the display copy: at 256 px it looks as bicubic does, at half the cost.
    thumb = display.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0) if scale < 1 else display.copy()
    copies = DerivedCopies(_jpeg(display, DISPLAY_QUALITY), _jpeg(thumb, THUMB_QUALITY))
    DerivedFiles(folder, DISPLAY).write(f"{sha}.jpg", copies.display)
    DerivedFiles(folder, THUMBS).write(f"{sha}.jpg", copies.thumb)
    return copies


def _oriented(decoded: DecodedPhoto) -> Image.Image:
    img = decoded.image
    orientation = decoded.exif.get(0x0112, 1)
    if orientation in (1, None) or not isinstance(orientation, int):
        return img.copy()
    # exif_transpose reads the orientation from the image itself; the drafted copy may have lost it.
    img.info["exif"] = decoded.exif.tobytes()
    return ImageOps.exif_transpose(img)


def _jpeg(img: Image.Image, quality: int) -> bytes:
    # Pixels only: Pillow would carry a camera's JPEG comment over from `info`, so it is emptied.
    img.info = {}
    with _encoder_output() as out:
        img.save(out, "JPEG", quality=quality, exif=b"", optimize=False)
        out.seek(0)
        return out.read()


def _encoder_output() -> BinaryIO:
    """Where Pillow encodes a derived copy. Into a file with a descriptor Pillow encodes with the GIL
    released; into BytesIO it holds the GIL for each 64 KB it writes (~1 ms: the window's GUI thread
    waited behind the background check; issue 17). Linux gives a file in memory (memfd): the
    picture never reaches a disk unencrypted. Elsewhere, BytesIO."""
    make = getattr(os, "memfd_create", None)
    if make is None:
        return io.BytesIO()
    try:
        fd = make("escp-derived", getattr(os, "MFD_CLOEXEC", 0))
    except OSError:
        return io.BytesIO()
    return os.fdopen(fd, "w+b")


def _draft_request(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, DISPLAY_MIN / max(width, height, 1))
    return max(1, int(width * scale + 0.999)), max(1, int(height * scale + 0.999))


def _is_heif(data: bytes) -> bool:
    if data[4:8] != b"ftyp":
        return False
    box_end = min(len(data), int.from_bytes(data[:4], "big") or len(data))
    brands = {data[8:12]} | {data[i:i + 4] for i in range(16, box_end - 3, 4)}
    return bool(brands & HEIF_BRANDS) and b"avif" not in brands and data[8:12] != b"avif"


def _bomb_reason() -> str:
    limit = Image.MAX_IMAGE_PIXELS or 0
    return (f"the image claims more pixels than the safe limit of {limit / 1e6:.0f} megapixels "
            "(a decompression bomb?); it was not opened")
