"""Answering checkpoints: Yes, N/A or NC; answering Yes or N/A over an NC removes it (undoable)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.closing import cap_changed
from auditor_app.audits.verification import refuse_if_carried
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import lists_joined, message, prepares
from auditor_app.checklist.loader import ChecklistError, load_checklist
from auditor_app.store.models import Answer, Audit, Finding
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import ANSWERS


for _id in ("refusal.answer.value",):  # lists of codes, joined in the language
    prepares(_id)(lists_joined)


def checkpoint_of(session: Session, audit_id: str, checkpoint_id: str):
    """(audit, checkpoint) for a checkpoint of the audit's own checklist edition."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    try:
        return audit, load_checklist(audit.checklist_version).checkpoint(checkpoint_id)
    except (KeyError, ChecklistError):
        raise InvalidChange(message("refusal.answer.no_checkpoint", version=audit.checklist_version,
                                    checkpoint=checkpoint_id)) from None


@operation
def set_answer(session: Session, audit_id: str, checkpoint_id: str, answer: str, note: str = "") -> Answer:
    if answer not in ANSWERS:
        raise InvalidChange(message("refusal.answer.value", answers=list(ANSWERS), answer=answer))
    checkpoint_of(session, audit_id, checkpoint_id)
    row = session.scalars(select(Answer).where(
        Answer.audit_id == audit_id, Answer.checkpoint_id == checkpoint_id)).one_or_none()
    if row is None:
        row = Answer(audit_id=audit_id, checkpoint_id=checkpoint_id, answer=answer, note=note)
        session.add(row)
    else:
        row.answer, row.note = answer, note
    session.flush()
    return row


def live_findings_of(session: Session, audit_id: str, checkpoint_id: str) -> list[Finding]:
    return list(session.scalars(select(Finding).where(
        Finding.audit_id == audit_id, Finding.checkpoint_id == checkpoint_id, Finding.deleted_at.is_(None))))


@operation
def answer_checkpoint(session: Session, audit_id: str, checkpoint_id: str, answer: str) -> list[str]:
    """Yes or N/A: the checkpoint's live NCs are removed (soft delete), so the answer and the NCs
    never disagree. Returns the ids removed, for undo (`restore_nc_answer`)."""
    if answer == "nc":
        raise InvalidChange(message("refusal.answer.nc"))
    removed = live_findings_of(session, audit_id, checkpoint_id)
    refuse_if_carried(removed, "answer_yes" if answer == "yes" else "answer_na")
    for finding in removed:
        finding.deleted_at = utcnow()
    set_answer(session, audit_id, checkpoint_id, answer)
    cap_changed(session, audit_id)
    return [f.id for f in removed]


@operation
def restore_nc_answer(session: Session, audit_id: str, checkpoint_id: str, finding_ids: list[str]) -> None:
    """Undo `answer_checkpoint`: the NCs come back and the answer is NC again."""
    for finding_id in finding_ids:
        finding = session.get(Finding, finding_id)
        if finding is None or finding.audit_id != audit_id:
            raise InvalidChange(message("refusal.answer.nc_missing"))
        finding.deleted_at = None
    set_answer(session, audit_id, checkpoint_id, "nc")
    cap_changed(session, audit_id)


@operation
def clear_answer(session: Session, audit_id: str, checkpoint_id: str) -> str | None:
    """Back to unanswered (a key pressed by mistake); returns the answer it had, for undo.

    Refused while the checkpoint has NCs: their answer is NC until they are deleted."""
    checkpoint_of(session, audit_id, checkpoint_id)
    if live_findings_of(session, audit_id, checkpoint_id):
        raise InvalidChange(message("refusal.answer.has_ncs", checkpoint=checkpoint_id))
    row = session.scalars(select(Answer).where(
        Answer.audit_id == audit_id, Answer.checkpoint_id == checkpoint_id)).one_or_none()
    if row is None:
        return None
    previous = row.answer
    session.delete(row)
    session.flush()
    return previous
