"""The canonical JSON document of one audit: every row of every audit table, nothing else.

The same function feeds the seal, the `.escp` export, the reports and the rating, so they can
never disagree about what the audit says. Rows are sorted by id so the document is deterministic.

Confidential values (interview notes, quotes not marked quotable, the draw's seed) appear as their
markers (`auditor_app.confidential`): the seal covers them without revealing them, and audit.json
can travel. `confidential=True` gives the values instead (a new revision copies them; the sealed
part of a package carries them).
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from auditor_app.confidential.audit_values import for_session
from auditor_app.store.models import AUDIT_TABLES, Audit
from auditor_app.store.rows import row_to_dict

DOCUMENT_FORMAT = "escp-audit/1"
# One row tables appear as an object, the others as a list.
SINGLE = {"audit", "factory_profile"}


class AuditNotFound(LookupError):
    pass


def audit_document(session: Session, audit_id: str, *, confidential: bool = False) -> dict[str, Any]:
    if session.get(Audit, audit_id) is None:
        raise AuditNotFound(f"no audit with id {audit_id}")
    values = for_session(session)
    doc: dict[str, Any] = {"format": DOCUMENT_FORMAT}
    for model in AUDIT_TABLES:
        # mypy does not narrow `model is Audit` out of the union, so Audit's audit_id property stays in it
        key_col = model.id if model is Audit else cast("InstrumentedAttribute[str]", model.audit_id)
        rows = session.scalars(select(model).where(key_col == audit_id).order_by(model.id)).all()
        name = model.__tablename__
        dicts = [row_to_dict(r) for r in rows]
        if values is not None and not confidential:
            dicts = [values.public_row(name, d, audit_id) for d in dicts]
        doc[name] = (dicts[0] if dicts else None) if name in SINGLE else dicts
    return doc
