"""Underage and young workers in a roster, with the dates that prove it.

The minimum working age per country is data (resources/rules/minimum-age.yaml), each entry with the
day its law took effect: an audit uses the one in force on its date. Three kinds:
- underage:   below the legal minimum age on the audit day (child labour now);
- young:      at or above the minimum but under 18 (young-worker protection applies);
- historical: of age now, but below the minimum age on some day inside the records' review period
              (sampling.yaml `records.review_months` before the audit) while employed: historical
              child labour the records under review can show.
A young worker with underage employment inside the period stays kind "young" with
`underage_in_period` set. Workers whose dates cannot be true (born after the audit day, older than the
roster checks allow, hired before the age the roster checks allow or before birth, hired after the
audit day) are not judged here: `roster_checks` lists them as data to verify, never as child labour.
Flags carry worker ids: they are for the auditor's working papers, not the public report. Their
texts are built from message ids and parameters (`messages.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from auditor_app.checklist.legal import CHINESE_LAW
from auditor_app.checklist.messages import Message, Words, message, prepares
from auditor_app.checklist.roster import Roster, Worker
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
    effective_from: date | None = None
    law_zh: str | None = None       # the citation in Chinese (a Chinese law)


@dataclass(frozen=True)
class AgeFlag:
    worker_id: str
    age: int
    kind: str                  # "underage" | "young" | "historical"
    birth_date: date
    hire_date: date | None
    hired_underage: bool       # below the minimum age on the hire date
    text: str
    age_at_hire: int | None = None
    underage_in_period: bool = False   # some underage employment falls inside the review period
    message: Message | None = None


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    minimum_age: int = Field(ge=12, le=18)
    effective_from: date
    law: Annotated[str, Field(min_length=3)]
    law_zh: Annotated[str, Field(min_length=3)] | None = None   # required for China (CHINESE_LAW)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    young_worker_under: int = Field(ge=15, le=21)
    countries: dict[str, Annotated[list[_Entry], Field(min_length=1)]]

    @model_validator(mode="after")
    def _check(self):
        for code, entries in self.countries.items():
            if len(code) != 2 or not code.isupper():
                raise ValueError(f"country code {code!r} must be two capital letters (ISO 3166)")
            for earlier, later in zip(entries, entries[1:]):
                if later.effective_from <= earlier.effective_from:
                    raise ValueError(f"{code}: entries must be in order of effective_from")
            for rule in entries:
                if code in CHINESE_LAW and rule.law_zh is None:
                    raise ValueError(f"{code}: a citation of Chinese law needs law_zh (the law's official title "
                                     f"and article)")
                if rule.minimum_age > self.young_worker_under:
                    raise ValueError(f"{code}: minimum_age {rule.minimum_age} is above young_worker_under")
        return self


@lru_cache(maxsize=None)
def _load(path: str) -> _File:
    return load_rules(_File, path)


def age_rule(country: str = "CN", path: str = MINIMUM_AGE_FILE, on_date: date | None = None) -> AgeRule:
    """The minimum working age of a country in force on `on_date` (None: the newest)."""
    table = _load(path)
    code = country.strip().upper()
    if code not in table.countries:
        raise ValueError(f"no minimum working age for country {country!r}; known: "
                         f"{', '.join(sorted(table.countries))} (add it to {MINIMUM_AGE_FILE})")
    entries = table.countries[code]
    if on_date is not None:
        entries = [e for e in entries if e.effective_from <= on_date]
        if not entries:
            first = table.countries[code][0].effective_from
            raise ValueError(f"no minimum working age for {code} in force on {on_date.isoformat()} "
                             f"(the first entry in {MINIMUM_AGE_FILE} takes effect on {first.isoformat()})")
    c = entries[-1]
    return AgeRule(code, c.name, c.minimum_age, table.young_worker_under, c.law, c.effective_from, c.law_zh)


def review_start(on_date: date, months: int) -> date:
    """The first day of the records' review period ending on `on_date`."""
    month0 = on_date.month - 1 - months
    year, month = on_date.year + month0 // 12, month0 % 12 + 1
    try:
        return date(year, month, on_date.day)
    except ValueError:  # 31 March minus one month: the last day of February
        return date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)


def birthday(birth: date, years: int) -> date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February: counts from 1 March (as age_on does)
        return date(birth.year + years, 3, 1)


def dates_plausible(worker: Worker, on_date: date, hired_before_age: int, oldest_age: int) -> tuple[bool, bool]:
    """(birth date usable, hire date usable) for age judgements on `on_date`."""
    birth_ok = worker.birth_date <= on_date and age_on(worker.birth_date, on_date) <= oldest_age
    hire = worker.hire_date
    hire_ok = (hire is not None and birth_ok and hire <= on_date and hire >= worker.birth_date
               and age_on(worker.birth_date, hire) >= hired_before_age)
    return birth_ok, hire_ok


