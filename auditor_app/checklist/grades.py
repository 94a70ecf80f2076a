"""The non-compliance grades (resources/rules/grades.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, field_validator

from auditor_app.resources import load_rules

GRADES_FILE = "rules/grades.yaml"


@dataclass(frozen=True)
class Grade:
    key: str
    label: str
    label_zh: str
    rank: int
    report_within_hours: int | None = None


class _GradeModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    label: str
    label_zh: str
    rank: int
    report_within_hours: int | None = None


class _GradesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grades: list[_GradeModel]

    @field_validator("grades")
    @classmethod
    def _unique(cls, grades: list[_GradeModel]) -> list[_GradeModel]:
        seen: set[str] = set()
        for g in grades:
            if g.key in seen:
                raise ValueError(f"duplicate grade key {g.key!r}")
            seen.add(g.key)
        return grades


@lru_cache(maxsize=None)
def load_grades(path: str = GRADES_FILE) -> tuple[Grade, ...]:
    """All grades ordered from least to most severe."""
    parsed = load_rules(_GradesFile, path)
    grades = sorted((Grade(**g.model_dump()) for g in parsed.grades), key=lambda g: g.rank)
    return tuple(grades)


def grade_keys() -> tuple[str, ...]:
    return tuple(g.key for g in load_grades())


def grade(key: str) -> Grade:
    for g in load_grades():
        if g.key == key:
            return g
    raise KeyError(f"unknown grade {key!r}; known: {', '.join(grade_keys())}")
