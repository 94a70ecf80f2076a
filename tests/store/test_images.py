"""Checking photos from their bytes, and their derived copies."""

from __future__ import annotations

import io
import os
import time
from datetime import datetime, timezone

import pytest
from PIL import Image, UnidentifiedImageError

from auditor_app.confidential import file_cipher
from auditor_app.paths import DataFolder
from auditor_app.store.derived_files import DISPLAY, THUMBS, DerivedFiles
from auditor_app.store.images import EvidenceError, derived_locations, inspect_photo, make_derived

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
BODY_SERIAL, DATETIME_ORIGINAL, OFFSET_TIME_ORIGINAL, ORIENTATION = 0xA431, 0x9003, 0x9011, 0x0112


def camera_exif(orientation=1, taken="2026:11:20 09:15:00", offset=None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "AcmeCam"
    exif[ORIENTATION] = orientation
    sub = exif.get_ifd(EXIF_IFD)
    sub[DATETIME_ORIGINAL] = taken
    sub[BODY_SERIAL] = "SN-7731-SECRET"
    if offset:
        sub[OFFSET_TIME_ORIGINAL] = offset
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (22.0, 32.0, 10.5)   # latitude: Dongguan
    gps[3], gps[4] = "E", (113.0, 45.0, 1.25)
    return exif


def test_good_jpeg_is_described(make_jpeg):
    info = inspect_photo(make_jpeg((640, 480), exif=camera_exif(offset="+08:00")), "IMG_1.JPG")
    assert (info.media_type, info.width, info.height) == ("image/jpeg", 640, 480)
    assert info.captured_at == datetime(2026, 11, 20, 1, 15, tzinfo=timezone.utc)


def test_capture_time_without_offset_is_read_as_local_time(make_jpeg, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        info = inspect_photo(make_jpeg(exif=camera_exif()), "IMG_2.JPG")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert info.captured_at == datetime(2026, 11, 20, 1, 15, tzinfo=timezone.utc)


def test_no_exif_means_no_capture_time(make_jpeg):
    assert inspect_photo(make_jpeg(), "IMG_3.JPG").captured_at is None


def test_date_time_original_in_ifd0_or_digitized_is_read(make_jpeg):
    """Some tools write DateTimeOriginal in IFD0, some only DateTimeDigitized: any IFD counts."""
    from PIL import Image

    ifd0 = Image.Exif()
    ifd0[0x9003] = "2026:11:20 09:15:00"
    assert inspect_photo(make_jpeg(exif=ifd0), "IMG_5.JPG").captured_at is not None
    digitized = Image.Exif()
    digitized[0x010F] = "Canon"  # Make: Pillow writes the Exif IFD only beside an IFD0 entry
    digitized.get_ifd(0x8769)[0x9004] = "2026:11:20 09:15:00"
    assert inspect_photo(make_jpeg(exif=digitized), "IMG_6.JPG").captured_at is not None


def test_a_photo_time_says_when_only_the_file_time_is_known():
    from zoneinfo import ZoneInfo

    from auditor_app.checklist.time_zones import photo_time

    moment, zone = datetime(2026, 11, 20, 1, 15, tzinfo=timezone.utc), ZoneInfo("Asia/Shanghai")
    assert photo_time(moment, "exif", zone) == "2026-11-20 09:15 UTC+08:00"
    assert photo_time(moment, "file", zone) == "time unknown (file time 2026-11-20 09:15 UTC+08:00)"
    assert photo_time(None, "", zone) == "time unknown"


def test_quarter_turn_orientation_swaps_width_and_height(make_jpeg):
    info = inspect_photo(make_jpeg((640, 480), exif=camera_exif(orientation=6)), "IMG_4.JPG")
    assert (info.width, info.height) == (480, 640)


def test_png_scan_is_accepted():
    img = Image.new("RGB", (300, 200), "white")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    info = inspect_photo(buf.getvalue(), "scan.png")
    assert (info.media_type, info.width, info.height) == ("image/png", 300, 200)


def test_bad_input_is_refused_with_file_and_reason(bad_file):
    path, words = bad_file
    with pytest.raises(EvidenceError) as err:
        inspect_photo(path.read_bytes(), path.name)
    assert err.value.name == path.name
    assert str(err.value).startswith(f"{path.name}: ")
    assert words in str(err.value)


def test_pixel_count_between_limit_and_twice_the_limit_is_a_bomb_too(make_jpeg, monkeypatch):
    # Pillow only warns in this band; the warning must still refuse the file.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 640 * 480 * 2 // 3)
    with pytest.raises(EvidenceError, match="decompression bomb"):
        inspect_photo(make_jpeg((640, 480)), "big.jpg")


def _derived(tmp_path, data):
    folder = DataFolder(tmp_path / "data").ensure()
    return make_derived(data, "ab" * 32, folder)


def test_derived_copies_apply_exif_orientation(tmp_path):
    # Stored landscape, left half red and right half blue; orientation 6 = turn 90 degrees clockwise.
    img = Image.new("RGB", (2400, 1200), (220, 0, 0))
    img.paste((0, 0, 220), (1200, 0, 2400, 1200))
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=camera_exif(orientation=6))
    copies = _derived(tmp_path, buf.getvalue())
    # The display copy is the 1/2 draft scale (long side 1200 >= DISPLAY_MIN): no resampling.
    for data, long_side in ((copies.display, 1200), (copies.thumb, 256)):
        with Image.open(io.BytesIO(data)) as copy:
            assert copy.size == (long_side // 2, long_side)  # portrait now
            top, bottom = copy.getpixel((copy.width // 2, 5)), copy.getpixel((copy.width // 2, copy.height - 5))
            assert top[0] > 180 and top[2] < 40, top        # the left (red) half is on top
            assert bottom[2] > 180 and bottom[0] < 40, bottom


def test_derived_copies_carry_no_exif_gps_or_serial(tmp_path, make_jpeg):
    buf = io.BytesIO()
    Image.open(io.BytesIO(make_jpeg((2000, 1500)))).save(buf, "JPEG", exif=camera_exif(),
                                                          comment="owner: J. Wu", xmp=b"<x:gps/>")
    original = buf.getvalue()
    assert b"SN-7731-SECRET" in original and b"J. Wu" in original  # the test photo really has them
    copies = _derived(tmp_path, original)
    for raw in (copies.display, copies.thumb):
        assert b"SN-7731-SECRET" not in raw and b"AcmeCam" not in raw
        assert b"J. Wu" not in raw and b"<x:gps/>" not in raw
        assert b"Exif\x00\x00" not in raw
        with Image.open(io.BytesIO(raw)) as copy:
            assert dict(copy.getexif()) == {}
            assert copy.getexif().get_ifd(GPS_IFD) == {}


def test_derived_copies_are_display_and_thumbnail_sized(tmp_path, make_jpeg):
    copies = _derived(tmp_path, make_jpeg((4000, 3000)))
    assert Image.open(io.BytesIO(copies.display)).size == (1000, 750)  # a 12 MP photo decoded at 1/4 scale
    assert Image.open(io.BytesIO(copies.thumb)).size == (256, 192)
    scan = io.BytesIO()
    Image.new("RGB", (3000, 700), "white").save(scan, "PNG")  # no draft mode for PNG: resized
    folder = DataFolder(tmp_path / "data")
    wide = make_derived(scan.getvalue(), "cd" * 32, folder).display
    assert Image.open(io.BytesIO(wide)).size == (2000, 467)
    assert not list((tmp_path / "data" / "incoming").iterdir())


def test_derived_copies_are_encrypted_on_disk_and_read_back_through_their_helper(tmp_path, make_jpeg):
    copies = _derived(tmp_path, make_jpeg((1600, 1200)))
    folder = DataFolder(tmp_path / "data")
    display, thumb = derived_locations(folder, "ab" * 32)
    assert display.parent.name == "display" and thumb.parent.name == "thumbs"
    for path, made, kind in ((display, copies.display, DISPLAY), (thumb, copies.thumb, THUMBS)):
        raw = path.read_bytes()
        assert raw.startswith(file_cipher.MAGIC) and made not in raw and b"JFIF" not in raw
        with pytest.raises(UnidentifiedImageError):
            Image.open(path)
        assert DerivedFiles(folder, kind).read(path.name) == made
    thumb.write_bytes(copies.thumb)  # a plaintext copy (an earlier version's) is not trusted: made again
    assert DerivedFiles(folder, THUMBS).read(thumb.name) is None


def test_restart_markers_out_of_order_are_damage(make_jpeg):
    buf = io.BytesIO()
    Image.open(io.BytesIO(make_jpeg((640, 480)))).save(buf, "JPEG", restart_marker_blocks=16)
    data = bytearray(buf.getvalue())
    assert inspect_photo(bytes(data), "IMG_5.JPG").width == 640  # sound with its restart markers
    third = data.index(b"\xff\xd2")
    data[third + 1] = 0xD5  # a damaged sector turned RST2 into RST5
    with pytest.raises(EvidenceError, match=r"^IMG_5\.JPG: the photo is damaged: .*restart markers out of order"):
        inspect_photo(bytes(data), "IMG_5.JPG")


def test_transparent_scan_lies_on_white(tmp_path):
    img = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    display = _derived(tmp_path, buf.getvalue()).display
    assert Image.open(io.BytesIO(display)).getpixel((10, 10)) >= (250, 250, 250)


def test_a_derived_copy_encoded_into_a_file_in_memory_has_the_bytes_pillow_writes_to_bytesio(make_jpeg, monkeypatch):
    """Copies are encoded into a memfd where there is one (Pillow releases the GIL for a file with a
    descriptor; issue 17): the same bytes as BytesIO gives, on either path."""
    from auditor_app.store import images

    img = Image.open(io.BytesIO(make_jpeg((900, 600)))).convert("RGB")
    plain = io.BytesIO()
    img.copy().save(plain, "JPEG", quality=85, exif=b"", optimize=False)
    assert images._jpeg(img.copy(), 85) == plain.getvalue()
    if hasattr(os, "memfd_create"):
        with images._encoder_output() as out:
            assert not isinstance(out, io.BytesIO) and out.fileno() >= 0
    monkeypatch.delattr(os, "memfd_create", raising=False)  # macOS, Windows
    assert isinstance(images._encoder_output(), io.BytesIO)
    assert images._jpeg(img.copy(), 85) == plain.getvalue()
