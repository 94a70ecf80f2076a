"""Attendance and payroll column headers as data (resources/rules/hours-headers.yaml).

Headers are normalised as roster headers are (`roster_headers.normalise`), so "Clock In", "clock_in"
and "上班 (1)" compare equal to the aliases "clock in" and "上班1".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, model_validator

from auditor_app.checklist.roster_headers import normalise
from auditor_app.resources import load_rules

HEADERS_FILE = "rules/hours-headers.yaml"
PAIRS = (("clock_in", "clock_out"), ("clock_in_2", "clock_out_2"), ("clock_in_3", "clock_out_3"),
         ("clock_in_4", "clock_out_4"))
FIELDS = {
    "attendance": ("worker_id", "name", "department", "date", *(f for pair in PAIRS for f in pair), "punches"),
    "payroll": ("worker_id", "name", "department", "month", "base_pay", "overtime_pay", "overtime_hours_paid",
                "allowances", "deductions", "social_insurance", "housing_fund", "gross_pay", "net_pay"),
}
# What the computation cannot do without; the file may require more, never less.
ALWAYS_REQUIRED = {
    "attendance": ("worker_id", "date"),
    "payroll": ("worker_id", "month", "base_pay", "overtime_pay"),
}


@dataclass(frozen=True)
class HeaderSet:
    table: str                          # "attendance" | "payroll"
    required: tuple[str, ...]
    aliases: dict[str, str]             # normalised header -> field
    examples: dict[str, str]            # field -> "下班1 / clock_out" for messages

    def field_of(self, header: str) -> str | None:
        return self.aliases.get(normalise(header))

    def example(self, field: str) -> str:
        return self.examples.get(field, field)


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid")
    required: list[str]
    fields: dict[str, list[str]]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    attendance: _Table
    payroll: _Table

    @model_validator(mode="after")
    def _check(self) -> _File:
        for table_name in ("attendance", "payroll"):
            table: _Table = getattr(self, table_name)
            known = FIELDS[table_name]
            for field in list(table.fields) + table.required:
                if field not in known:
                    raise ValueError(f"{table_name}: unknown field {field!r}; known: {', '.join(known)}")
            for field in ALWAYS_REQUIRED[table_name]:
                if field not in table.required:
                    raise ValueError(f"{table_name}: {field} must stay required: the computation needs it")
            for field in table.required:
                if not table.fields.get(field):
                    raise ValueError(f"{table_name}: required field {field} has no header listed")
            seen: dict[str, str] = {}
            for field, aliases in table.fields.items():
                for alias in aliases:
                    key = normalise(str(alias))
                    if not key:
                        raise ValueError(f"{table_name}: an empty header is listed for {field}")
                    other = seen.setdefault(key, field)
                    if other != field:
                        raise ValueError(f"{table_name}: header {alias!r} is listed for both {other} and {field}")
        return self


@lru_cache(maxsize=None)
def load_headers(path: str = HEADERS_FILE) -> dict[str, HeaderSet]:
    """Both header sets, validated; a mistake in the file names the file, the place and the problem."""
    parsed = load_rules(_File, path)
    out = {}
    for table_name in ("attendance", "payroll"):
        table: _Table = getattr(parsed, table_name)
        aliases = {normalise(str(a)): f for f, names in table.fields.items() for a in names}
        examples = {}
        for field, names in table.fields.items():
            zh = next((str(a) for a in names if not str(a).isascii()), None)
            examples[field] = " / ".join(x for x in (zh, field) if x)
        out[table_name] = HeaderSet(table_name, tuple(table.required), aliases, examples)
    return out
