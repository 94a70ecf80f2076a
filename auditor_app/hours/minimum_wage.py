"""Minimum wages by city (resources/rules/minimum-wage-<CC>.yaml): the figure in force in a month,
with its source and whether it still needs confirming against the local notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator

from auditor_app.checklist.legal import dated_in_order
from auditor_app.checklist.roster_headers import normalise
from auditor_app.errors import UserFacingError
from auditor_app.resources import load_rules

MINIMUM_WAGE_FILE = "rules/minimum-wage-{country}.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Entry(_Model):
    effective_from: date
    monthly: Annotated[float, Field(gt=0, lt=100000)]
    hourly: Annotated[float, Field(gt=0, lt=1000)] | None = None
    source: Annotated[StrictStr, Field(min_length=10)]
    confirm: bool = False


class _City(_Model):
    name: StrictStr
    name_local: StrictStr
    province: StrictStr
    aliases: list[StrictStr] = []
    excludes_social_insurance: bool = False
    entries: Annotated[list[_Entry], Field(min_length=1)]

    @field_validator("entries")
    @classmethod
    def _in_order(cls, entries: list[_Entry]) -> list[_Entry]:
        return dated_in_order(entries)


class _File(_Model):
    schema_: Literal["escp-minimum-wage/1"] = Field(alias="schema")
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")]
    reviewed: date
    stale_after_months: Annotated[int, Field(ge=1)]
    cities: dict[Annotated[StrictStr, Field(pattern=r"^[a-z][a-z_]*$")], _City]


@dataclass(frozen=True)
class WageEntry:
    effective_from: date
    monthly: float
    hourly: float | None
    source: str
    confirm: bool


@dataclass(frozen=True)
class City:
    key: str
    name: str
    name_local: str
    province: str
    excludes_social_insurance: bool
    entries: tuple[WageEntry, ...]
    aliases: tuple[str, ...] = ()

    def in_force(self, day: date) -> WageEntry | None:
        found = [e for e in self.entries if e.effective_from <= day]
        return found[-1] if found else None

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "name": self.name, "name_local": self.name_local, "province": self.province}


@dataclass(frozen=True)
class WageTable:
    country: str
    file: str
    reviewed: date
    stale_after_months: int
    cities: dict[str, City]

    def city(self, text: str) -> City:
        """The city a factory profile or the command line names: its key, English or Chinese name."""
        wanted = normalise(text).removesuffix("市").removesuffix("city")
        for city in self.cities.values():
            names = {city.key, city.name, city.name_local, *city.aliases}
            if wanted in {normalise(n).removesuffix("市") for n in names}:
                return city
        known = ", ".join(f"{c.name} ({c.name_local})" for c in self.cities.values())
        raise UserFacingError(f"no minimum wage is known for the city {text.strip()!r}; known: {known}",
                              f"Add the city to resources/rules/minimum-wage-{self.country}.yaml with its "
                              f"notice, or choose the city whose minimum wage applies.")


@lru_cache(maxsize=None)
def wage_table(country: str = "CN") -> WageTable:
    path = MINIMUM_WAGE_FILE.format(country=country.upper())
    parsed = load_rules(_File, path)
    cities = {}
    for key, city in parsed.cities.items():
        cities[key] = City(key, city.name, city.name_local, city.province, city.excludes_social_insurance,
                           tuple(WageEntry(e.effective_from, e.monthly, e.hourly, e.source, e.confirm)
                                 for e in city.entries), tuple(city.aliases))
    return WageTable(parsed.country, path.split("/")[-1], parsed.reviewed, parsed.stale_after_months, cities)
