"""A worker's pay against the hours: the minimum wage for standard hours, and overtime pay owed at the
legal premiums on the hourly rate (monthly base pay / 21.75 / 8) against what the payroll shows.

Overtime pay is one figure in a payroll, so it pays first for working-day and rest-day overtime and
what is left for holiday work: paid below the first is an `overtime_premium` breach, and holiday hours
then count as unpaid; paid enough for the first but not for both is a `holiday_premium` breach. A month
with less than the month's standard hours (a new hire, unpaid leave) needs that share of the minimum
wage, and its base pay is scaled up to a full month for the hourly rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor_app.hours.minimum_wage import City
from auditor_app.hours.payroll import PayRow
from auditor_app.hours.period import Period, first_day, index_text
from auditor_app.hours.result import Figure, Signal, Violation
from auditor_app.hours.rules import HoursRules, LawByDay
from auditor_app.hours.worker_hours import MonthAcc


@dataclass
class PayUnit:
    """What one payment of overtime covers: a month, or a comprehensive system's cycle."""
    months: list[int]
    report_month: int
    working_hours: float = 0.0
    rest_hours: float = 0.0
    holiday_hours: float = 0.0
    owed_nonholiday: float = 0.0            # hours x premium; times the hourly rate gives money
    owed_holiday: float = 0.0
    holiday_dates: list[str] = field(default_factory=list)


def month_unit(mi: int, acc: MonthAcc) -> PayUnit:
    return PayUnit([mi], mi, acc.ot_working, acc.ot_rest, acc.holiday, acc.owed_working + acc.owed_rest,
                   acc.owed_holiday, list(acc.holiday_dates))


@dataclass
class PayCheck:
    rules: HoursRules
    city: City
    period: Period
    working_days: dict[int, int]            # month index -> working days the calendar has in it
    law: LawByDay
    violations: list[Violation] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    rates: dict[tuple[str, int], float] = field(default_factory=dict)

    def month(self, wid: str, mi: int, acc: MonthAcc, row: PayRow) -> dict[str, Figure]:
        """The minimum wage and the triangulation of one month; returns the month's pay figures."""
        law = self.law.on(first_day(mi).toordinal())
        scheduled = self.working_days.get(mi, 0)
        share = acc.share if acc.share is not None else (
            min(1.0, acc.credited_days / scheduled) if scheduled else 1.0)
        base = row.base_pay
        full_month = base / share if 0 < share < 1 else base
        rate = full_month / self.rules.paid_days / law.day_hours
        self.rates[(wid, mi)] = rate
        pay: dict[str, Figure] = {"base_pay": base, "overtime_pay": row.overtime_pay, "gross_pay": row.gross_pay,
                                  "net_pay": row.net_pay, "overtime_hours_paid": row.overtime_hours_paid,
                                  "hourly_rate": round(rate, 4), "share_of_month": round(share, 4)}
        entry = self.city.in_force(first_day(mi))
        if entry is not None:
            compared = base
            if self.city.excludes_social_insurance:
                compared -= (row.social_insurance or 0.0) + (row.housing_fund or 0.0)
            required = entry.monthly * share
            pay.update(minimum_wage=entry.monthly, minimum_required=round(required, 2))
            if mi in self.period and compared < required - self.rules.tolerance(required):
                self.violations.append(Violation(wid, "minimum_wage", index_text(mi), None, {
                    "base_pay": base, "compared_pay": round(compared, 2), "minimum_wage": entry.monthly,
                    "required": round(required, 2), "shortfall": round(required - compared, 2),
                    "share_of_month": round(share, 4), "effective_from": entry.effective_from.isoformat(),
                    "confirm": entry.confirm, "row": row.row}))
        recorded = acc.ot_working + acc.ot_rest + acc.holiday
        if row.overtime_hours_paid is not None and mi in self.period:
            if abs(row.overtime_hours_paid - recorded) > self.rules.hours_signal_tolerance:
                self.signals.append(Signal(wid, "overtime_hours_differ", index_text(mi), {
                    "attendance_overtime_hours": round(recorded, 2), "paid_overtime_hours": row.overtime_hours_paid,
                    "difference": round(row.overtime_hours_paid - recorded, 2)}))
        return pay

    def unit(self, wid: str, unit: PayUnit, rows: list[PayRow]) -> dict[str, Figure] | None:
        """Overtime pay owed for a month or a cycle against what its payroll rows paid."""
        rates = [self.rates[(wid, mi)] for mi in unit.months if (wid, mi) in self.rates]
        if not rates or len(rows) < len(unit.months):
            return None
        rate = sum(rates) / len(rates)
        paid = sum(r.overtime_pay for r in rows)
        owed_nh, owed_h = rate * unit.owed_nonholiday, rate * unit.owed_holiday
        figures: dict[str, Figure] = {"owed_overtime": round(owed_nh + owed_h, 2), "paid_overtime": round(paid, 2)}
        if unit.report_month not in self.period:
            return figures
        month, nonholiday_hours = index_text(unit.report_month), unit.working_hours + unit.rest_hours
        if paid < owed_nh - self.rules.tolerance(owed_nh):
            self.violations.append(Violation(wid, "overtime_premium", month, None, {
                "hourly_rate": round(rate, 4), "working_day_hours": round(unit.working_hours, 2),
                "rest_day_hours": round(unit.rest_hours, 2), "owed": round(owed_nh, 2), "paid": round(paid, 2),
                "shortfall": round(owed_nh - paid, 2),
                "paid_premium_pct": round(100 * paid / (rate * nonholiday_hours), 1) if nonholiday_hours else 0.0}))
            paid_holiday = 0.0
        else:
            paid_holiday = paid - owed_nh
        if unit.holiday_hours > 0 and paid_holiday < owed_h - self.rules.tolerance(owed_h):
            self.violations.append(Violation(wid, "holiday_premium", month, unit.holiday_dates[0], {
                "holiday_hours": round(unit.holiday_hours, 2), "holiday_dates": ", ".join(unit.holiday_dates),
                "hourly_rate": round(rate, 4), "owed": round(owed_h, 2), "paid": round(paid_holiday, 2),
                "shortfall": round(owed_h - paid_holiday, 2),
                "paid_premium_pct": round(100 * paid_holiday / (rate * unit.holiday_hours), 1)}))
        return figures
