"""Legal tables by country (resources/rules/legal-<CC>.yaml): the figures in force on a date.

Every table is a list of entries, each with the date it took effect, its value and its source (law
and article). An audit reads, for each table, the newest entry in force on the audit date, so audits
done before a law changed keep the figure of their day. Tables the code computes with (retirement
age, dispatch share, juvenile age) are validated in detail; every entry of every table must name its
source. A mistake names the file, the place in it and the problem.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, field_validator

from auditor_app.resources import RulesFileError, load_yaml, pydantic_where, resources_dir

LEGAL_FILE = "rules/legal-{country}.yaml"
CHINESE_LAW = {"CN"}  # countries whose laws are cited in Chinese (`source_zh` required)


def dated_in_order(entries: list[Any]) -> list[Any]:
    """A pydantic check for a dated table: entries in order of `effective_from`, no date twice."""
    for earlier, later in zip(entries, entries[1:]):
        if later.effective_from <= earlier.effective_from:
            raise ValueError(f"entries must be in order of effective_from without repeats "
                             f"({later.effective_from} after {earlier.effective_from})")
    return entries


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Entry(_Model):
    effective_from: date
    value: dict[str, Any]
    source: Annotated[StrictStr, Field(min_length=10)]
    cite: Annotated[StrictStr, Field(min_length=5)] | None = None   # a short form for messages
    source_zh: Annotated[StrictStr, Field(min_length=4)] | None = None  # the same in Chinese: required
    cite_zh: Annotated[StrictStr, Field(min_length=4)] | None = None    # for a Chinese law (CHINESE_LAW)
    confirm: bool = False


class _Table(_Model):
    entries: Annotated[list[_Entry], Field(min_length=1)]

    @field_validator("entries")
    @classmethod
    def _in_order(cls, entries: list[_Entry]) -> list[_Entry]:
        return dated_in_order(entries)


class _File(_Model):
    schema_: Literal["escp-legal/1"] = Field(alias="schema")
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")]
    name: StrictStr
    tables: dict[str, _Table]


# ---- the tables code computes with ----

class _Scheme(_Model):
    base_years: Annotated[int, Field(ge=40, le=80)]
    from_birth_month: Annotated[StrictStr, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] | None = None
    step_months: Annotated[int, Field(ge=1)] | None = None
    max_delay_months: Annotated[int, Field(ge=1)] | None = None


class _Retirement(_Model):
    schemes: dict[Literal["men", "women_workers", "women_cadres"], _Scheme]


class _Dispatch(_Model):
    share_of_total_workforce: Annotated[float, Field(gt=0, lt=1)]
    temporary_post_months: Annotated[int, Field(ge=1)]


class _Juvenile(_Model):
    age: Annotated[int, Field(ge=15, le=21)]


VALUE_MODELS: dict[str, type[_Model]] = {
    "retirement_age": _Retirement,
    "dispatch": _Dispatch,
    "juvenile_until": _Juvenile,
}


@dataclass(frozen=True)
class Entry:
    table: str
    effective_from: date
    value: dict[str, Any]
    source: str
    confirm: bool
    cite: str | None = None
    source_zh: str | None = None
    cite_zh: str | None = None

    @property
    def short(self) -> str:
        """The short citation for a message (the full source when the entry gives none)."""
        return self.cite or self.source

    @property
    def short_zh(self) -> str | None:
        """The short citation in Chinese; None when the entry has no Chinese (a law not of China)."""
        return self.cite_zh or self.source_zh


@dataclass(frozen=True)
class LegalTables:
    country: str
    name: str
    file: str
    tables: dict[str, tuple[Entry, ...]]

    def in_force(self, table: str, on_date: date) -> Entry:
        """The entry of `table` in force on `on_date` (the newest that took effect on or before it)."""
        if table not in self.tables:
            raise KeyError(f"{self.file}: no legal table {table!r}; known: {', '.join(sorted(self.tables))}")
        entries = [e for e in self.tables[table] if e.effective_from <= on_date]
        if not entries:
            first = self.tables[table][0].effective_from
            raise ValueError(f"{self.file}: no {table} in force on {on_date.isoformat()} "
                             f"(the first entry takes effect on {first.isoformat()})")
        return entries[-1]


def _error(file: Path, exc: ValidationError, prefix: str = "") -> RulesFileError:
    err = exc.errors()[0]
    problem = err["msg"]
    if err["type"] not in ("missing", "extra_forbidden"):
        problem += f" (got {err.get('input')!r})"
    where = pydantic_where(err)
    return RulesFileError(file, f"{prefix}.{where}" if prefix and where else prefix or where, problem)


def _needs_chinese(file: Path, where: str, entry: _Entry) -> None:
    """A citation of Chinese law is shown in Chinese by the law's official title: `source_zh`, and
    `cite_zh` beside a `cite`. Other countries' citations may stay in English only."""
    if entry.source_zh is None:
        raise RulesFileError(file, f"{where}.source_zh", "a citation of Chinese law needs its Chinese: the law's "
                             "official title and article, e.g. 《中华人民共和国劳动法》第四十一条")
    if entry.cite is not None and entry.cite_zh is None:
        raise RulesFileError(file, f"{where}.cite_zh", "the short citation needs its Chinese as well")


