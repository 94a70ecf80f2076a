"""The opening and closing meetings, and the factory profile re-confirmed at the opening."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.closing import cap_changed
from auditor_app.audits.deadlines import clock_start_for
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, lists_joined, message, prepares
from auditor_app.checklist.cap_policy import finding_due_date
from auditor_app.checklist.loader import load_checklist
from auditor_app.store.models import Audit, CapItem, FactoryProfile, Finding, Meeting
from auditor_app.store.rows import columns
from auditor_app.store.types import format_utc, utcnow
from auditor_app.store.vocab import CLOSING_POSITIONS, CONSENTS, FORMS

MEETING_FIELDS = {"attendees", "notes", "documents_confirmed", "profile_confirmed", "held_at",
                  # the closing meeting's record
                  "factory_position", "disagreements", "zt_notice_to", "zt_notice_at"}
NOTICE_FIELDS = {"zt_notice_to", "zt_notice_at"}
SIDES = ("factory", "audit")
PROFILE_FIELDS = {c.key for c in columns(FactoryProfile)} - {"id", "audit_id", "created_at", "updated_at"}
_COUNT_FIELDS = {"headcount_male", "headcount_female", "headcount_migrant", "headcount_young", "shifts"}


# Lists of codes, joined in the language.
for _id in ("refusal.meeting.fields", "refusal.meeting.position", "refusal.meeting.form", "refusal.meeting.consent"):
    prepares(_id)(lists_joined)


@prepares("refusal.meeting.moment")
def _moment_field(p, w: Words) -> dict:
    return {"field": w.t(f"refusal.meeting.field.{p['field']}")}


@prepares("refusal.factory.count")
def _count_field(p, w: Words) -> dict:
    return {"field": w.t(f"refusal.factory.field.{p['field']}")}


def _meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidChange(message("refusal.meeting.missing"))
    return meeting


def meeting_of(session: Session, audit_id: str, kind: str) -> Meeting:
    return session.scalars(select(Meeting).where(Meeting.audit_id == audit_id, Meeting.kind == kind)).one()


def _clean_attendees(attendees: list[dict]) -> list[dict]:
    out = []
    for person in attendees:
        name, title = str(person.get("name", "")).strip(), str(person.get("title", "")).strip()
        side = person.get("side", "factory")
        if side not in SIDES:
            raise InvalidChange(message("refusal.meeting.side", side=side))
        if name or title:
            out.append({"name": name, "title": title, "side": side})
    return out


def _held(meeting: Meeting) -> None:
    if meeting.held_at is None:  # the first thing recorded of a meeting dates it
        meeting.held_at = utcnow()


@operation
def update_meeting(session: Session, meeting_id: str, **fields) -> None:
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise InvalidChange(message("refusal.meeting.fields", fields=sorted(unknown)))
    if fields.get("factory_position", "") not in ("", *CLOSING_POSITIONS):
        raise InvalidChange(message("refusal.meeting.position", positions=list(CLOSING_POSITIONS)))
    for key in ("held_at", "zt_notice_at"):
        if fields.get(key) is not None and not isinstance(fields[key], datetime):
            raise InvalidChange(message("refusal.meeting.moment", field=key))
    meeting = _meeting(session, meeting_id)
    if "attendees" in fields:
        fields["attendees"] = _clean_attendees(fields["attendees"])
    clock_before = clock_start_for(session, meeting.audit_id) if meeting.kind == "closing" else None
    for key, value in fields.items():
        setattr(meeting, key, value)
    if set(fields) - NOTICE_FIELDS:  # the notice to the program often comes before the meeting: it dates nothing
        _held(meeting)
    if clock_before is not None:
        session.flush()
        move_cap_deadlines(session, meeting.audit_id, clock_before, clock_start_for(session, meeting.audit_id))
        cap_changed(session, meeting.audit_id)


@operation
def sign_form(session: Session, meeting_id: str, form: str, signed: bool, at: datetime | None = None) -> None:
    """Tick (with the time) or untick one of the forms signed at the opening meeting."""
    if form not in FORMS:
        raise InvalidChange(message("refusal.meeting.form", form=form, forms=list(FORMS)))
    meeting = _meeting(session, meeting_id)
    forms = dict(meeting.forms_signed or {})
    if signed:
        forms[form] = format_utc(at or utcnow())
    else:
        forms.pop(form, None)
    meeting.forms_signed = forms
    _held(meeting)


@operation
def set_consent(session: Session, meeting_id: str, consent: str, given: bool) -> None:
    if consent not in CONSENTS:
        raise InvalidChange(message("refusal.meeting.consent", consent=consent, consents=list(CONSENTS)))
    meeting = _meeting(session, meeting_id)
    meeting.consents = {**(meeting.consents or {}), consent: bool(given)}


@operation
def update_profile(session: Session, audit_id: str, field: str, value) -> None:
    """Correct one field of the factory profile as re-confirmed at the opening (logged like any edit)."""
    if field not in PROFILE_FIELDS:
        raise InvalidChange(message("refusal.factory.field", field=field))
    if field == "name" and not str(value).strip():
        raise InvalidChange(message("refusal.factory.name"), message("refusal.factory.name.hint"))
    if field in _COUNT_FIELDS and (not isinstance(value, int) or value < 0):
        raise InvalidChange(message("refusal.factory.count", field=field))
    if field == "country" and (len(str(value)) != 2 or not str(value).isalpha()):
        raise InvalidChange(message("refusal.factory.country"))
    if session.get(Audit, audit_id) is None:
        raise InvalidChange(message("refusal.no_audit"))
    profile = session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id)).one()
    setattr(profile, field, value.upper() if field == "country" else value)


def move_cap_deadlines(session: Session, audit_id: str, before: date, after: date) -> None:
    """CAP deadlines count from the closing meeting: when its day moves, so do the due dates that
    still follow the policy (a date agreed by hand with the factory stays)."""
    if before == after:
        return
    audit = session.get(Audit, audit_id)
    assert audit is not None
    checklist = load_checklist(audit.checklist_version)
    rows = session.execute(select(CapItem, Finding.grade, Finding.checkpoint_id)
                           .join(Finding, Finding.id == CapItem.finding_id).where(
                               CapItem.audit_id == audit_id,
                               Finding.carried_from_id.is_(None))).all()  # a previous CAP keeps its dates
    for cap, grade, checkpoint_id in rows:
        due = checklist.checkpoint(checkpoint_id).due if checkpoint_id in checklist else None
        if cap.due_date is None or cap.due_date == finding_due_date(grade, before, due):
            cap.due_date = finding_due_date(grade, after, due)
