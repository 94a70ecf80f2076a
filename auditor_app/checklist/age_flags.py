"""Underage and young workers in a roster, with the dates that prove it.

The minimum working age per country is data (resources/rules/minimum-age.yaml). Three kinds:
- underage:   below the legal minimum age on the audit day (child labour now);
- young:      at or above the minimum but under 18 (young-worker protection applies);
- historical: adult now, but below the minimum age on the hire date (historical child labour).
A young worker hired below the minimum age stays kind "young" with `hired_underage` set.
Flags carry worker ids: they are for the auditor's working papers, not the public report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from auditor_app.checklist.roster import Roster
from auditor_app.checklist.roster_dates import age_on
from auditor_app.resources import load_rules

MINIMUM_AGE_FILE = "rules/minimum-age.yaml"


@dataclass(frozen=True)
class AgeRule:
    country: str
    name: str
    minimum_age: int
    young_worker_under: int
    law: str


@dataclass(frozen=True)
class AgeFlag:
    worker_id: str
    age: int
    kind: str                  # "underage" | "young" | "historical"
    birth_date: date
    hire_date: date | None
    hired_underage: bool
    text: str
    age_at_hire: int | None = None


class _Country(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    minimum_age: int = Field(ge=12, le=18)
    law: str = ""


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    young_worker_under: int = Field(ge=15, le=21)
    countries: dict[str, _Country]

    @model_validator(mode="after")
    def _check(self):
        for code, rule in self.countries.items():
            if len(code) != 2 or not code.isupper():
                raise ValueError(f"country code {code!r} must be two capital letters (ISO 3166)")
            if rule.minimum_age > self.young_worker_under:
                raise ValueError(f"{code}: minimum_age {rule.minimum_age} is above young_worker_under")
        return self


@lru_cache(maxsize=None)
def _load(path: str) -> _File:
    return load_rules(_File, path)


def age_rule(country: str = "CN", path: str = MINIMUM_AGE_FILE) -> AgeRule:
    table = _load(path)
    code = country.strip().upper()
    if code not in table.countries:
        raise ValueError(f"no minimum working age for country {country!r}; known: "
                         f"{', '.join(sorted(table.countries))} (add it to {MINIMUM_AGE_FILE})")
    c = table.countries[code]
    return AgeRule(code, c.name, c.minimum_age, table.young_worker_under, c.law)


def age_flags(roster: Roster, on_date: date, country: str = "CN") -> list[AgeFlag]:
    """Every underage, young and historically-underage worker, youngest first."""
    rule = age_rule(country)
    flags = []
    for w in roster.workers:
        age = age_on(w.birth_date, on_date)
        hire_age = age_on(w.birth_date, w.hire_date) if w.hire_date else None
        hired_underage = hire_age is not None and hire_age < rule.minimum_age
        born = f"born {w.birth_date.isoformat()}"
        hired = f"hired {w.hire_date.isoformat()} at {hire_age}" if w.hire_date else "hire date not given"
        minimum = f"the minimum working age of {rule.minimum_age} in {rule.name}"
        if age < rule.minimum_age:
            kind = "underage"
            text = (f"{w.worker_id}: {age} years old on {on_date.isoformat()} ({born}), under "
                    f"{minimum}; {hired}. Child labour.")
        elif age < rule.young_worker_under:
            kind = "young"
            text = (f"{w.worker_id}: young worker, {age} on {on_date.isoformat()} ({born}); {hired}.")
            if hired_underage:
                text += f" Hired under {minimum}: historical child labour."
        elif hired_underage:
            kind = "historical"
            text = (f"{w.worker_id}: {age} now ({born}) but {hired}, under {minimum}: "
                    f"historical child labour.")
        else:
            continue
        flags.append(AgeFlag(w.worker_id, age, kind, w.birth_date, w.hire_date, hired_underage,
                             text, hire_age))
    flags.sort(key=lambda f: (-f.birth_date.toordinal(), f.worker_id))
    return flags


FLAG_WORDS = {"underage": "Underage worker", "young": "Young worker", "historical": "Hired underage"}


def public_flags(flags, code_of, on_date: date) -> list[dict]:
    """Age flags as they may be stored with the audit: the interview code if the worker was drawn
    (`code_of(worker_id)`), age and kind; never a name or a worker id (those stay in the roster)."""
    out = []
    for f in flags:
        text = f"{FLAG_WORDS[f.kind]}: {f.age} years old on {on_date.isoformat()}"
        if f.age_at_hire is not None and f.hired_underage:
            text += f", hired at {f.age_at_hire}"
        out.append({"code": code_of(f.worker_id) or "", "age": f.age, "kind": f.kind, "text": text})
    return out
