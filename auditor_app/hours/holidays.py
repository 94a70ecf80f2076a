"""China's public-holiday calendar (resources/rules/holidays-CN.yaml): each day a working day, a rest
day or a statutory holiday, with the State Council's bridged days off and make-up working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from auditor_app.resources import load_rules

HOLIDAYS_FILE = "rules/holidays-{country}.yaml"
WORKING, REST, HOLIDAY = 0, 1, 2
KIND_NAMES = ("working", "rest", "holiday")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Statutory(_Model):
    effective_from: date
    days: Annotated[int, Field(ge=1, le=30)]
    source: Annotated[StrictStr, Field(min_length=10)]


class _Year(_Model):
    source: Annotated[StrictStr, Field(min_length=10)]
    holidays: dict[date, StrictStr]
    days_off: list[date]
    working_days: list[date]
    arrangement_published: bool = True
    confirm: bool = False


class _File(_Model):
    schema_: Literal["escp-holidays/1"] = Field(alias="schema")
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")]
    statutory_days: Annotated[list[_Statutory], Field(min_length=1)]
    years: dict[int, _Year]

    @model_validator(mode="after")
    def _check(self) -> _File:
        for year, entry in self.years.items():
            listed = [*entry.holidays, *entry.days_off, *entry.working_days]
            for day in listed:
                if day.year != year:
                    raise ValueError(f"years.{year}: {day} is not in {year}")
            if len(set(listed)) != len(listed):
                twice = sorted({d for d in listed if listed.count(d) > 1})
                raise ValueError(f"years.{year}: {twice[0]} is listed twice")
            for day in entry.days_off:
                if day.weekday() >= 5:
                    raise ValueError(f"years.{year}.days_off: {day} is a weekend day, a rest day anyway")
            for day in entry.working_days:
                if day.weekday() < 5:
                    raise ValueError(f"years.{year}.working_days: {day} is a weekday, a working day anyway")
            in_force = [s for s in self.statutory_days if s.effective_from <= date(year, 1, 1)]
            if in_force and len(entry.holidays) != in_force[-1].days:
                raise ValueError(f"years.{year}: {len(entry.holidays)} statutory holidays listed, the law "
                                 f"in force gives {in_force[-1].days}")
            if not entry.arrangement_published and (entry.days_off or entry.working_days):
                raise ValueError(f"years.{year}: days_off and working_days come from the published "
                                 f"arrangement; set arrangement_published to true")
        return self


@dataclass(frozen=True)
class HolidayCalendar:
    country: str
    file: str
    exceptions: dict[int, int]          # date ordinal -> WORKING | REST | HOLIDAY, where not the weekday rule
    names: dict[int, str]               # statutory holiday ordinal -> its festival
    years: frozenset[int]               # years the file covers
    pending: frozenset[int]             # years whose bridged days are not published yet
    sources: dict[int, str]

    def kind(self, ordinal: int) -> int:
        """WORKING, REST or HOLIDAY for a date ordinal (date.toordinal(); day 1 was a Monday)."""
        found = self.exceptions.get(ordinal)
        if found is not None:
            return found
        return REST if (ordinal - 1) % 7 >= 5 else WORKING

    def kind_of(self, day: date) -> str:
        return KIND_NAMES[self.kind(day.toordinal())]

    def gaps(self, years: set[int]) -> list[str]:
        """Sentences for the years a computation needs that the calendar does not know fully."""
        out = []
        for year in sorted(years):
            if year not in self.years:
                out.append(f"{self.file} has no holiday calendar for {year}: statutory holidays and bridged "
                           f"days of {year} are not known, weekends are taken as the rest days")
            elif year in self.pending:
                out.append(f"{self.file}: the State Council's arrangement for {year} is not in the calendar yet; "
                           f"its statutory holidays are known, its bridged days off and make-up working days "
                           f"are not")
        return out


@lru_cache(maxsize=None)
def holiday_calendar(country: str = "CN") -> HolidayCalendar:
    path = HOLIDAYS_FILE.format(country=country.upper())
    parsed = load_rules(_File, path)
    exceptions: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in parsed.years.values():
        for day, festival in entry.holidays.items():
            exceptions[day.toordinal()] = HOLIDAY
            names[day.toordinal()] = festival
        exceptions.update({d.toordinal(): REST for d in entry.days_off})
        exceptions.update({d.toordinal(): WORKING for d in entry.working_days})
    return HolidayCalendar(
        country=parsed.country, file=path.split("/")[-1], exceptions=exceptions, names=names,
        years=frozenset(parsed.years), pending=frozenset(y for y, e in parsed.years.items()
                                                         if not e.arrangement_published),
        sources={y: e.source for y, e in parsed.years.items()})
