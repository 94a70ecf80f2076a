"""`auditor-app report file.escp`: each member of the package read and hashed once (the photos as the
report reads them, the rest after), the same PDFs as a package checked in full first, and a package
with any member changed refused with no PDF left behind (an earlier one at the path kept as it was)."""

from __future__ import annotations

import threading
import zipfile
from collections import Counter

import pytest
from pypdf import PdfReader

from auditor_app import cli
from auditor_app.package import reader
from auditor_app.package.errors import PackageError
from auditor_app.package.export import export_audit
from auditor_app.package.reader import read_package
from auditor_app.reports.pair import build_report_and_cap
from auditor_app.reports.photos import PackagePhotos, pdf_copies
from auditor_app.reports.report import photo_order
from tests.package.crafting import read_members, repack

CHANGED = "SHA-256 differs from the manifest (the file was changed or damaged)"


@pytest.fixture(autouse=True)
def only_report_command(monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["report"])


@pytest.fixture
def package(store, demo_id, tmp_path):
    return export_audit(store, demo_id, tmp_path / "demo.escp").path


@pytest.fixture
def out(tmp_path):
    """Where the PDFs go, alone in their folder (the data folder is in tmp_path too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def members_of(path) -> tuple[list[str], list[str]]:
    """The evidence members the report shows, and the ones it does not (documents, other photos)."""
    shown = [f"evidence/{sha}" for sha in photo_order(read_package(path).document)]
    with zipfile.ZipFile(path) as zf:
        others = sorted(n for n in zf.namelist() if n.startswith("evidence/") and n not in shown)
    assert shown and others  # the demo has both
    return shown, others


def changed(path, out, name):
    """The package with one byte of `name` changed: same size, a valid zip, the manifest as exported."""
    data = bytearray(read_members(path)[name])
    data[len(data) // 2] ^= 0x01
    repack(path, out, replace={name: bytes(data)}, fix_manifest=False)
    return out


def pages(pdf) -> list[tuple[str, list[bytes]]]:
    """Each page's text and the bytes of its images."""
    return [(page.extract_text() or "", [image.data for image in page.images]) for page in PdfReader(str(pdf)).pages]


def test_each_member_is_read_once_and_the_report_is_as_from_a_package_checked_first(package, out, monkeypatch,
                                                                                     capsys):
    shown, others = members_of(package)
    reads: Counter[str] = Counter()
    lock = threading.Lock()
    read_member = reader.read_member

    def counted(zf, info, sink, problems):
        with lock:
            reads[info.filename] += 1
        return read_member(zf, info, sink, problems)

    monkeypatch.setattr(reader, "read_member", counted)
    report, cap = out / "report.pdf", out / "cap.pdf"
    assert cli.main(["report", str(package), "-o", str(report), "--cap", str(cap)]) == 0
    assert {name: n for name, n in reads.items() if name.startswith("evidence/")} == dict.fromkeys(shown + others, 1)
    said = capsys.readouterr()
    assert f"{len(shown)} photos" in said.out and "left out" not in said.err
    monkeypatch.undo()

    checked_first = read_package(package)  # every hash up front, the photos read again by the report
    assert sorted(p.name for p in out.iterdir()) == ["cap.pdf", "report.pdf"]  # no held-back file left
    before, _cap = build_report_and_cap(checked_first.document, out / "before.pdf", out / "before-cap.pdf",
                                        photos=PackagePhotos(checked_first))
    assert before.photos == len(shown)
    assert pages(report) == pages(out / "before.pdf")
    assert pages(cap) == pages(out / "before-cap.pdf")


