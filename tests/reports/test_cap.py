"""The CAP PDF: one row per NC with the CAP fields, the signatures, the seal."""

from __future__ import annotations

import re
from datetime import date

from pypdf import PdfReader

from auditor_app.package.document import audit_document
from auditor_app.reports.cap import build_cap
from tests.reports.conftest import bind_signatures, finalize_demo, ink, pdf_text, render_page


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_cap_has_a_row_per_nc_with_its_cap_fields(demo_doc, tmp_path):
    out = tmp_path / "cap.pdf"
    result = build_cap(demo_doc, out, today=date(2026, 11, 19), lang="en")
    text = pdf_text(out)
    flat = _flat(text)
    page = PdfReader(str(out)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    caps = {c["finding_id"]: c for c in demo_doc["cap_item"]}
    live = [f for f in demo_doc["finding"] if not f.get("deleted_at")]
    for f in live:
        cap = caps[f["id"]]
        assert f["checkpoint_id"] in text
        for field in ("corrective_action", "preventive_action", "root_cause"):
            assert _flat(cap[field])[:30] in flat, (f["checkpoint_id"], field)
        assert cap["due_date"] in text
    assert "Checklist 4.0" in text
    assert "工人自愿加班" in text and "Dispute" in text
    assert "OVERDUE" not in text
    assert f"Page 1 of {result.pages}" in text


def test_overdue_items_are_marked(demo_doc, tmp_path):
    out = tmp_path / "cap.pdf"
    build_cap(demo_doc, out, today=date(2030, 1, 1), lang="en")
    live = [f for f in demo_doc["finding"] if not f.get("deleted_at") and f["status"] != "closed"]
    assert pdf_text(out).count("OVERDUE") == len(live)


def test_signatures_with_name_title_authority_time_and_image(demo_doc, tmp_path):
    demo_doc = bind_signatures(demo_doc)  # drawn for this CAP's content
    out = tmp_path / "cap.pdf"
    build_cap(demo_doc, out, lang="en")
    text = pdf_text(out)
    for sig in demo_doc["signature"]:
        assert sig["name"] in text and sig["title"] in text
        assert sig["image_sha256"][:12] in text
    assert "Authority to implement the CAP: Yes" in text and "Authority to implement the CAP: No" in text
    images = sum(len(p.images) for p in PdfReader(str(out)).pages)
    assert images == len(demo_doc["signature"])
    assert "not finalized" in text
    assert ink(render_page(out, 1, tmp_path)) > 5000
    # Signed at 16:40 in Dongguan (08:40 UTC): printed as the people on site saw it.
    assert "Signed 2026-11-19 16:40 UTC+08:00" in text


def test_finalized_cap_carries_the_seal(store, demo_id, tmp_path):
    seal = finalize_demo(store, demo_id)
    with store.session() as session:
        doc = audit_document(session, demo_id)
    out = tmp_path / "cap.pdf"
    build_cap(doc, out, lang="en")
    text = pdf_text(out)
    assert seal in text and "DRAFT" not in text
    # finalize signs the seal with the data folder's device key, and the CAP was signed as it stands
    assert _flat("any change after signing breaks it") in _flat(text).lower()
    assert _flat("Signed an earlier version") not in _flat(text)
    assert _flat(text).count("CAPcontentSHA-256") == len(doc["signature"])
