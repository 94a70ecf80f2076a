"""The live status recommendation of a stored audit, and how far the checklist is answered.

While checkpoints are unanswered the recommendation is provisional: an audit with nothing answered
yet has no NCs, and saying "Certified" of it would be false. Until every checkpoint is answered
the label says how far the audit is; the status found so far is given beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from auditor_app.checklist.visit_scope import scope_of_document
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.rating import Recommendation, recommend_status
from auditor_app.package.document import audit_document
from auditor_app.rating_source import facts_from_document


@dataclass(frozen=True)
class LiveRating:
    recommendation: Recommendation
    answered: int
    applicable: int

    @property
    def complete(self) -> bool:
        return self.answered >= self.applicable

    @property
    def status(self) -> str | None:
        """The status key when it can be stated, None while nothing supports one yet."""
        if self.answered == 0 or (not self.complete and self.recommendation.status == "certified"):
            return None
        return self.recommendation.status

    @property
    def label(self) -> str:
        progress = f"{self.answered}/{self.applicable} answered"
        if self.status is None:
            return f"Not rated yet ({progress})"
        if not self.complete:
            return f"{self.recommendation.label} so far ({progress})"
        return self.recommendation.label


def recommendation(session: Session, audit_id: str) -> Recommendation:
    return recommend_status(facts_from_document(audit_document(session, audit_id)))


def live_rating(session: Session, audit_id: str) -> LiveRating:
    doc = audit_document(session, audit_id)
    audit = doc["audit"]
    applicable = [cp.id for cp in scope_of_document(load_checklist(audit["checklist_version"]), doc)]
    answered = {a["checkpoint_id"] for a in doc.get("answer") or []}
    return LiveRating(recommend_status(facts_from_document(doc)), len(answered & set(applicable)), len(applicable))
