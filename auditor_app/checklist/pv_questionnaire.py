"""The pre-visit questionnaire of a Progress Visit as data (resources/rules/pv-questionnaire.yaml): its
questions in English and Chinese and the column headings a factory's file may use."""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor_app.resources import RulesFileError, load_rules, resources_dir

PV_QUESTIONNAIRE_FILE = "rules/pv-questionnaire.yaml"


class QuestionnaireQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$")
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def text(self, lang: str | None = "en") -> str:
        return self.zh if (lang or "en").lower().startswith("zh") else self.en


class Headers(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: tuple[str, ...] = Field(min_length=1)
    question: tuple[str, ...] = Field(min_length=1)
    answer: tuple[str, ...] = Field(min_length=1)


class PvQuestionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_: Literal["escp-pv-questionnaire/1"] = Field(alias="schema")
    headers: Headers
    questions: tuple[QuestionnaireQuestion, ...] = Field(min_length=1)

    def question(self, question_id: str) -> QuestionnaireQuestion | None:
        return next((q for q in self.questions if q.id.lower() == question_id.lower()), None)


@functools.cache
def load_pv_questionnaire(path: str = PV_QUESTIONNAIRE_FILE) -> PvQuestionnaire:
    found = load_rules(PvQuestionnaire, path)
    ids = [q.id.lower() for q in found.questions]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise RulesFileError(resources_dir() / path, "questions", f"ids appear twice: {', '.join(twice)}")
    return found
