"""A factory's attendance or payroll file that cannot be used: one sentence naming the file, the row as
Excel shows it (the header is a row too) and the column, by its letter and its header."""

from __future__ import annotations

from auditor_app.errors import UserFacingError


def column_letter(index: int) -> str:
    """Excel's name of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class HoursFileError(UserFacingError, ValueError):
    """`file, row 14, column C (下班1): problem`. Nothing is kept from a file that raised it."""

    def __init__(self, file: str, problem: str, *, row: int | None = None, rows: tuple[int, ...] = (),
                 column: int | None = None, header: str = "", hint: str = ""):
        self.file, self.problem = file, problem
        self.rows = tuple(rows) if rows else ((row,) if row is not None else ())
        self.column = column
        place = ""
        if len(self.rows) == 1:
            place = f", row {self.rows[0]}"
        elif self.rows:
            place = ", rows " + ", ".join(str(r) for r in self.rows[:-1]) + f" and {self.rows[-1]}"
        if column is not None:
            place += f", column {column_letter(column)}" + (f" ({header})" if header else "")
        UserFacingError.__init__(self, f"{file}{place}: {problem}", hint)
