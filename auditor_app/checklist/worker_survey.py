"""The Progress Visit's worker survey as data (resources/rules/worker-survey.yaml): the questions, the
answers each allows and which answers are a concern. How many workers: sampling.yaml's PV bands."""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor_app.resources import RulesFileError, load_rules, resources_dir

WORKER_SURVEY_FILE = "rules/worker-survey.yaml"


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def text(self, lang: str | None = "en") -> str:
        return self.zh if (lang or "en").lower().startswith("zh") else self.en


class SurveyQuestion(_Words):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    options: tuple[str, ...] = Field(min_length=2)
    concern: tuple[str, ...] = ()


class WorkerSurvey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_: Literal["escp-worker-survey/1"] = Field(alias="schema")
    options: dict[str, _Words]
    questions: tuple[SurveyQuestion, ...] = Field(min_length=1)

    def question(self, question_id: str) -> SurveyQuestion:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def option_text(self, option: str, lang: str | None = "en") -> str:
        return self.options[option].text(lang)


@functools.cache
def load_worker_survey(path: str = WORKER_SURVEY_FILE) -> WorkerSurvey:
    survey = load_rules(WorkerSurvey, path)
    where = resources_dir() / path
    seen: set[str] = set()
    for n, q in enumerate(survey.questions):
        if q.id in seen:
            raise RulesFileError(where, f"questions[{n}].id", f"{q.id!r} appears twice")
        seen.add(q.id)
        unknown = (set(q.options) | set(q.concern)) - set(survey.options)
        if unknown:
            raise RulesFileError(where, f"questions[{n}]", f"unknown option(s): {', '.join(sorted(unknown))}")
        if not set(q.concern) <= set(q.options):
            raise RulesFileError(where, f"questions[{n}].concern", "a concern must be one of the question's options")
    return survey
