"""What is checked before a photo is stored: the file's structure and header, never its pixels.

JPEG markers and PNG chunks with their CRCs are walked (a few milliseconds for 12 megapixels), the
header gives the size, the orientation and the camera's time, and the camera's embedded preview
gives a thumbnail at once. Decoding the pixels (~50 ms) proves them whole and makes the display
copy; that runs after, in the background (`store.pixel_check`). WebP and TIFF have no cheap check:
they are rare (scans, exports) and are decoded whole here, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor_app.store.camera_preview import camera_preview
from auditor_app.store.images import PhotoInfo, load_pixels, open_photo

STRUCTURE_CHECKED = {"JPEG", "PNG"}


@dataclass(frozen=True)
class CheckedPhoto:
    info: PhotoInfo
    preview: bytes | None  # the camera's embedded preview as a thumbnail (JPEG, no EXIF), if any


def check_photo(data: bytes, name: str) -> CheckedPhoto:
    """Raises EvidenceError (file and reason) for anything that must not become evidence."""
    opened = open_photo(data, name)
    if opened.image.format not in STRUCTURE_CHECKED:
        load_pixels(opened.image, name)
    return CheckedPhoto(opened.info, camera_preview(opened.image, opened.exif))
