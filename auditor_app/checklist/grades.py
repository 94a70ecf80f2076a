"""The non-compliance grades (resources/rules/grades.yaml) and the reasons a finding may be raised
to Zero Tolerance for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from auditor_app.checklist.definition import AREAS, lang_code
from auditor_app.checklist.labels import Text
from auditor_app.resources import RulesFileError, load_rules, resources_dir

GRADES_FILE = "rules/grades.yaml"


@dataclass(frozen=True)
class Grade:
    key: str
    label: str
    label_zh: str
    rank: int
    report_within_hours: int | None = None

    def text(self, lang: str | None = "en") -> str:
        """The label in `lang` ("en" or "zh")."""
        return self.label_zh if lang_code(lang) == "zh" else self.label


@dataclass(frozen=True)
class RaiseReason:
    """Why an auditor raised a finding above its checklist grade (to `raise_to().grade`)."""

    key: str
    label: str
    label_zh: str
    meaning: str
    areas: tuple[str, ...]           # empty: every area
    meaning_zh: str = ""

    def text(self, field: str = "label", lang: str | None = "en") -> str:
        """`label` or `meaning` in `lang` ("en" or "zh")."""
        chinese = getattr(self, f"{field}_zh") if lang_code(lang) == "zh" else ""
        return chinese or getattr(self, field)


@dataclass(frozen=True)
class RaiseTo:
    grade: str
    reasons: tuple[RaiseReason, ...]

    def reason(self, key: str) -> RaiseReason:
        for r in self.reasons:
            if r.key == key:
                return r
        raise KeyError(f"unknown reason to raise a grade {key!r}; known: {', '.join(r.key for r in self.reasons)}")


class _GradeModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    label: Text
    label_zh: Text
    rank: int
    report_within_hours: int | None = None


class _ReasonModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    label: Text
    label_zh: Text
    meaning: Text
    meaning_zh: Text
    areas: list[str] = []

    @field_validator("areas")
    @classmethod
    def _areas(cls, areas: list[str]) -> list[str]:
        for area in areas:
            if area not in AREAS:
                raise ValueError(f"unknown area {area!r}; known: {', '.join(AREAS)}")
        return areas


class _RaiseToModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grade: str
    reasons: list[_ReasonModel]


class _GradesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grades: list[_GradeModel]
    raise_to: _RaiseToModel | None = None

    @field_validator("grades")
    @classmethod
    def _unique(cls, grades: list[_GradeModel]) -> list[_GradeModel]:
        seen: set[str] = set()
        for g in grades:
            if g.key in seen:
                raise ValueError(f"duplicate grade key {g.key!r}")
            seen.add(g.key)
        return grades

    @model_validator(mode="after")
    def _raise_to(self):
        if self.raise_to is None:
            return self
        if self.raise_to.grade not in {g.key for g in self.grades}:
            raise ValueError(f"raise_to.grade {self.raise_to.grade!r} is not one of the grades")
        keys = [r.key for r in self.raise_to.reasons]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"raise_to.reasons: key listed twice: {', '.join(repeated)}")
        return self


@lru_cache(maxsize=None)
def _load(path: str) -> _GradesFile:
    return load_rules(_GradesFile, path)


@lru_cache(maxsize=None)
def load_grades(path: str = GRADES_FILE) -> tuple[Grade, ...]:
    """All grades ordered from least to most severe."""
    parsed = _load(path)
    grades = sorted((Grade(**g.model_dump()) for g in parsed.grades), key=lambda g: g.rank)
    return tuple(grades)


def grade_keys() -> tuple[str, ...]:
    return tuple(g.key for g in load_grades())


def grade(key: str) -> Grade:
    for g in load_grades():
        if g.key == key:
            return g
    raise KeyError(f"unknown grade {key!r}; known: {', '.join(grade_keys())}")


def rank(key: str) -> int:
    return grade(key).rank


@lru_cache(maxsize=None)
def raise_to(path: str = GRADES_FILE) -> RaiseTo:
    """The grade a finding may be raised to and the reasons that allow it."""
    parsed = _load(path)
    if parsed.raise_to is None:
        raise RulesFileError(resources_dir() / path, "raise_to", "Field required")
    return RaiseTo(parsed.raise_to.grade, tuple(
        RaiseReason(r.key, r.label, r.label_zh, r.meaning.strip(), tuple(r.areas), r.meaning_zh.strip())
        for r in parsed.raise_to.reasons))
