"""Fixtures for the evidence tests: a draft audit, photos generated with Pillow, bad files.

The `store` fixture comes from tests/conftest.py.
"""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image
from sqlalchemy import func, select

from auditor_app.store.models import Audit, Event, Evidence


def jpeg_bytes(size=(640, 480), seed=0, exif: Image.Exif | None = None, quality=90) -> bytes:
    """A photo-like JPEG: a colour gradient with seeded noise, so scan data looks like a camera's."""
    w, h = size
    rnd = random.Random(seed)
    noise = Image.frombytes("L", size, rnd.randbytes(w * h))
    grad = Image.linear_gradient("L").resize(size)
    img = Image.merge("RGB", (Image.blend(grad, noise, 0.3), grad.transpose(Image.Transpose.ROTATE_180),
                              Image.blend(noise, grad, 0.8)))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, exif=exif or b"")
    return buf.getvalue()


@pytest.fixture
def make_jpeg():
    return jpeg_bytes


@pytest.fixture
def audit_id(store):
    with store.transaction() as s:
        audit = Audit(audit_type="ICA", checklist_version="4.0")
        s.add(audit)
    return audit.id


@pytest.fixture
def snapshot(store):
    """What a failed import must leave unchanged: files under evidence/ and incoming/, rows, events."""
    def take():
        folder = store.folder
        files = sorted(str(p.relative_to(folder.root)) for d in (folder.evidence, folder.incoming)
                       for p in d.rglob("*") if p.is_file())
        with store.session() as s:
            return {"files": files,
                    "evidence": s.scalar(select(func.count()).select_from(Evidence)),
                    "events": s.scalar(select(func.count()).select_from(Event))}
    return take


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    import zlib
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels, with a few bytes of pixel data."""
    import zlib
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _png_chunk(b"IEND", b""))


def flipped_scan_data(jpeg: bytes, count: int = 1024) -> bytes:
    """Invert `count` bytes in the middle of the scan data, like a damaged card sector."""
    start_of_scan = jpeg.index(b"\xff\xda")
    middle = (start_of_scan + len(jpeg)) // 2
    damaged = bytearray(jpeg)
    for i in range(middle, middle + count):
        damaged[i] ^= 0xFF
    return bytes(damaged)


def fake_heic() -> bytes:
    ftyp = (24).to_bytes(4, "big") + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic"
    return ftyp + (16).to_bytes(4, "big") + b"mdat" + bytes(8)


def truncated_png() -> bytes:
    img = Image.linear_gradient("L").resize((300, 300)).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    data = buf.getvalue()
    return data[: len(data) // 2]


# (file name, how to make its bytes, words the error must contain)
BAD_FILES = {
    "empty": ("IMG_0001.JPG", lambda: b"", "empty (0 bytes)"),
    "truncated": ("IMG_0002.JPG", lambda: jpeg_bytes(seed=2)[: len(jpeg_bytes(seed=2)) * 2 // 3],
                  "truncated"),
    "truncated_png": ("scan-0003.png", truncated_png, "truncated"),
    "flipped": ("IMG_0004.JPG", lambda: flipped_scan_data(jpeg_bytes(seed=4)), "damaged"),
    "text": ("IMG_0005.jpg", lambda: b"Meeting notes: ask for the overtime records\n" * 20, "not a photo"),
    "bomb": ("poster.png", lambda: png_claiming(100_000, 100_000), "decompression bomb"),
    "heic": ("IMG_0007.HEIC", fake_heic, "HEIC photos are not supported: export them as JPEG"),
}


@pytest.fixture(params=sorted(BAD_FILES))
def bad_file(request, tmp_path):
    """(path, expected words) for each kind of bad input, written to a real file."""
    name, make, words = BAD_FILES[request.param]
    path = tmp_path / "card" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(make())
    return path, words
