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
    build_cap(reviewed_doc, out, today=date(2026, 11, 19), lang="en")
    text = flat(pdf_text(out))
    line = flat("Source: wage-and-hour review of 12 sampled workers' attendance and payroll")
    assert text.count(line) == 1   # under the NC raised after the proposal was accepted, not the one before
    assert text.find(line, text.index(flat("13 days without a day off."))) > 0


def test_no_review_no_section(demo_doc, tmp_path):
    out = tmp_path / "report.pdf"
    build_report(demo_doc, out)
    assert "Working hours and wages" not in pdf_text(out)


def test_the_section_in_chinese_labels_every_key_figure(reviewed_doc, tmp_path):
    """The key figures (hours/key_figures.py, shared with the hours page) are messages: label and value in
    the report's language, none of their English left."""
    from auditor_app.audits.hours_review import review_result
    from auditor_app.hours.key_figures import key_figures

    reviewed_doc.pop("_files")
    result = review_result(reviewed_doc["hours_review"][0])
    english = [figure.value.text for figure in key_figures(result)]
    out = tmp_path / "report-zh.pdf"
    build_report(reviewed_doc, out, lang="zh")
    text = pdf_text(out)
    assert in_order(["工时与工资", "抽样工人12名", "最长连续工作天数", "发现的违规及审核员的决定", "11.1.1", "未开具",
                     "The local notice shows a lower figure", "12.3.1", "已开具不符合项", "依据"], text) == []
    assert "Longest run without a day off" not in text and "Working hours and wages" not in text
    flat = text.replace("\n", "")
    assert [e for e in english if e.replace(" ", "") in flat.replace(" ", "")] == []
    assert "worker-months" not in text and "of 12 workers" not in text and "标准工时制" in flat
