"""An audit's life: create, follow up, finalize (seal), new revision, stage progress."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.document_requests import document_requests
from auditor_app.audits.time_zones import zone_for_country
from auditor_app.checklist.loader import carry_over, load_checklist
from auditor_app.package.document import SINGLE, audit_document
from auditor_app.package.seal import compute_seal
from auditor_app.store.eventlog import record_event
from auditor_app.store.models import (
    AUDIT_TABLES, Audit, DocumentCheck, FactoryProfile, Finding, Meeting, Signature,
    StageProgress,
)
from auditor_app.store.rows import columns, dict_to_row
from auditor_app.store.types import new_id, utcnow
from auditor_app.store.vocab import AUDIT_TYPES, SIGNER_ROLES, STAGE_STATUSES, STAGES

PROFILE_FIELDS = {c.key for c in columns(FactoryProfile)} - {"id", "audit_id", "created_at", "updated_at"}


class FinalizeBlocked(Exception):
    """Finalize was refused; `missing` lists what must be done first."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("cannot finalize yet: " + "; ".join(missing))


def create_audit(session: Session, *, audit_type: str, factory: dict, checklist_version: str | None = None,
                 announced: bool | None = None, planned_start: date | None = None,
                 planned_end: date | None = None, team=(), audit_firm: str = "",
                 previously_certified: bool = False, current_status: str | None = None,
                 follows_id: str | None = None) -> Audit:
    if audit_type not in AUDIT_TYPES:
        raise ValueError(f"unknown audit type {audit_type!r}; known: {', '.join(AUDIT_TYPES)}")
    unknown = set(factory) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"unknown factory profile fields: {', '.join(sorted(unknown))}")
    if not str(factory.get("name", "")).strip():
        raise ValueError("the factory needs a name")
    checklist = load_checklist(checklist_version)
    audit = Audit(
        id=new_id(), audit_type=audit_type, checklist_version=checklist.version,
        # Every audit except a Progress Visit is unannounced unless the auditor says otherwise.
        announced=(audit_type == "PV") if announced is None else announced,
        planned_start=planned_start, planned_end=planned_end, team=list(team), audit_firm=audit_firm,
        previously_certified=previously_certified, current_status=current_status, follows_id=follows_id,
    )
    session.add(audit)
    session.flush()
    factory = dict(factory)
    if not factory.get("timezone"):
        factory["timezone"] = zone_for_country(factory.get("country") or "CN")
    session.add(FactoryProfile(audit_id=audit.id, **factory))
    for stage in STAGES:
        session.add(StageProgress(audit_id=audit.id, stage=stage))
    for kind in ("opening", "closing"):
        session.add(Meeting(audit_id=audit.id, kind=kind))
    for category, name in document_requests(checklist, audit_type):
        session.add(DocumentCheck(audit_id=audit.id, category=category, name=name))
    session.flush()
    return audit


def _profile_of(session: Session, audit_id: str) -> FactoryProfile:
    return session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id)).one()


def start_follow_up(session: Session, previous_audit_id: str, audit_type: str = "FU",
                    checklist_version: str | None = None) -> Audit:
    """A new audit of the same factory that carries the open NCs over (through the edition mapping)."""
    previous = session.get(Audit, previous_audit_id)
    if previous is None:
        raise LookupError(f"no audit with id {previous_audit_id}")
    profile = _profile_of(session, previous_audit_id)
    factory = {k: getattr(profile, k) for k in PROFILE_FIELDS}
    audit = create_audit(session, audit_type=audit_type, factory=factory,
                         checklist_version=checklist_version, team=previous.team,
                         audit_firm=previous.audit_firm, previously_certified=previous.previously_certified,
                         current_status=previous.current_status, follows_id=previous.id)
    open_findings = session.scalars(select(Finding).where(
        Finding.audit_id == previous.id, Finding.status != "closed", Finding.deleted_at.is_(None))).all()
    retired = []
    for old in open_findings:
        if previous.checklist_version == audit.checklist_version:
            targets: tuple[str, ...] = (old.checkpoint_id,)
        else:
            targets = carry_over(old.checkpoint_id, previous.checklist_version, audit.checklist_version)
        if not targets:
            retired.append(f"{old.checkpoint_id} ({old.grade}): {old.description}")
            continue
        description = old.description
        if targets != (old.checkpoint_id,):
            # A split checkpoint: one finding at the first target, the others named for the auditor.
            description = (f"[Carried over from {previous.checklist_version} checkpoint {old.checkpoint_id}; "
                           f"now {', '.join(targets)}] {old.description}")
        session.add(Finding(
            audit_id=audit.id, checkpoint_id=targets[0], grade=old.grade, description=description,
            frequency=old.frequency, workers_affected=old.workers_affected, systemic=old.systemic,
            transparent=old.transparent, record_inconsistency=old.record_inconsistency,
            status="open", carried_from_id=old.id))
    if retired:
        audit.notes = ("Open NCs of the previous audit whose checkpoint no longer exists in checklist "
                       f"{audit.checklist_version}, to verify by hand:\n" + "\n".join(retired))
    session.flush()
    return audit


def set_stage(session: Session, audit_id: str, stage: str, status: str) -> None:
    if stage not in STAGES or status not in STAGE_STATUSES:
        raise ValueError(f"unknown stage {stage!r} or status {status!r}")
    row = session.scalars(select(StageProgress).where(
        StageProgress.audit_id == audit_id, StageProgress.stage == stage)).one()
    row.status = status
    session.flush()


def finalize_blockers(session: Session, audit_id: str) -> list[str]:
    audit = session.get(Audit, audit_id)
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


def finalize(session: Session, audit_id: str) -> str:
    """Freeze the audit: seal the canonical JSON of everything recorded; later edits are refused."""
    missing = finalize_blockers(session, audit_id)
    if missing:
        raise FinalizeBlocked(missing)
    session.flush()
    audit = session.get(Audit, audit_id)
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


def new_revision(session: Session, audit_id: str) -> Audit:
    """A corrected copy as a new draft that names the revision it supersedes."""
    old = session.get(Audit, audit_id)
    if old.state == "draft":
        raise ValueError("a draft can be edited directly; a new revision is for a finalized audit")
    doc = audit_document(session, audit_id)
    ids = {}  # old row id -> new row id, so links between rows follow the copy

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
    return session.get(Audit, new_audit_id)


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
