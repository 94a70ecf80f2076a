"""The audit report PDF: what it says, what it must never say, and that it renders."""

from __future__ import annotations

import csv
import re

import pytest
from PIL import ImageChops

from auditor_app.checklist.rating import recommend_status
from auditor_app.demo import content as demo_content
from auditor_app.package.document import audit_document
from auditor_app.rating_source import facts_from_document
from auditor_app.reports.fonts import cjk_font
from auditor_app.reports.photos import StorePhotos
from auditor_app.reports.report import build_report
from auditor_app.resources import resources_dir
from tests.reports.conftest import finalize_demo, ink, pdf_text, render_page


def _flat(text: str) -> str:
    """Extracted text without line breaks and spaces, so wrapped phrases still match."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo_report(store, demo_doc, tmp_path):
    out = tmp_path / "report.pdf"
    photos = StorePhotos(store)
    result = build_report(demo_doc, out, photos=photos, photo_cache=photos.cache())
    return out, result


def test_report_names_the_factory_in_chinese_every_finding_and_the_status(demo_report, demo_doc):
    out, result = demo_report
    text = pdf_text(out)
    flat = _flat(text)
    assert "东莞华兴玩具有限公司" in text
    assert "Dongguan Huaxing Toys" in text
    for finding in demo_doc["finding"]:
        assert f"Checkpoint {finding['checkpoint_id']}" in text
    rec = recommend_status(facts_from_document(demo_doc))
    assert _flat(f"Recommended status: {rec.label}") in flat
    assert _flat(rec.reasons[0].text[:40]) in flat
    assert f"Page 1 of {result.pages}" in text and f"Page {result.pages} of {result.pages}" in text
    assert result.pages == len(re.findall(r"Page \d+ of \d+", text))


def test_photos_are_embedded_with_caption_and_hash_prefix(demo_report, demo_doc):
    out, result = demo_report
    linked = {link["evidence_id"] for link in demo_doc["finding_evidence"]}
    photos = [e for e in demo_doc["evidence"] if e["id"] in linked]
    assert photos and result.photos == len({e["sha256"] for e in photos}) and not result.photo_problems
    text = pdf_text(out)
    for ev in photos:
        assert ev["sha256"][:12] in text
    from pypdf import PdfReader
    images = sum(len(page.images) for page in PdfReader(str(out)).pages)
    assert images == len(photos)


def test_no_interview_note_no_roster_name_no_unquotable_quote(store, demo_id, tmp_path):
    with store.transaction() as session:  # one quote the worker did not agree to have quoted
        from auditor_app.store.models import Interview
        from sqlalchemy import select
        first = session.scalars(select(Interview).where(Interview.audit_id == demo_id)).first()
        first.quotes = first.quotes + [{"text": "The manager shouts at the packing line", "quotable": False}]
    with store.session() as session:
        doc = audit_document(session, demo_id)
    out = tmp_path / "report.pdf"
    build_report(doc, out)
    text = pdf_text(out)
    flat = _flat(text)
    for _kind, notes, quote in demo_content.INTERVIEW_NOTES:
        assert _flat(notes) not in flat, f"interview note leaked: {notes}"
        if quote:
            assert _flat(quote) in flat  # quotable, attributed by code only
    assert "shouts" not in text
    with open(resources_dir() / "demo" / "roster-demo.csv", encoding="utf-8-sig") as f:
        names = [row["姓名"] for row in csv.DictReader(f)]
    assert len(names) > 50
    leaked = [n for n in names if n in text]
    assert not leaked, f"roster names in the report: {leaked}"
    held = [i for i in doc["interview"] if i["conducted_at"]]  # interviews count when held
    total = sum(max(1, i["group_size"]) for i in held)
    assert f"{total} workers interviewed" in text


def test_page_one_is_not_blank_and_chinese_glyphs_render(demo_report, tmp_path):
    out, _ = demo_report
    page = render_page(out, 1, tmp_path)
    assert ink(page) > 5000, "page 1 is (nearly) blank"


def test_chinese_characters_render_as_distinct_glyphs(store, demo_doc, tmp_path):
    """Empty boxes (tofu) or blanks look the same for every character; real glyphs differ."""
    font = cjk_font()
    if not font.embedded:
        pytest.skip(f"no CJK TrueType font on this machine (using {font.source}); install fonts-wqy-microhei")
    images = []
    for name in ("东莞华兴玩具有限公司", "深圳长城塑胶制品厂"):
        doc = dict(demo_doc, factory_profile=dict(demo_doc["factory_profile"], name="X", name_local=name))
        out = tmp_path / f"{len(images)}.pdf"
        build_report(doc, out)
        images.append(render_page(out, 1, tmp_path, dpi=100).crop((0, 200, 827, 320)))
    assert ink(images[0]) > 300 and ink(images[1]) > 300
    assert ImageChops.difference(images[0], images[1]).getbbox() is not None
    diff = ImageChops.difference(images[0], images[1]).point(lambda v: 255 if v > 60 else 0)
    assert diff.histogram()[255] > 300, "two different Chinese names rendered alike: glyphs are missing"


def test_draft_until_finalized_then_the_seal_fingerprint(store, demo_id, tmp_path):
    with store.session() as session:
        draft = audit_document(session, demo_id)
    build_report(draft, tmp_path / "draft.pdf")
    assert "DRAFT" in pdf_text(tmp_path / "draft.pdf")
    seal = finalize_demo(store, demo_id)
    with store.session() as session:
        final = audit_document(session, demo_id)
    build_report(final, tmp_path / "final.pdf")
    text = pdf_text(tmp_path / "final.pdf")
    assert "DRAFT" not in text
    assert text.count(seal) >= 2  # on the cover and in the footer of every page
    flat = _flat(text).lower()
    assert _flat("any change after signing breaks it") in flat  # signed with the device key at finalize
    assert "inprogress" not in flat and "notfinalized" not in flat


def test_report_does_not_change_the_document(demo_doc, tmp_path):
    before = repr(demo_doc)
    build_report(demo_doc, tmp_path / "r.pdf")
    assert repr(demo_doc) == before
