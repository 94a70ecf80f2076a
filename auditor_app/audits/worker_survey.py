"""The worker survey of a Progress Visit: 10-15 workers by factory size (sampling.yaml's PV bands), each
answering the short closed questions of worker-survey.yaml anonymously, and a summary of the answers
for the closing meeting and the report.

A respondent is named by a code only: a drawn worker's interview code (the auditor picks workers at
random with the draw, never management) or "S-01", "S-02" ... for a worker chosen on the floor. A
drawn worker who answered the survey is not also owed an interview (completeness)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.checklist.sampling import plan_audit
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.checklist.worker_survey import WorkerSurvey, load_worker_survey
from auditor_app.store.models import Audit, FactoryProfile, Interview, SurveyResponse
from auditor_app.store.types import utcnow

FLOOR_CODE = re.compile(r"^S-(\d+)$")


@prepares("refusal.survey.no_survey")
def _no_survey(p, w: Words) -> dict:
    # The English has always named the visit by its code; a Chinese reader gets the visit's name.
    return {"audit_type": w.audit_type(p["audit_type"]) if w.lang == "zh" else p["audit_type"]}


@prepares("refusal.survey.not_an_option")
def _not_an_option(p, w: Words) -> dict:
    return {"option": p["option"], "question": load_worker_survey().question(p["question"]).text(w.lang),
            "options": w.join(p["options"])}


def has_survey(audit_type: str) -> bool:
    kind = load_visit_types().get(audit_type)
    return bool(kind and kind.worker_survey)


def survey_target(headcount: int, audit_type: str) -> int:
    """How many workers this visit surveys (0 for a visit without a survey)."""
    if not has_survey(audit_type):
        return 0
    return plan_audit(max(headcount, 1), audit_type=audit_type).individual_interviews


def target_of_document(doc: Mapping[str, Any]) -> int:
    """The survey target of an audit document (a package's, or one read from the store), as `target_for`
    computes it from the rows: the completeness check and the visit report count against the same."""
    profile = doc.get("factory_profile") or {}
    headcount = int(profile.get("headcount_male") or 0) + int(profile.get("headcount_female") or 0)
    return survey_target(headcount, doc["audit"]["audit_type"])


def _audit(session: Session, audit_id: str) -> Audit:
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    if not has_survey(audit.audit_type):
        raise InvalidChange(message("refusal.survey.no_survey", audit_type=audit.audit_type))
    return audit


def target_for(session: Session, audit_id: str) -> int:
    audit = _audit(session, audit_id)
    profile = session.scalar(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id))
    return survey_target(profile.headcount if profile else 0, audit.audit_type)


def responses(session: Session, audit_id: str) -> list[SurveyResponse]:
    rows = session.scalars(select(SurveyResponse).where(SurveyResponse.audit_id == audit_id))
    return sorted(rows, key=lambda r: _code_order(r.code))


def _code_order(code: str) -> tuple[int, int, str]:
    floor = FLOOR_CODE.match(code)
    return (1, int(floor.group(1)), code) if floor else (0, 0, code)


def _checked_answers(survey: WorkerSurvey, answers: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for qid, option in answers.items():
        try:
            question = survey.question(str(qid))
        except KeyError:
            raise InvalidChange(message("refusal.survey.no_question", question=qid)) from None
        if option in (None, ""):
            continue
        if option not in question.options:
            raise InvalidChange(message("refusal.survey.not_an_option", option=option, question=question.id,
                                        options=list(question.options)))
        out[question.id] = str(option)
    if not out:
        raise InvalidChange(message("refusal.survey.no_answer"))
    return out


def next_floor_code(existing: list[str]) -> str:
    numbers = [int(m.group(1)) for c in existing if (m := FLOOR_CODE.match(c))]
    return f"S-{max(numbers, default=0) + 1:02d}"


@operation
def record_survey_response(session: Session, audit_id: str, answers: Mapping[str, Any], comment: str = "",
                           code: str | None = None) -> str:
    """A surveyed worker's answers; `code` is a drawn worker's interview code, or None for the next
    "S-nn". Returns the response's id."""
    _audit(session, audit_id)
    checked = _checked_answers(load_worker_survey(), answers)
    taken = [r.code for r in responses(session, audit_id)]
    if code is None:
        code = next_floor_code(taken)
    else:
        code = code.strip()
        drawn = session.scalar(select(Interview).where(Interview.audit_id == audit_id, Interview.code == code,
                                                       Interview.kind == "individual"))
        if drawn is None:
            raise InvalidChange(message("refusal.survey.not_drawn", code=code))
        if code in taken:
            raise InvalidChange(message("refusal.survey.answered", code=code))
    row = SurveyResponse(audit_id=audit_id, code=code, answers=checked, comment=comment.strip(),
                         surveyed_at=utcnow())
    session.add(row)
    session.flush()
    return row.id


@operation
def update_survey_response(session: Session, response_id: str, answers: Mapping[str, Any] | None = None,
                           comment: str | None = None) -> None:
    row = session.get(SurveyResponse, response_id)
    if row is None:
        raise InvalidChange(message("refusal.survey.no_response"))
    if answers is not None:
        row.answers = _checked_answers(load_worker_survey(), answers)
    if comment is not None:
        row.comment = comment.strip()
    session.flush()


@operation
def remove_survey_response(session: Session, response_id: str) -> dict:
    """Remove a response recorded by mistake; returns its columns so undo can put it back."""
    row = session.get(SurveyResponse, response_id)
    if row is None:
        raise InvalidChange(message("refusal.survey.no_response"))
    kept = {"audit_id": row.audit_id, "code": row.code, "answers": dict(row.answers), "comment": row.comment}
    session.delete(row)
    session.flush()
    return kept


# ---- the summary ----

@dataclass(frozen=True)
class QuestionSummary:
    question_id: str
    counts: dict[str, int]        # option -> how many answered it, in the question's option order
    answered: int
    concerns: int                 # answers the closing meeting should hear about


@dataclass(frozen=True)
class SurveySummary:
    target: int
    surveyed: int
    questions: tuple[QuestionSummary, ...]

    @property
    def concerns(self) -> tuple[QuestionSummary, ...]:
        return tuple(q for q in self.questions if q.concerns)


def summarize(answer_sets: list[Mapping[str, str]], target: int, survey: WorkerSurvey | None = None) -> SurveySummary:
    """Counts per question and option over the responses' answers (rows or a package's dicts)."""
    survey = survey or load_worker_survey()
    out = []
    for q in survey.questions:
        counts = {option: 0 for option in q.options}
        for answers in answer_sets:
            option = answers.get(q.id)
            if option in counts:
                counts[option] += 1
        out.append(QuestionSummary(q.id, counts, sum(counts.values()), sum(counts[c] for c in q.concern)))
    return SurveySummary(target, len(answer_sets), tuple(out))


def survey_summary(session: Session, audit_id: str) -> SurveySummary:
    return summarize([r.answers for r in responses(session, audit_id)], target_for(session, audit_id))
