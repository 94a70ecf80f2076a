"""The figures the computation uses: the law's, from the legal tables in force on each day
(resources/rules/legal-CN.yaml through `checklist.legal`), and the program's and the payroll's own
(resources/rules/hours-rules.yaml)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from auditor_app.checklist.legal import Entry, LegalTables, legal_tables
from auditor_app.errors import UserFacingError
from auditor_app.resources import load_rules

RULES_FILE = "rules/hours-rules.yaml"
LEGAL = ("standard_hours", "overtime_limits", "overtime_premiums", "weekly_rest")
_Positive = Annotated[float, Field(gt=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Program(_Model):
    weekly_hours_limit: _Positive
    weekly_hours_critical: _Positive
    max_consecutive_days: Annotated[int, Field(ge=1, le=13)]
    source: Annotated[StrictStr, Field(min_length=10)]

    @model_validator(mode="after")
    def _order(self) -> _Program:
        if self.weekly_hours_critical < self.weekly_hours_limit:
            raise ValueError("weekly_hours_critical must not be below weekly_hours_limit")
        return self


class _Wages(_Model):
    monthly_paid_days: _Positive
    source: Annotated[StrictStr, Field(min_length=10)]
    tolerance_cny: Annotated[float, Field(ge=0)]
    tolerance_share: Annotated[float, Field(ge=0, lt=0.2)]
    hours_signal_tolerance: Annotated[float, Field(ge=0)]


class _Reading(_Model):
    max_shift_hours: Annotated[float, Field(gt=8, le=24)]


class _System(_Model):
    source: Annotated[StrictStr, Field(min_length=10)]


CHECKPOINT_KEYS = ("rest_day", "daily_overtime", "monthly_overtime", "weekly_hours", "weekly_hours_critical",
                   "overtime_premium", "overtime_premium_approved", "holiday_premium", "holiday_premium_approved",
                   "minimum_wage", "missing_punch", "overtime_hours_differ")


class _File(_Model):
    schema_: Literal["escp-hours-rules/1"] = Field(alias="schema")
    program: _Program
    wages: _Wages
    reading: _Reading
    systems: dict[Literal["standard", "comprehensive", "flexible"], _System]
    checkpoints: dict[StrictStr, dict[StrictStr, Annotated[StrictStr, Field(pattern=r"^\d+(\.\d+)+$")]]]

    @model_validator(mode="after")
    def _all_keys(self) -> _File:
        for edition, table in self.checkpoints.items():
            missing = [k for k in CHECKPOINT_KEYS if k not in table]
            unknown = [k for k in table if k not in CHECKPOINT_KEYS]
            if missing or unknown:
                raise ValueError(f"checkpoints.{edition}: " + (f"missing {', '.join(missing)}" if missing else
                                                               f"unknown {', '.join(unknown)}"))
        return self


@dataclass(frozen=True)
class HoursRules:
    weekly_limit: float
    weekly_critical: float
    max_consecutive_days: int
    program_source: str
    paid_days: float
    paid_days_source: str
    tolerance_cny: float
    tolerance_share: float
    hours_signal_tolerance: float
    max_shift_minutes: int
    system_sources: dict[str, str]
    checkpoints: dict[str, dict[str, str]]      # checklist edition -> breach -> checkpoint id

    def tolerance(self, owed: float) -> float:
        return max(self.tolerance_cny, self.tolerance_share * owed)


@lru_cache(maxsize=None)
def hours_rules(path: str = RULES_FILE) -> HoursRules:
    f = load_rules(_File, path)
    return HoursRules(f.program.weekly_hours_limit, f.program.weekly_hours_critical, f.program.max_consecutive_days,
                      f.program.source, f.wages.monthly_paid_days, f.wages.source, f.wages.tolerance_cny,
                      f.wages.tolerance_share, f.wages.hours_signal_tolerance, round(f.reading.max_shift_hours * 60),
                      {str(k): v.source for k, v in f.systems.items()},
                      {e: dict(t) for e, t in f.checkpoints.items()})


@dataclass(frozen=True)
class Law:
    """The legal figures in force on one day."""
    day_hours: float
    week_hours: float
    daily_overtime: float           # at most, for special reasons
    monthly_overtime: float
    premium_working: float
    premium_rest: float
    premium_holiday: float
    rest_days_per_week: int


class LawByDay:
    """`on(ordinal)` -> Law, read from the legal tables in force on that date (cached per change)."""

    def __init__(self, country: str = "CN"):
        tables = legal_tables(country)
        missing = [t for t in LEGAL if tables is None or t not in tables.tables]
        if tables is None or missing:
            raise UserFacingError(f"the legal tables of {country} lack {', '.join(missing) or 'everything'} "
                                  f"needed for working hours and wages")
        self.tables: LegalTables = tables
        changes = sorted({e.effective_from.toordinal() for t in LEGAL for e in tables.tables[t]})
        self._starts = changes
        self._laws: list[Law | None] = [None] * len(changes)

    def entries(self, day: date) -> dict[str, Entry]:
        return {t: self.tables.in_force(t, day) for t in LEGAL}

    def on(self, ordinal: int) -> Law:
        index = bisect.bisect_right(self._starts, ordinal) - 1
        if index < 0:
            raise UserFacingError(f"no working-hours law is known before "
                                  f"{date.fromordinal(self._starts[0]).isoformat()}")
        law = self._laws[index]
        if law is None:
            e = {k: v.value for k, v in self.entries(date.fromordinal(self._starts[index])).items()}
            law = self._laws[index] = Law(
                float(e["standard_hours"]["hours_per_day"]), float(e["standard_hours"]["hours_per_week"]),
                float(e["overtime_limits"]["hours_per_day_at_most"]), float(e["overtime_limits"]["hours_per_month"]),
                float(e["overtime_premiums"]["working_day"]), float(e["overtime_premiums"]["rest_day"]),
                float(e["overtime_premiums"]["statutory_holiday"]), int(e["weekly_rest"]["days_per_week"]))
        return law

    def sources(self, day: date) -> dict[str, str]:
        return {t: e.short for t, e in self.entries(day).items()}
