"""The pieces: PDF photo copies, CJK font markup, interview counts, chart counts, a large audit."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from auditor_app.reports.charts import nc_counts
from auditor_app.reports.common import ReportCancelled
from auditor_app.reports.content import interview_summary
from auditor_app.reports.fonts import cjk_font, foreign_runs, latin_font, markup
from auditor_app.reports.photos import PDF_PHOTO_PX, pdf_copies
from auditor_app.reports.report import build_report
from tests.reports.conftest import pdf_text


class BytesSource:
    def __init__(self, photos: dict[str, bytes]):
        self.photos = photos

    def read(self, sha: str) -> bytes:
        return self.photos[sha]


def _jpeg(size, orientation=1, seed=0) -> bytes:
    rnd = random.Random(seed)
    img = Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(0x8825)[1] = "N"  # GPS: must not reach the copy
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70, exif=exif)
    return buf.getvalue()


def test_copies_are_small_oriented_and_carry_no_exif():
    source = BytesSource({"a" * 64: _jpeg((2400, 1600), orientation=6), "b" * 64: _jpeg((300, 200))})
    seen = []
    copies = pdf_copies(source.photos, source, progress=lambda d, t: seen.append((d, t)))
    big = copies.photos["a" * 64]
    assert (big.width, big.height) == (600, 900)  # quarter turn applied, long side PDF_PHOTO_PX
    assert max(big.width, big.height) == PDF_PHOTO_PX
    with Image.open(io.BytesIO(big.data)) as img:
        assert not img.getexif() and img.size == (600, 900)
    assert (copies.photos["b" * 64].width, copies.photos["b" * 64].height) == (300, 200)  # never enlarged
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)


def test_a_damaged_photo_is_reported_not_fatal():
    good, bad = "c" * 64, "d" * 64
    source = BytesSource({good: _jpeg((400, 300)), bad: _jpeg((400, 300))[:300]})
    copies = pdf_copies([good, bad], source)
    assert good in copies.photos and bad in copies.problems
    assert "truncated" in copies.problems[bad].lower() or "image" in copies.problems[bad].lower()


def test_cancel_stops_between_photos():
    source = BytesSource({f"{n:064x}": _jpeg((200, 150), seed=n) for n in range(12)})
    calls = []
    with pytest.raises(ReportCancelled):
        pdf_copies(source.photos, source, workers=1, cancelled=lambda: len(calls) >= 3,
                   progress=lambda d, t: calls.append(d))
    assert len(calls) < 12


def test_markup_puts_chinese_runs_in_the_cjk_font_and_escapes():
    font = cjk_font().name
    text = markup("Li Na 李娜 <lead> & co")
    assert f'<font name="{font}">李娜</font>' in text
    assert "&lt;lead&gt; &amp; co" in text
    assert foreign_runs("abc–é") == [("abc–é", False)]  # en dash and é are in every Latin font
    if latin_font().embedded:  # DejaVu Sans has ≥; Helvetica's WinAnsi does not
        assert foreign_runs("≥78 h") == [("≥78 h", False)]
    else:
        assert foreign_runs("≥78 h") == [("≥", True), ("78 h", False)]


def test_interviews_count_held_workers_by_stratum_and_keep_only_quotable_quotes():
    held = "2026-11-18T06:00:00.000Z"
    doc = {"interview": [
        {"id": "1", "code": "W-01", "kind": "individual", "group_size": 1, "conducted_at": held,
         "stratum": {"gender": "female", "shift": "day"},
         "notes": "secret", "quotes": [{"text": "ok to quote", "quotable": True},
                                       {"text": "not this", "quotable": False}]},
        {"id": "2", "code": "G-01", "kind": "group", "group_size": 4, "conducted_at": held,
         "stratum": {"gender": "male"}, "notes": "x", "quotes": []},
        {"id": "3", "code": "W-02", "kind": "individual", "group_size": 1, "conducted_at": None,
         "stratum": {"gender": "female"}, "notes": "", "quotes": [{"text": "never said", "quotable": True}]},
    ]}
    s = interview_summary(doc)
    assert (s.individual, s.groups, s.workers, s.individual_not_held) == (1, 1, 5, 1)
    assert dict(s.by_stratum)["Gender"] == [("male", 4), ("female", 1)]
    assert s.quotes == [("ok to quote", "W-01")]


def test_chart_counts_by_section_and_grade():
    findings = [{"checkpoint_id": "9.2.2", "grade": "critical", "_section_id": "9"},
                {"checkpoint_id": "9.5.1", "grade": "major", "_section_id": "9"},
                {"checkpoint_id": "1.1.3", "grade": "critical", "_section_id": "1"}]
    counts = nc_counts(findings, [("1", "A"), ("9", "S")], ["minor", "major", "critical"])
    assert counts == [[0, 0], [0, 1], [1, 1]]


def test_a_large_audit_builds(store, tmp_path):
    from benchmarks.bench_report import make_large_audit
    from auditor_app.package.document import audit_document
    from auditor_app.reports.photos import StorePhotos

    photos = []
    for n in range(6):
        path = tmp_path / f"IMG_{n}.jpg"
        path.write_bytes(_jpeg((800, 600), seed=n))
        photos.append(path)
    audit_id = make_large_audit(store, 120, photos)
    with store.session() as session:
        doc = audit_document(session, audit_id)
    out = tmp_path / "large.pdf"
    photos = StorePhotos(store)
    result = build_report(doc, out, photos=photos, photo_cache=photos.cache())
    text = pdf_text(out)
    assert result.pages > 20 and result.photos == 6 and not result.photo_problems
    for f in doc["finding"]:
        assert f"Checkpoint {f['checkpoint_id']}" in text
    assert "深圳长城塑胶玩具有限公司" in text
    assert "Wang Xiuying" not in text and "shouts" not in text  # interview notes stay out
