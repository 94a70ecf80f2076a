"""A Progress Visit's own records: the factory's answers to the pre-visit questionnaire with the advice
given at the opening meeting (`audits/questionnaire.py`), and one anonymous response per surveyed
worker (`audits/worker_survey.py`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditor_app.store.models.base import AuditPart, Base
from auditor_app.store.types import JSONText, UTCDateTime


class SurveyResponse(AuditPart, Base):
    """What one worker answered. Only a code names the worker: a drawn worker's interview code
    ("W-03") or "S-01", "S-02" ... for one chosen on the floor; never a name or a worker id."""

    __tablename__ = "survey_response"
    __table_args__ = (UniqueConstraint("audit_id", "code"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(20))
    # question id -> option id (worker-survey.yaml); a question not asked is absent
    answers: Mapped[dict] = mapped_column(JSONText, default=dict)
    # Confidential, like interview notes: what the worker added in their own words.
    comment: Mapped[str] = mapped_column(Text, default="")
    surveyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class QuestionnaireAnswer(AuditPart, Base):
    """One question of the pre-visit questionnaire: the factory's answer as imported from its file, and
    what the PV specialist advised on it in the opening meeting's Q&A."""

    __tablename__ = "questionnaire_answer"
    __table_args__ = (UniqueConstraint("audit_id", "question_id"),)

    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"))
    question_id: Mapped[str] = mapped_column(String(40))
    question: Mapped[str] = mapped_column(Text, default="")   # as the factory's file worded it
    answer: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    # {"name": file name, "sha256": of the file's bytes, "row": its row in the file}
    source: Mapped[dict] = mapped_column(JSONText, default=dict)