def parse_legal(raw: object, file: str | Path) -> LegalTables:
    """Validate already-parsed YAML; `file` is only used in error messages."""
    file = Path(file)
    try:
        parsed = _File.model_validate(raw)
    except ValidationError as exc:
        raise _error(file, exc) from None
    tables: dict[str, tuple[Entry, ...]] = {}
    for name, table in parsed.tables.items():
        model = VALUE_MODELS.get(name)
        entries = []
        for i, entry in enumerate(table.entries):
            if model is not None:
                try:
                    model.model_validate(entry.value)
                except ValidationError as exc:
                    raise _error(file, exc, f"tables.{name}.entries[{i}].value") from None
            if parsed.country in CHINESE_LAW:
                _needs_chinese(file, f"tables.{name}.entries[{i}]", entry)
            entries.append(Entry(name, entry.effective_from, entry.value, entry.source, entry.confirm, entry.cite,
                                 entry.source_zh, entry.cite_zh))
        tables[name] = tuple(entries)
    return LegalTables(parsed.country, parsed.name, str(file), tables)


@lru_cache(maxsize=None)
def _load(path: str) -> LegalTables:
    file = Path(path)
    raw = load_yaml(file)
    legal = parse_legal(raw, file)
    expected = file.stem.rsplit("-", 1)[-1]
    if legal.country != expected:
        raise RulesFileError(file, "country", f"says {legal.country!r} but the file name says {expected!r}")
    return legal


def legal_tables(country: str) -> LegalTables | None:
    """The legal tables of a country (ISO code), or None when the app has none for it."""
    code = (country or "").strip().upper()
    file = resources_dir() / LEGAL_FILE.format(country=code)
    if not code.isalpha() or len(code) != 2 or not file.is_file():
        return None
    return _load(str(file))


def clear_cache() -> None:
    _load.cache_clear()


# ---- retirement age ----

SCHEMES = ("men", "women_workers", "women_cadres")


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Retirement:
    scheme: str
    years: int
    months: int
    on: date                  # the day the worker reaches it
    source: str
    effective_from: date
    cite: str = ""
    cite_zh: str | None = None

    @property
    def age_text(self) -> str:
        return f"{self.years} years" + (f" {self.months} months" if self.months else "")


def retirement(birth: date, scheme: str, on_date: date, country: str = "CN") -> Retirement | None:
    """The statutory retirement age of a worker born on `birth` under the rules in force on
    `on_date`, and the day they reach it; None when the country has no retirement table."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown retirement scheme {scheme!r}; known: {', '.join(SCHEMES)}")
    tables = legal_tables(country)
    if tables is None or "retirement_age" not in tables.tables:
        return None
    entry = tables.in_force("retirement_age", on_date)
    schemes: dict[str, _Scheme] = {str(k): v for k, v in _Retirement.model_validate(entry.value).schemes.items()}
    rule = schemes.get(scheme)
    if rule is None:
        return None
    delay = 0
    if rule.from_birth_month and rule.step_months and rule.max_delay_months:
        year, month = (int(x) for x in rule.from_birth_month.split("-"))
        since = (birth.year - year) * 12 + (birth.month - month)
        if since >= 0:
            delay = min(rule.max_delay_months, since // rule.step_months + 1)
    total = rule.base_years * 12 + delay
    return Retirement(scheme, total // 12, total % 12, _add_months(birth, total), entry.source,
                      entry.effective_from, entry.short, entry.short_zh)