def age_flags(roster: Roster, on_date: date, country: str = "CN", review_months: int | None = None) -> list[AgeFlag]:
    """Every underage, young and historically-underage worker, youngest first."""
    from auditor_app.checklist.roster_checks import load_roster_checks
    from auditor_app.checklist.sampling import load_sampling

    rule = age_rule(country, on_date=on_date)
    months = review_months if review_months is not None else load_sampling().records.review_months
    limits = load_roster_checks().implausible
    period_start = review_start(on_date, months)
    flags = []
    for w in roster.workers:
        birth_ok, hire_ok = dates_plausible(w, on_date, limits.hired_before_age, limits.oldest_age)
        if not birth_ok:
            continue  # data to verify (roster_checks), not an age
        age = age_on(w.birth_date, on_date)
        hire_age = age_on(w.birth_date, w.hire_date) if hire_ok and w.hire_date else None
        hired_underage = hire_age is not None and hire_age < rule.minimum_age
        of_age_on = birthday(w.birth_date, rule.minimum_age)
        in_period = hired_underage and of_age_on > period_start
        params = {"worker_id": w.worker_id, "age": age, "on": on_date.isoformat(),
                  "born": w.birth_date.isoformat(),
                  "hired": w.hire_date.isoformat() if hire_ok and w.hire_date else None,
                  "hire_age": hire_age, "minimum": rule.minimum_age, "country": rule.name,
                  "country_code": rule.country, "law": rule.law, "law_zh": rule.law_zh,
                  "of_age_on": of_age_on.isoformat(), "period_start": period_start.isoformat(),
                  "review_months": months, "in_period": in_period}
        if age < rule.minimum_age:
            kind = "underage"
        elif age < rule.young_worker_under:
            kind = "young"
        elif in_period:
            kind = "historical"
        else:
            continue
        msg = message(f"age_{kind}", **params)
        flags.append(AgeFlag(w.worker_id, age, kind, w.birth_date, w.hire_date if hire_ok else None,
                             hired_underage, msg.text, hire_age, in_period, msg))
    flags.sort(key=lambda f: (-f.birth_date.toordinal(), f.worker_id))
    return flags


def public_flags(flags, code_of, on_date: date) -> list[dict]:
    """Age flags as they may be stored with the audit: the interview code if the worker was drawn
    (`code_of(worker_id)`), age and kind; never a name or a worker id (those stay in the roster)."""
    out = []
    for f in flags:
        params = {"kind": f.kind, "age": f.age, "on": on_date.isoformat(),
                  "hire_age": f.age_at_hire if f.hired_underage else None}
        msg = message("age_flag_public", **params)
        out.append({"code": code_of(f.worker_id) or "", "age": f.age, "kind": f.kind, "text": msg.text,
                    "message": {"id": msg.id, "params": params}})
    return out


# ---- how the messages are put together (words: resources/messages/roster.yaml) ----

def country_name(w: Words, p) -> str:
    """The country of a minimum-age rule in the language (as the rules file names it otherwise)."""
    code = p.get("country_code")
    if w.lang != "en" and code:
        try:
            return w.t(f"country.{code}")
        except KeyError:
            pass
    return p["country"]


def _hired(p, w: Words) -> str:
    return w.t("age.hired", hired=p["hired"], hire_age=p["hire_age"]) if p["hired"] else w.t("age.hired_unknown")


def _minimum(p, w: Words) -> str:
    return w.t("age.minimum", minimum=p["minimum"], country=country_name(w, p))


def cited(p, w: Words, key: str) -> str | None:
    """A citation parameter in the message's language: `<key>_zh` when Chinese is asked and given."""
    return (p.get(f"{key}_zh") or p.get(key)) if w.lang == "zh" else p.get(key)


def _values(p, w: Words) -> dict:
    return {**p, "hired": _hired(p, w), "minimum": _minimum(p, w), "law": cited(p, w, "law")}


@prepares("age_underage")
def _underage(p, w: Words) -> dict:
    return _values(p, w)


@prepares("age_young")
def _young(p, w: Words) -> dict:
    values = _values(p, w)
    more = ""
    if p["in_period"]:
        more = w.t("age.young_in_period", **values)
    elif p["hire_age"] is not None and p["hire_age"] < p["minimum"]:
        more = w.t("age.young_before_period", **values)
    return {**values, "more": more}


@prepares("age_historical")
def _historical(p, w: Words) -> dict:
    return _values(p, w)


@prepares("age_flag_public")
def _public(p, w: Words) -> dict:
    return {**p, "kind": w.t(f"age_kind.{p['kind']}"),
            "hire": w.t("age.hired_at", hire_age=p["hire_age"]) if p.get("hire_age") is not None else ""}
