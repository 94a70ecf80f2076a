"""compute(attendance, payroll, city, period, approval) -> HoursResult: every sampled worker's months
under the law in force on each day, the breaches, the triangulation signals and the figures a page or
a report shows. Pure: reads rule files, writes nothing; safe to run off the GUI thread, where
`progress(done, total, text)` reports (and may raise to cancel)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from auditor_app.checklist.messages import message
from auditor_app.errors import UserFacingError
from auditor_app.hours.approval import Approval
from auditor_app.hours.attendance import AttendanceRecords
from auditor_app.hours.comprehensive import apply_cycles, cycle_frame, pay_units
from auditor_app.hours.errors import HoursFileError
from auditor_app.hours.gc_pause import gc_paused
from auditor_app.hours.holidays import WORKING, holiday_calendar
from auditor_app.hours.minimum_wage import City, wage_table
from auditor_app.hours.pay_checks import PayCheck, month_unit
from auditor_app.hours.payroll import PayrollRecords
from auditor_app.hours.period import Period, index_of, index_text, month_index
from auditor_app.hours.result import HoursResult, Violation, WorkerMonth
from auditor_app.hours.rules import LawByDay, hours_rules
from auditor_app.hours.summary import notes_and_sources, week_summaries
from auditor_app.hours.worker_hours import Days, worker_hours

Progress = Callable[[int, int, str], None]
_ORDER = {"rest_day": 0, "daily_overtime": 1, "weekly_hours": 2, "monthly_overtime": 3, "overtime_premium": 4,
          "holiday_premium": 5, "minimum_wage": 6, "missing_punch": 7}


def compute(attendance: AttendanceRecords, payroll: PayrollRecords, city: str | City,
            period: tuple[str, str] | Period | None = None, approval: Approval | None = None, *,
            workers: Collection[str] | None = None, country: str = "CN",
            progress: Progress | None = None) -> HoursResult:
    """The result for the sampled workers (default: everyone in the attendance file) over the period
    (default: the months the attendance file covers), under the approval's system where it applies."""
    with gc_paused():
        return _compute(attendance, payroll, city, period, approval, workers, country, progress)


def _compute(attendance: AttendanceRecords, payroll: PayrollRecords, city: str | City,
             period: tuple[str, str] | Period | None, approval: Approval | None,
             workers: Collection[str] | None, country: str, progress: Progress | None) -> HoursResult:
    if not len(attendance):
        raise UserFacingError(f"{attendance.name} has no attendance rows")
    rules, cal, law = hours_rules(), holiday_calendar(country), LawByDay(country)
    city = city if isinstance(city, City) else wage_table(country).city(city)
    _payroll_workers_in_attendance(attendance, payroll)
    first, last = min(attendance.day), max(attendance.day)
    if period is None:
        period = Period(month_index(date.fromordinal(first)), month_index(date.fromordinal(last)))
    elif not isinstance(period, Period):
        period = Period.of(*period)
    sample = _sample(attendance, workers)
    days = set(attendance.day)
    ctx = Days({d: cal.kind(d) for d in days}, {d: law.on(d) for d in days},
               {d: month_index(date.fromordinal(d)) for d in days}, rules, period, approval)
    frame = (cycle_frame(approval, cal, law, first, last)
             if approval is not None and approval.kind == "comprehensive" else None)
    working_days: dict[int, int] = {}
    for d in range(first, last + 1):
        if cal.kind(d) == WORKING:
            mi = month_index(date.fromordinal(d))
            working_days[mi] = working_days.get(mi, 0) + 1
    check = PayCheck(rules, city, period, working_days, law)
    months: list[WorkerMonth] = []
    violations: list[Violation] = []
    weeks: dict[int, list[float]] = {}
    no_payroll: dict[str, list[str]] = {}
    spans = attendance.spans()
    for index, (lo, hi) in enumerate(spans):
        wid = attendance.worker_ids[index]
        if progress is not None and index % 20 == 0:
            progress(index, len(spans), "Computing hours and pay")
        if wid not in sample:
            continue
        wh = worker_hours(ctx, attendance, index, lo, hi)
        cycles = apply_cycles(ctx, frame, wh) if frame is not None and wh.cycle_days else []
        violations += wh.violations
        pays: dict[int, dict] = {}
        for mi, acc in sorted(wh.months.items()):
            row = payroll.rows.get((wid, index_text(mi)))
            if row is not None:
                pays[mi] = check.month(wid, mi, acc, row)
            elif mi in period:
                no_payroll.setdefault(wid, []).append(index_text(mi))
        units = pay_units(approval, cycles, wh.months) if approval is not None and cycles else []
        covered = {mi for unit in units for mi in unit.months}
        units += [month_unit(mi, acc) for mi, acc in sorted(wh.months.items())
                  if mi not in covered and acc.system != "flexible"]
        for unit in units:
            rows = [r for mi in unit.months if (r := payroll.rows.get((wid, index_text(mi)))) is not None]
            figures = check.unit(wid, unit, rows)
            if figures is not None and unit.report_month in pays:
                pays[unit.report_month].update(figures)
        for monday, hours in wh.weeks.items():
            if month_index(date.fromordinal(monday + 3)) in period:
                weeks.setdefault(monday, []).append(hours)
        months += [_month(wid, mi, acc, pays.get(mi)) for mi, acc in sorted(wh.months.items()) if mi in period]
    if progress is not None:
        progress(len(spans), len(spans), "Computing hours and pay")
    computed = {(m.worker_id, m.month) for m in months}
    unmatched = sorted(k for k in payroll.rows if k[0] in sample and index_of(k[1]) in period and k not in computed)
    violations += check.violations
    violations.sort(key=lambda v: (v.worker_id, v.month, _ORDER[v.rule], v.date or ""))
    notes, sources = notes_and_sources(cal, law, rules, city, period, approval, no_payroll, attendance, payroll)
    if unmatched:
        shown = ", ".join(f"{w} {m}" for w, m in unmatched[:5]) + (f" and {len(unmatched) - 5} more" if len(unmatched) > 5 else "")
        notes.append(f"payroll rows for months without any attendance row, so not checked: {shown}")
    law_now = law.on(period.end_day.toordinal())
    limits = {"standard_day_hours": law_now.day_hours, "standard_week_hours": law_now.week_hours,
              "daily_overtime_hours": law_now.daily_overtime, "monthly_overtime_hours": law_now.monthly_overtime,
              "weekly_hours": rules.weekly_limit, "weekly_hours_critical": rules.weekly_critical,
              "max_consecutive_days": rules.max_consecutive_days, "premium_working": law_now.premium_working,
              "premium_rest": law_now.premium_rest, "premium_holiday": law_now.premium_holiday}
    return HoursResult(
        city=city.as_dict(), period=period.as_dict(),
        system=approval.as_dict() if approval is not None else {"kind": "standard"},
        sample=tuple(w for w in attendance.worker_ids if w in sample), months=tuple(months),
        weeks=week_summaries(weeks, rules), violations=tuple(violations), signals=tuple(check.signals),
        notes=tuple(notes), sources=sources, limits=limits, files=_files(attendance, payroll))


