"""Document review: each requested document received, missing or inconsistent, with the periods
sampled and what the auditor found."""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.store.models import DocumentCheck
from auditor_app.store.vocab import DOCUMENT_STATUSES

DOCUMENT_FIELDS = {"status", "periods", "notes"}


@operation
def update_document_check(session: Session, document_id: str, **fields) -> None:
    unknown = set(fields) - DOCUMENT_FIELDS
    if unknown:
        raise InvalidChange(f"a document check has no field {', '.join(sorted(unknown))}")
    if "status" in fields and fields["status"] not in DOCUMENT_STATUSES:
        raise InvalidChange(f"a document is {', '.join(DOCUMENT_STATUSES)}, not {fields['status']!r}")
    if "periods" in fields:
        fields["periods"] = [str(p).strip() for p in fields["periods"] if str(p).strip()]
    check = session.get(DocumentCheck, document_id)
    if check is None:
        raise InvalidChange("that document is not on this audit's request list")
    for key, value in fields.items():
        setattr(check, key, value)
