"""How the report's photos are prepared: draft-scale decode to print size, no metadata in a copy, a
data folder's display copy embedded as it is, and the copier handing photos to the layout in order."""

from __future__ import annotations

import io
import random

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
    """A data folder: derived copies, offered by `ready`."""

    def ready(self, sha: str) -> bytes:
        return self.photos[sha]


class Cache:
    """Copies kept between runs (a data folder's encrypted `derived/pdf` in the app)."""

    def __init__(self):
        self.kept: dict[str, bytes] = {}

    def read(self, name: str) -> bytes | None:
        return self.kept.get(name)

    def write(self, name: str, data: bytes) -> None:
        self.kept[name] = data


def test_a_camera_photo_is_decoded_at_draft_scale_to_print_size_without_a_resize():
    photo = make_copy(_jpeg((2000, 1500)))
    assert (photo.width, photo.height) == (1000, 750)  # 1/2 in the decoder: at least 900 px, kept
    assert PDF_PHOTO_PX <= max(photo.width, photo.height) <= as_is_px(PDF_PHOTO_PX)
    big = make_copy(_jpeg((2400, 1800)))  # 1/2 gives 1200 px: resized to 900
    assert (big.width, big.height) == (900, 675)


def test_a_copy_carries_no_comment_xmp_or_exif():
    exif = Image.Exif()
    exif.get_ifd(0x8825)[1] = "N"
    data = _jpeg((1200, 900), comment=b"serial 123", xmp=b"<x:xmpmeta>GPS</x:xmpmeta>", exif=exif)
    photo = make_copy(data)
    with Image.open(io.BytesIO(photo.data)) as img:
        assert not img.getexif() and not {"comment", "xmp", "exif"} & set(img.info)
    assert b"serial 123" not in photo.data and b"GPS" not in photo.data


def test_a_derived_copy_of_print_size_goes_in_as_it_is_and_made_copies_are_kept():
    plain, tagged, large = "1" * 64, "2" * 64, "3" * 64
    source = Derived({plain: _jpeg((1000, 750)), tagged: _jpeg((1000, 750), comment=b"x"),
                      large: _jpeg((2000, 1500))})
    cache = Cache()
    copies = pdf_copies([plain, tagged, large], source, cache)
    as_is = copies.photos[plain]
    assert as_is.data == source.photos[plain] and (as_is.width, as_is.height) == (1000, 750)
    assert source.reads == [tagged, large]  # only these two were decoded
    assert sorted(cache.kept) == sorted(f"{sha}-{PDF_PHOTO_PX}.jpg" for sha in (tagged, large))
    assert cache.kept[f"{tagged}-{PDF_PHOTO_PX}.jpg"] != source.photos[tagged]  # re-encoded without the comment
    assert (copies.photos[large].width, copies.photos[large].height) == (1000, 750)
    again = pdf_copies([plain, tagged, large], source, cache)  # the next report: nothing decoded
    assert source.reads == [tagged, large] and again.photos[large].data == copies.photos[large].data


def test_the_copier_hands_each_photo_in_reading_order_and_reports_progress():
    shas = [f"{n:064x}" for n in range(6)]
    source = Bytes({sha: _jpeg((400, 300), seed=n) for n, sha in enumerate(shas)})
    source.photos[shas[2]] = source.photos[shas[2]][:200]  # damaged
    seen = []
    with PhotoCopier(shas, source, progress=lambda d, t: seen.append((d, t))) as copier:
        assert copier.photo(shas[1]) is not None
        assert seen == [(0, 6), (1, 6), (2, 6)]  # the photos before it were taken too, in order
        assert copier.photo(shas[2]) is None and copier.problem(shas[2])
        result = copier.finish()
    assert len(result.photos) == 5 and list(result.problems) == [shas[2]] and seen[-1] == (6, 6)


def test_the_workers_get_shorter_turns_on_the_gil_while_any_copier_is_at_work():
    import sys

    from auditor_app.reports.gil_turns import WORKER_TURN_S

    before = sys.getswitchinterval()
    source = Bytes({"1" * 64: _jpeg((400, 300))})
    first = PhotoCopier(["1" * 64], source)
    assert sys.getswitchinterval() == WORKER_TURN_S < before
    with PhotoCopier(["1" * 64], source) as second:
        assert second.photo("1" * 64) is not None
    assert sys.getswitchinterval() == WORKER_TURN_S  # the first is still at work
    first.close()
    first.close()  # closing twice gives nothing back twice
    assert sys.getswitchinterval() == before
