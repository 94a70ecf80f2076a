"""A factory's attendance or payroll file that cannot be used: one sentence naming the file, the row as
Excel shows it (the header is a row too) and the column, by its letter and its header.

The sentence is a message (`hours.file_error` around a `hours.file.*` problem, resources/messages/
hours.yaml): `message` is its English, the window shows it in its language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor_app.checklist.messages import Message, Words, message, prepares
from auditor_app.errors import UserFacingError


def column_letter(index: int) -> str:
    """Excel's name of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def nested(exc: BaseException) -> dict[str, Any]:
    """A parser's error inside a problem: its message when it has one (a date), else its English."""
    said = getattr(exc, "msg", None)
    return said.as_dict() if isinstance(said, Message) else {"text": str(exc)}


class HoursFileError(UserFacingError, ValueError):
    """`file, row 14, column C (下班1): problem`. Nothing is kept from a file that raised it.

    `problem` is a Message (a `hours.file.*` id) or English text; `.problem` is its English."""

    def __init__(self, file: str, problem: Message | str, *, row: int | None = None, rows: tuple[int, ...] = (),
                 column: int | None = None, header: str = "", hint: str = ""):
        self.file, self.problem = file, str(problem)
        self.rows = tuple(rows) if rows else ((row,) if row is not None else ())
        self.column = column
        said = message("hours.file_error", file=file, rows=list(self.rows),
                       column=column_letter(column) if column is not None else None, header=header,
                       problem=problem.as_dict() if isinstance(problem, Message) else {"text": str(problem)})
        UserFacingError.__init__(self, said, hint)


def _said(value: Mapping[str, Any], w: Words) -> str:
    return w.message(value["id"], value.get("params") or {}) if "id" in value else str(value.get("text", ""))


@prepares("hours.file_error")
def _file_error(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    rows = p["rows"]
    place = ""
    if len(rows) == 1:
        place = w.t("hours.place.row", row=rows[0])
    elif rows:
        place = w.t("hours.place.rows", rows=w.listing(rows))
    if p["column"] is not None:
        place += w.t("hours.place.column_header" if p["header"] else "hours.place.column", column=p["column"],
                     header=p["header"])
    return {"file": p["file"], "place": place, "problem": _said(p["problem"], w)}


def _error(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {**p, "error": _said(p["error"], w)}


for _id in ("hours.file.bad_date", "hours.file.bad_time", "hours.file.bad_month", "hours.file.xlsx",
            "hours.file.malformed", "hours.file.unreadable"):
    prepares(_id)(_error)


@prepares("hours.file.field_empty")
def _field_empty(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"field": w.t(f"hours.field.{p['field']}")}


@prepares("hours.file.bad_field")
def _bad_field(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"field": w.t(f"hours.field.{p['field']}"), "error": _said(p["error"], w)}


@prepares("hours.file.no_header")
def _no_header(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {**p, "table": w.t(f"hours.table.{p['table']}"),
            "first": w.join(repr(c) for c in p["first"]) if p["first"] else w.t("hours.nothing"),
            "expected": w.join(p["expected"])}


@prepares("hours.file.unknown_headers")
def _unknown_headers(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"expected": w.join(p["expected"]), "found": w.join(repr(c) for c in p["found"])}


@prepares("hours.file.same_field")
def _same_field(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"first": repr(p["first"]), "second": repr(p["second"]), "field": p["field"]}


@prepares("hours.file.not_in_attendance")
def _not_in_attendance(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {**p, "more": w.t("hours.more_workers", n=p["others"]) if p["others"] else ""}
