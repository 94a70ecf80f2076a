"""An audit's life after it is created: stage progress, finalize (seal), new revision."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.completeness import check_document
from auditor_app.audits.deadlines import clock_start_for
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import MessageText, Words, message, message_text, prepares
from auditor_app.package.document import SINGLE, audit_document
from auditor_app.package.seal import compute_seal
from auditor_app.audits.demo_marker import is_demo_audit
from auditor_app.store.eventlog import record_event
from auditor_app.paths import DataFolder
from auditor_app.signing.device_key import load_or_create
from auditor_app.signing.seal_statement import make_statement
from auditor_app.store.models import AUDIT_TABLES, Audit, Event, GapClosure, OutboxItem, Signature, StageProgress
from auditor_app.store.rows import dict_to_row
from auditor_app.store.types import format_utc, new_id, utcnow
from auditor_app.store.vocab import STAGE_STATUSES, STAGES


SHOWN_GAPS = 5  # the refusal names this many gaps; `auditor-app check` lists them all


class FinalizeBlocked(InvalidChange):
    """Finalize was refused; `missing` lists what must be done first (each a message kept as its English,
    finalize_blockers)."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        gaps = [{"id": gap.id, "params": dict(gap.params)} if isinstance(gap, MessageText) else {"text": str(gap)}
                for gap in missing]
        super().__init__(message("refusal.finalize.blocked", count=len(missing), gaps=gaps),
                         message("refusal.finalize.blocked.hint"))


@prepares("refusal.finalize.blocked")
def _blocked(p, w: Words) -> dict:
    gaps = p["gaps"]
    shown = w.t("refusal.list.semicolon").join(
        w.message(gap["id"], gap["params"]) if "id" in gap else gap["text"] for gap in gaps[:SHOWN_GAPS])
    if len(gaps) > SHOWN_GAPS:
        shown += w.t("refusal.finalize.more", n=len(gaps) - SHOWN_GAPS)
    return {"count": p["count"], "shown": shown}


@prepares("refusal.finalize.already")
def _already(p, w: Words) -> dict:
    return {"state": w.t(f"state.{p['state']}")}


@operation
def set_stage(session: Session, audit_id: str, stage: str, status: str) -> None:
    if stage not in STAGES or status not in STAGE_STATUSES:
        raise InvalidChange(message("refusal.stage", stage=stage, status=status))
    row = session.scalars(select(StageProgress).where(
        StageProgress.audit_id == audit_id, StageProgress.stage == stage)).one()
    row.status = status
    session.flush()


@operation
def start_stage(session: Session, audit_id: str, stage: str) -> bool:
    """The auditor opened a stage: one not started is now in progress. Nothing for a stage already begun or
    a sealed audit, so the window can say it on every visit without reading first; True when it changed."""
    audit = session.get(Audit, audit_id)
    if audit is None or audit.state != "draft":
        return False
    row = session.scalars(select(StageProgress).where(
        StageProgress.audit_id == audit_id, StageProgress.stage == stage)).one_or_none()
    if row is None or row.status != "not_started":
        return False
    set_stage(session, audit_id, stage, "in_progress")
    return True


def finalize_blockers(session: Session, audit_id: str) -> list[str]:
    """What still stands between the audit and its seal, in words: the open gaps of the completeness
    check (`audits.completeness`), stage by stage. [] when it can be finalized. Each is a MessageText:
    its English, which also renders in Chinese."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    if audit.state != "draft":
        return [message_text("refusal.finalize.already", state=audit.state)]
    return [MessageText(gap.message.id, gap.message.params) if gap.message is not None else gap.text
            for gap in check_document(audit_document(session, audit_id)).open]


@operation
def finalize(session: Session, audit_id: str, *, folder: DataFolder) -> str:
    """Freeze the audit: seal the canonical JSON of everything recorded, and sign the seal with the
    installation's device key (the key of `folder`, created on first use); later edits are refused.
    The audit joins the outbox in the same transaction (sync sends it when there is a connection).

    The signed statement pins the seal to the head of the event chain that produced it, so neither
    the record nor its history can be changed and re-sealed without the key."""
    missing = finalize_blockers(session, audit_id)
    if missing:
        raise FinalizeBlocked(missing)
    session.flush()
    audit = session.get(Audit, audit_id)
    assert audit is not None  # finalize_blockers refused an unknown audit
    if audit.actual_end is None:
        audit.actual_end = clock_start_for(session, audit_id)  # the closing day, on site
        session.flush()
    seal = compute_seal(audit_document(session, audit_id))
    head = session.execute(select(Event.seq, Event.hash).where(Event.audit_id == audit_id)
                           .order_by(Event.seq.desc()).limit(1)).one()
    sealed_at = utcnow()
    lead = next((m["name"] for m in audit.team if m.get("role") == "lead auditor"), None)
    statement = make_statement(load_or_create(folder), audit_id=audit_id, seal=seal, head_seq=head.seq,
                               head_hash=head.hash, signer_name=lead or session.info.get("actor", ""),
                               signer_firm=audit.audit_firm, signed_at=format_utc(sealed_at))
    audit.seal, audit.sealed_at, audit.seal_statement, audit.state = seal, sealed_at, statement, "finalized"
    session.flush()
    record_event(session, audit_id, "finalize", "audit", audit_id,
                 {"seal": seal, "key_id": statement["signer"]["key_id"]})
    # In the same transaction as the seal: a sealed audit always waits in the outbox until the
    # platform's receipt says it arrived (auditor_app.sync).
    if not is_demo_audit(session, audit_id):
        session.add(OutboxItem(audit_id=audit_id, kind="submission"))
    return seal


@operation
def new_revision(session: Session, audit_id: str) -> Audit:
    """A corrected copy as a new draft that names the revision it supersedes."""
    old = session.get(Audit, audit_id)
    if old is None:
        raise InvalidChange(message("refusal.no_audit"))
    if old.state == "draft":
        raise InvalidChange(message("refusal.revision.draft"))
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
_LINKS = {"finding_id", "evidence_id", "tour_area_id", "interview_id", "document_check_id"}


def _copy_row(model, row: dict, remap, new_audit_id: str) -> dict:
    data = {k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
    data["id"] = remap(row["id"])
    if model is not Audit:
        data["audit_id"] = new_audit_id
    for key in _LINKS & set(data):
        if data[key]:
            data[key] = remap(data[key])
    if model is GapClosure:  # "interview:<id>": the gap follows the copy of the row it names
        kind, _, ref = data["gap"].partition(":")
        data["gap"] = f"{kind}:{remap(ref)}" if _is_row_id(ref) else data["gap"]
    return data


def _is_row_id(text: str) -> bool:
    return len(text) == 36 and text.count("-") == 4