@pytest.mark.parametrize("with_cap", [True, False], ids=["report-and-cap", "report-only"])
def test_a_changed_photo_of_the_report_refuses_the_package_and_keeps_the_earlier_report(package, tmp_path, out,
                                                                                        capsys, with_cap):
    shown, _others = members_of(package)
    bad = changed(package, tmp_path / "bad.escp", shown[len(shown) // 2])
    report, cap = out / "report.pdf", out / "cap.pdf"
    report.write_bytes(b"%PDF- the report of yesterday")
    cap.write_bytes(b"%PDF- the CAP of yesterday")
    args = ["report", str(bad), "-o", str(report)] + (["--cap", str(cap)] if with_cap else [])
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert f"{shown[len(shown) // 2]}: {CHANGED}" in err and "no report was written" in err
    assert report.read_bytes() == b"%PDF- the report of yesterday"
    assert cap.read_bytes() == b"%PDF- the CAP of yesterday"
    assert sorted(p.name for p in out.iterdir()) == ["cap.pdf", "report.pdf"]


def test_a_changed_member_the_report_does_not_use_refuses_it_too(package, tmp_path, out, capsys):
    _shown, others = members_of(package)
    bad = changed(package, tmp_path / "bad.escp", others[-1])
    report, cap = out / "report.pdf", out / "cap.pdf"
    assert cli.main(["report", str(bad), "-o", str(report), "--cap", str(cap)]) == 2
    err = capsys.readouterr().err
    assert f"{others[-1]}: {CHANGED}" in err and "no report was written" in err
    assert list(out.iterdir()) == []


def test_a_changed_photo_is_never_a_photo_left_out(package, tmp_path):
    """The photo copier keeps a photo it cannot make as that photo's problem, but not a package's."""
    shown, _others = members_of(package)
    bad = read_package(changed(package, tmp_path / "bad.escp", shown[0]), evidence="as_read")
    with pytest.raises(PackageError, match=shown[0]):
        pdf_copies([name.split("/", 1)[1] for name in shown], PackagePhotos(bad))

    class Unreadable(PackagePhotos):
        def read(self, sha: str) -> bytes:
            return b"not a photo" if sha == shown[0].split("/", 1)[1] else super().read(sha)

    good = read_package(package, evidence="as_read")
    copies = pdf_copies([name.split("/", 1)[1] for name in shown], Unreadable(good))
    assert list(copies.problems) == [shown[0].split("/", 1)[1]] and len(copies.photos) == len(shown) - 1


def test_each_reading_thread_opens_the_package_once(package, monkeypatch):
    """A `ZipFile` reads the whole directory when opened: the photos are read through one handle per
    thread (two workers), not one per photo."""
    shown, _others = members_of(package)
    opened: list[str] = []
    lock = threading.Lock()
    init = zipfile.ZipFile.__init__

    def counted(self, file, *args, **kwargs):
        with lock:
            opened.append(str(file))
        init(self, file, *args, **kwargs)

    good = read_package(package, evidence="as_read")
    monkeypatch.setattr(zipfile.ZipFile, "__init__", counted)
    photos = PackagePhotos(good)
    copies = pdf_copies([name.split("/", 1)[1] for name in shown], photos, workers=2)
    assert len(copies.photos) == len(shown) > 2
    assert 1 <= opened.count(str(package)) <= 2
    photos.close()
    assert not good.unchecked & set(shown)  # each photo was proven as it was read


@pytest.fixture
def outside_package(store, demo_id, tmp_path):
    return export_audit(store, demo_id, tmp_path / "outside.escp", outside=True).path


def test_a_package_for_outside_the_firm_shows_its_photo_copies(outside_package, out, capsys):
    """Such a package has no originals: the report shows each photo's copy (no GPS, no camera serials),
    proven against the manifest as it is read, instead of leaving every photo out."""
    document = read_package(outside_package).document
    shown = photo_order(document)
    with zipfile.ZipFile(outside_package) as zf:
        assert not any(n.startswith("evidence/") and n.split("/", 1)[1] in shown for n in zf.namelist())
    report = out / "report.pdf"
    assert cli.main(["report", str(outside_package), "-o", str(report)]) == 0
    said = capsys.readouterr()
    assert f"({len(PdfReader(str(report)).pages)} pages, {len(shown)} photos)" in said.out
    assert "left out" not in said.err
    assert sum(len(page.images) for page in PdfReader(str(report)).pages) >= len(shown)


def test_a_changed_photo_copy_refuses_the_package(outside_package, tmp_path, out, capsys):
    package = read_package(outside_package)
    copy_member, _sha = package.photo_member(photo_order(package.document)[0])
    bad = changed(outside_package, tmp_path / "bad.escp", copy_member)
    assert cli.main(["report", str(bad), "-o", str(out / "report.pdf")]) == 2
    err = capsys.readouterr().err
    assert f"{copy_member}: {CHANGED}" in err and "no report was written" in err
    assert list(out.iterdir()) == []
