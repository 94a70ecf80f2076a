"""Chinese resident identity numbers (GB 11643-1999, 公民身份号码) as a roster carries them.

An 18-character number is 6 digits of address code, 8 of birth date (YYYYMMDD), 3 of sequence (odd for
men, even for women) and a check character computed with ISO 7064 MOD 11-2 over the first 17 digits
(`X` stands for 10). Old 15-digit numbers (before 1999) have a 6-digit birth date (19YYMMDD), no check
character, and the last digit gives the sex. A number that fails the check, or whose birth date or sex
differs from the roster's, is a document to look at: borrowed identity cards of older relatives are
the usual way child labour is hidden.

Numbers are personal data: `masked` is what may be printed, even in working papers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"   # sum of weighted digits mod 11 -> check character

_EIGHTEEN = re.compile(r"^\d{17}[\dX]$")
_FIFTEEN = re.compile(r"^\d{15}$")
_EXCEL_NUMBER = re.compile(r"^\d(\.\d+)?E\+\d+$")


@dataclass(frozen=True)
class IdCheck:
    number: str
    problem: str | None          # None | excel_number | format | check_digit | birth_date
    birth_date: date | None = None
    gender: str | None = None    # "male" | "female"
    expected_check: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_character(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    if not re.fullmatch(r"\d{17}", first17):
        raise ValueError("the check character is computed over exactly 17 digits")
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def masked(number: str) -> str:
    """'441900********123X': the region and the last four, nothing that identifies the person."""
    n = number.strip()
    if len(n) <= 10:
        return "*" * len(n)
    return n[:6] + "*" * (len(n) - 10) + n[-4:]


def _birth(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def check_id(number: str) -> IdCheck:
    n = number.strip().replace(" ", "").upper()
    if _EXCEL_NUMBER.match(n):
        return IdCheck(n, "excel_number")
    if _EIGHTEEN.match(n):
        birth = _birth(int(n[6:10]), int(n[10:12]), int(n[12:14]))
        gender = "male" if int(n[16]) % 2 else "female"
        if birth is None:
            return IdCheck(n, "birth_date", None, gender)
        expected = check_character(n[:17])
        if n[17] != expected:
            return IdCheck(n, "check_digit", birth, gender, expected)
        return IdCheck(n, None, birth, gender, expected)
    if _FIFTEEN.match(n):
        birth = _birth(1900 + int(n[6:8]), int(n[8:10]), int(n[10:12]))
        gender = "male" if int(n[14]) % 2 else "female"
        return IdCheck(n, None if birth else "birth_date", birth, gender)
    return IdCheck(n, "format")
