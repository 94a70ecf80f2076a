"""The closing meeting's record: the CAP agreed with the factory and its two signatures."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.package.cap_content import cap_sha256
from auditor_app.package.document import audit_document
from auditor_app.store.models import Audit, CapItem, Signature
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import FACTORY_POSITIONS, FINDING_STATUSES, SIGNER_ROLES

CAP_TEXT_FIELDS = {"root_cause", "corrective_action", "preventive_action", "responsible_person",
                   "factory_comment", "verification_method", "auditor_verification"}
CAP_FIELDS = CAP_TEXT_FIELDS | {"due_date", "factory_position", "status"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@prepares("refusal.cap.status")
def _listed(p, w: Words) -> dict:
    return {"statuses": w.join(p["statuses"])}


@prepares("refusal.cap.position")
def _either(p, w: Words) -> dict:
    return {"positions": w.listing(p["positions"], "or")}


@prepares("refusal.cap.signer")
def _signers(p, w: Words) -> dict:
    return {"roles": w.listing(p["roles"], "and"), "role": p["role"]}


@operation
def update_cap_item(session: Session, cap_id: str, field: str, value) -> None:
    if field not in CAP_FIELDS:
        raise InvalidChange(message("refusal.cap.field", field=field))
    if field in CAP_TEXT_FIELDS:
        value = str(value).strip()
    elif field == "due_date" and not isinstance(value, date):
        raise InvalidChange(message("refusal.cap.due_date"))
    elif field == "factory_position" and value not in FACTORY_POSITIONS:
        raise InvalidChange(message("refusal.cap.position", positions=list(FACTORY_POSITIONS)))
    elif field == "status" and value not in FINDING_STATUSES:
        raise InvalidChange(message("refusal.cap.status", statuses=list(FINDING_STATUSES)))
    cap = session.get(CapItem, cap_id)
    if cap is None:
        raise InvalidChange(message("refusal.cap.missing"))
    setattr(cap, field, value)
    cap_changed(session, cap.audit_id)


@operation
def sign_cap(session: Session, audit_id: str, role: str, *, name: str, title: str = "",
             has_authority: bool = False, image_png: bytes, at: datetime | None = None) -> None:
    """Store a drawn signature of the CAP (a new drawing is dated now; a name edit keeps the time)."""
    if role not in SIGNER_ROLES:
        raise InvalidChange(message("refusal.cap.signer", roles=list(SIGNER_ROLES), role=role))
    if not name.strip():
        raise InvalidChange(message("refusal.signature.name"))
    if not image_png.startswith(PNG_MAGIC):
        raise InvalidChange(message("refusal.signature.png"))
    if session.get(Audit, audit_id) is None:
        raise InvalidChange(message("refusal.no_audit"))
    sha = hashlib.sha256(image_png).hexdigest()
    row = session.scalars(select(Signature).where(Signature.audit_id == audit_id,
                                                  Signature.role == role)).one_or_none()
    if row is None:
        row = Signature(audit_id=audit_id, role=role, name=name, image_png=image_png, image_sha256=sha,
                        signed_at=at or utcnow())
        session.add(row)
    elif row.image_sha256 != sha:
        row.image_png, row.image_sha256, row.signed_at = image_png, sha, at or utcnow()
    row.name, row.title, row.has_authority = name.strip(), title.strip(), bool(has_authority)
    session.flush()
    row.cap_sha256 = cap_sha256(audit_document(session, audit_id))  # what this signature covers


def cap_changed(session: Session, audit_id: str) -> list[str]:
    """After a change to what the CAP shows: signatures drawn for another version of it no longer
    stand and are removed (each removal an event). Returns the roles whose signature went."""
    signatures = list(session.scalars(select(Signature).where(Signature.audit_id == audit_id)))
    if not signatures:
        return []
    session.flush()
    content = cap_sha256(audit_document(session, audit_id))
    cleared = []
    for signature in signatures:
        if signature.cap_sha256 != content:
            session.delete(signature)
            cleared.append(signature.role)
    return cleared


@operation
def clear_signature(session: Session, audit_id: str, role: str) -> None:
    for row in session.scalars(select(Signature).where(Signature.audit_id == audit_id, Signature.role == role)):
        session.delete(row)
