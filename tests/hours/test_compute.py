"""The computation on small files written by hand: day types, premiums, night shifts, runs, weeks,
the minimum wage, approved working-hour systems, the sample and the period, JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from auditor_app.errors import UserFacingError
from auditor_app.hours import Approval, HoursResult, compute, import_attendance, import_payroll
from tests.hours.files import attendance, day_rows, payroll

FULL = (("08:00", "12:00"), ("13:30", "17:30"))
BASE = 4350          # 4350 / 21.75 / 8 = 25 yuan an hour
PAY_HEADER = ["worker_id", "month", "base_pay", "overtime_pay", "gross_pay", "net_pay", "social_insurance"]


def _days(first: str, last: str, weekdays_only: bool = False) -> list[str]:
    day, end, out = date.fromisoformat(first), date.fromisoformat(last), []
    while day <= end:
        if not weekdays_only or day.weekday() < 5:
            out.append(day.isoformat())
        day += timedelta(days=1)
    return out


def _result(tmp_path, rows, pay_rows, city="Shenzhen", **kw):
    att = import_attendance(attendance(tmp_path / "att.csv", rows))
    pay = import_payroll(payroll(tmp_path / "pay.csv", pay_rows, PAY_HEADER))
    return compute(att, pay, city, **kw)


def _pay(worker, month, overtime, base=BASE, social=0):
    return [worker, month, base, overtime, base + overtime, base + overtime - social, social]


def _january(overtime_pay):
    rows = [["W1", "2026-01-01", "08:00", "12:00", "", ""],          # statutory holiday: 4 h at 300 %
            ["W1", "2026-01-02", "08:00", "12:00", "", ""],          # bridged day off, a rest day: 4 h at 200 %
            *day_rows("W1", ["2026-01-04"], *FULL),                  # a Sunday made a working day: regular
            ["W1", "2026-01-05", "08:00", "12:00", "13:30", "19:30"],  # 2 h at 150 %
            *day_rows("W1", _days("2026-01-06", "2026-01-09"), *FULL),
            ["W1", "2026-01-11", "08:00", "10:00", "", ""]]          # Sunday: 2 h at 200 %
    return rows, [_pay("W1", "2026-01", overtime_pay)]


def test_day_types_from_the_holiday_calendar_and_the_premiums_owed(tmp_path):
    result = _result(tmp_path, *_january(675))     # 300 + 200 + 75 + 100
    (month,) = result.months
    assert (month.regular_hours, month.overtime_working_day, month.overtime_rest_day, month.holiday_hours) == (
        48, 2, 6, 4)
    assert month.pay["hourly_rate"] == 25 and month.pay["owed_overtime"] == 675
    assert result.violations == ()


def test_holiday_work_paid_short_is_a_holiday_premium_breach(tmp_path):
    result = _result(tmp_path, *_january(600))
    assert [(v.rule, v.date) for v in result.violations] == [("holiday_premium", "2026-01-01")]
    f = result.violations[0].figures
    assert (f["owed"], f["paid"], f["shortfall"], f["paid_premium_pct"]) == (300, 225, 75, 225)


def test_overtime_paid_short_is_an_overtime_premium_breach_and_leaves_holidays_unpaid(tmp_path):
    result = _result(tmp_path, *_january(300))
    assert [v.rule for v in result.violations] == ["overtime_premium", "holiday_premium"]
    over, holiday = (v.figures for v in result.violations)
    assert (over["owed"], over["paid"], over["shortfall"], over["paid_premium_pct"]) == (375, 300, 75, 150)
    assert (holiday["paid"], holiday["shortfall"]) == (0, 300)


def test_a_night_shift_belongs_to_the_day_it_started(tmp_path):
    rows = [*day_rows("W2", _days("2026-01-05", "2026-01-08"), *FULL),
            ["W2", "2026-01-09", "20:00", "04:00", "", ""],          # Friday night into Saturday: a working day
            ["W2", "2026-01-10", "20:00", "02:00", "", ""]]          # Saturday night into Sunday: rest day
    result = _result(tmp_path, rows, [_pay("W2", "2026-01", 0)], period=("2026-01", "2026-01"))
    (month,) = result.months
    assert month.days_worked == 6 and month.regular_hours == 40 and month.overtime_rest_day == 6
    assert month.longest_run == 6
    assert [v.rule for v in result.violations] == ["overtime_premium"]   # the 6 h were not paid
    assert result.violations[0].figures["rest_day_hours"] == 6


def test_the_longest_run_without_rest_spans_months_and_weeks_count_in_their_thursdays_month(tmp_path):
    rows = day_rows("W3", _days("2026-01-26", "2026-02-03"), ("08:00", "12:00"))
    pays = [_pay("W3", "2026-01", 400), _pay("W3", "2026-02", 400)]
    result = _result(tmp_path, rows, pays)
    (run,) = [v for v in result.violations if v.rule == "rest_day"]
    assert (run.month, run.date, run.figures["days_without_rest"], run.figures["last_day"]) == (
        "2026-01", "2026-01-26", 9, "2026-02-03")
    assert [m.longest_run for m in result.months] == [9, 9]
    # Mon 26 Jan to Sun 1 Feb has its Thursday in January: 28 hours there, 8 in February's first week.
    assert [m.max_week_hours for m in result.months] == [28, 8]
    only_february = _result(tmp_path, rows, pays, period=("2026-02", "2026-02"))
    assert [(v.rule, v.month) for v in only_february.violations] == [("rest_day", "2026-02")]


def test_weeks_over_60_and_over_78(tmp_path):
    long_day = (("06:00", "12:00"), ("12:30", "20:30"))                # 14 h
    rows = day_rows("W4", _days("2026-03-02", "2026-03-07"), *long_day)   # 6 x 14 = 84 h
    result = _result(tmp_path, rows, [_pay("W4", "2026-03", 0)])
    (week,) = [v for v in result.violations if v.rule == "weekly_hours"]
    assert (week.date, week.figures["hours"], week.figures["over_critical"]) == ("2026-03-02", 84, True)
    assert result.weeks[0].max == 84 and result.weeks[0].over_critical == 1
    assert len([v for v in result.violations if v.rule == "daily_overtime"]) == 6


def _march(extra_saturdays):
    """22 working days of 9 h, one of 12 h, and Saturdays of 8 h: under a monthly comprehensive system
    the standard total is 176 h."""
    rows = []
    for d in _days("2026-03-02", "2026-03-31", weekdays_only=True):
        end = "21:00" if d == "2026-03-10" else "18:00"
        rows.append(["W5", d, "08:00", "12:00", "13:00", end])
    for d in extra_saturdays:
        rows += day_rows("W5", [d], *FULL)
    return rows


APPROVAL = Approval("comprehensive", "深人社综〔2026〕12号", date(2026, 1, 1), date(2026, 12, 31), "month")


def test_an_approved_comprehensive_system_totals_hours_over_the_cycle(tmp_path):
    rows, pays = _march(["2026-03-14"]), [_pay("W5", "2026-03", 1237.5)]     # 209 - 176 = 33 h at 150 %
    approved = _result(tmp_path, rows, pays, approval=APPROVAL)
    assert approved.violations == ()
    (month,) = approved.months
    assert month.system == "comprehensive" and month.overtime_working_day == 33 and month.overtime_rest_day == 0
    standard = _result(tmp_path, rows, pays)      # without the approval: 12 h day, rest day at 200 %
    assert [v.rule for v in standard.violations] == ["daily_overtime", "overtime_premium"]
    assert standard.violations[1].figures["owed"] == 1337.5


def test_a_comprehensive_cycle_over_its_overtime_limit(tmp_path):
    rows, pays = _march(["2026-03-14", "2026-03-21"]), [_pay("W5", "2026-03", 1537.5)]   # 41 h
    result = _result(tmp_path, rows, pays, approval=APPROVAL)
    (breach,) = result.violations
    assert breach.rule == "monthly_overtime"
    assert {k: breach.figures[k] for k in ("overtime_hours", "limit_hours", "cycle_from", "cycle_to", "system")} == {
        "overtime_hours": 41, "limit_hours": 36, "cycle_from": "2026-03-02", "cycle_to": "2026-03-31",
        "system": "comprehensive"}


def test_an_approval_that_does_not_cover_the_worker_or_the_dates_changes_nothing(tmp_path):
    rows, pays = _march(["2026-03-14"]), [_pay("W5", "2026-03", 1237.5)]
    other = Approval("comprehensive", "X-1", date(2026, 1, 1), date(2026, 12, 31), workers=frozenset({"W9"}))
    expired = Approval("comprehensive", "X-2", date(2025, 1, 1), date(2025, 12, 31))
    for approval in (other, expired):
        result = _result(tmp_path, rows, pays, approval=approval)
        assert [v.rule for v in result.violations] == ["daily_overtime", "overtime_premium"]


def test_a_flexible_system_computes_no_overtime(tmp_path):
    flexible = Approval("flexible", "深人社不定时〔2026〕3号", date(2026, 1, 1), date(2026, 12, 31))
    result = _result(tmp_path, _march(["2026-03-14", "2026-03-21"]), [_pay("W5", "2026-03", 0)], approval=flexible)
    assert result.violations == ()
    assert any("flexible system no overtime premium is computed" in n for n in result.notes)
    assert result.system["number"] == "深人社不定时〔2026〕3号"


def test_approvals_are_checked():
    with pytest.raises(UserFacingError, match="needs its number"):
        Approval("comprehensive", " ", date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(UserFacingError, match="ends"):
        Approval("flexible", "A", date(2026, 1, 1), date(2025, 12, 31))


def test_the_minimum_wage_excludes_social_insurance_where_the_city_says_so(tmp_path):
    rows = day_rows("W6", _days("2026-03-02", "2026-03-31", weekdays_only=True), *FULL)
    pays = [_pay("W6", "2026-03", 0, base=2800, social=300)]
    shanghai = _result(tmp_path, rows, pays, city="上海")
    (breach,) = shanghai.violations
    assert (breach.rule, breach.figures["compared_pay"], breach.figures["minimum_wage"]) == ("minimum_wage", 2500, 2740)
    assert _result(tmp_path, rows, pays, city="shenzhen").violations == ()


def test_a_part_month_needs_its_share_of_the_minimum_wage(tmp_path):
    rows = [[("W7"), d, "", "", "", ""] for d in _days("2026-03-01", "2026-03-15")]      # not yet hired
    rows += day_rows("W7", _days("2026-03-16", "2026-03-31", weekdays_only=True), *FULL)
    short = _result(tmp_path, rows, [_pay("W7", "2026-03", 0, base=1300)])
    (breach,) = short.violations
    assert breach.figures["share_of_month"] == round(12 / 22, 4)
    assert breach.figures["required"] == round(2520 * 12 / 22, 2)
    assert _result(tmp_path, rows, [_pay("W7", "2026-03", 0, base=1400)]).violations == ()


def test_the_sample_the_period_and_json(tmp_path):
    rows = [*_january(675)[0], *day_rows("W2", _days("2026-01-05", "2026-01-09"), *FULL)]
    pays = [_pay("W1", "2026-01", 600), _pay("W2", "2026-01", 0)]
    result = _result(tmp_path, rows, pays, workers=["W2"])
    assert result.sample == ("W2",) and result.violations == () and len(result.months) == 1
    everyone = _result(tmp_path, rows, pays)
    assert everyone.sample == ("W1", "W2") and len(everyone.violations) == 1
    again = HoursResult.from_dict(json.loads(json.dumps(everyone.as_dict(), ensure_ascii=False)))
    assert again == everyone
    with pytest.raises(UserFacingError, match="sampled worker W9 is not in att.csv"):
        _result(tmp_path, rows, pays, workers=["W9"])
    with pytest.raises(UserFacingError, match="no minimum wage is known for the city 'Atlantis'; known: Shenzhen"):
        _result(tmp_path, rows, pays, city="Atlantis")


def test_progress_is_reported_and_can_cancel(tmp_path):
    rows, pays = _january(675)
    seen = []
    _result(tmp_path, rows, pays, progress=lambda done, total, text: seen.append((done, total, text)))
    assert seen[-1] == (1, 1, "Computing hours and pay")

    class Cancelled(Exception):
        pass

    def cancel(done, total, text):
        raise Cancelled()

    with pytest.raises(Cancelled):
        _result(tmp_path, rows, pays, progress=cancel)
