"""Recording non-compliances (findings) with their CAP items, evidence photos and cited interviews."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.answers import checkpoint_of, set_answer
from auditor_app.audits.closing import cap_changed
from auditor_app.audits.deadlines import clock_start_for
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import lists_joined, message, prepares
from auditor_app.checklist.cap_policy import finding_due_date
from auditor_app.checklist.escalation import grade_problem
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.grades import grade_keys
from auditor_app.store.models import (
    Answer, Audit, CapItem, DocumentCheck, Evidence, Finding, FindingEvidence, FindingInterview, Interview, TourArea,
)
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import FINDING_STATUSES
from auditor_app.audits.verification import refuse_if_carried

# What the NC editor edits of a finding.
FINDING_FIELDS = ("grade", "description", "frequency", "workers_affected", "systemic", "transparent",
                  "record_inconsistency", "tour_area_id", "raised_reason", "document_check_id")


# Lists of codes, joined in the language.
for _id in ("refusal.nc.fields", "refusal.nc.status", "refusal.nc.interviews", "refusal.nc.grade"):
    prepares(_id)(lists_joined)


@operation
def add_finding(session: Session, audit_id: str, checkpoint_id: str, **fields) -> Finding:
    """Record an NC; the grade follows the checklist (conditional grade included) unless given."""
    unknown = set(fields) - set(FINDING_FIELDS) - {"status"}
    if unknown:
        raise InvalidChange(message("refusal.nc.fields", fields=sorted(unknown)))
    if fields.get("status", "open") not in FINDING_STATUSES:
        raise InvalidChange(message("refusal.nc.status", statuses=list(FINDING_STATUSES)))
    audit, checkpoint = checkpoint_of(session, audit_id, checkpoint_id)
    _check_area(session, audit_id, fields.get("tour_area_id"))
    grade = fields.pop("grade", None) or checkpoint.grade_for(
        transparent=fields.get("transparent", False), isolated=not fields.get("systemic", False))
    _check_grade(grade)
    _check_raise(session, audit_id, checkpoint_id, grade, fields)
    _check_document(session, audit_id, fields.get("document_check_id"))
    if "record_inconsistency" not in fields:
        fields["record_inconsistency"] = "record_inconsistency" in checkpoint.tags
    finding = Finding(audit_id=audit_id, checkpoint_id=checkpoint_id, grade=grade, **fields)
    session.add(finding)
    session.flush()
    closing = clock_start_for(session, audit_id)
    session.add(CapItem(audit_id=audit_id, finding_id=finding.id,
                        due_date=finding_due_date(grade, closing, checkpoint.due)))
    if session.scalars(select(Answer).where(Answer.audit_id == audit_id,
                                            Answer.checkpoint_id == checkpoint_id)).one_or_none() is None:
        session.add(Answer(audit_id=audit_id, checkpoint_id=checkpoint_id, answer="nc"))
    session.flush()
    cap_changed(session, audit_id)
    return finding


@operation
def change_grade(session: Session, finding_id: str, grade: str) -> Finding:
    """A new grade also moves the CAP due date, which depends on it."""
    finding = _finding(session, finding_id)
    _check_grade(grade)
    _check_raise(session, finding.audit_id, finding.checkpoint_id, grade,
                 {"transparent": finding.transparent, "systemic": finding.systemic,
                  "raised_reason": finding.raised_reason if grade == finding.grade else ""})
    finding.grade = grade
    if finding.cap is not None:
        _audit, checkpoint = checkpoint_of(session, finding.audit_id, finding.checkpoint_id)
        finding.cap.due_date = finding_due_date(grade, clock_start_for(session, finding.audit_id), checkpoint.due)
    session.flush()
    cap_changed(session, finding.audit_id)
    return finding


@operation
def delete_finding(session: Session, finding_id: str) -> None:
    """Soft delete: the finding leaves lists and reports but can be restored (undo)."""
    finding = _finding(session, finding_id)
    refuse_if_carried([finding], "delete")
    finding.deleted_at = utcnow()
    session.flush()
    cap_changed(session, finding.audit_id)


@operation
def restore_finding(session: Session, finding_id: str) -> None:
    finding = _finding(session, finding_id)
    finding.deleted_at = None
    session.flush()
    cap_changed(session, finding.audit_id)


@operation
def cite_interviews(session: Session, finding_id: str, interview_ids) -> None:
    """Make the interviews cited as evidence of a finding exactly `interview_ids` (link, unlink).

    Only the link is stored; reports cite an interview by code and kind, never its notes."""
    finding = _finding(session, finding_id)
    wanted = set(interview_ids)
    if wanted:
        known = set(session.scalars(select(Interview.id).where(
            Interview.audit_id == finding.audit_id, Interview.id.in_(wanted))))
        strangers = sorted(wanted - known)
        if strangers:
            codes = sorted(session.scalars(select(Interview.code).where(Interview.id.in_(strangers))))
            raise InvalidChange(message("refusal.nc.interviews", checkpoint=finding.checkpoint_id, codes=codes)
                                if codes else message("refusal.nc.interviews_unknown",
                                                      checkpoint=finding.checkpoint_id, n=len(strangers)))
    linked = {link.interview_id: link for link in session.scalars(
        select(FindingInterview).where(FindingInterview.finding_id == finding_id))}
    for interview_id in sorted(wanted - set(linked)):
        session.add(FindingInterview(audit_id=finding.audit_id, finding_id=finding_id,
                                     interview_id=interview_id))
    for interview_id in set(linked) - wanted:
        session.delete(linked[interview_id])
    session.flush()
    cap_changed(session, finding.audit_id)


def live_findings(session: Session, audit_id: str) -> list[Finding]:
    return list(session.scalars(select(Finding).where(
        Finding.audit_id == audit_id, Finding.deleted_at.is_(None)).order_by(Finding.created_at)))


def _finding(session: Session, finding_id: str) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise InvalidChange(message("refusal.nc.missing"))
    return finding


def _check_area(session: Session, audit_id: str, area_id: str | None) -> None:
    if area_id is not None:
        area = session.get(TourArea, area_id)
        if area is None or area.audit_id != audit_id:
            raise InvalidChange(message("refusal.nc.area"))


def _check_raise(session: Session, audit_id: str, checkpoint_id: str, grade: str, fields: dict) -> None:
    """A grade above the checklist's Zero Tolerance needs its recorded reason (grades.yaml raise_to)."""
    audit = session.get(Audit, audit_id)
    assert audit is not None
    problem = grade_problem(load_checklist(audit.checklist_version), checkpoint_id, grade,
                            transparent=bool(fields.get("transparent")), systemic=bool(fields.get("systemic")),
                            raised_reason=fields.get("raised_reason") or "")
    if problem:
        raise InvalidChange(problem)


