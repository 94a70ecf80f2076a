"""CAP deadlines: due dates by grade, the final CAP in working days, overdue items, bad policy files."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime

import pytest
import yaml

from auditor_app.checklist.cap_policy import (
    CAP_POLICY_FILE,
    due_date,
    final_cap_due,
    is_overdue,
    is_working_day,
    load_cap_policy,
    overdue_items,
    parse_cap_policy,
    report_to_program_by,
)
from auditor_app.resources import RulesFileError, load_yaml

FRIDAY = date(2025, 3, 7)


def policy_with(change):
    raw = copy.deepcopy(load_yaml(CAP_POLICY_FILE))
    change(raw)
    return parse_cap_policy(raw, "cap-policy.yaml")


@pytest.mark.parametrize("grade, due", [
    ("critical", date(2025, 4, 6)),   # 30 calendar days
    ("major", date(2025, 5, 6)),      # 60
    ("minor", date(2025, 6, 5)),      # 90
    ("zero_tolerance", date(2025, 3, 14)),  # 7: immediate containment
])
def test_due_date_by_grade(grade, due):
    assert due_date(grade, FRIDAY) == due


def test_unknown_grade_has_no_due_date():
    with pytest.raises(KeyError, match="no CAP due date for grade 'severe'"):
        due_date("severe", FRIDAY)


@pytest.mark.parametrize("closing, due", [
    (date(2025, 3, 3), date(2025, 3, 31)),   # Monday → Monday 4 weeks later
    (FRIDAY, date(2025, 4, 4)),              # Friday → Friday 4 weeks later
    (date(2025, 3, 8), date(2025, 4, 4)),    # Saturday: counting starts on Monday
    (date(2025, 3, 9), date(2025, 4, 4)),    # Sunday
])
def test_final_cap_in_20_working_days(closing, due):
    assert final_cap_due(closing) == due
    assert is_working_day(due)


def test_public_holiday_is_skipped():
    policy = policy_with(lambda raw: raw["working_days"].update(public_holidays=[date(2025, 3, 19)]))
    assert not is_working_day(date(2025, 3, 19), policy)
    assert final_cap_due(FRIDAY, policy) == date(2025, 4, 7)  # one day later, over the weekend: Monday
    holiday_on_weekend = policy_with(lambda raw: raw["working_days"].update(public_holidays=[date(2025, 3, 22)]))
    assert final_cap_due(FRIDAY, holiday_on_weekend) == date(2025, 4, 4)


def test_grade_deadline_can_be_in_working_days():
    policy = policy_with(lambda raw: raw["due"]["critical"].update(days=5, count="working_days"))
    assert due_date("critical", FRIDAY, policy) == date(2025, 3, 14)


def test_zero_tolerance_is_reported_within_24_hours():
    found = datetime(2025, 3, 7, 15, 30)
    assert report_to_program_by("zero_tolerance", found) == datetime(2025, 3, 8, 15, 30)
    assert report_to_program_by("minor", found) is None


@pytest.mark.parametrize("status, today, overdue", [
    ("open", date(2025, 4, 6), False),         # due today: not yet
    ("open", date(2025, 4, 7), True),
    ("in_progress", date(2025, 4, 7), True),
    ("closed", date(2025, 4, 7), False),       # closed items are never overdue
    ("closed", date(2026, 1, 1), False),
])
def test_is_overdue(status, today, overdue):
    assert is_overdue(date(2025, 4, 6), status, today) is overdue


def test_unknown_item_status():
    with pytest.raises(ValueError, match="unknown CAP item status 'done'"):
        is_overdue(FRIDAY, "done", FRIDAY)


@dataclass
class Item:
    id: str
    due: date
    status: str


def test_overdue_items_oldest_first_from_objects_or_mappings():
    items = [
        Item("a", date(2025, 4, 1), "open"),
        {"id": "b", "due": date(2025, 3, 20), "status": "in_progress"},
        Item("c", date(2025, 3, 1), "closed"),
        Item("d", date(2025, 5, 1), "open"),
        {"id": "e", "due": date(2025, 4, 10), "status": "open"},
    ]
    late = overdue_items(items, date(2025, 4, 10))
    assert [i["id"] if isinstance(i, dict) else i.id for i in late] == ["b", "a"]


def _bad(tmp_path, change):
    raw = copy.deepcopy(load_yaml(CAP_POLICY_FILE))
    change(raw)
    path = tmp_path / "cap-policy.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


BAD = [
    ("unknown grade", lambda r: r["due"].update(platinum={"days": 5, "count": "calendar_days"}),
     "due.platinum", "unknown grade 'platinum'"),
    ("grade without a due date", lambda r: r["due"].pop("critical"), "due", "critical"),
    ("negative days", lambda r: r["due"]["major"].update(days=-60),
     "due.major.days", "greater than or equal to 0"),
    ("days as text", lambda r: r["due"]["major"].update(days="sixty"), "due.major.days", "valid integer"),
    ("unknown count", lambda r: r["final_cap"].update(count="business_days"),
     "final_cap.count", "'calendar_days' or 'working_days'"),
    ("missing final CAP", lambda r: r.pop("final_cap"), "final_cap", "Field required"),
    ("unknown weekday", lambda r: r["working_days"].update(weekend=["saturday", "funday"]),
     "working_days.weekend[1]", "funday"),
    ("every day a weekend", lambda r: r["working_days"].update(
        weekend=["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
     "working_days.weekend", "nothing could ever fall due"),
    ("holiday not a date", lambda r: r["working_days"].update(public_holidays=["New Year"]),
     "working_days.public_holidays[0]", "valid date"),
    ("no closed status", lambda r: r["item_statuses"].pop("closed"), "item_statuses", "closed: true"),
    ("item status without its Chinese label", lambda r: r["item_statuses"]["open"].pop("label_zh"),
     "item_statuses.open.label_zh", "Field required"),
    ("action without its Chinese", lambda r: r["immediate"].pop("action_zh"), "immediate", "action_zh"),
]


@pytest.mark.parametrize("name, change, where, problem", BAD, ids=[b[0] for b in BAD])
def test_bad_policy_file_names_file_path_and_problem(tmp_path, name, change, where, problem):
    path = _bad(tmp_path, change)
    with pytest.raises(RulesFileError) as caught:
        load_cap_policy(str(path))
    err = caught.value
    assert (err.file, err.where) == (str(path), where)
    assert problem in err.problem
