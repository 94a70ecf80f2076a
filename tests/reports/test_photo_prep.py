"""How the report's photos are prepared: draft-scale decode to print size, no metadata in a copy, a
data folder's display copy embedded as it is, and the copier handing photos to the layout in order."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image

from auditor_app.reports.photos import PDF_PHOTO_PX, PhotoCopier, as_is_px, make_copy, pdf_copies


def _jpeg(size, seed=0, **save) -> bytes:
    rnd = random.Random(seed)
    img = Image.frombytes("RGB", (size[0] // 8, size[1] // 8), rnd.randbytes(size[0] // 8 * size[1] // 8 * 3))
    buf = io.BytesIO()
    img.resize(size).save(buf, "JPEG", quality=80, **save)
    return buf.getvalue()


class Bytes:
    def __init__(self, photos: dict[str, bytes]):
        self.photos = photos
        self.reads: list[str] = []

    def read(self, sha: str) -> bytes:
        self.reads.append(sha)
        return self.photos[sha]


class Derived(Bytes):
    """A data folder: derived copies on disk, offered by `ready`."""

    def __init__(self, folder: Path, photos: dict[str, bytes]):
        super().__init__(photos)
        self.folder = folder

    def ready(self, sha: str) -> Path:
        path = self.folder / f"{sha}.jpg"
        path.write_bytes(self.photos[sha])
        return path


def test_a_camera_photo_is_decoded_at_draft_scale_to_print_size_without_a_resize(tmp_path):
    photo = make_copy(_jpeg((2000, 1500)), tmp_path / "a.jpg")
    assert (photo.width, photo.height) == (1000, 750)  # 1/2 in the decoder: at least 900 px, kept
    assert PDF_PHOTO_PX <= max(photo.width, photo.height) <= as_is_px(PDF_PHOTO_PX)
    big = make_copy(_jpeg((2400, 1800)), tmp_path / "b.jpg")  # 1/2 gives 1200 px: resized to 900
    assert (big.width, big.height) == (900, 675)


def test_a_copy_carries_no_comment_xmp_or_exif(tmp_path):
    exif = Image.Exif()
    exif.get_ifd(0x8825)[1] = "N"
    data = _jpeg((1200, 900), comment=b"serial 123", xmp=b"<x:xmpmeta>GPS</x:xmpmeta>", exif=exif)
    photo = make_copy(data, tmp_path / "c.jpg")
    with Image.open(photo.path) as img:
        assert not img.getexif() and not {"comment", "xmp", "exif"} & set(img.info)
    assert b"serial 123" not in photo.path.read_bytes() and b"GPS" not in photo.path.read_bytes()


def test_a_derived_copy_of_print_size_is_linked_not_decoded(tmp_path):
    plain, tagged, large = "1" * 64, "2" * 64, "3" * 64
    source = Derived(tmp_path, {plain: _jpeg((1000, 750)), tagged: _jpeg((1000, 750), comment=b"x"),
                                large: _jpeg((2000, 1500))})
    copies = pdf_copies([plain, tagged, large], source, tmp_path / "cache")
    linked = copies.photos[plain]
    assert linked.path.samefile(tmp_path / f"{plain}.jpg") and (linked.width, linked.height) == (1000, 750)
    assert source.reads == [tagged, large]  # only these two were decoded
    assert not (tmp_path / "cache" / f"{tagged}-{PDF_PHOTO_PX}.jpg").samefile(tmp_path / f"{tagged}.jpg")
    assert (copies.photos[large].width, copies.photos[large].height) == (1000, 750)


def test_the_copier_hands_each_photo_in_reading_order_and_reports_progress(tmp_path):
    shas = [f"{n:064x}" for n in range(6)]
    source = Bytes({sha: _jpeg((400, 300), seed=n) for n, sha in enumerate(shas)})
    source.photos[shas[2]] = source.photos[shas[2]][:200]  # damaged
    seen = []
    with PhotoCopier(shas, source, tmp_path, progress=lambda d, t: seen.append((d, t))) as copier:
        assert copier.photo(shas[1]) is not None
        assert seen == [(0, 6), (1, 6), (2, 6)]  # the photos before it were taken too, in order
        assert copier.photo(shas[2]) is None and copier.problem(shas[2])
        result = copier.finish()
    assert len(result.photos) == 5 and list(result.problems) == [shas[2]] and seen[-1] == (6, 6)