def _check_document(session: Session, audit_id: str, document_id: str | None) -> None:
    if document_id is not None:
        check = session.get(DocumentCheck, document_id)
        if check is None or check.audit_id != audit_id:
            raise InvalidChange(message("refusal.nc.document"))


def _move_grade(session: Session, finding: Finding, grade: str) -> None:
    finding.grade = grade
    if finding.cap is not None:
        _audit, checkpoint = checkpoint_of(session, finding.audit_id, finding.checkpoint_id)
        finding.cap.due_date = finding_due_date(grade, clock_start_for(session, finding.audit_id), checkpoint.due)
    session.flush()


def _check_grade(grade: str) -> None:
    if grade not in grade_keys():
        raise InvalidChange(message("refusal.nc.grade", grade=grade, grades=list(grade_keys())))


def link_photos(session: Session, finding: Finding, evidence_ids: set[str]) -> None:
    """Make the photos linked to `finding` exactly `evidence_ids` (photos of its own audit only)."""
    if evidence_ids:
        known = set(session.scalars(select(Evidence.id).where(
            Evidence.audit_id == finding.audit_id, Evidence.id.in_(evidence_ids))))
        if evidence_ids - known:
            raise InvalidChange(message("refusal.nc.photos", checkpoint=finding.checkpoint_id))
    linked = {link.evidence_id: link for link in session.scalars(
        select(FindingEvidence).where(FindingEvidence.finding_id == finding.id))}
    for evidence_id in sorted(evidence_ids - set(linked)):
        session.add(FindingEvidence(audit_id=finding.audit_id, finding_id=finding.id, evidence_id=evidence_id))
    for evidence_id in set(linked) - evidence_ids:
        session.delete(linked[evidence_id])
    session.flush()


@operation
def save_finding(session: Session, audit_id: str, checkpoint_id: str, finding_id: str | None, fields: dict,
                 evidence_ids: set[str], interview_ids: set[str] | None = None) -> str:
    """Create or update a finding (the NC editor's Save) and make its photo links exactly
    `evidence_ids` and, unless None, its cited interviews exactly `interview_ids`; returns its id."""
    fields = dict(fields)
    unknown = set(fields) - set(FINDING_FIELDS)
    if unknown:
        raise InvalidChange(message("refusal.nc.fields", fields=sorted(unknown)))
    if finding_id is None:
        set_answer(session, audit_id, checkpoint_id, "nc")
        finding = add_finding(session, audit_id, checkpoint_id, **fields)
    else:
        finding = _finding(session, finding_id)
        _check_area(session, finding.audit_id, fields.get("tour_area_id"))
        _check_document(session, finding.audit_id, fields.get("document_check_id"))
        grade = fields.get("grade", finding.grade)
        _check_raise(session, finding.audit_id, finding.checkpoint_id, grade,
                     {"transparent": fields.get("transparent", finding.transparent),
                      "systemic": fields.get("systemic", finding.systemic),
                      "raised_reason": fields.get("raised_reason", finding.raised_reason)})
        fields.pop("grade", None)
        for key, value in fields.items():
            setattr(finding, key, value)
        if grade != finding.grade:
            _move_grade(session, finding, grade)  # moves the CAP due date with it
    link_photos(session, finding, set(evidence_ids))
    if interview_ids is not None:
        cite_interviews(session, finding.id, interview_ids)
    cap_changed(session, audit_id)
    return finding.id
