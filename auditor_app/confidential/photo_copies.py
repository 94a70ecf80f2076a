"""Photo copies for outside the firm: the same pixels, without where it was taken or by which camera.

The original keeps every byte (the evidence promise: its SHA-256 proves it unaltered); a package for
outside the firm carries a copy instead, made here: the JPEG's segments are copied as they are
(no re-encoding, so the picture is exactly the original's), except that the Exif segment is written
again without the GPS block, camera and lens serial numbers, owner name, unique id and maker notes
(where vendors hide serials), and XMP and Photoshop/IPTC segments (which can repeat the location)
are left out. Other files are copied unchanged: only JPEGs carry camera metadata here.
"""

from __future__ import annotations

import io
import struct

from PIL import Image

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
# Camera serial (DNG, IFD0); owner, body serial, lens serial, unique image id, maker note (Exif IFD).
IFD0_DROPPED = (0xC62F,)
EXIF_DROPPED = (0xA430, 0xA431, 0xA435, 0xA420, 0x927C)
_EXIF_HEADER = b"Exif\x00\x00"
_DROPPED_APP = (b"http://ns.adobe.com/xap/1.0/", b"http://ns.adobe.com/xmp/extension/", b"Photoshop 3.0")


def _clean_exif(payload: bytes) -> bytes | None:
    """The Exif segment's payload without GPS and serials; None to leave the segment out."""
    try:
        exif = Image.Exif()
        exif.load(payload)
        inner = exif.get_ifd(EXIF_IFD)
        for tag in EXIF_DROPPED:
            inner.pop(tag, None)
        exif.get_ifd(GPS_IFD).clear()
        exif.pop(GPS_IFD, None)
        for tag in IFD0_DROPPED:
            exif.pop(tag, None)
        cleaned = exif.tobytes()
    except Exception:  # noqa: BLE001 - an Exif block we cannot parse is left out whole, never copied
        return None
    return cleaned if cleaned.startswith(_EXIF_HEADER) else _EXIF_HEADER + cleaned


def outside_copy(data: bytes) -> bytes:
    """A copy of one evidence file that is safe outside the firm."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = io.BytesIO()
    out.write(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xDA:  # start of scan: the picture itself, copied to the end
            break
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        payload = data[pos + 4:pos + 2 + length]
        segment = data[pos:pos + 2 + length]
        pos += 2 + length
        if marker == 0xE1 and payload.startswith(_EXIF_HEADER):
            cleaned = _clean_exif(payload)
            if cleaned is not None and len(cleaned) + 2 <= 0xFFFF:
                out.write(b"\xff\xe1" + struct.pack(">H", len(cleaned) + 2) + cleaned)
            continue
        if marker in (0xE1, 0xED) and payload.startswith(_DROPPED_APP):
            continue
        out.write(segment)
    out.write(data[pos:])
    return out.getvalue()
