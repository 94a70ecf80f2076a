"""Months as the review counts them: "YYYY-MM" text, an index (year * 12 + month - 1) for arithmetic,
and the period reviewed (first and last month, both included)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from auditor_app.errors import UserFacingError

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def index_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def index_of(text: str) -> int:
    m = _MONTH.match(text.strip())
    if not m:
        raise UserFacingError(f"{text!r} is not a month; use YYYY-MM, e.g. 2026-01")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def first_day(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def last_day(index: int) -> date:
    following = first_day(index + 1)
    return date.fromordinal(following.toordinal() - 1)


@dataclass(frozen=True)
class Period:
    first: int                      # month index of the first month reviewed
    last: int                       # ... and of the last, included

    @classmethod
    def of(cls, start: str, end: str) -> Period:
        first, last = index_of(start), index_of(end)
        if last < first:
            raise UserFacingError(f"the period ends ({end}) before it starts ({start})")
        return cls(first, last)

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and self.first <= index <= self.last

    @property
    def start_day(self) -> date:
        return first_day(self.first)

    @property
    def end_day(self) -> date:
        return last_day(self.last)

    def months(self) -> range:
        return range(self.first, self.last + 1)

    def as_dict(self) -> dict[str, str]:
        return {"from": index_text(self.first), "to": index_text(self.last)}
