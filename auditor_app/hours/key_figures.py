"""The figures a reader of a hours review looks at first, as (label, value) sentences: shared by the
page and the report so they say the same. Counts name no worker."""

from __future__ import annotations

from auditor_app.hours.result import HoursResult

RULE_WORDS = {
    "rest_day": "more than 6 days in a row without a day off",
    "daily_overtime": "days over 11 hours",
    "weekly_hours": "weeks over 60 hours",
    "monthly_overtime": "months over 36 hours of overtime",
    "overtime_premium": "overtime paid below the legal premium",
    "holiday_premium": "statutory holiday work paid below 300 %",
    "minimum_wage": "base pay below the minimum wage",
    "missing_punch": "punches missing",
}


def system_words(result: HoursResult) -> str:
    system = result.system
    if system.get("kind", "standard") == "standard":
        return "standard working-hour system (no approval of another system recorded)"
    return (f"{system['kind']} working-hour system approved as {system['number']}, valid {system['valid_from']} "
            f"to {system['valid_to']}" + (f", hours totalled per {system['cycle']}" if system["kind"] == "comprehensive" else ""))


def key_figures(result: HoursResult) -> list[tuple[str, str]]:
    months, weeks = result.months, result.weeks
    sample = len(result.sample)
    limits = result.limits
    by_rule = result.by_rule()

    def workers(rule: str) -> str:
        n = len({v.worker_id for v in by_rule[rule]})
        return f"{n} of {sample} workers" if sample else "0"

    longest_week = max((m.max_week_hours for m in months), default=0.0)
    most_overtime = max((m.overtime for m in months), default=0.0)
    longest_run = max((m.longest_run for m in months), default=0)
    shortfall = sum(float(v.figures.get("shortfall") or 0) for r in ("overtime_premium", "holiday_premium")
                    for v in by_rule[r])
    hours_paid = [m for m in months if m.pay and m.pay.get("overtime_hours_paid") is not None]
    recorded = sum(m.overtime for m in hours_paid)
    paid = sum(float(m.pay["overtime_hours_paid"] or 0) for m in hours_paid if m.pay)
    out = [
        ("Sample", f"{sample} workers, {len(months)} worker-months, {result.period['from']} to {result.period['to']}"),
        ("Median weekly hours", f"{_median([w.median for w in weeks]):g} h (limit {limits['weekly_hours']:g} h)"),
        ("Longest week", f"{longest_week:g} h; {sum(w.over_limit for w in weeks)} worker-weeks over "
                         f"{limits['weekly_hours']:g} h, {sum(w.over_critical for w in weeks)} over "
                         f"{limits['weekly_hours_critical']:g} h ({workers('weekly_hours')})"),
        ("Most overtime in a month", f"{most_overtime:g} h (limit {limits['monthly_overtime_hours']:g} h); "
                                     f"{_n(len(by_rule['monthly_overtime']), 'worker-month')} over it "
                                     f"({workers('monthly_overtime')})"),
        ("Longest run without a day off", f"{longest_run} days (limit {limits['max_consecutive_days']:g}; "
                                          f"{workers('rest_day')})"),
        ("Days over 11 hours", f"{sum(m.days_over_limit for m in months)} ({workers('daily_overtime')})"),
        ("Overtime pay short", f"{shortfall:,.2f} yuan in "
                               f"{_n(len(by_rule['overtime_premium']) + len(by_rule['holiday_premium']), 'worker-month')} "
                               f"({workers('overtime_premium')} below the premium, "
                               f"{workers('holiday_premium')} on holidays)"),
        ("Below the minimum wage", f"{_n(len(by_rule['minimum_wage']), 'worker-month')} ({workers('minimum_wage')}); "
                                   f"{result.city.get('name', '')} minimum wage"),
    ]
    if hours_paid:
        out.append(("Overtime recorded vs paid", f"{recorded:,.1f} h in the attendance records, {paid:,.1f} h in the "
                                                 f"payroll ({_n(len(result.signals), 'worker-month')} differing by more than 1 h)"))
    return out


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ranked = sorted(values)
    n = len(ranked)
    return round(ranked[n // 2] if n % 2 else (ranked[n // 2 - 1] + ranked[n // 2]) / 2, 1)


def _n(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
