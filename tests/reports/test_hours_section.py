"""The report's wages-and-hours section and the CAP line under the findings the review raised, read
back from the PDFs."""

from __future__ import annotations

from datetime import date

import pytest

from auditor_app.audits import add_finding
from auditor_app.audits.hours_review import decide_hours_finding, save_hours_review
from auditor_app.audits.operation import run_operation
from auditor_app.package.document import audit_document
from auditor_app.reports.cap import build_cap
from auditor_app.reports.report import build_report
from tests.hours.review_helpers import computed, sample_files
from tests.reports.conftest import flat, in_order, pdf_text


@pytest.fixture
def reviewed_doc(store, demo_id, tmp_path) -> dict:
    files = sample_files(tmp_path / "hours")
    result, facts = computed(files)
    run_operation(store, save_hours_review, demo_id, result, facts)
    run_operation(store, decide_hours_finding, demo_id, "12.3.1", "accepted")
    run_operation(store, decide_hours_finding, demo_id, "11.1.1", "rejected", "The local notice shows a lower figure.")
    run_operation(store, add_finding, demo_id, "12.3.1", description="13 days without a day off.",
                  workers_affected=1)
    with store.session() as s:
        doc = audit_document(s, demo_id)
    doc["_files"] = files
    return doc


def test_report_prints_the_sample_figures_breaches_and_decisions(reviewed_doc, tmp_path):
    files = reviewed_doc.pop("_files")
    out = tmp_path / "report.pdf"
    build_report(reviewed_doc, out)
    text = pdf_text(out)
    assert in_order(["Documents reviewed", "Working hours and wages", "12 sampled workers",
                     f"{files.period[0]} to {files.period[1]}", "standard working-hour system",
                     "Longest run without a day off", "13 days",
                     "Breaches found and the auditor's decision", "11.1.1", "Not raised",
                     "The local notice shows a lower figure", "12.3.1", "NC raised", "Sources",
                     "Worker interviews"], text) == []
    sha = reviewed_doc["hours_review"][0]["files"]["attendance"]["sha256"]
    assert sha[:16] in flat(text)
    # Worker ids stay in the working papers, names never reach the audit at all.
    assert not [w for w in reviewed_doc["hours_review"][0]["result"]["sample"] if w in text]


def test_cap_cites_the_review_under_the_finding_it_raised(reviewed_doc, tmp_path):
    reviewed_doc.pop("_files")
    out = tmp_path / "cap.pdf"
    build_cap(reviewed_doc, out, today=date(2026, 11, 19))
    text = flat(pdf_text(out))
    line = flat("Source: wage-and-hour review of 12 sampled workers' attendance and payroll")
    assert text.count(line) == 1   # under the NC raised after the proposal was accepted, not the one before
    assert text.find(line, text.index(flat("13 days without a day off."))) > 0


def test_no_review_no_section(demo_doc, tmp_path):
    out = tmp_path / "report.pdf"
    build_report(demo_doc, out)
    assert "Working hours and wages" not in pdf_text(out)
