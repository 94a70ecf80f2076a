"""Roster column headers and cell values as data (resources/rules/roster-headers.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, model_validator

from auditor_app.resources import load_rules

HEADERS_FILE = "rules/roster-headers.yaml"
FIELDS = ("worker_id", "name", "department", "gender", "shift", "contract_type", "birth_date",
          "hire_date", "origin", "migrant", "position", "wage", "id_number", "line")
VALUE_FIELDS = ("gender", "contract_type", "migrant")

# Removed before comparing: spaces (incl. full-width), _ - . : ： * and brackets of both widths.
_NOISE = re.compile(r"[\s\u3000_\-.:：*()（）\[\]【】]+")


def normalise(text: str) -> str:
    return _NOISE.sub("", text).casefold()


@dataclass(frozen=True)
class HeaderRules:
    required: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]          # field -> normalised aliases, preferred first
    values: dict[str, dict[str, str]]            # field -> normalised cell text -> canonical value
    examples: dict[str, str]                     # field -> "出生日期 / birth date" for messages

    def field_of(self, header: str) -> tuple[str, int] | None:
        """(field, preference rank) of a header, or None when the app does not know it."""
        key = normalise(header)
        for field, aliases in self.aliases.items():
            if key in aliases:
                return field, aliases.index(key)
        return None


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    required: list[str]
    fields: dict[str, list[str]]
    values: dict[str, dict[str, list[str]]]

    @model_validator(mode="after")
    def _check(self) -> _File:
        for field in list(self.fields) + list(self.values) + self.required:
            if field not in FIELDS:
                raise ValueError(f"unknown field {field!r}; known: {', '.join(FIELDS)}")
        for field in ("worker_id", "department", "gender", "birth_date"):
            if field not in self.required:
                raise ValueError(f"{field} must stay required: sampling and age checks need it")
        seen: dict[str, str] = {}
        for field, aliases in self.fields.items():
            for alias in aliases:
                other = seen.setdefault(normalise(alias), field)
                if other != field:
                    raise ValueError(f"header {alias!r} is listed for both {other} and {field}")
        for field, table in self.values.items():
            if field not in VALUE_FIELDS:
                raise ValueError(f"values for {field!r} are not used; only {', '.join(VALUE_FIELDS)}")
            seen_values: dict[str, str] = {}
            for canonical, texts in table.items():
                for text in texts:
                    other = seen_values.setdefault(normalise(text), canonical)
                    if other != canonical:
                        raise ValueError(f"{field} value {text!r} means both {other} and {canonical}")
        return self


@lru_cache(maxsize=None)
def load_header_rules(path: str = HEADERS_FILE) -> HeaderRules:
    parsed = load_rules(_File, path)
    aliases = {f: tuple(normalise(a) for a in parsed.fields.get(f, [])) for f in FIELDS}
    values = {f: {normalise(t): canon for canon, texts in table.items() for t in texts}
              for f, table in parsed.values.items()}
    examples = {}
    for f in FIELDS:
        names = parsed.fields.get(f, [])
        zh = next((a for a in names if not a.isascii()), None)
        examples[f] = " / ".join(x for x in (zh, names[0] if names else f) if x)
    return HeaderRules(tuple(parsed.required), aliases, values, examples)
