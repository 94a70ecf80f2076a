"""Reports hold up on text of any length: a 20,000-character finding and 5,000-character CAP cells
build both PDFs, every word comes out in order, and a photo stays with its finding and its caption."""

from __future__ import annotations

import copy
from datetime import date

from pypdf import PdfReader

from auditor_app.reports.cap import build_cap
from auditor_app.reports.content import read_content
from auditor_app.reports.photos import StorePhotos
from auditor_app.reports.report import build_report
from tests.reports.conftest import flat, in_order, pdf_text


def long_text(tag: str, chars: int) -> str:
    """Sentences with a numbered token each ("fa0001"), a paragraph break now and then, and Chinese."""
    sentences, n = [], 0
    while sum(len(s) + 1 for s in sentences) < chars:
        n += 1
        sentence = f"Worker {tag}{n:04d} said overtime in August was unpaid and the gate log shows it."
        if n % 17 == 0:
            sentence += " 工人说八月加班没有报酬。\n"
        sentences.append(sentence)
    return " ".join(sentences)[:chars].rsplit(" ", 1)[0]


def test_long_text_helper_makes_what_it_says():
    text = long_text("zz", 20_000)
    assert 19_900 < len(text) <= 20_000 and "zz0001" in text and "工人" in text


def _first_with_photos(doc: dict) -> dict:
    linked = {link["finding_id"] for link in doc["finding_evidence"]}
    return next(f for f in doc["finding"] if f["id"] in linked)


def test_a_20000_character_finding_builds_both_pdfs_with_all_its_text(demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    description = long_text("fa", 20_000)
    doc["finding"][0]["description"] = description
    report, cap = tmp_path / "r.pdf", tmp_path / "c.pdf"
    pages = build_report(doc, report).pages
    build_cap(doc, cap, today=date(2026, 11, 20), lang="en")
    assert in_order(description.split(), pdf_text(report)) == []
    assert in_order(description.split(), pdf_text(cap)) == []
    assert pages > 12


def test_5000_character_cap_cells_build_both_pdfs_with_all_their_text(demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    cap_row = doc["cap_item"][0]
    cells = {"root_cause": long_text("rc", 5_000), "corrective_action": long_text("ca", 5_000),
             "preventive_action": long_text("pa", 5_000), "factory_comment": long_text("fc", 5_000),
             "verification_method": long_text("vm", 5_000)}
    cap_row.update(cells)
    report, cap = tmp_path / "r.pdf", tmp_path / "c.pdf"
    build_report(doc, report)
    build_cap(doc, cap, today=date(2026, 11, 20), lang="en")
    cap_text = pdf_text(cap)
    for field, text in cells.items():
        assert in_order(text.split(), cap_text) == [], field
    assert in_order(cells["corrective_action"].split(), pdf_text(report)) == []  # the agreed correction


def test_a_photo_stays_with_its_finding_and_its_caption(store, demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    finding = _first_with_photos(doc)
    finding["description"] = long_text("ph", 6_000)  # longer than a page: the finding splits
    out = tmp_path / "r.pdf"
    photos = StorePhotos(store)
    result = build_report(doc, out, photos=photos, photo_cache=photos.cache())
    assert result.photos and not result.photo_problems
    pages = PdfReader(str(out)).pages
    texts = [page.extract_text() or "" for page in pages]
    evidence = {e["id"]: e for e in doc["evidence"]}
    captions_per_page = [0] * len(pages)
    for link in doc["finding_evidence"]:
        prefix = evidence[link["evidence_id"]]["sha256"][:12]
        [page] = [i for i, t in enumerate(texts) if prefix in t]
        captions_per_page[page] += 1
    for i, page in enumerate(pages):
        assert len(page.images) == captions_per_page[i], f"page {i + 1}: an image without its caption"
    content = read_content(doc)
    ids = content.finding_evidence[finding["id"]]
    photo_page = next(i for i, t in enumerate(texts) if evidence[ids[0]]["sha256"][:12] in t)
    evidence_line = flat("Evidence: photos " + ", ".join(content.evidence_label[e] for e in ids))
    assert evidence_line in flat(texts[photo_page]), "the first photo is not on the page its finding ends"
    assert in_order(finding["description"].split(), pdf_text(out)) == []
