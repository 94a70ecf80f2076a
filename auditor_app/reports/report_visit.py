"""What a visit started from a previous audit adds to the report (visit-types.yaml): the previous CAP
verified item by item (result and what was seen), and for a Progress Visit the factory's pre-visit
questionnaire with the advice given and the worker survey's summary. Survey comments are confidential
and never printed; respondents are counted, not named."""

from __future__ import annotations

from datetime import date
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from auditor_app.audits.worker_survey import QuestionSummary, summarize, target_of_document
from auditor_app.checklist.pv_questionnaire import load_pv_questionnaire
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.checklist.worker_survey import WorkerSurvey, load_worker_survey
from auditor_app.reports.styles import grid, para
from auditor_app.reports.wording import ENGLISH, Wording

RESULTS = ("closed", "progress", "open", "unverifiable")  # report.visit.result.<key>


def _live(doc: dict) -> list[dict]:
    return [f for f in doc.get("finding") or [] if not f.get("deleted_at")]


def _visit_day(doc: dict) -> date | None:
    audit = doc["audit"]
    day = audit.get("actual_start") or audit.get("planned_start")
    return date.fromisoformat(str(day)[:10]) if day else None


def _previous_cap(doc: dict, width: float, w: Wording) -> list:
    carried = {f["id"]: f for f in _live(doc) if f.get("carried_from_id")}
    caps = sorted((c for c in doc.get("cap_item") or [] if c.get("finding_id") in carried),
                  key=lambda c: carried[c["finding_id"]].get("checkpoint_id") or "")
    story: list = [para(w("report.visit.previous_cap"), "h2"), para(w("report.visit.previous_cap_intro"), "muted")]
    if not caps:
        return story + [para(w("report.visit.none_carried"), "muted")]
    day = _visit_day(doc)
    rows = []
    for n, cap in enumerate(caps, start=1):
        f = carried[cap["finding_id"]]
        due = str(cap.get("due_date") or "")[:10]
        overdue = bool(due and day and date.fromisoformat(due) < day and cap.get("verification_result") != "closed")
        result = cap.get("verification_result")
        rows.append([str(n), f"{f.get('checkpoint_id', '')}\n{w.grade(f.get('grade') or '')}",
                     f.get("description") or "", cap.get("corrective_action") or "",
                     due + ("\n" + w("report.visit.overdue") if overdue else ""),
                     w(f"report.visit.result.{result}") if result in RESULTS else w("report.visit.not_verified"),
                     cap.get("auditor_verification") or ""])
    head = [w("report.visit.col.n"), w("report.visit.col.checkpoint"), w("report.visit.col.finding"),
            w("report.visit.col.action"), w("report.visit.col.due"), w("report.visit.col.result"),
            w("report.visit.col.seen")]
    widths = [8 * mm, 24 * mm, None, None, 22 * mm, 26 * mm, None]
    free = (width - sum(x for x in widths if x)) / sum(1 for x in widths if x is None)
    story.append(grid(head, rows, [x if x else free for x in widths]))
    done = sum(1 for c in caps if c.get("verification_result"))
    story.append(para(w("report.visit.verified_count", done=done, total=len(caps)), "muted"))
    return story


def _questionnaire(doc: dict, width: float, w: Wording) -> list:
    rows = sorted(doc.get("questionnaire_answer") or [], key=lambda r: r.get("question_id") or "")
    story: list = [para(w("report.visit.questionnaire"), "h2")]
    if not rows:
        return story + [para(w("report.visit.questionnaire_none"), "muted")]
    words = load_pv_questionnaire()
    source = next((r.get("source") or {} for r in rows if (r.get("source") or {}).get("name")), {})
    if source:
        story.append(para(w("report.visit.questionnaire_from", file=source["name"],
                            sha=str(source.get("sha256", ""))[:16]), "muted"))
    body = []
    for r in rows:
        known = words.question(r.get("question_id") or "")
        question = w.pick(known.text) if known else (r.get("question") or "")
        body.append([f"{r.get('question_id', '')}  {question}", r.get("answer") or "—", r.get("advice") or ""])
    story.append(grid([w("report.visit.col.question"), w("report.visit.col.answer"), w("report.visit.col.advice")],
                      body, [width * 0.36, width * 0.34, width * 0.30]))
    return story


def _counts(survey: WorkerSurvey, counted: QuestionSummary, lang: str) -> str:
    return ", ".join(f"{survey.option_text(o, lang)} {n}" for o, n in counted.counts.items() if n)


def _survey(doc: dict, width: float, w: Wording) -> list:
    survey = load_worker_survey()
    target = target_of_document(doc)
    summary = summarize([r.get("answers") or {} for r in doc.get("survey_response") or []], target, survey)
    story: list = [para(w("report.visit.survey"), "h2"),
                   para(w("report.visit.survey_count", done=summary.surveyed, target=target), "body")]
    rows = []
    for q, counted in zip(survey.questions, summary.questions):
        counts = w.pick(partial(_counts, survey, counted)) if counted.answered else "—"
        rows.append([w.pick(q.text), counts, str(counted.concerns) if counted.concerns else ""])
    story.append(grid([w("report.visit.col.question"), w("report.visit.col.answers"), w("report.visit.col.concerns")],
                      rows, [width * 0.50, width * 0.38, width * 0.12]))
    if summary.concerns:
        story.append(para(w("report.visit.survey_concerns", n=len(summary.concerns)), "muted"))
    return story


def visit_story(doc: dict, width: float, w: Wording = ENGLISH) -> list:
    """The visit's own section, or nothing for an audit not started from a previous one."""
    kind = load_visit_types().get(doc["audit"]["audit_type"])
    if kind is None or not doc["audit"].get("follows_id"):
        return []
    code = doc["audit"]["audit_type"]
    story: list = [para(w("report.visit.heading", type=lambda lang: Wording(lang).audit_type(code)), "h1")]
    if kind.verifies_previous_cap:
        story += _previous_cap(doc, width, w) + [Spacer(1, 4 * mm)]
    if kind.questionnaire:
        story += _questionnaire(doc, width, w) + [Spacer(1, 4 * mm)]
    if kind.worker_survey:
        story += _survey(doc, width, w)
    return story
