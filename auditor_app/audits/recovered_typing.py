"""Bringing back what was being typed when the app stopped (see `store/drafts.py`).

Text typed into a table cell is put where it was going, through the same operation its editor would
have run. Editors that need the auditor's decision (an NC not yet saved, a New audit not yet
created) are reopened by the window instead (`APPLIED_BY_THE_WINDOW`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditor_app.audits.closing import update_cap_item
from auditor_app.audits.interviews import update_interview
from auditor_app.audits.meetings import update_meeting
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import message
from auditor_app.audits.questionnaire import advise_on_question
from auditor_app.audits.worker_survey import record_survey_response, update_survey_response

CAP_CELL, ATTENDEES, INTERVIEW, PV_ADVICE = "cap_cell", "attendees", "interview", "pv_advice"
SURVEY_FORM = "survey_form"
NC_EDITOR, NEW_AUDIT, SIGNATURE = "nc_editor", "new_audit", "signature"
APPLIED_HERE = frozenset({CAP_CELL, ATTENDEES, INTERVIEW, PV_ADVICE, SURVEY_FORM})
APPLIED_BY_THE_WINDOW = frozenset({NC_EDITOR, NEW_AUDIT, SIGNATURE})


@operation
def apply_typed_draft(session: Session, kind: str, values: dict) -> None:
    """Store a cell's unsaved text as its editor would have."""
    if kind == CAP_CELL:
        update_cap_item(session, values["cap_id"], values["field"], values["text"])
    elif kind == ATTENDEES:
        update_meeting(session, values["meeting_id"], attendees=values["rows"])
    elif kind == INTERVIEW:
        update_interview(session, values["interview_id"], **values["form"])
    elif kind == PV_ADVICE:
        advise_on_question(session, values["answer_id"], values["text"])
    elif kind == SURVEY_FORM:  # a worker's answers filled in but not saved: saved as the form would have
        if values.get("response_id"):
            update_survey_response(session, values["response_id"], values["answers"], values["comment"])
        else:
            record_survey_response(session, values["audit_id"], values["answers"], values["comment"], values["code"])
    else:
        raise InvalidChange(message("refusal.draft_kind", kind=kind))
