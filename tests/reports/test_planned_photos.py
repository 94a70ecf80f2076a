"""The report from an `.escp` is laid out while its photos are decoded: each print copy's pixel size is
planned from the original's header, the PDF takes the copy's bytes when it is written, and a photo
that cannot be made as planned has the report laid out again, as if it had been waited for."""

from __future__ import annotations

import io
import subprocess
import sys
import threading

import pytest
from PIL import Image
from pypdf import PdfReader

from auditor_app.package.export import export_audit
from auditor_app.package.reader import read_package
from auditor_app.reports import report as report_module
from auditor_app.reports.photos import HEAD_BYTES, PackagePhotos, PhotoCopier, make_copy, planned_size
from auditor_app.reports.report import build_report, photo_order
from tests.reports.test_photo_prep import _jpeg


def _oriented(size, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return _jpeg(size, exif=exif.tobytes())


@pytest.mark.parametrize("data", [_jpeg((2000, 1500)), _jpeg((4000, 3000)), _jpeg((1999, 1497)),
                                  _oriented((2000, 1500), 6), _oriented((2000, 1500), 3), _jpeg((640, 480)),
                                  _jpeg((2304, 1728)), _jpeg((1600, 1200)), _oriented((1203, 677), 8)],
                         ids=["half", "quarter", "odd-size", "turned", "upside-down", "small", "16-MP-like",
                              "resized", "resized-turned"])
def test_the_planned_size_is_the_size_of_the_copy(data):
    copy = make_copy(data)
    assert planned_size(data[:HEAD_BYTES]) == (copy.width, copy.height)


def test_no_plan_when_the_header_does_not_tell():
    png = io.BytesIO()
    Image.new("RGB", (1000, 750)).save(png, "PNG")
    assert planned_size(png.getvalue()) is None
    exif = Image.Exif()
    exif[0x010E] = "x" * 60000  # headers longer than the bytes read: the frame size is not in them
    long_headers = _jpeg((2000, 1500), exif=exif.tobytes())
    assert planned_size(long_headers[:1024]) is None


@pytest.fixture
def package(store, demo_id, tmp_path):
    return read_package(export_audit(store, demo_id, tmp_path / "demo.escp").path, evidence="as_read")


def _pages(pdf) -> list[tuple[str, list[bytes]]]:
    return [(page.extract_text() or "", [image.data for image in page.images]) for page in PdfReader(str(pdf)).pages]


def test_the_pages_are_laid_out_before_any_photo_is_made(package, tmp_path, monkeypatch):
    """No photo can be read until the layout is done (a gate opened when the story goes to the PDF):
    the report still has every photo, as one built from copies made first."""
    gate, waited_out = threading.Event(), []

    class Gated(PackagePhotos):
        def read(self, sha: str) -> bytes:
            if not gate.wait(timeout=5):
                waited_out.append(sha)  # the layout waited for this photo instead
            return super().read(sha)

    write_pdf = report_module.write_pdf

    def laid_out(*args, **kwargs):
        gate.set()
        return write_pdf(*args, **kwargs)

    monkeypatch.setattr(report_module, "write_pdf", laid_out)
    shas = photo_order(package.document)
    result = build_report(package.document, tmp_path / "planned.pdf", photos=Gated(package))
    assert waited_out == [] and result.photos == len(shas) and not result.photo_problems
    monkeypatch.undo()

    class Waits(PhotoCopier):
        def planned(self, sha):  # no plans: the layout waits for each copy, as it did before plans
            return self.photo(sha)

    with Waits(shas, PackagePhotos(package)) as copier:
        build_report(package.document, tmp_path / "waited.pdf", copier=copier)
    assert _pages(tmp_path / "planned.pdf") == _pages(tmp_path / "waited.pdf")


def test_a_photo_that_cannot_be_made_as_planned_is_left_out_as_before(package, tmp_path):
    shas = photo_order(package.document)
    broken = shas[len(shas) // 2]

    class Truncated(PackagePhotos):
        """One original whose pixels end early (its header intact, as the plan read it)."""

        def read(self, sha: str) -> bytes:
            data = super().read(sha)
            return data[:len(data) // 3] if sha == broken else data

    result = build_report(package.document, tmp_path / "report.pdf", photos=Truncated(package))
    assert list(result.photo_problems) == [broken] and result.photos == len(shas) - 1
    text = "\n".join(page for page, _images in _pages(tmp_path / "report.pdf"))
    assert "not available" in text.lower()
    assert sum(len(images) for _page, images in _pages(tmp_path / "report.pdf")) >= len(shas) - 1


def test_the_photos_start_before_the_layout_modules_load():
    """`auditor-app report` starts the copier before ReportLab is imported (its import overlaps them)."""
    code = ("import sys; import auditor_app.reports.photos, auditor_app.reports.content; "
            "sys.exit(1 if any(m.split('.')[0] == 'reportlab' for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
