"""resources/rules/holidays-CN.yaml against the `chinese-calendar` package, the law's count of
statutory holidays and the solar term of Qingming; the file's own checks."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from auditor_app.hours.holidays import _File, holiday_calendar
from auditor_app.resources import RulesFileError, load_rules, resources_dir

chinese_calendar = pytest.importorskip("chinese_calendar")
CHECKED_YEARS = [y for y in (2024, 2025, 2026) if y in holiday_calendar().years]


def _days(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize("year", CHECKED_YEARS)
def test_working_and_rest_days_match_chinese_calendar(year):
    cal = holiday_calendar()
    wrong = [(d, cal.kind_of(d)) for d in _days(year) if (cal.kind_of(d) == "working") != chinese_calendar.is_workday(d)]
    assert wrong == []


@pytest.mark.parametrize("year", CHECKED_YEARS)
def test_statutory_holidays_are_festival_days_off(year):
    cal = holiday_calendar()
    statutory = [d for d in _days(year) if cal.kind_of(d) == "holiday"]
    assert statutory and all(chinese_calendar.is_holiday(d) for d in statutory)
    # Bridged days (调休) are rest days, never statutory holidays paid at 300 %.
    assert not [d for d in statutory if chinese_calendar.is_in_lieu(d)]
    assert len(statutory) == (11 if year < 2025 else 13)
    qingming = next(d for d, name in chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
                    if name == "清明")
    assert [d for d in statutory if "Qingming" in cal.names[d.toordinal()]] == [qingming]


def test_1_october_is_a_holiday_and_the_bridged_days_are_rest_days():
    cal = holiday_calendar()
    assert cal.kind_of(date(2026, 10, 1)) == "holiday"
    assert cal.kind_of(date(2026, 10, 5)) == "rest"          # 补休 for 3 October, a Saturday
    assert cal.kind_of(date(2026, 10, 10)) == "working"      # a Saturday made a working day
    assert cal.kind_of(date(2026, 10, 12)) == "working" and cal.kind_of(date(2026, 10, 11)) == "rest"


def test_2027_has_its_statutory_holidays_and_says_its_arrangement_is_pending():
    cal = holiday_calendar()
    assert 2027 in cal.years and 2027 in cal.pending
    assert cal.kind_of(date(2027, 2, 5)) == "holiday"         # New Year's Eve, statutory since 2025
    gaps = cal.gaps({2026, 2027, 2030})
    assert len(gaps) == 2
    assert "arrangement for 2027 is not in the calendar yet" in gaps[0]
    assert gaps[1].startswith("holidays-CN.yaml has no holiday calendar for 2030")


def _broken(tmp_path: Path, change) -> str:
    raw = yaml.safe_load((resources_dir() / "rules" / "holidays-CN.yaml").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "holidays-CN.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesFileError) as caught:
        load_rules(_File, path)
    return str(caught.value)


def test_the_file_is_checked_on_load(tmp_path):
    weekday = _broken(tmp_path, lambda raw: raw["years"][2026]["working_days"].append(date(2026, 3, 3)))
    assert "2026-03-03 is a weekday, a working day anyway" in weekday
    count = _broken(tmp_path, lambda raw: raw["years"][2025]["holidays"].pop(date(2025, 5, 2)))
    assert "12 statutory holidays listed, the law in force gives 13" in count
    other_year = _broken(tmp_path, lambda raw: raw["years"][2024]["days_off"].append(date(2025, 2, 3)))
    assert "2025-02-03 is not in 2024" in other_year
