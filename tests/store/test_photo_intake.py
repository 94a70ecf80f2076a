"""Ingest at the floor: a structural check and the camera's preview at import; pixels decoded after,
in the background, where a photo whose pixels are damaged is marked and kept."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image
from sqlalchemy import func, select

from auditor_app.store.camera_preview import preview_location, read_preview
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.evidence import (EvidenceError, display_copy, import_photo, import_photos, thumbnail,
                                        thumbnail_now)
from auditor_app.store.images import derived_locations
from auditor_app.store.models import Evidence
from auditor_app.store.pixel_check import check_pending, conditions, unchecked_photos
from benchmarks.camera_exif import exif_with_preview, preview_jpeg


def camera_jpeg(size=(1200, 900), orientation=1) -> bytes:
    """Left half red, right half blue, with the camera's preview in EXIF IFD1 and camera metadata."""
    img = Image.new("RGB", size, (220, 0, 0))
    img.paste((0, 0, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F], exif[0x0112] = "AcmeCam", orientation
    exif.get_ifd(0x8769)[0x9003] = "2026:11:20 09:15:00"
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, exif=exif_with_preview(exif, preview_jpeg(img)))
    return buf.getvalue()


def png_with_bad_pixels() -> bytes:
    """A PNG whose chunks and CRCs are sound but whose compressed pixels are not: only a decode sees it."""
    buf = io.BytesIO()
    Image.effect_noise((300, 200), 40).convert("RGB").save(buf, "PNG")  # noise: a long deflate stream
    data = bytearray(buf.getvalue())
    start = data.index(b"IDAT")
    length = int.from_bytes(data[start - 4:start], "big")
    body = start + 4
    for i in range(body + 10, body + length - 10, 7):  # scramble the deflate stream
        data[i] ^= 0x5A
    data[body + length:body + length + 4] = zlib.crc32(bytes(data[start:body + length])).to_bytes(4, "big")
    return bytes(data)


def test_import_shows_the_camera_preview_at_once_and_decodes_the_pixels_after(store, audit_id, tmp_path):
    path = tmp_path / "IMG_0001.JPG"
    path.write_bytes(camera_jpeg())
    photo = import_photo(store, audit_id, path)
    display, thumb = derived_locations(store.folder, photo.sha256)
    preview = preview_location(store.folder, photo.sha256)
    assert thumbnail_now(store, photo.sha256) == read_preview(store.folder, photo.sha256)  # at once, not decoded
    assert not display.exists() and not thumb.exists()
    assert unchecked_photos(store, audit_id) == [photo.sha256]

    found = check_pending(store, audit_id)
    assert not found.checked[photo.sha256].damaged and found.remaining == 0
    assert unchecked_photos(store, audit_id) == [] and not conditions(store)[photo.sha256].damaged
    assert thumbnail_now(store, photo.sha256) == thumbnail(store, photo.sha256) and display.stat().st_size > 0
    assert not preview.exists()  # the thumbnail of the real pixels replaced it


def test_the_preview_is_upright_and_carries_nothing_of_the_camera(store, audit_id, tmp_path):
    path = tmp_path / "IMG_0002.JPG"
    path.write_bytes(camera_jpeg(orientation=6))  # turn 90 degrees clockwise: red on top
    photo = import_photo(store, audit_id, path)
    raw = read_preview(store.folder, photo.sha256)
    assert raw is not None and b"Exif\x00\x00" not in raw and b"AcmeCam" not in raw
    assert b"AcmeCam" not in preview_location(store.folder, photo.sha256).read_bytes()  # and encrypted on disk
    with Image.open(io.BytesIO(raw)) as small:
        assert small.height > small.width
        top, bottom = small.getpixel((small.width // 2, 3)), small.getpixel((small.width // 2, small.height - 3))
    assert top[0] > 180 and top[2] < 60 and bottom[2] > 180 and bottom[0] < 60
    with store.session() as s:
        ev = s.get(Evidence, photo.evidence_id)
        assert (ev.width, ev.height, ev.captured_from) == (900, 1200, "exif")  # from the header alone


def test_a_photo_without_a_preview_gets_its_thumbnail_from_the_check(store, audit_id, make_jpeg, tmp_path):
    path = tmp_path / "scan.jpg"
    path.write_bytes(make_jpeg((800, 600), seed=3))
    photo = import_photo(store, audit_id, path)
    assert thumbnail_now(store, photo.sha256) is None
    check_pending(store, audit_id)
    made = thumbnail_now(store, photo.sha256)
    assert made is not None and made == thumbnail(store, photo.sha256)
    assert derived_locations(store.folder, photo.sha256)[1].read_bytes() != made  # encrypted on disk


def test_damaged_pixels_are_marked_and_the_photo_kept(store, audit_id, tmp_path):
    path = tmp_path / "scan-0007.png"
    path.write_bytes(png_with_bad_pixels())
    photo = import_photo(store, audit_id, path)  # the structure is sound: stored
    found = check_pending(store, audit_id)
    assert found.checked[photo.sha256].damaged
    condition = conditions(store, [photo.sha256])[photo.sha256]
    assert condition.damaged and "decod" in condition.reason
    with store.session() as s:
        ev = s.get(Evidence, photo.evidence_id)
        assert ev is not None and ev.deleted_at is None  # never dropped
        assert chain_problems(audit_events(s, audit_id)) == []
    with pytest.raises(EvidenceError, match="damaged"):
        display_copy(store, photo.sha256)  # a report says why there is no picture
    assert check_pending(store, audit_id).checked == {}  # checked once, not again and again


def test_a_png_chunk_that_fails_its_checksum_is_refused_before_anything_is_written(store, audit_id, tmp_path,
                                                                                   snapshot):
    buf = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buf, "PNG")
    data = bytearray(buf.getvalue())
    data[data.index(b"IDAT") + 6] ^= 0xFF
    path = tmp_path / "scan-0008.png"
    path.write_bytes(bytes(data))
    before = snapshot()
    with pytest.raises(EvidenceError, match=r"^scan-0008\.png: the photo is damaged: .*IDAT.*checksum"):
        import_photo(store, audit_id, path)
    assert snapshot() == before


def test_a_batch_commits_its_rows_in_groups_after_their_files(store, audit_id, make_jpeg, tmp_path):
    paths = []
    for i in range(11):
        paths.append(tmp_path / f"IMG_{i:04d}.JPG")
        paths[-1].write_bytes(make_jpeg((320, 240), seed=100 + i))
    groups = []

    def stored(photos):
        with store.session() as s:  # each photo reported is committed, and its file is in place
            assert s.scalar(select(func.count()).select_from(Evidence)) == sum(map(len, groups)) + len(photos)
        assert all(store.folder.evidence.joinpath(p.sha256[:2], p.sha256).is_file() for p in photos)
        groups.append(photos)

    result = import_photos(store, audit_id, paths, stored=stored)
    assert len(result.imported) == 11 and sum(map(len, groups)) == 11
    assert len(groups) < 11  # fewer commits than photos
    assert not list(store.folder.incoming.iterdir())
    assert sorted(unchecked_photos(store, audit_id)) == sorted(p.sha256 for p in result.imported)
