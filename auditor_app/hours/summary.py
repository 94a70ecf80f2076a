"""The parts of a result beside the breaches: weekly hours across the sample (for the chart against
the limits), the notes an auditor must read before relying on the figures, and the sources used."""

from __future__ import annotations

import math
from datetime import date

from auditor_app.hours.approval import Approval
from auditor_app.hours.attendance import AttendanceRecords
from auditor_app.hours.holidays import HolidayCalendar
from auditor_app.hours.minimum_wage import City, WageEntry
from auditor_app.hours.payroll import PayrollRecords
from auditor_app.hours.period import Period, first_day, index_text, month_index
from auditor_app.hours.result import WeekSummary
from auditor_app.hours.rules import HoursRules, LawByDay

NAMED_WORKERS = 5


def week_summaries(weeks: dict[int, list[float]], rules: HoursRules) -> tuple[WeekSummary, ...]:
    out = []
    for monday, hours in sorted(weeks.items()):
        ranked = sorted(hours)
        n = len(ranked)
        median = ranked[n // 2] if n % 2 else (ranked[n // 2 - 1] + ranked[n // 2]) / 2
        p90 = ranked[max(0, math.ceil(0.9 * n) - 1)]
        out.append(WeekSummary(date.fromordinal(monday).isoformat(), index_text(month_index(date.fromordinal(monday + 3))),
                               n, round(median, 2), round(p90, 2), round(ranked[-1], 2),
                               sum(1 for h in ranked if h > rules.weekly_limit + 1e-6),
                               sum(1 for h in ranked if h > rules.weekly_critical + 1e-6)))
    return tuple(out)


def notes_and_sources(cal: HolidayCalendar, law: LawByDay, rules: HoursRules, city: City, period: Period,
                      approval: Approval | None, no_payroll: dict[str, list[str]], attendance: AttendanceRecords,
                      payroll: PayrollRecords) -> tuple[list[str], dict[str, str]]:
    notes = list(cal.gaps({period.start_day.year, period.end_day.year} | {first_day(m).year for m in period.months()}))
    notes += _minimum_wage_notes(city, period)
    if no_payroll:
        shown = sorted(no_payroll.items())[:NAMED_WORKERS]
        text = "; ".join(f"{w} ({', '.join(ms)})" for w, ms in shown)
        more = f"; and {len(no_payroll) - NAMED_WORKERS} more workers" if len(no_payroll) > NAMED_WORKERS else ""
        notes.append(f"no payroll row in {payroll.name} for months with attendance, so their pay is not checked: "
                     f"{text}{more}")
    if approval is not None:
        scope = f"{len(approval.workers)} listed workers" if approval.workers is not None else "every worker"
        notes.append(f"{approval.kind} working-hour system approved as {approval.number} from "
                     f"{approval.valid_from} to {approval.valid_to} for {scope}"
                     + (f", hours totalled per {approval.cycle}" if approval.kind == "comprehensive" else "")
                     + "; days outside it are computed under the standard system")
        if approval.kind == "flexible":
            notes.append("under the flexible system no overtime premium is computed for covered days; some "
                         "cities' wage rules still require 300 % for statutory holiday work: check the local rule")
    notes += [f"{attendance.name}: {w}" for w in attendance.warnings] + [f"{payroll.name}: {w}" for w in payroll.warnings]
    sources = dict(law.sources(period.end_day))
    sources["program"] = rules.program_source
    sources["hourly_rate"] = rules.paid_days_source
    years = sorted({first_day(m).year for m in period.months()} & cal.years)
    sources["holidays"] = "; ".join(cal.sources[y] for y in years)
    used = _entries(city, period)
    sources["minimum_wage"] = "; ".join(dict.fromkeys(e.source for e in used))
    sources["system"] = rules.system_sources["standard" if approval is None else approval.kind]
    return notes, sources


def _entries(city: City, period: Period) -> list[WageEntry]:
    return [e for m in period.months() if (e := city.in_force(first_day(m))) is not None]


def _minimum_wage_notes(city: City, period: Period) -> list[str]:
    from auditor_app.hours.minimum_wage import wage_table

    table = wage_table()
    notes = []
    before = [index_text(m) for m in period.months() if city.in_force(first_day(m)) is None]
    if before:
        notes.append(f"no {city.name} minimum wage in {table.file} for {', '.join(before)}: those months' pay is "
                     f"not compared with it")
    for entry in dict.fromkeys(_entries(city, period)):
        last_month = max(m for m in period.months() if city.in_force(first_day(m)) == entry)
        age = last_month - month_index(entry.effective_from)
        if age >= table.stale_after_months:
            notes.append(f"the {city.name} minimum wage used for {index_text(last_month)} took effect on "
                         f"{entry.effective_from} ({age} months earlier): look for a newer local notice")
        if entry.confirm:
            notes.append(f"the {city.name} minimum wage of {entry.monthly:g} yuan a month from {entry.effective_from} "
                         f"is not yet confirmed against the official notice ({table.file}): check it")
    return notes