def _month(wid: str, mi: int, acc, pay: dict | None) -> WorkerMonth:
    return WorkerMonth(
        wid, index_text(mi), acc.system, acc.days_worked, round(acc.hours, 2), round(acc.regular, 2),
        round(acc.ot_working, 2), round(acc.ot_rest, 2), round(acc.holiday, 2), acc.longest_run, acc.days_over,
        round(acc.max_day, 2), round(acc.max_week, 2), acc.weeks_over, acc.missing, pay)


def _payroll_workers_in_attendance(attendance: AttendanceRecords, payroll: PayrollRecords) -> None:
    known = set(attendance.worker_ids)
    strays = sorted((row.row, wid) for (wid, _), row in payroll.rows.items() if wid not in known)
    if strays:
        row, wid = strays[0]
        others = len({w for _, w in strays}) - 1
        raise HoursFileError(payroll.name, message("hours.file.not_in_attendance", worker=wid,
                                                   attendance=attendance.name, others=others), row=row, column=payroll.id_column,
                             header=payroll.columns.get("worker_id", ""),
                             hint="Ask the factory for the time records of every worker it paid.")


def _sample(attendance: AttendanceRecords, workers: Collection[str] | None) -> set[str]:
    if workers is None:
        return set(attendance.worker_ids)
    unknown = sorted(set(workers) - set(attendance.worker_ids))
    if unknown:
        raise UserFacingError(f"sampled worker {unknown[0]} is not in {attendance.name}"
                              + (f" ({len(unknown) - 1} more likewise)" if len(unknown) > 1 else ""))
    return set(workers)


def _files(attendance: AttendanceRecords, payroll: PayrollRecords) -> dict[str, dict]:
    return {
        "attendance": {"name": attendance.name, "encoding": attendance.encoding, "rows": len(attendance),
                       "workers": len(attendance.worker_ids), "first_day": attendance.first_day().isoformat(),
                       "last_day": attendance.last_day().isoformat(), "columns": dict(attendance.columns),
                       "warnings": list(attendance.warnings)},
        "payroll": {"name": payroll.name, "encoding": payroll.encoding, "rows": len(payroll),
                    "columns": dict(payroll.columns), "warnings": list(payroll.warnings)},
    }
