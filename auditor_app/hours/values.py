"""One cell of an attendance or payroll export -> one value. Each parser raises ValueError with a
phrase saying what was expected; the readers add file, row and column. Dates are read as rosters
read them (`roster_dates.parse_date`: ISO, 2026/1/5, 2026年1月5日, Excel serials, day-first or
month-first as the file itself shows)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from auditor_app.checklist.messages import Message, Words, message, prepares
from auditor_app.checklist.roster_dates import EXCEL_EPOCH, parse_date

_CLOCK = re.compile(r"^(上午|下午|晚上|凌晨)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?$",
                    re.IGNORECASE)
_COMPACT_CLOCK = re.compile(r"^(\d{2})(\d{2})$")
_FRACTION = re.compile(r"^(\d{0,5})\.(\d+)$")
_WITH_DATE = re.compile(r"^(.+?\d)[ T]+((?:上午|下午|晚上|凌晨)?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?\s*"
                        r"(?:[ap]\.?m\.?)?)$", re.IGNORECASE)
_MONTH_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?$")
_MONTH_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_MONTH_NAME = re.compile(r"^([a-z]{3,9})\.?[\s\-/,]*(\d{4})$", re.IGNORECASE)
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"))}
_MONEY_NOISE = re.compile(r"[\s,¥￥$元]|RMB|CNY", re.IGNORECASE)
_HOURS_NOISE = re.compile(r"\s*(h|hrs?|hours?|小时|时)\s*$", re.IGNORECASE)


class ValueProblem(ValueError):
    """A cell that is not the value its column holds; `str()` is English, `msg` the Message (as
    roster_dates.DateError)."""

    def __init__(self, message_id: str, **params: Any):
        self.msg: Message = message(message_id, **params)
        super().__init__(self.msg.text)


@prepares("hours.value.not_time_of_day")
@prepares("hours.value.not_time")
@prepares("hours.value.not_month")
@prepares("hours.value.not_month_expected")
@prepares("hours.value.not_money")
@prepares("hours.value.not_hours")
def _quoted(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"value": repr(p["value"])}


def parse_clock(text: str) -> int:
    """A time of day as minutes after midnight; up to 47:59 (some clocks write 02:00 next day as 26:00)."""
    s = text.strip()
    if m := _CLOCK.match(s):
        prefix, hour, minute, ampm = m.group(1), int(m.group(2)), int(m.group(3)), (m.group(5) or "").lower()
        if minute > 59 or (m.group(4) and int(m.group(4)) > 59):
            raise ValueProblem("hours.value.not_time_of_day", value=s)
        if ampm or prefix:
            if hour > 12 or hour == 0 and ampm:
                raise ValueProblem("hours.value.not_time_of_day", value=s)
            afternoon = ampm.startswith("p") or prefix in ("下午", "晚上")
            hour = hour % 12 + (12 if afternoon else 0)
        if hour * 60 + minute > 47 * 60 + 59:
            raise ValueProblem("hours.value.not_time_of_day", value=s)
        return hour * 60 + minute
    if m := _COMPACT_CLOCK.match(s):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour < 24 and minute < 60:
            return hour * 60 + minute
    if (m := _FRACTION.match(s)) and not m.group(1).strip("0"):
        return round(float(s) * 1440)                       # Excel's fraction of a day
    raise ValueProblem("hours.value.not_time", value=s)


def parse_punch(text: str, order: str | None = None) -> tuple[date | None, int]:
    """A punch: a time of day, or a date and time ("2026-01-06 04:00", an Excel serial with a fraction)."""
    s = text.strip()
    if m := _WITH_DATE.match(s):
        return parse_date(m.group(1), order), parse_clock(m.group(2))
    m = _FRACTION.match(s)
    if m and m.group(1).strip("0") and len(m.group(1)) == 5:
        day = EXCEL_EPOCH + timedelta(days=int(m.group(1)))
        return day, round(float("0." + m.group(2)) * 1440)
    return None, parse_clock(s)


def split_punches(text: str) -> list[str]:
    """"07:58 12:01 13:29 17:32" (spaces, commas, semicolons, slashes or new lines between punches)."""
    return [p for p in re.split(r"[\s,;，；、/|]+(?![ap]\.?m)", text.strip(), flags=re.IGNORECASE) if p]


def parse_month(text: str, order: str | None = None) -> tuple[int, int]:
    """A pay month: 2026-01, 2026/1, 2026年1月, 202601, Jan 2026, or any date in it."""
    s = text.strip()
    for pattern in (_MONTH_YM, _MONTH_COMPACT):
        if m := pattern.match(s):
            year, month = int(m.group(1)), int(m.group(2))
            if 1 <= month <= 12 and 1900 <= year <= 2100:
                return year, month
            raise ValueProblem("hours.value.not_month", value=s)
    if (m := _MONTH_NAME.match(s)) and m.group(1)[:3].lower() in _MONTHS:
        return int(m.group(2)), _MONTHS[m.group(1)[:3].lower()]
    try:
        day = parse_date(s, order)
    except ValueError:
        raise ValueProblem("hours.value.not_month_expected", value=s) from None
    return day.year, day.month


def parse_money(text: str) -> float:
    """An amount in yuan: "2,300.00", "¥2300", "2300元", "(12.50)" for a negative, "-" for zero."""
    s = _MONEY_NOISE.sub("", text.strip())
    if s in ("-", "—", "–"):
        return 0.0
    negative = s.startswith("(") and s.endswith(")")
    try:
        value = float(s[1:-1] if negative else s)
    except ValueError:
        raise ValueProblem("hours.value.not_money", value=text.strip()) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueProblem("hours.value.not_money", value=text.strip())
    return -value if negative else value


def parse_hours(text: str) -> float:
    s = _HOURS_NOISE.sub("", text.strip())
    try:
        value = float(s)
    except ValueError:
        raise ValueProblem("hours.value.not_hours", value=text.strip()) from None
    if not 0 <= value < 1000:
        raise ValueProblem("hours.value.not_hours", value=text.strip())
    return value


def month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
