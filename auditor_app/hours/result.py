"""What the computation returns: plain values that turn into JSON and back (`as_dict`, `from_dict`),
so a page can show them and the audit can keep them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Union

RULES = ("rest_day", "daily_overtime", "monthly_overtime", "weekly_hours", "overtime_premium", "holiday_premium",
         "minimum_wage", "missing_punch")
Figure = Union[float, int, str, bool, None]


def _plain(obj: Any) -> dict[str, Any]:
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else dict(value) if isinstance(value, dict) else value
    return out


@dataclass(frozen=True)
class Violation:
    worker_id: str
    rule: str                       # one of RULES
    month: str                      # "YYYY-MM" the breach is counted in
    date: str | None                # the day, the week's Monday or the run's first day; None for a month
    figures: dict[str, Figure]

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class Signal:
    """Not a breach: something to triangulate (hours paid against hours recorded)."""
    worker_id: str
    kind: str                       # "overtime_hours_differ"
    month: str
    figures: dict[str, Figure]

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class WorkerMonth:
    worker_id: str
    month: str
    system: str                     # standard | comprehensive | flexible
    days_worked: int
    hours: float
    regular_hours: float
    overtime_working_day: float
    overtime_rest_day: float
    holiday_hours: float
    longest_run: int                # the longest run of days without rest touching this month
    days_over_limit: int            # days over the standard day plus the daily overtime limit (11 h)
    max_day_hours: float
    max_week_hours: float           # weeks counted in the month of their Thursday
    weeks_over_limit: int
    missing_punches: int
    pay: dict[str, Figure] | None   # the payroll row and what the law asks, when there is one

    @property
    def overtime(self) -> float:
        return round(self.overtime_working_day + self.overtime_rest_day + self.holiday_hours, 2)

    def as_dict(self) -> dict[str, Any]:
        return {**_plain(self), "overtime": self.overtime}


@dataclass(frozen=True)
class WeekSummary:
    """One week across the sample, for the chart of weekly hours against the limits."""
    week: str                       # its Monday
    month: str
    workers: int
    median: float
    p90: float
    max: float
    over_limit: int
    over_critical: int

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class HoursResult:
    city: dict[str, str]
    period: dict[str, str]          # {"from": "YYYY-MM", "to": "YYYY-MM"}
    system: dict[str, Any]          # {"kind": "standard"} or the approval
    sample: tuple[str, ...]         # worker ids computed
    months: tuple[WorkerMonth, ...]
    weeks: tuple[WeekSummary, ...]
    violations: tuple[Violation, ...]
    signals: tuple[Signal, ...]
    notes: tuple[str, ...]
    sources: dict[str, str]         # rule or figure -> its source
    limits: dict[str, float]        # the figures applied, for charts and tables
    files: dict[str, dict[str, Any]]

    def by_rule(self) -> dict[str, list[Violation]]:
        out: dict[str, list[Violation]] = {r: [] for r in RULES}
        for v in self.violations:
            out[v.rule].append(v)
        return out

    def as_dict(self) -> dict[str, Any]:
        out = _plain(self)
        for key in ("months", "weeks", "violations", "signals"):
            out[key] = [item.as_dict() for item in getattr(self, key)]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HoursResult:
        def build(kind: type, items: list[dict[str, Any]]) -> tuple:
            names = {f.name for f in fields(kind)}
            return tuple(kind(**{k: v for k, v in item.items() if k in names}) for item in items)

        return cls(dict(data["city"]), dict(data["period"]), dict(data["system"]), tuple(data["sample"]),
                   build(WorkerMonth, data["months"]), build(WeekSummary, data["weeks"]),
                   build(Violation, data["violations"]), build(Signal, data["signals"]), tuple(data["notes"]),
                   dict(data["sources"]), dict(data["limits"]), dict(data["files"]))
