"""The structural check of a JPEG searches its scan data a window at a time (so the import's worker
threads let the window's GUI thread have the GIL between windows; issue 17): it must find exactly
what one search over the whole scan finds, wherever a marker falls against a window's edge."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from auditor_app.store import jpeg_structure
from auditor_app.store.jpeg_structure import _MARKER_IN_SCAN, _next_marker, jpeg_problem


def whole_search(data: bytes, pos: int) -> int | None:
    m = _MARKER_IN_SCAN.search(data, pos)
    return None if m is None else m.start()


@pytest.mark.parametrize("window", [1, 2, 3, 7, 64])
def test_a_marker_is_found_where_one_whole_search_finds_it_even_across_a_window_edge(monkeypatch, window):
    monkeypatch.setattr(jpeg_structure, "SEARCH_WINDOW", window)
    rng = random.Random(17)
    for _ in range(300):
        # Mostly stuffed 0xFF 0x00 pairs and plain bytes, now and then a marker or a lone 0xFF at the end.
        data = bytearray()
        for _ in range(rng.randrange(1, 40)):
            data += rng.choice([b"\xff\x00", b"\x12", b"\x00", b"\xff\xd3", b"\xff\xff\x00", b"\xab\xcd"])
        if rng.random() < 0.2:
            data += b"\xff"
        start = rng.randrange(0, len(data))
        found = _next_marker(bytes(data), start)
        assert (None if found is None else found.start()) == whole_search(bytes(data), start), (bytes(data), start)


def test_damage_is_still_found_in_a_photo_searched_in_small_windows(monkeypatch):
    img = Image.effect_noise((640, 480), 60).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=95)
    data = bytearray(buf.getvalue())
    monkeypatch.setattr(jpeg_structure, "SEARCH_WINDOW", 5)
    assert jpeg_problem(bytes(data)) is None
    stuffed = data.index(b"\xff\x00", len(data) // 2)
    data[stuffed + 1] = 0x42  # a stray 0xFF 0x42 in the middle of the picture
    problem = jpeg_problem(bytes(data))
    assert problem is not None and f"around byte {stuffed}" in problem and "0x42" in problem
