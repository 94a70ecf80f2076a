"""The review's words in the window's language: its states, and the names of the fields a revision diff
or a change history lists. The core (`auditor_app.review`) speaks English for the command line; the
window shows these instead, keyed by the codes, never by the English text."""

from __future__ import annotations

from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, translate

_STATES = {
    None: QT_TRANSLATE_NOOP("ReviewState", "not in review"),
    "received": QT_TRANSLATE_NOOP("ReviewState", "received for review"),
    "returned": QT_TRANSLATE_NOOP("ReviewState", "returned for rework"),
    "resubmitted": QT_TRANSLATE_NOOP("ReviewState", "resubmitted"),
    "approved": QT_TRANSLATE_NOOP("ReviewState", "approved for submission"),
    "submitted": QT_TRANSLATE_NOOP("ReviewState", "submitted to the program"),
}
# Colours of the review badge in the audit list, by state (code, not words).
STATE_COLOURS = {"received": "#1f6feb", "returned": "#cf222e", "resubmitted": "#8250df",
                 "approved": "#1a7f37", "submitted": "#9a6700"}

_FIELDS = {
    "checkpoint_id": QT_TRANSLATE_NOOP("ReviewField", "checkpoint"),
    "grade": QT_TRANSLATE_NOOP("ReviewField", "grade"),
    "description": QT_TRANSLATE_NOOP("ReviewField", "description"),
    "frequency": QT_TRANSLATE_NOOP("ReviewField", "frequency"),
    "workers_affected": QT_TRANSLATE_NOOP("ReviewField", "workers affected"),
    "systemic": QT_TRANSLATE_NOOP("ReviewField", "systemic"),
    "transparent": QT_TRANSLATE_NOOP("ReviewField", "transparent"),
    "record_inconsistency": QT_TRANSLATE_NOOP("ReviewField", "record inconsistency"),
    "status": QT_TRANSLATE_NOOP("ReviewField", "status"),
    "raised_reason": QT_TRANSLATE_NOOP("ReviewField", "reason for the raised grade"),
    "root_cause": QT_TRANSLATE_NOOP("ReviewField", "root cause"),
    "corrective_action": QT_TRANSLATE_NOOP("ReviewField", "corrective action"),
    "preventive_action": QT_TRANSLATE_NOOP("ReviewField", "preventive action"),
    "responsible_person": QT_TRANSLATE_NOOP("ReviewField", "responsible person"),
    "due_date": QT_TRANSLATE_NOOP("ReviewField", "due date"),
    "factory_position": QT_TRANSLATE_NOOP("ReviewField", "factory position"),
    "factory_comment": QT_TRANSLATE_NOOP("ReviewField", "factory comment"),
    "verification_method": QT_TRANSLATE_NOOP("ReviewField", "verification method"),
    "auditor_verification": QT_TRANSLATE_NOOP("ReviewField", "auditor verification"),
    "verification_result": QT_TRANSLATE_NOOP("ReviewField", "verification result"),
    "headcount_male": QT_TRANSLATE_NOOP("ReviewField", "headcount male"),
    "headcount_female": QT_TRANSLATE_NOOP("ReviewField", "headcount female"),
    "address": QT_TRANSLATE_NOOP("ReviewField", "address"),
    "notes": QT_TRANSLATE_NOOP("ReviewField", "notes"),
}


def review_state_label(state: str | None) -> str:
    return translate("ReviewState", _STATES[state]) if state in _STATES else str(state)


def field_name(field: str) -> str:
    """A field's name for a person: translated when known, else its code with spaces."""
    return translate("ReviewField", _FIELDS[field]) if field in _FIELDS else field.replace("_", " ")
