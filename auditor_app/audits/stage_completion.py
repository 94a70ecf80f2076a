"""How far each stage of an audit is, as (done, total), for the stage rail.

The stage pages count from the rows they show (the same functions below); the rail asks this module
for the stages whose page has not been built yet, so an audit opens without building all seven pages
(pages are built the first time they are shown). One read session, a few statements."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditor_app.checklist.definition import Checklist
from auditor_app.checklist.visit_scope import checkpoints_in_scope
from auditor_app.store.models import (
    Answer,
    Audit,
    DocumentCheck,
    Evidence,
    Finding,
    Interview,
    Meeting,
    Signature,
    TourArea,
)
from auditor_app.store.vocab import CONSENTS, FORMS

SIGNING_ROLES = ("factory_manager", "auditor")  # who signs the CAP at the closing meeting


def opening_done(meeting: Meeting | None) -> tuple[int, int]:
    """Attendees count once the factory's side is there (the team is listed from the start), then each
    form signed, each consent given, the documents and the profile confirmed."""
    if meeting is None:
        return (0, 0)
    factory_side = any(p.get("side") != "audit" for p in meeting.attendees or [])
    done = [factory_side, *[bool((meeting.forms_signed or {}).get(k)) for k in FORMS],
            *[bool((meeting.consents or {}).get(k)) for k in CONSENTS], meeting.documents_confirmed,
            meeting.profile_confirmed]
    return (sum(done), len(done))


def tour_done(areas: Iterable[TourArea]) -> tuple[int, int]:
    areas = list(areas)
    return (sum(1 for a in areas if a.visited_at), len(areas))


def documents_done(checks: Iterable[DocumentCheck]) -> tuple[int, int]:
    checks = list(checks)
    return (sum(1 for c in checks if c.status != "requested"), len(checks))


def interviews_done(interviews: Iterable[Interview]) -> tuple[int, int]:
    interviews = list(interviews)
    return (sum(1 for iv in interviews if iv.conducted_at), len(interviews))


def checklist_done(checkpoint_ids: Iterable[str], answered: Iterable[str]) -> tuple[int, int]:
    ids, answered = list(checkpoint_ids), set(answered)
    return (sum(1 for cp in ids if cp in answered), len(ids))


def evidence_done(captions: Iterable[str]) -> tuple[int, int]:
    """Photos with a caption, of all photos (an uncaptioned photo says little in a report)."""
    captions = list(captions)
    return (sum(1 for c in captions if (c or "").strip()), len(captions))


def closing_done(frozen: bool, signed_roles: int) -> tuple[int, int]:
    """The CAP's signatures and the seal; a sealed audit's closing is done."""
    return (1, 1) if frozen else (signed_roles, len(SIGNING_ROLES) + 1)


def stage_completion(session: Session, audit_id: str, checklist: Checklist,
                     stages: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(done, total) of each of `stages`, read as the stage's page would count it."""
    out: dict[str, tuple[int, int]] = {}
    audit = session.get(Audit, audit_id)
    if audit is None:
        return out
    for stage in stages:
        if stage == "opening":
            out[stage] = opening_done(session.scalars(select(Meeting).where(
                Meeting.audit_id == audit_id, Meeting.kind == "opening")).first())
        elif stage == "tour":
            out[stage] = tour_done(session.scalars(select(TourArea).where(TourArea.audit_id == audit_id)))
        elif stage == "documents":
            out[stage] = documents_done(session.scalars(select(DocumentCheck).where(
                DocumentCheck.audit_id == audit_id)))
        elif stage == "interviews":
            out[stage] = interviews_done(session.scalars(select(Interview).where(Interview.audit_id == audit_id)))
        elif stage == "checklist":
            answered = set(session.scalars(select(Answer.checkpoint_id).where(Answer.audit_id == audit_id)))
            carried = set(session.scalars(select(Finding.checkpoint_id).where(
                Finding.audit_id == audit_id, Finding.carried_from_id.is_not(None), Finding.deleted_at.is_(None))))
            scope = checkpoints_in_scope(checklist, audit.audit_type, carried, answered)
            out[stage] = checklist_done((cp.id for cp in scope), answered)
        elif stage == "evidence":
            out[stage] = evidence_done(session.scalars(select(Evidence.caption).where(
                Evidence.audit_id == audit_id, Evidence.deleted_at.is_(None))))
        elif stage == "closing":
            signed = session.scalar(select(func.count()).select_from(Signature).where(
                Signature.audit_id == audit_id)) or 0
            out[stage] = closing_done(audit.state != "draft", signed)
    return out
