"""EXIF as a camera writes it, with the small preview JPEG in IFD1 (Pillow cannot write IFD1).

Used by the benchmarks' camera photos and by the tests of the embedded preview.
"""

from __future__ import annotations

import io
import struct

from PIL import Image

COMPRESSION, JPEG_OFFSET, JPEG_LENGTH = 0x0103, 0x0201, 0x0202
SHORT, LONG = 3, 4


def preview_jpeg(img: Image.Image, size: tuple[int, int] = (160, 120)) -> bytes:
    small = img.copy()
    small.thumbnail(size)
    buf = io.BytesIO()
    small.convert("RGB").save(buf, "JPEG", quality=75)
    return buf.getvalue()


def exif_with_preview(exif: Image.Exif, preview: bytes) -> bytes:
    """`exif` serialised (b"Exif\\0\\0" + TIFF) with a second IFD holding `preview`, as cameras do."""
    raw = exif.tobytes()
    tiff = bytearray(raw[6:])
    order = ">" if tiff[:2] == b"MM" else "<"
    (ifd0,) = struct.unpack_from(order + "I", tiff, 4)
    (count,) = struct.unpack_from(order + "H", tiff, ifd0)
    next_pointer = ifd0 + 2 + 12 * count
    if len(tiff) % 2:
        tiff += b"\x00"
    ifd1 = len(tiff)
    struct.pack_into(order + "I", tiff, next_pointer, ifd1)
    data_at = ifd1 + 2 + 3 * 12 + 4
    tiff += struct.pack(order + "H", 3)
    tiff += struct.pack(order + "HHIHH", COMPRESSION, SHORT, 1, 6, 0)  # 6: JPEG
    tiff += struct.pack(order + "HHII", JPEG_OFFSET, LONG, 1, data_at)
    tiff += struct.pack(order + "HHII", JPEG_LENGTH, LONG, 1, len(preview))
    tiff += struct.pack(order + "I", 0)
    tiff += preview
    return b"Exif\x00\x00" + bytes(tiff)
