"""Starting an audit: from a factory profile (New audit), or from a previous audit (follow-up), and
the audit's own details (dates, team) as they become known."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.document_requests import document_requests
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Message, Words, lists_joined, message, prepares
from auditor_app.checklist.time_zones import zone_for_country
from auditor_app.checklist.loader import ChecklistError, carry_over, load_checklist
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.store.models import (
    Answer,
    Audit,
    CapItem,
    DocumentCheck,
    FactoryProfile,
    Finding,
    Meeting,
    StageProgress,
)
from auditor_app.store.rows import columns
from auditor_app.store.types import new_id
from auditor_app.store.vocab import AUDIT_TYPES, STAGES

PROFILE_FIELDS = {c.key for c in columns(FactoryProfile)} - {"id", "audit_id", "created_at", "updated_at"}
AUDIT_DETAIL_FIELDS = {"planned_start", "planned_end", "actual_start", "actual_end", "site_days", "team", "audit_firm",
                       "notes", "announced"}
TEAM_ROLES = ("lead auditor", "auditor", "PV specialist", "trainee")
CARRIED_CAP_FIELDS = ("root_cause", "corrective_action", "preventive_action", "responsible_person", "due_date",
                      "factory_position", "factory_comment", "verification_method", "status")


def new_audit_problems(*, audit_type: str, factory: dict, checklist_version: str | None = None,
                       planned_start: date | None = None, planned_end: date | None = None, team=(),
                       previously_certified: bool = False, current_status: str | None = None,
                       **_other) -> dict[str, Message]:
    """Field -> what is wrong, in words the auditor can act on (the New audit dialog shows them in its
    language; `.text` is the English)."""
    out: dict[str, Message] = {}
    if audit_type not in AUDIT_TYPES:
        out["audit_type"] = message("new_audit.audit_type", audit_type=audit_type, types=list(AUDIT_TYPES))
    unknown = set(factory) - PROFILE_FIELDS
    if unknown:
        out["factory"] = message("new_audit.factory_fields", fields=sorted(unknown))
    if not str(factory.get("name", "")).strip():
        out["name"] = message("new_audit.name")
    country = str(factory.get("country", "CN"))
    if len(country) != 2 or not country.isalpha():
        out["country"] = message("new_audit.country")
    heads = int(factory.get("headcount_male", 0) or 0) + int(factory.get("headcount_female", 0) or 0)
    if heads <= 0 and audit_type != "DR":
        out["headcount"] = message("new_audit.headcount")
    if planned_start and planned_end and planned_end < planned_start:
        out["dates"] = message("new_audit.dates")
    members = [m for m in team if str(m.get("name", "")).strip()]
    if not members:
        out["team"] = message("new_audit.team_lead")
    elif any(m.get("role") not in TEAM_ROLES for m in members):
        out["team"] = message("new_audit.team_role", roles=list(TEAM_ROLES))
    if checklist_version is not None:
        try:
            load_checklist(checklist_version)
        except ChecklistError:
            out["checklist_version"] = message("new_audit.edition", version=checklist_version)
    if current_status in ("probation", "remediation") and not previously_certified:
        out["current_status"] = message("new_audit.status")
    return out


# ---- how the New audit messages are put together (words: resources/messages/changes.yaml) ----

@prepares("new_audit.audit_type")
def _audit_types(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"audit_type": p["audit_type"], "types": w.join(p["types"])}


@prepares("new_audit.factory_fields")
def _fields(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"fields": w.join(p["fields"])}


@prepares("new_audit.team_role")
def _roles(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"roles": w.listing((w.label("team_roles", r) for r in p["roles"]), "or")}


@prepares("new_audit.refused")
def _refused(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"problems": " ".join(w.message(q["id"], q.get("params") or {}) for q in p["problems"])}


for _id in ("refusal.audit.fields",):  # lists of codes, joined in the language
    prepares(_id)(lists_joined)


@operation
def create_audit(session: Session, *, audit_type: str, factory: dict, checklist_version: str | None = None,
                 announced: bool | None = None, planned_start: date | None = None,
                 planned_end: date | None = None, team=(), audit_firm: str = "",
                 previously_certified: bool = False, current_status: str | None = None,
                 follows_id: str | None = None) -> Audit:
    problems = new_audit_problems(
        audit_type=audit_type, factory=factory, checklist_version=checklist_version, planned_start=planned_start,
        planned_end=planned_end, team=team, previously_certified=previously_certified,
        current_status=current_status)
    if problems:
        raise InvalidChange(message("new_audit.refused", problems=[
            {"id": q.id, "params": dict(q.params)} for q in problems.values()]))
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
    # The audit team attends the opening meeting: listed already, on the audit's side (the closing
    # meeting copies the opening's list when the auditor records it).
    team_attendees = [{"name": str(m.get("name", "")).strip(), "title": str(m.get("role", "")).strip(),
                       "side": "audit"} for m in team if isinstance(m, dict) and str(m.get("name", "")).strip()]
    session.add(Meeting(audit_id=audit.id, kind="opening", attendees=team_attendees))
    session.add(Meeting(audit_id=audit.id, kind="closing"))
    for category, name in document_requests(checklist, audit_type):
        session.add(DocumentCheck(audit_id=audit.id, category=category, name=name))
    session.flush()
    return audit


def _profile_of(session: Session, audit_id: str) -> FactoryProfile:
    return session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id)).one()


@operation
def start_follow_up(session: Session, previous_audit_id: str, audit_type: str = "FU",
                    checklist_version: str | None = None, announced: bool | None = None,
                    planned_start: date | None = None, planned_end: date | None = None,
                    team: list[dict] | None = None) -> Audit:
    """A visit of the same factory started from a previous audit (Progress Visit, follow-up, desktop
    review, ...): the profile copied, announced as the visit type says unless chosen, and the open NCs
    carried over (through the edition mapping) with their CAP items as agreed, to be verified."""
    previous = session.get(Audit, previous_audit_id)
    if previous is None:
        raise InvalidChange(message("refusal.no_audit"))
    kind = load_visit_types().get(audit_type)
    if announced is None and kind is not None:
        announced = kind.announced
    profile = _profile_of(session, previous_audit_id)
    factory = {k: getattr(profile, k) for k in PROFILE_FIELDS}
    audit = create_audit(session, audit_type=audit_type, factory=factory,
                         checklist_version=checklist_version, team=previous.team if team is None else team,
                         audit_firm=previous.audit_firm, previously_certified=previous.previously_certified,
                         current_status=_status_after(session, previous), follows_id=previous.id, announced=announced,
                         planned_start=planned_start, planned_end=planned_end)
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
        carried = Finding(
            audit_id=audit.id, checkpoint_id=targets[0], grade=old.grade, description=description,
            frequency=old.frequency, workers_affected=old.workers_affected, systemic=old.systemic,
            transparent=old.transparent, record_inconsistency=old.record_inconsistency,
            status=old.status, carried_from_id=old.id)
        session.add(carried)
        session.flush()
        _carry_cap(session, audit.id, carried, old)
    if retired:
        audit.notes = ("Open NCs of the previous audit whose checkpoint no longer exists in checklist "
                       f"{audit.checklist_version}, to verify by hand:\n" + "\n".join(retired))
    session.flush()
    return audit


def _status_after(session: Session, previous: Audit) -> str | None:
    """The factory's status going into the visit: as recorded, else what the sealed previous audit
    recommended (a Progress Visit keeps it; ESCP's decision, when known, is entered on the audit)."""
    if previous.current_status or previous.state == "draft":
        return previous.current_status
    from auditor_app.audits.rating import recommendation  # rating reads the whole audit: only here

    try:
        rec = recommendation(session, previous.id)
    except ValueError:
        return None
    return None if rec.decided_by_program or rec.status in ("probation", "remediation", "terminated") else rec.status


def _carry_cap(session: Session, audit_id: str, carried: Finding, old: Finding) -> None:
    """The CAP item as the factory agreed it (root cause, actions, responsible, due date) comes along
    unverified; the checkpoint is answered NC so that filters and counts show the carried NC."""
    agreed = old.cap
    fields = {key: getattr(agreed, key) for key in CARRIED_CAP_FIELDS} if agreed is not None else {}
    session.add(CapItem(audit_id=audit_id, finding_id=carried.id, **fields))
    answer = session.scalars(select(Answer).where(Answer.audit_id == audit_id,
                                                  Answer.checkpoint_id == carried.checkpoint_id)).one_or_none()
    if answer is None:
        session.add(Answer(audit_id=audit_id, checkpoint_id=carried.checkpoint_id, answer="nc"))


@operation
def update_audit(session: Session, audit_id: str, **fields) -> None:
    """The audit's own details as they become known on site: actual dates, team, firm, notes."""
    unknown = set(fields) - AUDIT_DETAIL_FIELDS
    if unknown:
        raise InvalidChange(message("refusal.audit.fields", fields=sorted(unknown)))
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    for key, value in fields.items():
        setattr(audit, key, value)
    start, end = audit.actual_start, audit.actual_end
    if start and end and end < start:
        raise InvalidChange(message("refusal.audit.dates"))
