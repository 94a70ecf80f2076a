"""Answering checkpoints and recording non-compliances with their CAP items."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.checklist.cap_policy import due_date
from auditor_app.checklist.grades import grade_keys
from auditor_app.checklist.loader import load_checklist
from auditor_app.store.models import Answer, Audit, CapItem, Finding, FindingInterview, Interview
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import ANSWERS


def _checkpoint(session: Session, audit_id: str, checkpoint_id: str):
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise LookupError(f"no audit with id {audit_id}")
    return audit, load_checklist(audit.checklist_version).checkpoint(checkpoint_id)


def set_answer(session: Session, audit_id: str, checkpoint_id: str, answer: str, note: str = "") -> Answer:
    if answer not in ANSWERS:
        raise ValueError(f"answer must be one of {', '.join(ANSWERS)}, not {answer!r}")
    _checkpoint(session, audit_id, checkpoint_id)
    row = session.scalars(select(Answer).where(
        Answer.audit_id == audit_id, Answer.checkpoint_id == checkpoint_id)).one_or_none()
    if row is None:
        row = Answer(audit_id=audit_id, checkpoint_id=checkpoint_id, answer=answer, note=note)
        session.add(row)
    else:
        row.answer, row.note = answer, note
    session.flush()
    return row


def add_finding(session: Session, audit_id: str, checkpoint_id: str, **fields) -> Finding:
    """Record an NC; the grade follows the checklist (conditional grade included) unless given."""
    audit, checkpoint = _checkpoint(session, audit_id, checkpoint_id)
    grade = fields.pop("grade", None) or checkpoint.grade_for(
        transparent=fields.get("transparent", False), isolated=not fields.get("systemic", False))
    if grade not in grade_keys():
        raise ValueError(f"unknown grade {grade!r}; known: {', '.join(grade_keys())}")
    if "record_inconsistency" not in fields:
        fields["record_inconsistency"] = "record_inconsistency" in checkpoint.tags
    finding = Finding(audit_id=audit_id, checkpoint_id=checkpoint_id, grade=grade, **fields)
    session.add(finding)
    session.flush()
    closing = audit.actual_end or audit.actual_start or date.today()
    session.add(CapItem(audit_id=audit_id, finding_id=finding.id, due_date=due_date(grade, closing)))
    if session.scalars(select(Answer).where(Answer.audit_id == audit_id,
                                            Answer.checkpoint_id == checkpoint_id)).one_or_none() is None:
        session.add(Answer(audit_id=audit_id, checkpoint_id=checkpoint_id, answer="nc"))
    session.flush()
    return finding


def change_grade(session: Session, finding_id: str, grade: str) -> Finding:
    """A new grade also moves the CAP due date, which depends on it."""
    finding = session.get(Finding, finding_id)
    if grade not in grade_keys():
        raise ValueError(f"unknown grade {grade!r}; known: {', '.join(grade_keys())}")
    finding.grade = grade
    if finding.cap is not None:
        audit = session.get(Audit, finding.audit_id)
        finding.cap.due_date = due_date(grade, audit.actual_end or audit.actual_start or date.today())
    session.flush()
    return finding


def delete_finding(session: Session, finding_id: str) -> None:
    """Soft delete: the finding leaves lists and reports but can be restored (undo)."""
    session.get(Finding, finding_id).deleted_at = utcnow()
    session.flush()


def restore_finding(session: Session, finding_id: str) -> None:
    session.get(Finding, finding_id).deleted_at = None
    session.flush()


def cite_interviews(session: Session, finding_id: str, interview_ids) -> None:
    """Make the interviews cited as evidence of a finding exactly `interview_ids` (link, unlink).

    Only the link is stored; reports cite an interview by code and kind, never its notes."""
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise LookupError(f"no finding with id {finding_id}")
    wanted = set(interview_ids)
    if wanted:
        known = set(session.scalars(select(Interview.id).where(
            Interview.audit_id == finding.audit_id, Interview.id.in_(wanted))))
        strangers = sorted(wanted - known)
        if strangers:
            raise ValueError(f"NC {finding.checkpoint_id} can only cite interviews of its own audit; "
                             f"not in this audit: {', '.join(strangers)}")
    linked = {link.interview_id: link for link in session.scalars(
        select(FindingInterview).where(FindingInterview.finding_id == finding_id))}
    for interview_id in sorted(wanted - set(linked)):
        session.add(FindingInterview(audit_id=finding.audit_id, finding_id=finding_id,
                                     interview_id=interview_id))
    for interview_id in set(linked) - wanted:
        session.delete(linked[interview_id])
    session.flush()


def live_findings(session: Session, audit_id: str) -> list[Finding]:
    return list(session.scalars(select(Finding).where(
        Finding.audit_id == audit_id, Finding.deleted_at.is_(None)).order_by(Finding.created_at)))
