"""The status table (resources/rules/status.yaml), validated on load.

The rating code (`rating.py`) decides in a fixed order; this file supplies everything the program
can change: statuses and their validity, thresholds, which audit types change status, alternatives,
the probation schedule, the termination triggers and how open NCs can be closed.
Any mistake in the file raises `RulesFileError` naming the file, the path inside it and the problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor_app.checklist.grades import grade_keys
from auditor_app.checklist.labels import Text
from auditor_app.resources import RulesFileError, load_yaml, resources_dir, validate

STATUS_FILE = "rules/status.yaml"

Months = Annotated[int, Field(strict=True, ge=1)]
Count = Annotated[int, Field(strict=True, ge=0)]
Share = Annotated[float, Field(strict=True, gt=0, lt=1)]
Flag = Annotated[bool, Field(strict=True)]

# Termination triggers the rating knows by name (the facts name the ones recorded for an audit).
TERMINATION_TRIGGERS = ("no_acceptable_cap", "audit_refused", "fee_refused")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Schedule(_Model):
    """Audits a status brings with it (Probation: surveillance audits)."""

    audit_type: str
    audits: Annotated[int, Field(strict=True, ge=1)]
    within_months: Months


class StatusDef(_Model):
    label: Text
    label_zh: Text
    validity_months: Months | None = None
    alternative_validity_months: Months | None = None
    validity_is_minimum: Flag = False
    reapply_after_months: Months | None = None
    valid_certification: Flag
    previously_certified_only: Flag = False
    # The program decides the status itself (a Zero Tolerance referral): no validity of its own.
    decided_by_program: Flag = False
    schedule: Schedule | None = None


class Denominator(_Model):
    count: Literal["applicable_answered"]
    unanswered: Literal["excluded_with_warning"]


class GradeRule(_Model):
    """A rule that looks at open findings of one grade."""

    grade: str
    status: str
    alternatives_if_previously_certified: tuple[str, ...] = ()


class TerminationTriggersRule(_Model):
    status: str
    triggers: tuple[Literal[TERMINATION_TRIGGERS], ...]  # type: ignore[valid-type]


class ZeroToleranceRule(_Model):
    grade: str
    status: str
    alternatives: tuple[str, ...] = ()


class ProgressVisitRule(_Model):
    audit_types: tuple[str, ...]
    unless_grade: str


class TransparencyReauditRule(_Model):
    audit_types: tuple[str, ...]
    status: str


class DisclosedRule(_Model):
    status: str
    alternatives: tuple[str, ...] = ()
    initial_cycle_audit_types: tuple[str, ...]
    not_while_in: tuple[str, ...] = ()


class HiddenRule(_Model):
    status: str
    disclose_within_working_days: Annotated[int, Field(strict=True, ge=1)]
    reaudit_type: str


class MajorShareRule(GradeRule):
    major_share_threshold: Share
    comparison: Literal["greater_than", "at_least"]


class FewMajorsRule(_Model):
    grade: str
    small_number_of_majors: Count
    status: str
    # First audits (ICA/IAA): Assessed on the audit day, Progressing once the CAP is submitted.
    first_audit_types: tuple[str, ...] = ()


class StatusOnlyRule(_Model):
    status: str


class ClosureRule(_Model):
    follow_up_type: str
    follow_ups_per_cycle: Annotated[int, Field(strict=True, ge=1)]
    desktop_review_type: str
    desktop_review_closes: tuple[str, ...]


class Rules(_Model):
    termination_triggers: TerminationTriggersRule
    zero_tolerance: ZeroToleranceRule
    progress_visit_keeps_status: ProgressVisitRule
    transparency_reaudit: TransparencyReauditRule
    record_inconsistency_disclosed: DisclosedRule
    record_inconsistency_hidden: HiddenRule
    open_critical: GradeRule
    major_share: MajorShareRule
    too_many_majors: GradeRule
    few_majors: FewMajorsRule
    only_minors: GradeRule
    no_open_nc: StatusOnlyRule
    closure_route: ClosureRule


class StatusRules(_Model):
    statuses: dict[str, StatusDef]
    audit_types: dict[str, Text]
    # The same audit-type names in Chinese, for every code of `audit_types`.
    audit_types_zh: dict[str, Text]
    denominator: Denominator
    rules: Rules


_STATUS_FIELDS = ("status",)
_STATUS_LISTS = ("alternatives", "alternatives_if_previously_certified", "not_while_in")
_GRADE_FIELDS = ("grade", "unless_grade")
_TYPE_FIELDS = ("follow_up_type", "desktop_review_type", "reaudit_type")
_TYPE_LISTS = ("audit_types", "initial_cycle_audit_types", "first_audit_types")


def _cross_check(rules: StatusRules) -> tuple[str, str] | None:
    """References between parts of the file: (where, problem) of the first bad one, or None."""
    statuses = set(rules.statuses)
    grades = set(grade_keys())
    types = set(rules.audit_types)
    known_statuses, known_types = ", ".join(statuses), ", ".join(types)
    for type_code in rules.audit_types:
        if type_code not in rules.audit_types_zh:
            return f"audit_types_zh.{type_code}", "missing: every audit type needs its Chinese name"
    for type_code in rules.audit_types_zh:
        if type_code not in types:
            return f"audit_types_zh.{type_code}", f"unknown audit type {type_code!r}; known: {known_types}"
    for name in Rules.model_fields:
        rule = getattr(rules.rules, name)
        base = f"rules.{name}"
        for field in _GRADE_FIELDS:
            key = getattr(rule, field, None)
            if key is not None and key not in grades:
                return f"{base}.{field}", f"unknown grade {key!r}; known: {', '.join(grade_keys())}"
        for i, key in enumerate(getattr(rule, "desktop_review_closes", ())):
            if key not in grades:
                return f"{base}.desktop_review_closes[{i}]", f"unknown grade {key!r}; known: {', '.join(grade_keys())}"
        for field in _STATUS_FIELDS:
            key = getattr(rule, field, None)
            if key is not None and key not in statuses:
                return f"{base}.{field}", f"unknown status {key!r}; known: {known_statuses}"
        for field in _STATUS_LISTS:
            for i, key in enumerate(getattr(rule, field, ())):
                if key not in statuses:
                    return f"{base}.{field}[{i}]", f"unknown status {key!r}; known: {known_statuses}"
        for field in _TYPE_FIELDS:
            code = getattr(rule, field, None)
            if code is not None and code not in types:
                return f"{base}.{field}", f"unknown audit type {code!r}; known: {known_types}"
        for field in _TYPE_LISTS:
            for i, code in enumerate(getattr(rule, field, ())):
                if code not in types:
                    return f"{base}.{field}[{i}]", f"unknown audit type {code!r}; known: {known_types}"
    for key, status in rules.statuses.items():
        base = f"statuses.{key}"
        if status.decided_by_program:
            if status.validity_months is not None:
                return f"{base}.validity_months", "a status the program decides has no validity of its own"
        elif status.validity_months is None:
            return f"{base}.validity_months", "Field required"
        alt = status.alternative_validity_months
        if alt is not None and alt == status.validity_months:
            return f"{base}.alternative_validity_months", "is the same as validity_months"
        if status.schedule is not None and status.schedule.audit_type not in types:
            return (f"{base}.schedule.audit_type",
                    f"unknown audit type {status.schedule.audit_type!r}; known: {known_types}")
    zt = rules.rules.zero_tolerance.status
    if not rules.statuses[zt].decided_by_program:
        return "rules.zero_tolerance.status", (f"status {zt!r} is an ordinary status; a Zero Tolerance "
                                               "finding is referred to the program (decided_by_program: true)")
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
