"""The executive summary and audit details that open the report, and the embedded Latin font."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor_app.reports.cap import build_cap
from auditor_app.reports.content import read_content
from auditor_app.reports.fonts import foreign_runs, latin_font
from auditor_app.reports.report import build_report
from auditor_app.reports.report_status import recommendation
from auditor_app.reports.report_summary import key_issues
from tests.reports.conftest import flat

FOLLOWS = "a1b2c3d4-0000-4000-8000-000000000001"
SUPERSEDES = "e5f6a7b8-0000-4000-8000-000000000002"


def test_executive_summary_and_audit_details_open_the_report(demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    doc["audit"].update(site_days=[{"date": "2026-11-19", "time_in": "08:10", "time_out": "17:30"},
                                   {"date": "2026-11-18", "time_in": "08:20", "time_out": "18:05"}],
                        follows_id=FOLLOWS, supersedes_id=SUPERSEDES, revision=2, current_status="certified")
    out = tmp_path / "r.pdf"
    build_report(doc, out)
    pages = PdfReader(str(out)).pages
    summary = flat(pages[1].extract_text())
    assert summary.startswith(flat("Executive summary"))  # page 2, right after the cover
    rec, problem = recommendation(doc)
    assert flat(f"Recommended status: {rec.label}" if rec else f"Status not computed: {problem}") in summary
    content = read_content(doc)
    counts = {g: sum(1 for f in content.findings if f["grade"] == g)
              for g in ("zero_tolerance", "critical", "major", "minor")}
    assert flat("Zero Tolerance Critical Major Minor Total") in summary
    assert flat(f"NCs {counts['zero_tolerance']} {counts['critical']} {counts['major']} {counts['minor']} "
                f"{len(content.findings)}") in summary
    issues = key_issues(content)
    assert {f["grade"] for f in issues} == {"zero_tolerance", "critical"}
    assert len(issues) == counts["zero_tolerance"] + counts["critical"]
    for f in issues:  # one line each: checkpoint, grade, the start of the description
        assert flat(f"{f['checkpoint_id']} ") + ("ZeroTolerance" if f["grade"] == "zero_tolerance" else "Critical") \
            + "—" + flat(f["description"][:30]) in summary
    assert flat("Days on site 2026-11-18: in 08:20, out 18:05 2026-11-19: in 08:10, out 17:30 (factory local time)") \
        in summary
    assert flat(f"Man-days {doc['sample_draw'][-1]['plan']['man_days']:g} (sampling plan)") in summary
    assert flat("Auditors Li Na 李娜 (lead auditor) Chen Wei 陈伟 (auditor)") in summary
    assert flat("Written by Li Na 李娜") in summary
    assert flat("Reviewed by — (no lead review recorded)") in summary
    assert flat("Follows audit a1b2c3d4 (its open NCs were carried over)") in summary
    assert flat("Revision 2; supersedes audit e5f6a7b8") in summary
    assert FOLLOWS not in summary and SUPERSEDES not in summary
    assert flat("Factory status before this audit Certified") in summary
    assert flat("1. Factory profile") in flat(pages[2].extract_text())


def test_days_on_site_fall_back_to_the_audit_dates(demo_doc, tmp_path):
    out = tmp_path / "r.pdf"
    build_report(demo_doc, out)
    summary = flat(PdfReader(str(out)).pages[1].extract_text())
    assert flat("Days on site 2026-11-18 to 2026-11-19 (times in and out not recorded)") in summary


def _fonts(pdf: Path) -> dict[str, bool]:
    """Base font name -> embedded, for every font any page uses."""
    found: dict[str, bool] = {}
    for page in PdfReader(str(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            face = descendants[0].get_object() if descendants else font
            descriptor = face.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_latin_text_is_in_embedded_dejavu_sans(demo_doc, tmp_path):
    font = latin_font()
    if not font.embedded:
        pytest.skip(f"DejaVu Sans is not installed here (using {font.source}); install fonts-dejavu-core")
    report, cap = tmp_path / "r.pdf", tmp_path / "c.pdf"
    build_report(demo_doc, report)
    build_cap(demo_doc, cap, today=date(2026, 11, 20), lang="en")
    for pdf in (report, cap):
        fonts = _fonts(pdf)
        assert not [name for name, embedded in fonts.items() if not embedded], fonts
        assert any(name.endswith("+DejaVuSans") for name in fonts) and any("DejaVuSans-Bold" in n for n in fonts)
        assert not any("Helvetica" in name or "Courier" in name for name in fonts)
    # ≥ and → are in DejaVu Sans: no detour through the CJK font
    assert foreign_runs("≥78 h → rest") == [("≥78 h → rest", False)]


def test_system_deps_install_dejavu():
    script = Path(__file__).resolve().parents[2] / "scripts" / "system-deps.sh"
    assert "fonts-dejavu-core" in script.read_text(encoding="utf-8")
