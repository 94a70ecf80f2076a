"""The comprehensive working-hour system (综合计算工时制): hours are totalled over the approved cycle
(week, month, quarter or year). The cycle's standard total is the standard day for each working day
in it; hours above it are overtime at the working-day premium whatever the day, statutory holiday work
is paid at the holiday premium, and overtime may average at most the monthly limit over the cycle.
Cycles are cut to the approval's period and to the dates the attendance file covers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from auditor_app.hours.approval import Approval
from auditor_app.hours.holidays import WORKING, HolidayCalendar
from auditor_app.hours.pay_checks import PayUnit
from auditor_app.hours.period import index_text, month_index
from auditor_app.hours.result import Violation
from auditor_app.hours.rules import LawByDay
from auditor_app.hours.worker_hours import EPS, Days, MonthAcc, WorkerHours


@dataclass
class Cycle:
    key: tuple[int, int]
    first: int                              # ordinals of the part of the cycle computed
    last: int
    standard: float = 0.0                   # standard hours of its working days
    month_standard: dict[int, float] = field(default_factory=dict)
    overtime_limit: float = 0.0             # the monthly limit times its months
    premium: float = 1.5                    # the working-day premium in force at its start


@dataclass(frozen=True)
class Frame:
    cycle_of: dict[int, Cycle]              # day ordinal -> its cycle
    month_standard: dict[int, float]        # month index -> standard hours of its covered working days


def cycle_frame(approval: Approval, cal: HolidayCalendar, law: LawByDay, first: int, last: int) -> Frame:
    """The cycles of the days of the approval's period within first..last."""
    start, end = max(first, approval.valid_from.toordinal()), min(last, approval.valid_to.toordinal())
    out: dict[int, Cycle] = {}
    cycles: dict[tuple[int, int], Cycle] = {}
    for d in range(start, end + 1):
        day = date.fromordinal(d)
        key = approval.cycle_key(day)
        cycle = cycles.get(key)
        if cycle is None:
            cycle = cycles[key] = Cycle(key, d, d, premium=law.on(d).premium_working)
        cycle.last = d
        mi = month_index(day)
        cycle.month_standard.setdefault(mi, 0.0)
        if cal.kind(d) == WORKING:
            hours = law.on(d).day_hours
            cycle.standard += hours
            cycle.month_standard[mi] += hours
        out[d] = cycle
    month_standard: dict[int, float] = {}
    for cycle in cycles.values():
        cycle.overtime_limit = law.on(cycle.first).monthly_overtime * len(cycle.month_standard)
        for mi, hours in cycle.month_standard.items():
            month_standard[mi] = month_standard.get(mi, 0.0) + hours
    return Frame(out, month_standard)


@dataclass(frozen=True)
class CycleResult:
    cycle: Cycle
    hours: float
    overtime: float


def apply_cycles(ctx: Days, frame: Frame, wh: WorkerHours) -> list[CycleResult]:
    """Fill the worker's months from the cycles and add the cycles' monthly_overtime breaches.
    A month shows the hours above its own standard as overtime; the limit and the pay are per cycle."""
    for mi, acc in wh.months.items():
        if acc.cycle_hours > 0:
            standard = frame.month_standard.get(mi, 0.0)
            excess = max(0.0, acc.cycle_hours - standard)
            acc.ot_working_standard = acc.ot_working
            acc.regular += acc.cycle_hours - excess
            acc.ot_working += excess
            acc.share = min(1.0, acc.cycle_hours / standard) if standard > 0 else 1.0
    totals: dict[tuple[int, int], float] = {}
    by_key: dict[tuple[int, int], Cycle] = {}
    for d, hours in wh.cycle_days.items():
        cycle = frame.cycle_of[d]
        totals[cycle.key] = totals.get(cycle.key, 0.0) + hours
        by_key[cycle.key] = cycle
    results = []
    for key, hours in sorted(totals.items()):
        cycle = by_key[key]
        overtime = max(0.0, hours - cycle.standard)
        results.append(CycleResult(cycle, hours, overtime))
        last_month = max(cycle.month_standard)
        if overtime > cycle.overtime_limit + EPS and last_month in ctx.period:
            wh.violations.append(Violation(wh.worker_id, "monthly_overtime", index_text(last_month), None, {
                "overtime_hours": round(overtime, 2), "limit_hours": cycle.overtime_limit,
                "system": "comprehensive", "cycle_from": date.fromordinal(cycle.first).isoformat(),
                "cycle_to": date.fromordinal(cycle.last).isoformat(), "cycle_hours": round(hours, 2),
                "cycle_standard_hours": cycle.standard}))
    return results


def pay_units(approval: Approval, results: list[CycleResult], months: dict[int, MonthAcc]) -> list[PayUnit]:
    """The payments the cycles are checked against: a week's overtime is paid with the month it ends in,
    a month's, quarter's or year's with the payroll rows of its months together."""
    groups: dict[tuple[int, ...], list[CycleResult]] = {}
    for result in results:
        if approval.cycle == "week":
            key: tuple[int, ...] = (month_index(date.fromordinal(result.cycle.last)),)
        else:
            key = tuple(sorted(mi for mi in result.cycle.month_standard if mi in months))
        groups.setdefault(key, []).append(result)
    units = []
    for key, group in sorted(groups.items()):
        if not key:
            continue
        unit = PayUnit(list(key), key[-1])
        for result in group:
            unit.working_hours += result.overtime
            unit.owed_nonholiday += result.overtime * result.cycle.premium
        for mi in key:
            acc = months[mi]
            unit.working_hours += acc.ot_working_standard
            unit.rest_hours += acc.ot_rest
            unit.owed_nonholiday += acc.owed_working + acc.owed_rest
            unit.holiday_hours += acc.holiday
            unit.owed_holiday += acc.owed_holiday
            unit.holiday_dates += acc.holiday_dates
        units.append(unit)
    return units
