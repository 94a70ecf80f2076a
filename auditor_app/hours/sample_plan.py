"""The schedule behind the sample files: every worker's punches day by day, and the breaches planted
into it (sample_files.py writes them out). A plan is a dict: day ordinal -> (in, out) pairs in
minutes after that day's midnight (past 1440 for a night shift; -1 for a punch left out)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from auditor_app.hours.holidays import HOLIDAY, REST, WORKING, holiday_calendar
from auditor_app.hours.minimum_wage import wage_table
from auditor_app.hours.period import first_day, index_of, index_text, last_day, month_index
from auditor_app.hours.rules import LawByDay, hours_rules

# The "Done when" list of issue 13; "night_shift" plants a shift across midnight that breaks nothing.
DEFAULT_PLANTS = ("rest_day", "daily_overtime", "monthly_overtime", "overtime_premium", "holiday_premium",
                  "minimum_wage", "night_shift")
OPTIONAL_PLANTS = ("weekly_hours", "missing_punch", "hours_differ")
Pairs = list[tuple[int, int]]
DAY = [(480, 720), (810, 1050)]                # 08:00-12:00, 13:30-17:30


@dataclass(frozen=True)
class Planted:
    plant: str
    rule: str | None                           # the violation it must produce; None: none at all
    worker_id: str
    month: str
    date: str | None = None



class Factory:
    def __init__(self, start: str, months: int, city: str, seed: int):
        self.cal, self.law, self.rules = holiday_calendar(), LawByDay(), hours_rules()
        self.city = wage_table().city(city)
        self.first_month = index_of(start)
        self.months = [self.first_month + i for i in range(months)]
        self.first = first_day(self.months[0]).toordinal()
        self.last = last_day(self.months[-1]).toordinal()
        self.rng = random.Random(seed)
        self.plan: dict[str, dict[int, Pairs]] = {}
        self.pay_premium: dict[tuple[str, int], tuple[float, float, float]] = {}
        self.base_cut: dict[tuple[str, int], float] = {}
        self.paid_hours_cut: dict[tuple[str, int], float] = {}

    def days(self, mi: int) -> range:
        return range(first_day(mi).toordinal(), last_day(mi).toordinal() + 1)

    def kind(self, d: int) -> int:
        return self.cal.kind(d)

    def run_if_worked(self, plan: dict[int, Pairs], d: int) -> int:
        left = right = 0
        while d - left - 1 in plan:
            left += 1
        while d + right + 1 in plan:
            right += 1
        return left + 1 + right

    def baseline(self, wid: str) -> dict[int, Pairs]:
        plan: dict[int, Pairs] = {}
        for mi in self.months:
            budget = 30.0
            for d in self.days(mi):
                if self.kind(d) == WORKING:
                    extra = self.rng.choice((0, 0, 1, 1, 2))
                    if extra and budget >= extra:
                        budget -= extra
                        plan[d] = [*DAY, (1080, 1080 + 60 * extra)]
                    else:
                        plan[d] = list(DAY)
            saturday = next((d for d in self.days(mi) if (d - 1) % 7 == 5 and self.kind(d) == REST
                             and self.run_if_worked(plan, d) <= self.rules.max_consecutive_days), None)
            if saturday is not None and budget >= 4:
                plan[saturday] = [(480, 720)]
        return plan

    def clear(self, plan: dict[int, Pairs], mi: int) -> None:
        for d in self.days(mi):
            plan.pop(d, None)
            if self.kind(d) == WORKING:
                plan[d] = list(DAY)

    # ── plants: each clears its month of the worker's usual overtime first ─────────────────

    def normal_week_start(self, mi: int, length: int, after: int = 0) -> int | None:
        """A Monday in the month from which `length` days are ordinary (weekdays work, weekends rest)."""
        for d in self.days(mi):
            if (d - 1) % 7 or d < after or d + length - 1 > last_day(mi).toordinal():
                continue
            span = range(d - 1, d + length + 1)
            if all(self.kind(x) == (REST if (x - 1) % 7 >= 5 else WORKING) for x in span):
                return d
        return None

    def plant(self, name: str, wid: str, plan: dict[int, Pairs], mi: int) -> Planted | None:
        month = index_text(mi)
        if name == "rest_day":
            d = self.normal_week_start(mi, 14)
            if d is None:
                return None
            self.clear(plan, mi)
            for x in range(d, d + 13):
                plan[x] = list(DAY)
            return Planted(name, "rest_day", wid, month, date.fromordinal(d).isoformat())
        if name in ("daily_overtime", "missing_punch"):
            self.clear(plan, mi)
            d = [x for x in self.days(mi) if self.kind(x) == WORKING and (x - 1) % 7 == 2][1]
            plan[d] = [*DAY, (1080, 1320)] if name == "daily_overtime" else [DAY[0], (810, -1)]
            return Planted(name, name, wid, month, date.fromordinal(d).isoformat())
        if name == "weekly_hours":
            d = self.normal_week_start(mi, 7)
            if d is None:
                return None
            self.clear(plan, mi)
            for x in range(d, d + 5):
                plan[x] = [*DAY, (1080, 1260)]
            plan[d + 5] = list(DAY)
            return Planted(name, "weekly_hours", wid, month, date.fromordinal(d).isoformat())
        if name == "monthly_overtime":
            self.clear(plan, mi)
            remaining = 60
            for d in self.days(mi):
                if self.kind(d) == WORKING and remaining >= 2:
                    plan[d] = [*DAY, (1080, 1200)]
                    remaining -= 2
            for d in self.days(mi):
                if remaining and (d - 1) % 7 == 5 and self.kind(d) == REST and self.run_if_worked(plan, d) <= 6:
                    hours = min(8, remaining)
                    plan[d] = [(480, 480 + 60 * hours)] if hours <= 4 else [DAY[0], (810, 810 + 60 * (hours - 4))]
                    remaining -= hours
            return Planted(name, "monthly_overtime", wid, month) if not remaining else None
        if name == "overtime_premium":
            self.clear(plan, mi)
            for d in [x for x in self.days(mi) if self.kind(x) == WORKING][:12]:
                plan[d] = [*DAY, (1080, 1140)]
            self.pay_premium[(wid, mi)] = (1.0, 2.0, 3.0)     # overtime paid at 100 %
            return Planted(name, "overtime_premium", wid, month)
        if name == "minimum_wage":
            self.clear(plan, mi)
            self.base_cut[(wid, mi)] = 300.0
            return Planted(name, "minimum_wage", wid, month)
        if name == "hours_differ":
            self.paid_hours_cut[(wid, mi)] = 10.0
            return Planted(name, "overtime_hours_differ", wid, month)
        raise ValueError(f"unknown plant {name!r}; known: {', '.join(DEFAULT_PLANTS + OPTIONAL_PLANTS)}")

    def holiday_plant(self, wid: str, plan: dict[int, Pairs]) -> Planted | None:
        holidays = [d for d in range(self.first, self.last + 1) if self.kind(d) == HOLIDAY]
        october = [d for d in holidays if date.fromordinal(d).month == 10 and date.fromordinal(d).day == 1]
        if not (october or holidays):
            return None
        d = (october or holidays)[0]
        mi = month_index(date.fromordinal(d))
        self.clear(plan, mi)
        plan[d] = list(DAY)
        self.pay_premium[(wid, mi)] = (1.5, 2.0, 2.0)         # 1 October paid at 200 %
        return Planted("holiday_premium", "holiday_premium", wid, index_text(mi), date.fromordinal(d).isoformat())

    def night_plan(self) -> dict[int, Pairs]:
        return {d: [(1200, 1680)] for d in range(self.first, self.last + 1) if self.kind(d) == WORKING}
