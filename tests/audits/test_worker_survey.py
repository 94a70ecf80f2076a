"""A Progress Visit surveys 10-15 workers by factory size, anonymously, with a summary of answers; it
answers only the carried checkpoints; finalize waits for every previous CAP item and the survey."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from auditor_app.audits import InvalidChange, add_finding, create_audit, record_draw, start_follow_up
from auditor_app.audits.completeness import check_document
from auditor_app.audits.verification import carried_items, verify_carried
from auditor_app.checklist.visit_scope import checkpoints_in_scope
from auditor_app.audits.worker_survey import (
    record_survey_response,
    remove_survey_response,
    responses,
    survey_summary,
    survey_target,
    target_for,
    target_of_document,
    update_survey_response,
)
from auditor_app.checklist.loader import load_checklist
from auditor_app.confidential.markers import is_marker
from auditor_app.checklist.worker_survey import load_worker_survey
from auditor_app.package.document import audit_document
from auditor_app.store.models import CapItem

FACTORY = {"name": "Shantou Happy Toys Co., Ltd.", "headcount_male": 80, "headcount_female": 120}
TEAM = [{"name": "Li Wei", "role": "lead auditor"}]


@pytest.fixture
def pv(store):
    with store.transaction() as s:
        audit = create_audit(s, audit_type="ICA", factory=FACTORY, team=TEAM)
        exits = add_finding(s, audit.id, "9.2.2", description="Rear exit locked", grade="critical")
        s.flush()
        cap = s.scalars(select(CapItem).where(CapItem.finding_id == exits.id)).one()
        cap.root_cause, cap.corrective_action = "No owner", "Remove the chain"
        cap.responsible_person, cap.due_date = "Zhang Jianguo", date(2026, 1, 10)
        previous = audit.id
    with store.transaction() as s:
        return start_follow_up(s, previous, audit_type="PV", planned_start=date(2026, 3, 2)).id


def test_the_target_follows_the_factory_size_from_sampling_yaml():
    assert survey_target(60, "PV") == 10
    assert survey_target(200, "PV") == 12
    assert survey_target(800, "PV") == 14
    assert survey_target(5000, "PV") == 15
    assert survey_target(200, "FU") == 0 and survey_target(200, "ICA") == 0


def test_the_document_and_the_store_agree_on_the_target(store, pv):
    """The completeness check and the visit report count from the document; the page from the rows."""
    with store.session() as s:
        assert target_of_document(audit_document(s, pv)) == target_for(s, pv) == 12  # 200 workers


def test_responses_are_anonymous_checked_and_summarized(store, pv):
    with store.transaction() as s:
        first = record_survey_response(s, pv, {"paid_on_time": "yes", "weekly_hours": "over_60"},
                                       comment="Peak season was hard")
        record_survey_response(s, pv, {"paid_on_time": "no", "weekly_hours": "up_to_60", "fees_or_deposit": "yes"})
    with store.transaction() as s, pytest.raises(InvalidChange, match="not an answer"):
        record_survey_response(s, pv, {"paid_on_time": "maybe"})
    with store.transaction() as s, pytest.raises(InvalidChange, match="no question"):
        record_survey_response(s, pv, {"favourite_colour": "yes"})
    with store.transaction() as s, pytest.raises(InvalidChange, match="at least one answer"):
        record_survey_response(s, pv, {"paid_on_time": ""})
    with store.transaction() as s, pytest.raises(InvalidChange, match="no drawn worker"):
        record_survey_response(s, pv, {"paid_on_time": "yes"}, code="W-99")
    with store.session() as s:
        assert [r.code for r in responses(s, pv)] == ["S-01", "S-02"]
        summary = survey_summary(s, pv)
    assert (summary.target, summary.surveyed) == (12, 2)
    by_id = {q.question_id: q for q in summary.questions}
    assert by_id["paid_on_time"].counts == {"yes": 1, "no": 1, "unsure": 0}
    assert by_id["paid_on_time"].concerns == 1 and by_id["weekly_hours"].concerns == 1
    assert by_id["fees_or_deposit"].concerns == 1 and by_id["rest_day"].answered == 0
    assert {q.question_id for q in summary.concerns} == {"paid_on_time", "weekly_hours", "fees_or_deposit"}
    with store.session() as s:  # the worker's words are sealed in the database, shown to the app
        raw = s.execute(text("SELECT comment FROM survey_response WHERE id = :id"), {"id": first}).scalar_one()
        assert is_marker(raw) and "Peak" not in raw
        assert responses(s, pv)[0].comment == "Peak season was hard"
    with store.transaction() as s:
        update_survey_response(s, first, answers={"paid_on_time": "yes", "weekly_hours": "up_to_44"})
    with store.transaction() as s:
        kept = remove_survey_response(s, first)
    assert kept["code"] == "S-01" and kept["comment"] == "Peak season was hard"
    with store.transaction() as s:
        assert record_survey_response(s, pv, {"rest_day": "no"})  # the next floor code follows the highest
    with store.session() as s:
        assert [r.code for r in responses(s, pv)] == ["S-02", "S-03"]


def test_a_drawn_worker_who_answered_the_survey_is_not_owed_an_interview(store, pv):
    with store.transaction() as s:
        record_draw(s, pv, seed=7, size=2, roster_sha256="0" * 64, roster_workers=200, plan={}, age_flags=[],
                    drawn=[{"code": "W-01", "stratum": {"department": "Sewing"}},
                           {"code": "W-02", "stratum": {"department": "Packing"}}])
    with store.transaction() as s:
        record_survey_response(s, pv, {"paid_on_time": "yes"}, code="W-01")
    with store.transaction() as s, pytest.raises(InvalidChange, match="already answered"):
        record_survey_response(s, pv, {"paid_on_time": "yes"}, code="W-01")
    with store.session() as s:
        keys = [g.key for g in check_document(audit_document(s, pv)).open]
        interview_gaps = [k for k in keys if k.startswith("interview:")]
    assert len(interview_gaps) == 1  # W-02 only


def test_a_progress_visit_answers_only_the_carried_checkpoints_and_waits_for_its_verifications(store, pv):
    checklist = load_checklist("4.0")
    assert [cp.id for cp in checkpoints_in_scope(checklist, "PV", {"9.2.2"}, set())] == ["9.2.2"]
    assert len(checkpoints_in_scope(checklist, "SA", {"9.2.2"}, set())) == len(checklist.for_audit_type("SA"))
    with store.session() as s:
        result = check_document(audit_document(s, pv))
    assert (result.applicable, result.answered) == (1, 1)
    keys = {g.key: g for g in result.open}
    assert not [k for k in keys if k.startswith("checkpoint:")]  # the rest of the checklist is out of scope
    previous = [g for k, g in keys.items() if k.startswith("previous_cap:")]
    assert len(previous) == 1 and not previous[0].closable and "9.2.2" in previous[0].text
    assert "未核实" in previous[0].render("zh")
    assert keys["worker_survey"].text == "Worker survey: 0 of 12 workers surveyed"
    with store.transaction() as s:
        verify_carried(s, carried_items(s, pv)[0].cap.id, "closed", "Exit open, chain gone")
        for _ in range(12):
            record_survey_response(s, pv, {"paid_on_time": "yes"})
    with store.session() as s:
        keys2 = {g.key for g in check_document(audit_document(s, pv)).open}
    assert not {k for k in keys2 if k.startswith("previous_cap:") or k == "worker_survey"}


def test_the_survey_file_is_checked_on_load(tmp_path):
    from auditor_app.resources import RulesFileError, resources_dir

    text = (resources_dir() / "rules/worker-survey.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "survey.yaml"
    bad.write_text(text.replace("concern: [over_60]", "concern: [never]"), encoding="utf-8")
    with pytest.raises(RulesFileError, match="unknown option"):
        load_worker_survey(str(bad))
    bad.write_text(text.replace('zh: "您是否每七天至少休息一天？"', 'zh: ""'), encoding="utf-8")
    with pytest.raises(RulesFileError):
        load_worker_survey(str(bad))
    survey = load_worker_survey()
    assert all(q.zh and q.en for q in survey.questions) and len(survey.questions) >= 8


def test_a_visit_without_a_survey_refuses_responses(store):
    with store.transaction() as s:
        audit = create_audit(s, audit_type="ICA", factory=FACTORY, team=TEAM)
    with store.transaction() as s, pytest.raises(InvalidChange, match="no worker survey"):
        record_survey_response(s, audit.id, {"paid_on_time": "yes"})
