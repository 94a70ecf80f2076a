"""The kinds of visit started from a previous audit (resources/rules/visit-types.yaml): announced or
not by default, whole checklist or only the carried NCs, which grades the visit can close."""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict

from auditor_app.checklist.grades import load_grades
from auditor_app.resources import RulesFileError, load_rules, resources_dir

VISIT_TYPES_FILE = "rules/visit-types.yaml"


class VisitType(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    announced: bool
    checklist: Literal["full", "carried"]
    verifies_previous_cap: bool
    closes_grades: tuple[str, ...]
    worker_survey: bool
    questionnaire: bool = False
    what: str
    what_zh: str

    def text(self, lang: str = "en") -> str:
        return self.what_zh if lang.lower().startswith("zh") else self.what


class VisitTypes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    visit_types: dict[str, VisitType]


@functools.cache
def load_visit_types(path: str = VISIT_TYPES_FILE) -> dict[str, VisitType]:
    types = load_rules(VisitTypes, path).visit_types
    grades = {g.key for g in load_grades()}
    for key, kind in types.items():
        unknown = set(kind.closes_grades) - grades
        if unknown:
            raise RulesFileError(resources_dir() / path, f"visit_types.{key}.closes_grades",
                                 f"unknown grade(s): {', '.join(sorted(unknown))}")
        if not kind.what_zh.strip():
            raise RulesFileError(resources_dir() / path, f"visit_types.{key}.what_zh", "has no Chinese text")
    return types
