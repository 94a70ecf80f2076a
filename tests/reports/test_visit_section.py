"""A Progress Visit's report: the previous CAP verified item by item, the factory's questionnaire with the
advice given, the worker survey's summary (never a comment), in the reader's language; the status
reasons count only the checkpoints the visit covers."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from auditor_app.audits import run_operation
from auditor_app.audits.questionnaire import advise_on_question, questionnaire_answers
from auditor_app.audits.verification import carried_items, verify_carried
from auditor_app.audits.worker_survey import record_survey_response
from auditor_app.demo import ensure_demo
from auditor_app.package.document import audit_document
from auditor_app.reports.cap import build_cap
from auditor_app.reports.report import build_report
from auditor_app.store.models import Audit
from tests.reports.conftest import pdf_text


@pytest.fixture
def pv_doc(store):
    ensure_demo(store)
    with store.session() as s:
        pv = s.scalar(select(Audit.id).where(Audit.audit_type == "PV"))
        items = carried_items(s, pv)
        q10 = next(r.id for r in questionnaire_answers(s, pv) if r.question_id == "Q10")
    run_operation(store, verify_carried, items[0].cap.id, "closed", "Signed copies seen for 20 of 20 sampled")
    run_operation(store, verify_carried, items[1].cap.id, "progress", "Tags signed on 1F, not yet on 2F")
    run_operation(store, advise_on_question, q10, "Plan peak overtime with the written request form")
    run_operation(store, record_survey_response, pv, {"paid_on_time": "no"}, "My supervisor Wang shouts")
    with store.session() as s:
        return audit_document(s, pv)


def test_the_pv_report_shows_the_previous_cap_questionnaire_and_survey_in_english(pv_doc, tmp_path):
    out = tmp_path / "pv.pdf"
    build_report(pv_doc, out, lang="en")
    text = " ".join(pdf_text(out).split())
    assert "The visit: Progress Visit (PV)" in text
    assert "The previous CAP, verified item by item" in text
    assert "Closed with evidence" in text and "Signed copies seen for 20 of 20 sampled" in text
    assert "Progress made" in text and "Not verified" in text and "2 of 3 items verified." in text
    assert "pv-questionnaire-demo.csv" in text and "Plan peak overtime with the written request form" in text
    assert "6 of 14 workers surveyed" in text
    assert "Wang shouts" not in text  # a worker's words are confidential, never in the report
    assert "not answered yet are left out" not in text  # the PV covers its carried checkpoints only
    assert "does not change unless a Zero Tolerance issue" in text


def test_the_pv_report_and_updated_cap_in_chinese_and_both(pv_doc, tmp_path):
    zh = tmp_path / "pv-zh.pdf"
    build_report(pv_doc, zh, lang="zh")
    text = "".join(pdf_text(zh).split())
    for words in ("本次访问", "逐项核实上次纠正措施计划", "有证据关闭", "已有进展", "工厂的访问前问卷", "工人问卷调查",
                  "已调查6名工人，应调查14名"):
        assert words in text, words
    assert "The previous CAP" not in text
    cap = tmp_path / "cap.pdf"
    build_cap(pv_doc, cap)  # the updated CAP, in both languages by default
    cap_text = " ".join(pdf_text(cap).split())
    assert "Signed copies seen for 20 of 20 sampled" in cap_text and "纠正措施计划" in cap_text


def test_an_audit_that_is_not_a_visit_has_no_visit_section(demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    doc["audit"].update(audit_type="ICA", follows_id=None)  # a first certification audit
    out = tmp_path / "ica.pdf"
    build_report(doc, out, lang="en")
    assert "The visit:" not in pdf_text(out)
