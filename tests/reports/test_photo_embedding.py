"""How the photos reach the PDF: as the print copy's JPEG bytes, never decoded by the layout (a decoded
photo costs its width x height x 3 bytes until the PDF is saved), a photo drawn twice embedded once,
and the report and the CAP built together saying what they say when built one after the other."""

from __future__ import annotations

import copy
import hashlib

from pypdf import PdfReader
from reportlab.lib.utils import ImageReader

from auditor_app.reports.cap import build_cap
from auditor_app.reports.pair import build_report_and_cap
from auditor_app.reports.photos import StorePhotos, pdf_copies
from auditor_app.reports.report import build_report, photo_order
from tests.reports.conftest import pdf_text


def _image_objects(path) -> dict[int, bytes]:
    """The PDF's image XObjects by object number: each stored once, whatever the pages that show it."""
    found: dict[int, bytes] = {}
    for page in PdfReader(str(path)).pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found[ref.idnum] = obj.get_data()
    return found


def test_each_photo_goes_in_as_its_print_copy_without_being_decoded(store, demo_doc, tmp_path, monkeypatch):
    photos = StorePhotos(store)
    copies = pdf_copies(photo_order(demo_doc), photos, photos.cache())
    assert copies.photos and not copies.problems

    def decoded(self):
        raise AssertionError("the layout decoded a photo")

    monkeypatch.setattr(ImageReader, "getRGBData", decoded)
    out = tmp_path / "report.pdf"
    result = build_report(demo_doc, out, photos=photos, photo_cache=photos.cache())
    assert result.photos == len(copies.photos)
    embedded = sorted(hashlib.sha256(data).hexdigest() for data in _image_objects(out).values())
    assert embedded == sorted(hashlib.sha256(p.data).hexdigest() for p in copies.photos.values())


def test_a_photo_cited_by_two_findings_is_embedded_once(store, demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    link = doc["finding_evidence"][0]
    other = next(f for f in doc["finding"] if f["id"] != link["finding_id"] and not f.get("deleted_at"))
    doc["finding_evidence"].append({**link, "finding_id": other["id"]})
    out = tmp_path / "report.pdf"
    build_report(doc, out, photos=StorePhotos(store))
    sha = next(e["sha256"] for e in doc["evidence"] if e["id"] == link["evidence_id"])
    text = pdf_text(out)
    assert text.count(sha[:12]) == 2  # two captions
    assert len(_image_objects(out)) == len(photo_order(doc))  # one image per photo


def test_report_and_cap_built_together_say_what_they_say_built_apart(store, demo_doc, tmp_path):
    photos = StorePhotos(store)
    apart, together = tmp_path / "apart", tmp_path / "together"
    apart.mkdir()
    together.mkdir()
    report = build_report(demo_doc, apart / "report.pdf", photos=photos)
    cap = build_cap(demo_doc, apart / "cap.pdf")
    seen: list[tuple[int, int]] = []
    report2, cap2 = build_report_and_cap(demo_doc, together / "report.pdf", together / "cap.pdf", photos=photos,
                                         progress=lambda done, total: seen.append((done, total)))
    assert (report2.pages, report2.photos, cap2.pages) == (report.pages, report.photos, cap.pages)
    assert report2.photos > 0 and not report2.photo_problems
    for name in ("report.pdf", "cap.pdf"):
        a, b = PdfReader(str(apart / name)), PdfReader(str(together / name))
        assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]
    assert sorted(_image_objects(apart / "report.pdf").values()) == sorted(_image_objects(together / "report.pdf").values())
    total = report.photos + 1
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
