"""One violation's figures as a short phrase (the `hours` command's table, later the page)."""

from __future__ import annotations

from auditor_app.hours.result import Violation


def _money(value: object) -> str:
    return f"{float(value or 0):,.2f}"  # type: ignore[arg-type]


def figures_text(v: Violation) -> str:
    f = v.figures
    if v.rule == "rest_day":
        return (f"{f['days_without_rest']} days without a day off, {f['first_day']} to {f['last_day']} "
                f"(limit {f['limit_days']})")
    if v.rule == "daily_overtime":
        return (f"{f['hours']:g} h on a {f['day_type']} day: {f['hours_beyond_standard_day']:g} h beyond the "
                f"standard day (limit {f['overtime_limit_hours']:g} h)")
    if v.rule == "monthly_overtime":
        cycle = f" in the cycle {f['cycle_from']} to {f['cycle_to']}" if "cycle_from" in f else ""
        return f"{f['overtime_hours']:g} h of overtime{cycle} (limit {f['limit_hours']:g} h)"
    if v.rule == "weekly_hours":
        return (f"{f['hours']:g} h in the week to {f['week_end']} (limit {f['limit_hours']:g} h"
                + (f", above {f['critical_hours']:g} h" if f["over_critical"] else "") + ")")
    if v.rule == "overtime_premium":
        return (f"owed {_money(f['owed'])}, paid {_money(f['paid'])}, short {_money(f['shortfall'])} "
                f"(overtime paid at {f['paid_premium_pct']:g} %)")
    if v.rule == "holiday_premium":
        return (f"{f['holiday_hours']:g} h on {f['holiday_dates']}: owed {_money(f['owed'])}, paid {_money(f['paid'])}, "
                f"short {_money(f['shortfall'])} (paid at {f['paid_premium_pct']:g} %)")
    if v.rule == "minimum_wage":
        return (f"base pay {_money(f['compared_pay'])} against {_money(f['required'])} required, short "
                f"{_money(f['shortfall'])}" + (" (figure to confirm)" if f.get("confirm") else ""))
    return f"row {f['row']}: {f['punches']}"
