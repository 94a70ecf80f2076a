"""A fast structural check of a PNG file: signature, chunk layout, every chunk's CRC, IHDR to IEND.

Unlike JPEG, PNG carries a CRC-32 over every chunk, so a damaged or cut-short file is found here
without inflating the pixels (zlib.crc32 runs at memory speed). The pixels themselves are proved
whole later, by the background decode.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_TRUNCATED = "the file ends before the PNG end marker (it is truncated)"


def png_problem(data: bytes) -> str | None:
    """None when the structure is sound, else a plain description of the first problem found."""
    if not data.startswith(SIGNATURE):
        return "it does not start with the PNG signature"
    view = memoryview(data)
    n = len(data)
    pos = len(SIGNATURE)
    first = True
    seen_data = False
    while True:
        if pos + 8 > n:
            return _TRUNCATED
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 8 + length + 4
        if end > n:
            return _TRUNCATED
        (crc,) = struct.unpack_from(">I", data, end - 4)
        if zlib.crc32(view[pos + 4:end - 4]) != crc:
            return f"the {kind.decode('latin-1')!r} chunk at byte {pos} is damaged (its checksum does not match)"
        if first and kind != b"IHDR":
            return "the PNG header chunk (IHDR) is missing"
        first = False
        if kind == b"IDAT":
            seen_data = True
        elif kind == b"IEND":
            return None if seen_data else "the PNG has no image data"
        pos = end
