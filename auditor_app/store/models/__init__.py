"""All tables of the audit store."""

from auditor_app.store.models.audit import Audit, FactoryProfile, StageProgress
from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.models.events import Event
from auditor_app.store.models.evidence import AreaEvidence, DocumentEvidence, Evidence, FindingEvidence
from auditor_app.store.models.findings import Answer, CapItem, Finding
from auditor_app.store.models.gaps import GapClosure
from auditor_app.store.models.hours import HoursReview
from auditor_app.store.models.meetings import DocumentCheck, Meeting, TourArea
from auditor_app.store.models.outbox import OutboxItem
from auditor_app.store.models.photo_check import PhotoCheck
from auditor_app.store.models.people import FindingInterview, Interview, SampleDraw, Signature
from auditor_app.store.models.review import ReviewEntry  # noqa: F401 - a table of the store (not an audit's)
from auditor_app.store.models.progress_visit import QuestionnaireAnswer, SurveyResponse

# Tables whose rows make up one audit, in an order that satisfies foreign keys on insert.
AUDIT_TABLES = (
    Audit, FactoryProfile, StageProgress, Meeting, TourArea, DocumentCheck, Answer,
    Finding, CapItem, Evidence, FindingEvidence, AreaEvidence, Interview, FindingInterview, SampleDraw,
    Signature, GapClosure, DocumentEvidence, HoursReview, SurveyResponse, QuestionnaireAnswer,
)

__all__ = [
    "AUDIT_TABLES", "Answer", "AreaEvidence", "Audit", "AuditPart", "Base", "CapItem",
    "DocumentCheck", "Event", "Evidence", "FactoryProfile", "Finding", "FindingEvidence",
    "DocumentEvidence", "FindingInterview", "GapClosure", "HoursReview", "Interview", "Meeting", "OutboxItem",
    "PhotoCheck", "QuestionnaireAnswer", "SampleDraw",
    "Signature", "StageProgress", "SurveyResponse", "TourArea",
]
