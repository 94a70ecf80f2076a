"""An audit's life after it is created: stage progress, finalize (seal), new revision."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.package.document import SINGLE, audit_document
from auditor_app.package.seal import compute_seal
from auditor_app.store.eventlog import record_event
from auditor_app.store.models import AUDIT_TABLES, Audit, Finding, Signature, StageProgress
from auditor_app.store.rows import dict_to_row
from auditor_app.store.types import new_id, utcnow
from auditor_app.store.vocab import SIGNER_ROLES, STAGE_STATUSES, STAGES


class FinalizeBlocked(InvalidChange):
    """Finalize was refused; `missing` lists what must be done first."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("cannot finalize yet: " + "; ".join(missing))


@operation
def set_stage(session: Session, audit_id: str, stage: str, status: str) -> None:
    if stage not in STAGES or status not in STAGE_STATUSES:
        raise InvalidChange(f"unknown stage {stage!r} or status {status!r}")
    row = session.scalars(select(StageProgress).where(
        StageProgress.audit_id == audit_id, StageProgress.stage == stage)).one()
    row.status = status
    session.flush()


def finalize_blockers(session: Session, audit_id: str) -> list[str]:
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange("that audit is not in this data folder")
    missing = []
    if audit.state != "draft":
        missing.append(f"the audit is already {audit.state}")
    roles = {s.role for s in session.scalars(select(Signature).where(Signature.audit_id == audit_id))}
    for role in SIGNER_ROLES:
        if role not in roles:
            missing.append(f"the {role.replace('_', ' ')} has not signed the CAP")
    findings = session.scalars(select(Finding).where(
        Finding.audit_id == audit_id, Finding.deleted_at.is_(None))).all()
    for finding in findings:
        if not finding.description.strip():
            missing.append(f"NC {finding.checkpoint_id} has no description")
    return missing


@operation
def finalize(session: Session, audit_id: str) -> str:
    """Freeze the audit: seal the canonical JSON of everything recorded; later edits are refused."""
    missing = finalize_blockers(session, audit_id)
    if missing:
        raise FinalizeBlocked(missing)
    session.flush()
    audit = session.get(Audit, audit_id)
    assert audit is not None  # finalize_blockers refused an unknown audit
    if audit.actual_end is None:
        audit.actual_end = date.today()
        session.flush()
    seal = compute_seal(audit_document(session, audit_id))
    audit.seal = seal
    audit.sealed_at = utcnow()
    audit.state = "finalized"
    session.flush()
    record_event(session, audit_id, "finalize", "audit", audit_id, {"seal": seal})
    return seal


@operation
def new_revision(session: Session, audit_id: str) -> Audit:
    """A corrected copy as a new draft that names the revision it supersedes."""
    old = session.get(Audit, audit_id)
    if old is None:
        raise InvalidChange("that audit is not in this data folder")
    if old.state == "draft":
        raise InvalidChange("a draft can be edited directly; a new revision is for a finalized audit")
    doc = audit_document(session, audit_id)
    ids: dict[str, str] = {}  # old row id -> new row id, so links between rows follow the copy

    def remap(value):
        return ids.setdefault(value, new_id())

    new_audit_id = remap(audit_id)
    # Signatures are not copied: a corrected CAP must be signed again.
    for model in (m for m in AUDIT_TABLES if m is not Signature):
        name = model.__tablename__
        rows = [doc[name]] if name in SINGLE else doc[name]
        for row in filter(None, rows):
            data = _copy_row(model, row, remap, new_audit_id)
            if model is Audit:
                data.update(state="draft", seal=None, sealed_at=None, supersedes_id=audit_id,
                            revision=old.revision + 1)
            session.add(dict_to_row(model, data))
        session.flush()  # table by table: links (no ORM relationships) need their targets first
    record_event(session, new_audit_id, "revise", "audit", new_audit_id, {"supersedes": audit_id})
    record_event(session, audit_id, "superseded", "audit", audit_id, {"by": new_audit_id})
    new_audit = session.get(Audit, new_audit_id)
    assert new_audit is not None  # added and flushed above
    return new_audit


# Columns that point at other rows of the same audit and must follow the copy.
_LINKS = {"finding_id", "evidence_id", "tour_area_id", "interview_id"}


def _copy_row(model, row: dict, remap, new_audit_id: str) -> dict:
    data = {k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
    data["id"] = remap(row["id"])
    if model is not Audit:
        data["audit_id"] = new_audit_id
    for key in _LINKS & set(data):
        if data[key]:
            data[key] = remap(data[key])
    return data
