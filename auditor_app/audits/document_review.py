"""Document review: each requested document received, missing or inconsistent, with the periods
sampled and what the auditor found."""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import lists_joined, message, prepares
from auditor_app.store.models import DocumentCheck
from auditor_app.store.vocab import DOCUMENT_STATUSES

DOCUMENT_FIELDS = {"status", "periods", "notes"}


for _id in ("refusal.document.fields", "refusal.document.status"):  # lists of codes, joined in the language
    prepares(_id)(lists_joined)


@operation
def update_document_check(session: Session, document_id: str, **fields) -> None:
    unknown = set(fields) - DOCUMENT_FIELDS
    if unknown:
        raise InvalidChange(message("refusal.document.fields", fields=sorted(unknown)))
    if "status" in fields and fields["status"] not in DOCUMENT_STATUSES:
        raise InvalidChange(message("refusal.document.status", statuses=list(DOCUMENT_STATUSES),
                                    status=fields["status"]))
    if "periods" in fields:
        fields["periods"] = [str(p).strip() for p in fields["periods"] if str(p).strip()]
    check = session.get(DocumentCheck, document_id)
    if check is None:
        raise InvalidChange(message("refusal.document.missing"))
    for key, value in fields.items():
        setattr(check, key, value)
