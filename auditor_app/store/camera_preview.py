"""The camera's own small preview (EXIF IFD1 thumbnail), turned into a thumbnail shown at once.

Cameras and phones store a ~160x120 JPEG inside the EXIF block. Decoding it costs well under a
millisecond, against ~50 ms for the photo itself, so the Evidence page shows it the moment a photo is
stored, as Photo Mechanic does; the background check replaces it with a thumbnail of the real pixels.
It is re-encoded without EXIF (nothing of the camera's metadata leaves the original) and turned
upright by the photo's orientation. A missing or broken preview is simply no preview.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ExifTags, Image

from auditor_app.paths import DataFolder
from auditor_app.store.derived_files import PREVIEWS, DerivedFiles

JPEG_OFFSET, JPEG_LENGTH = 0x0201, 0x0202
PREVIEW_QUALITY = 85
# ImageOps.exif_transpose's table: EXIF orientation -> the transpose that makes the picture upright.
UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
           4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
           6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}


def preview_location(folder: DataFolder, sha: str) -> Path:
    """Where the (encrypted) preview is: for housekeeping, never to read it."""
    return DerivedFiles(folder, PREVIEWS).path(f"{sha}.jpg")


def read_preview(folder: DataFolder, sha: str) -> bytes | None:
    return DerivedFiles(folder, PREVIEWS).read(f"{sha}.jpg")


def camera_preview(img: Image.Image, exif: Image.Exif) -> bytes | None:
    """JPEG bytes of the upright embedded preview, without EXIF; None when the camera wrote none."""
    raw = img.info.get("exif")
    if not isinstance(raw, bytes) or not raw.startswith(b"Exif\x00\x00"):
        return None
    try:
        ifd1 = exif.get_ifd(ExifTags.IFD.IFD1)
        offset, length = ifd1.get(JPEG_OFFSET), ifd1.get(JPEG_LENGTH)
        if not isinstance(offset, int) or not isinstance(length, int) or length <= 0:
            return None
        tiff = raw[6:]
        embedded = tiff[offset:offset + length]
        if len(embedded) != length or not embedded.startswith(b"\xff\xd8"):
            return None
        with Image.open(io.BytesIO(embedded)) as small:
            if small.format != "JPEG" or max(small.size) > 1024:  # a thumbnail, not a second photo
                return None
            picture = small.convert("RGB")
        turn = UPRIGHT.get(exif.get(0x0112, 1))
        if turn is not None:
            picture = picture.transpose(turn)
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=PREVIEW_QUALITY, exif=b"")
        return out.getvalue()
    except Exception:  # noqa: BLE001 - camera metadata is often malformed; no preview then
        return None


def save_preview(folder: DataFolder, sha: str, preview: bytes) -> None:
    """Write the preview, encrypted (`derived_files`: a cache, renamed into place, not fsynced)."""
    DerivedFiles(folder, PREVIEWS).write(f"{sha}.jpg", preview)
