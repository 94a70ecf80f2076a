"""What the auditor says about a photo after importing it: caption, links to NCs and tour areas,
removing it (soft delete, undoable). Importing photos is `store.evidence` (files before rows)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.closing import cap_changed
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import message
from auditor_app.store.models import (
    AreaEvidence, DocumentCheck, DocumentEvidence, Evidence, Finding, FindingEvidence, TourArea,
)
from auditor_app.store.types import utcnow

# kind -> (link table, its column naming the target, target table)
_LINKS: dict[str, tuple[type[FindingEvidence | AreaEvidence | DocumentEvidence], str,
                        type[Finding | TourArea | DocumentCheck]]] = {
    "finding": (FindingEvidence, "finding_id", Finding), "area": (AreaEvidence, "tour_area_id", TourArea),
    "document": (DocumentEvidence, "document_check_id", DocumentCheck)}


def _photo(session: Session, evidence_id: str) -> Evidence:
    photo = session.get(Evidence, evidence_id)
    if photo is None:
        raise InvalidChange(message("refusal.photo.missing"))
    return photo


@operation
def set_caption(session: Session, evidence_id: str, caption: str) -> None:
    _photo(session, evidence_id).caption = caption.strip()


@operation
def link_photo(session: Session, evidence_id: str, kind: str, target_id: str, linked: bool) -> None:
    """Link (or unlink) a photo to an NC (`kind` "finding"), a tour area ("area") or a document ("document")."""
    if kind not in _LINKS:
        raise InvalidChange(message("refusal.photo.kind", kind=kind))
    model, column, target_model = _LINKS[kind]
    photo = _photo(session, evidence_id)
    target = session.get(target_model, target_id)
    if not isinstance(target, (Finding, TourArea, DocumentCheck)) or target.audit_id != photo.audit_id:
        raise InvalidChange(message("refusal.photo.other_audit"))
    row = session.scalars(select(model).where(model.evidence_id == evidence_id,
                                              getattr(model, column) == target_id)).one_or_none()
    if linked and row is None:
        session.add(model(audit_id=photo.audit_id, evidence_id=evidence_id, **{column: target_id}))
    elif not linked and row is not None:
        session.delete(row)
    if kind == "finding":
        cap_changed(session, photo.audit_id)


@operation
def remove_photo(session: Session, evidence_id: str) -> None:
    """The photo leaves the audit's evidence; its file and links stay for undo (`restore_photo`)."""
    photo = _photo(session, evidence_id)
    photo.deleted_at = utcnow()
    cap_changed(session, photo.audit_id)


@operation
def restore_photo(session: Session, evidence_id: str) -> None:
    photo = _photo(session, evidence_id)
    photo.deleted_at = None
    cap_changed(session, photo.audit_id)
