"""The live status recommendation of a stored audit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditor_app.checklist.rating import Recommendation, recommend_status
from auditor_app.package.document import audit_document
from auditor_app.rating_source import facts_from_document


def recommendation(session: Session, audit_id: str) -> Recommendation:
    return recommend_status(facts_from_document(audit_document(session, audit_id)))
