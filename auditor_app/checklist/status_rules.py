"""The status table (resources/rules/status.yaml), validated on load.

The rating code (`rating.py`) decides in a fixed order; this file supplies everything the program
can change: statuses and their validity, thresholds, which audit types change status, alternatives.
Any mistake in the file raises `RulesFileError` naming the file, the path inside it and the problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor_app.checklist.grades import grade_keys
from auditor_app.resources import RulesFileError, load_yaml, resources_dir, validate

STATUS_FILE = "rules/status.yaml"

Months = Annotated[int, Field(strict=True, ge=1)]
Count = Annotated[int, Field(strict=True, ge=0)]
Share = Annotated[float, Field(strict=True, gt=0, lt=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StatusDef(_Model):
    label: str
    validity_months: Months
    alternative_validity_months: Months | None = None
    validity_is_minimum: Annotated[bool, Field(strict=True)] = False
    reapply_after_months: Months | None = None
    valid_certification: Annotated[bool, Field(strict=True)]
    previously_certified_only: Annotated[bool, Field(strict=True)] = False


class Denominator(_Model):
    count: Literal["applicable_answered"]
    unanswered: Literal["excluded_with_warning"]


class GradeRule(_Model):
    """A rule that looks at open findings of one grade."""

    grade: str
    status: str
    alternatives_if_previously_certified: tuple[str, ...] = ()


class ProgressVisitRule(_Model):
    audit_types: tuple[str, ...]
    unless_grade: str


class FirstAuditRule(_Model):
    audit_types: tuple[str, ...]
    status: str


class RecordInconsistencyRule(_Model):
    status: str
    alternatives: tuple[str, ...] = ()


class MajorShareRule(GradeRule):
    major_share_threshold: Share
    comparison: Literal["greater_than", "at_least"]


class FewMajorsRule(_Model):
    grade: str
    small_number_of_majors: Count
    status: str


class StatusOnlyRule(_Model):
    status: str


class Rules(_Model):
    zero_tolerance_without_transparency: GradeRule
    progress_visit_keeps_status: ProgressVisitRule
    zero_tolerance_with_transparency: GradeRule
    record_inconsistency_with_transparency: RecordInconsistencyRule
    open_critical: GradeRule
    major_share: MajorShareRule
    too_many_majors: GradeRule
    first_audit_until_closed: FirstAuditRule
    few_majors: FewMajorsRule
    only_minors: GradeRule
    no_open_nc: StatusOnlyRule


class StatusRules(_Model):
    statuses: dict[str, StatusDef]
    audit_types: dict[str, str]
    denominator: Denominator
    rules: Rules


def _cross_check(rules: StatusRules) -> tuple[str, str] | None:
    """References between parts of the file: (where, problem) of the first bad one, or None."""
    statuses = set(rules.statuses)
    grades = set(grade_keys())
    types = set(rules.audit_types)
    for name in Rules.model_fields:
        rule = getattr(rules.rules, name)
        base = f"rules.{name}"
        for field in ("grade", "unless_grade"):
            key = getattr(rule, field, None)
            if key is not None and key not in grades:
                return f"{base}.{field}", f"unknown grade {key!r}; known: {', '.join(grade_keys())}"
        if "status" in type(rule).model_fields and rule.status not in statuses:
            return f"{base}.status", f"unknown status {rule.status!r}; known: {', '.join(statuses)}"
        for field in ("alternatives", "alternatives_if_previously_certified"):
            for i, key in enumerate(getattr(rule, field, ())):
                if key not in statuses:
                    return f"{base}.{field}[{i}]", f"unknown status {key!r}; known: {', '.join(statuses)}"
        for i, code in enumerate(getattr(rule, "audit_types", ())):
            if code not in types:
                return f"{base}.audit_types[{i}]", f"unknown audit type {code!r}; known: {', '.join(types)}"
    for key, status in rules.statuses.items():
        alt = status.alternative_validity_months
        if alt is not None and alt == status.validity_months:
            return f"statuses.{key}.alternative_validity_months", "is the same as validity_months"
    return None


def parse_status_rules(raw: object, file: str | Path) -> StatusRules:
    """Validate already-parsed YAML; `file` is only used in error messages."""
    rules = validate(StatusRules, raw, file)
    bad = _cross_check(rules)
    if bad is not None:
        raise RulesFileError(file, *bad)
    return rules


@lru_cache(maxsize=None)
def load_status_rules(path: str = STATUS_FILE) -> StatusRules:
    """The status table; relative paths are inside resources/."""
    file = Path(path) if Path(path).is_absolute() else resources_dir() / path
    return parse_status_rules(load_yaml(file), file)
