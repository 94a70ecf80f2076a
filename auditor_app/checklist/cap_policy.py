"""CAP deadlines (resources/rules/cap-policy.yaml): due dates by grade, the final CAP, overdue items.

Plain dates in, plain dates out. Working days skip the weekend and the public holidays listed in the
file. The 24-hour report of a Zero Tolerance finding is the grade's duty (grades.yaml
`report_within_hours`), so `report_to_program_by` reads it from there rather than keeping a copy.
A checkpoint marked `due: immediate` in its checklist edition (locked exits, missing guards, child
and forced labour) is due the audit day whatever its grade: `finding_due_date` applies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from auditor_app.checklist import grades
from auditor_app.checklist.labels import Text
from auditor_app.resources import RulesFileError, load_yaml, resources_dir, validate

CAP_POLICY_FILE = "rules/cap-policy.yaml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Deadline(_Model):
    days: Annotated[int, Field(strict=True, ge=0)]
    count: Literal["calendar_days", "working_days"]
    action: Text | None = None
    action_zh: Text | None = None

    @model_validator(mode="after")
    def _action_in_both_languages(self):
        if (self.action is None) != (self.action_zh is None):
            raise ValueError("`action` and `action_zh` go together: give the action in both languages")
        return self


class WorkingDays(_Model):
    weekend: tuple[Literal[WEEKDAYS], ...]  # type: ignore[valid-type]
    public_holidays: tuple[date, ...] = ()

    @field_validator("weekend")
    @classmethod
    def _not_every_day(cls, weekend: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(weekend)) != len(weekend):
            raise ValueError("a day is listed twice")
        if len(weekend) == len(WEEKDAYS):
            raise ValueError("every day of the week is a weekend day; nothing could ever fall due")
        return weekend


class ItemStatus(_Model):
    label: Text
    label_zh: Text
    closed: Annotated[bool, Field(strict=True)]


class CapPolicy(_Model):
    due: dict[str, Deadline]
    immediate: Deadline
    final_cap: Deadline
    working_days: WorkingDays
    item_statuses: dict[str, ItemStatus]


def parse_cap_policy(raw: object, file: str | Path) -> CapPolicy:
    """Validate already-parsed YAML; `file` is only used in error messages."""
    policy = validate(CapPolicy, raw, file)
    known = grades.grade_keys()
    for key in policy.due:
        if key not in known:
            raise RulesFileError(file, f"due.{key}", f"unknown grade {key!r}; known: {', '.join(known)}")
    missing = [key for key in known if key not in policy.due]
    if missing:
        raise RulesFileError(file, "due", f"no due date for grade(s) {', '.join(missing)}")
    if not any(s.closed for s in policy.item_statuses.values()):
        raise RulesFileError(file, "item_statuses", "no status is marked closed: true")
    return policy


@lru_cache(maxsize=None)
def load_cap_policy(path: str = CAP_POLICY_FILE) -> CapPolicy:
    """The CAP policy; relative paths are inside resources/."""
    file = Path(path) if Path(path).is_absolute() else resources_dir() / path
    return parse_cap_policy(load_yaml(file), file)


def is_working_day(day: date, policy: CapPolicy | None = None) -> bool:
    policy = policy or load_cap_policy()
    return (WEEKDAYS[day.weekday()] not in policy.working_days.weekend
            and day not in policy.working_days.public_holidays)


def _add(start: date, deadline: Deadline, policy: CapPolicy) -> date:
    if deadline.count == "calendar_days":
        return start + timedelta(days=deadline.days)
    return working_days_after(start, deadline.days, policy)


def working_days_after(start: date, days: int, policy: CapPolicy | None = None) -> date:
    """The `days`-th working day after `start` (which itself does not count)."""
    policy = policy or load_cap_policy()
    day, left = start, days
    while left:  # the closing day itself does not count; the Nth working day after it is due
        day += timedelta(days=1)
        if is_working_day(day, policy):
            left -= 1
    return day


def due_date(grade: str, closing_date: date, policy: CapPolicy | None = None) -> date:
    """When a finding of this grade must be corrected, counted from the closing meeting."""
    policy = policy or load_cap_policy()
    if grade not in policy.due:
        raise KeyError(f"no CAP due date for grade {grade!r}; known: {', '.join(policy.due)}")
    return _add(closing_date, policy.due[grade], policy)


def finding_due_date(grade: str, closing_date: date, checkpoint_due: str | None = None,
                     policy: CapPolicy | None = None) -> date:
    """The CAP due date of a finding: `immediate` when its checkpoint says `due: immediate` (contained
    before the audit team leaves, due the closing day), else by its grade."""
    policy = policy or load_cap_policy()
    if checkpoint_due == "immediate":
        return _add(closing_date, policy.immediate, policy)
    if checkpoint_due is not None:
        raise ValueError(f"unknown checkpoint due {checkpoint_due!r}; known: immediate")
    return due_date(grade, closing_date, policy)


def immediate_action(policy: CapPolicy | None = None) -> str | None:
    """What `due: immediate` asks of the factory (the text printed beside the due date)."""
    return (policy or load_cap_policy()).immediate.action


def final_cap_due(closing_date: date, policy: CapPolicy | None = None) -> date:
    """When the factory must return its final CAP (20 working days after the closing meeting)."""
    policy = policy or load_cap_policy()
    return _add(closing_date, policy.final_cap, policy)


def report_to_program_by(grade: str, found_at: datetime) -> datetime | None:
    """Deadline to report the finding to the program (Zero Tolerance: 24 h), or None if no duty."""
    hours = grades.grade(grade).report_within_hours
    return None if hours is None else found_at + timedelta(hours=hours)


def is_overdue(due: date, status: str, today: date, policy: CapPolicy | None = None) -> bool:
    """Past its due date and not closed. Due today is not overdue yet; closed is never overdue."""
    policy = policy or load_cap_policy()
    if status not in policy.item_statuses:
        raise ValueError(f"unknown CAP item status {status!r}; known: {', '.join(policy.item_statuses)}")
    return not policy.item_statuses[status].closed and today > due


def _field(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, Mapping) else getattr(item, name)


def overdue_items(items: Iterable[Any], today: date, policy: CapPolicy | None = None) -> list[Any]:
    """The overdue items, oldest due date first. Items have `due` and `status` (attributes or keys)."""
    policy = policy or load_cap_policy()
    late = [i for i in items if is_overdue(_field(i, "due"), _field(i, "status"), today, policy)]
    return sorted(late, key=lambda i: _field(i, "due"))
