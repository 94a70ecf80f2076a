"""Interviews cited as evidence in the report and the CAP: code and kind only, never notes or
quotes the worker did not agree to have quoted."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from auditor_app.audits import cite_interviews
from auditor_app.package.document import audit_document
from auditor_app.reports.cap import build_cap
from auditor_app.reports.content import cited_interviews, interview_citation, read_content
from auditor_app.reports.report import build_report
from auditor_app.store.models import Finding, FindingInterview, Interview
from tests.reports.conftest import pdf_text

SECRET_NOTE = "Supervisor Zhou Bin threatened to fire anyone who talks"
SECRET_QUOTE = "My team leader keeps our ID cards in his drawer"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_citation_words_for_individual_and_group():
    assert interview_citation({"code": "W-07", "kind": "individual", "group_size": 1}) == \
        "Interview W-07 (individual)"
    assert interview_citation({"code": "G-01", "kind": "group", "group_size": 4}) == \
        "Interview G-01 (group of 4)"


def test_citations_per_finding_by_code_and_only_of_known_interviews():
    doc = {"interview": [{"id": "i1", "code": "W-09", "kind": "individual", "notes": SECRET_NOTE},
                         {"id": "i2", "code": "G-02", "kind": "group", "group_size": 5}],
           "finding_interview": [{"finding_id": "f1", "interview_id": "i1"},
                                 {"finding_id": "f1", "interview_id": "i2"},
                                 {"finding_id": "f2", "interview_id": "gone"}]}
    assert cited_interviews(doc) == {"f1": ["Interview G-02 (group of 5)", "Interview W-09 (individual)"]}


@pytest.fixture
def cited_doc(store, demo_id) -> tuple[dict, list[str]]:
    """The demo, with G-01 also cited for 6.2.2 and the already cited worker given a secret note and
    a quote she did not agree to have quoted. Returns the document and the citations of 6.2.2."""
    with store.transaction() as s:
        finding = s.scalars(select(Finding).where(Finding.audit_id == demo_id,
                                                  Finding.checkpoint_id == "6.2.2")).one()
        cited = set(s.scalars(select(FindingInterview.interview_id).where(
            FindingInterview.finding_id == finding.id)))
        [worker] = cited  # the demo: the worker who never got her contract copy
        row = s.get(Interview, worker)
        row.notes = SECRET_NOTE
        row.quotes = [{"text": SECRET_QUOTE, "quotable": False}]
        g01 = s.scalars(select(Interview).where(Interview.audit_id == demo_id, Interview.code == "G-01")).one()
        cite_interviews(s, finding.id, cited | {g01.id})
        expected = [f"Interview G-01 (group of {g01.group_size})", f"Interview {row.code} (individual)"]
    with store.session() as s:
        return audit_document(s, demo_id), expected


def _never_said(doc: dict, flat: str) -> None:
    """No note of any cited interview, and no quote not marked quotable, is in the text."""
    cited = {link["interview_id"] for link in doc["finding_interview"]}
    for row in doc["interview"]:
        if row["id"] in cited and row["notes"]:
            assert _flat(row["notes"]) not in flat, f"notes of {row['code']} leaked"
        for quote in row["quotes"]:
            if quote.get("quotable") is not True:
                assert _flat(quote["text"]) not in flat, f"unquotable quote of {row['code']} leaked"


def test_report_cites_linked_interviews_by_code_and_kind_only(cited_doc, tmp_path):
    doc, expected = cited_doc
    out = tmp_path / "report.pdf"
    build_report(doc, out)
    flat = _flat(pdf_text(out))
    assert _flat("Evidence: " + "; ".join(expected)) in flat  # 6.2.2 has no photo: interviews only
    for link in doc["finding_interview"]:  # every demo citation is printed
        row = next(r for r in doc["interview"] if r["id"] == link["interview_id"])
        assert _flat(interview_citation(row)) in flat
    assert _flat(SECRET_NOTE) not in flat and _flat(SECRET_QUOTE) not in flat
    _never_said(doc, flat)


def test_cap_objective_evidence_column_cites_interviews(cited_doc, tmp_path):
    doc, expected = cited_doc
    out = tmp_path / "cap.pdf"
    build_cap(doc, out, today=date(2026, 11, 20), lang="en")
    flat = _flat(pdf_text(out))
    assert _flat("Evidence: No photo; " + "; ".join(expected)) in flat
    content = read_content(doc)
    photo_and_interview = next(f for f in content.findings
                               if content.finding_evidence.get(f["id"]) and content.finding_interviews.get(f["id"]))
    assert _flat(content.finding_interviews[photo_and_interview["id"]][0]) in flat  # 12.3.1: photo + W-xx
    assert _flat(SECRET_NOTE) not in flat and _flat(SECRET_QUOTE) not in flat
    _never_said(doc, flat)
