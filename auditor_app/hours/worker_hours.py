"""One worker's days: hours split into regular and overtime by day type (working day, rest day,
statutory holiday), runs of days without rest, long days, weekly totals and missing punches.

A day counts as worked when it has a punch. Its hours are those of its complete pairs of punches, all
on the day the shift started. Under an approved comprehensive system a covered day's hours go to the
cycle's total (comprehensive.py); under a flexible one there is no overtime.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from auditor_app.hours.approval import Approval
from auditor_app.hours.attendance import AttendanceRecords
from auditor_app.hours.holidays import HOLIDAY, KIND_NAMES, REST, WORKING
from auditor_app.hours.period import Period, index_text, month_index
from auditor_app.hours.result import Violation
from auditor_app.hours.rules import HoursRules, Law

EPS = 1e-6


@dataclass
class Days:
    """What every worker shares: per-date lookups filled once for the dates in the file."""
    kind: dict[int, int]
    law: dict[int, Law]
    month: dict[int, int]
    rules: HoursRules
    period: Period
    approval: Approval | None


@dataclass
class MonthAcc:
    days_worked: int = 0
    hours: float = 0.0
    regular: float = 0.0
    ot_working: float = 0.0
    ot_rest: float = 0.0
    holiday: float = 0.0
    owed_working: float = 0.0           # hours x premium, to multiply by the hourly rate
    owed_rest: float = 0.0
    owed_holiday: float = 0.0
    credited_days: float = 0.0          # standard days worked on working days, for the minimum wage
    cycle_hours: float = 0.0            # comprehensive: non-holiday hours of covered days
    monthly_limit: float = 0.0          # the law's monthly overtime limit, as in force on the days worked
    ot_working_standard: float = 0.0    # comprehensive months: the part of ot_working from standard days
    share: float | None = None          # share of the month's standard hours worked, where not from credited_days
    longest_run: int = 0
    days_over: int = 0
    max_day: float = 0.0
    max_week: float = 0.0
    weeks_over: int = 0
    missing: int = 0
    system: str = "standard"
    holiday_dates: list[str] = field(default_factory=list)


@dataclass
class WorkerHours:
    worker_id: str
    months: dict[int, MonthAcc]
    violations: list[Violation]
    weeks: dict[int, float]             # Monday ordinal -> hours
    cycle_days: dict[int, float]        # covered comprehensive days: ordinal -> non-holiday hours


def worker_hours(ctx: Days, rec: AttendanceRecords, index: int, lo: int, hi: int) -> WorkerHours:
    wid = rec.worker_ids[index]
    approval = ctx.approval if ctx.approval is not None and ctx.approval.covers(wid) else None
    a_from = approval.valid_from.toordinal() if approval else 0
    a_to = approval.valid_to.toordinal() if approval else -1
    period, kinds, laws, month_of = ctx.period, ctx.kind, ctx.law, ctx.month
    months: dict[int, MonthAcc] = {}
    weeks: dict[int, float] = {}
    cycle_days: dict[int, float] = {}
    out = WorkerHours(wid, months, [], weeks, cycle_days)
    runs: list[tuple[int, int]] = []            # (first day, days) of each run of worked days
    run_first, previous = 0, -10
    days, minutes, starts = rec.day, rec.minutes, rec.start
    for i in range(lo, hi):
        d = days[i]
        mi = month_of[d]
        acc = months.get(mi)
        if acc is None:
            acc = months[mi] = MonthAcc()
        if i in rec.missing:
            acc.missing += 1
            if mi in period:
                out.violations.append(Violation(wid, "missing_punch", index_text(mi), date.fromordinal(d).isoformat(),
                                                {"punches": rec.missing[i], "row": rec.row[i]}))
        if starts[i] < 0:
            continue
        if d != previous + 1:
            if previous > 0:
                runs.append((run_first, previous - run_first + 1))
            run_first = d
        previous = d
        acc.days_worked += 1
        h = minutes[i] / 60.0
        if h <= 0:
            continue
        k, law = kinds[d], laws[d]
        acc.monthly_limit = law.monthly_overtime
        acc.hours += h
        monday = d - (d - 1) % 7
        weeks[monday] = weeks.get(monday, 0.0) + h
        if h > acc.max_day:
            acc.max_day = h
        system = approval.kind if approval is not None and a_from <= d <= a_to else "standard"
        if system != "standard":
            acc.system = system
        if h > law.day_hours + law.daily_overtime + EPS:
            acc.days_over += 1
            if system == "standard" and mi in period:
                out.violations.append(Violation(wid, "daily_overtime", index_text(mi), date.fromordinal(d).isoformat(), {
                    "hours": round(h, 2), "hours_beyond_standard_day": round(h - law.day_hours, 2),
                    "standard_day_hours": law.day_hours, "overtime_limit_hours": law.daily_overtime,
                    "day_type": KIND_NAMES[k]}))
        if k == HOLIDAY:
            acc.holiday += h
            acc.owed_holiday += h * law.premium_holiday
            acc.holiday_dates.append(date.fromordinal(d).isoformat())
        elif system == "flexible":
            acc.regular += h
            acc.share = 1.0
        elif system == "comprehensive":
            acc.cycle_hours += h
            cycle_days[d] = h
        elif k == WORKING:
            regular = min(h, law.day_hours)
            acc.regular += regular
            acc.credited_days += regular / law.day_hours
            if h > regular:
                acc.ot_working += h - regular
                acc.owed_working += (h - regular) * law.premium_working
        elif k == REST:
            acc.ot_rest += h
            acc.owed_rest += h * law.premium_rest
    if previous > 0:
        runs.append((run_first, previous - run_first + 1))
    _runs(ctx, out, runs)
    _weeks(ctx, out)
    _months(ctx, out)
    return out


def _months(ctx: Days, out: WorkerHours) -> None:
    """The monthly overtime limit under the standard system (comprehensive.py checks cycles)."""
    for mi, acc in sorted(out.months.items()):
        overtime = acc.ot_working + acc.ot_rest + acc.holiday
        if acc.system == "standard" and mi in ctx.period and overtime > acc.monthly_limit + EPS:
            out.violations.append(Violation(out.worker_id, "monthly_overtime", index_text(mi), None, {
                "overtime_hours": round(overtime, 2), "limit_hours": acc.monthly_limit,
                "working_day_hours": round(acc.ot_working, 2), "rest_day_hours": round(acc.ot_rest, 2),
                "holiday_hours": round(acc.holiday, 2)}))


def _runs(ctx: Days, out: WorkerHours, runs: list[tuple[int, int]]) -> None:
    limit, period, month_of = ctx.rules.max_consecutive_days, ctx.period, ctx.month
    for first, length in runs:
        last = first + length - 1
        m_first, m_last = month_of[first], month_of[last]
        for mi in range(m_first, m_last + 1):
            acc = out.months.get(mi)
            if acc is not None and length > acc.longest_run:
                acc.longest_run = length
        if length > limit and m_last >= period.first and m_first <= period.last:
            out.violations.append(Violation(out.worker_id, "rest_day", index_text(max(m_first, period.first)),
                                            date.fromordinal(first).isoformat(), {
                "days_without_rest": length, "first_day": date.fromordinal(first).isoformat(),
                "last_day": date.fromordinal(last).isoformat(), "limit_days": limit}))


def _weeks(ctx: Days, out: WorkerHours) -> None:
    limit, critical = ctx.rules.weekly_limit, ctx.rules.weekly_critical
    for monday, hours in sorted(out.weeks.items()):
        mi = month_index(date.fromordinal(monday + 3))
        acc = out.months.get(mi)
        if acc is not None:
            acc.max_week = max(acc.max_week, hours)
        if hours > limit + EPS:
            if acc is not None:
                acc.weeks_over += 1
            if mi in ctx.period:
                out.violations.append(Violation(out.worker_id, "weekly_hours", index_text(mi),
                                                date.fromordinal(monday).isoformat(), {
                    "hours": round(hours, 2), "limit_hours": limit, "critical_hours": critical,
                    "over_critical": hours > critical + EPS,
                    "week_end": date.fromordinal(monday + 6).isoformat()}))
