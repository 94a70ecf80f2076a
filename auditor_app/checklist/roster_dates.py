"""Dates as they come out of Excel in a factory roster.

Accepted, always: 2003-05-01, 2003/5/1, 2003.5.1, 2003年5月1日, 20030501, any of these followed by a
time (Excel adds "0:00"), and Excel serial day numbers (37742), which appear when a date cell was
formatted as a number.

Day and month with the year last (01/05/2003) depend on the Windows locale Excel ran under: 1 May
in Britain, 5 January in the US. Ages decide whether a worker is a child, so we never guess: the order
is read from the roster itself (a value like 25/03/2003 can only be day-first). If every such date in
the roster could be read both ways, the roster is refused with a request to save dates as yyyy-mm-dd.
Two-digit years and dates without a day (2003-05) are refused for the same reason.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Iterable

from auditor_app.checklist.messages import Message, Words, message, prepares

_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YEAR_FIRST = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?" + _TIME + r"$")
_YEAR_LAST = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})" + _TIME + r"$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
_TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2}" + _TIME + r"$")
_NO_DAY = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*月?$")

EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts the non-existent 29 Feb 1900)
DAY_FIRST, MONTH_FIRST = "day/month/year", "month/day/year"


class DateError(ValueError):
    """A cell that is not a date the app can trust; `str()` is English, `msg` the Message."""

    def __init__(self, message_id: str, **params: Any):
        self.msg: Message = message(message_id, **params)
        super().__init__(self.msg.text)


def infer_order(texts: Iterable[str]) -> str | None:
    """DAY_FIRST or MONTH_FIRST from the first year-last date that can only be read one way."""
    for text in texts:
        m = _YEAR_LAST.match(text.strip())
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b:
            return DAY_FIRST
        if b > 12 >= a:
            return MONTH_FIRST
    return None


def _make(year: int, month: int, day: int, text: str, how: str = "") -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("date.not_real", text=text, how=how) from None


def parse_date(text: str, order: str | None = None) -> date:
    """One cell; `order` is the roster's DAY_FIRST/MONTH_FIRST for year-last dates (or None)."""
    s = text.strip()
    if m := _YEAR_FIRST.match(s):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), s)
    if m := _COMPACT.match(s):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), s)
    if m := _SERIAL.match(s):
        day = EXCEL_EPOCH + timedelta(days=int(m.group(1)))
        if not 1900 <= day.year <= 2100:
            raise DateError("date.not_a_date", text=s)
        return day
    if m := _YEAR_LAST.match(s):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a == b:
            return _make(year, a, b, s)
        if order == DAY_FIRST:
            return _make(year, b, a, s, "day_first")
        if order == MONTH_FIRST:
            return _make(year, a, b, s, "month_first")
        if a > 12:
            return _make(year, b, a, s)
        if b > 12:
            return _make(year, a, b, s)
        raise DateError("date.ambiguous", text=s, first=[year, b, a], second=[year, a, b])
    if _TWO_DIGIT_YEAR.match(s):
        raise DateError("date.two_digit_year", text=s)
    if _NO_DAY.match(s):
        raise DateError("date.no_day", text=s)
    raise DateError("date.unreadable", text=s)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _spell(ymd: list[int], lang: str) -> str:
    year, month, day = ymd
    try:
        date(year, month, day)
    except ValueError:
        return f"{year}-{month:02d}-{day:02d}"
    return f"{year}年{month}月{day}日" if lang == "zh" else f"{day} {MONTHS[month - 1]} {year}"


def _quoted(p, w: Words) -> dict:
    return {**p, "text": repr(p["text"])}


for _id in ("date.not_a_date", "date.two_digit_year", "date.no_day", "date.unreadable"):
    prepares(_id)(_quoted)


@prepares("date.not_real")
def _not_real(p, w: Words) -> dict:
    return {"text": repr(p["text"]), "how": w.t(f"date.read_{p['how']}") if p["how"] else ""}


@prepares("date.ambiguous")
def _ambiguous(p, w: Words) -> dict:
    return {"text": repr(p["text"]), "first": _spell(p["first"], w.lang), "second": _spell(p["second"], w.lang)}


def age_on(birth: date, on: date) -> int:
    """Full years of age on a day (a 29 February birthday counts from 1 March in other years)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years
