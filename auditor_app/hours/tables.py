"""A factory's export as a table of text cells: CSV (UTF-8, GBK/GB18030, UTF-16, as rosters) or XLSX.

The header row is found among the first rows (exports often start with a title line), its columns are
mapped to fields through `HeaderSet`, and every cell below becomes text (XLSX dates and times as ISO
text) so one set of parsers reads both kinds of file. Row numbers are Excel's (the first line is 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from auditor_app.checklist.messages import Message, MessageText, Words, message, message_text, prepares
from auditor_app.checklist.roster import RosterError, _decode
from auditor_app.hours.errors import HoursFileError, nested
from auditor_app.hours.headers import PAIRS, HeaderSet

DELIMITERS = (",", "\t", ";")   # the first wins a tie
HEADER_SEARCH_ROWS = 10
TOTAL_WORDS = {"合计", "总计", "小计", "total", "totals", "subtotal", "sum"}
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_PAIR_SLOT = {f: (i, j) for i, pair in enumerate(PAIRS) for j, f in enumerate(pair)}


@dataclass
class Table:
    name: str
    encoding: str                               # the text encoding, or "xlsx"
    header_row: int
    header_cells: list[str]
    columns: dict[str, int]                     # field -> 0-based column
    rows: list[tuple[int, list[str]]]           # (Excel row, cells) under the header, blank rows left out;
                                                # every row is long enough for every mapped column
    warnings: list[MessageText] = field(default_factory=list)   # English strings that render in Chinese too

    def header(self, field_name: str) -> str:
        return self.header_cells[self.columns[field_name]].strip()

    def error(self, problem: Message, row: int | None = None, field_name: str | None = None,
              rows: tuple[int, ...] = ()) -> HoursFileError:
        column = self.columns.get(field_name) if field_name else None
        header = self.header(field_name) if column is not None and field_name else ""
        return HoursFileError(self.name, problem, row=row, rows=rows, column=column, header=header)


def read_table(path: str | Path, headers: HeaderSet) -> Table:
    """The file's header and rows; HoursFileError for a file that cannot be read or has no usable header."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise HoursFileError(name, message("hours.file.not_found", path=str(path))) from None
    except OSError as exc:
        raise HoursFileError(name, message("hours.file.cannot_open", reason=str(exc.strerror or exc))) from None
    if not data.strip():
        raise HoursFileError(name, message("hours.file.empty"))
    if path.suffix.lower() in XLSX_SUFFIXES or data[:4] == b"PK\x03\x04":
        grids = _xlsx_grids(data, name)
        encoding = "xlsx"
    else:
        text, encoding = _text(data, name)
        grids = [_csv_grid(text, name, headers)]
    return _table(name, encoding, grids, headers)


# ── bytes → grid of text ────────────────────────────────────────────────────────────────────

def _text(data: bytes, name: str) -> tuple[str, str]:
    try:
        return _decode(data, name)   # the roster's: BOMs, UTF-16 without BOM, UTF-8, then GB18030
    except RosterError as exc:
        raise HoursFileError(name, message("hours.file.unreadable", error=(
            exc.problem_message.as_dict() if exc.problem_message is not None else {"text": exc.problem}))) from None


def _csv_grid(text: str, name: str, headers: HeaderSet) -> list[list[str]]:
    best: tuple[int, str] = (-1, ",")
    for delimiter in DELIMITERS:
        try:
            head = list(csv.reader(io.StringIO(text[:20000], newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        score = max((sum(1 for c in row if headers.field_of(c)) for row in head[:HEADER_SEARCH_ROWS]), default=0)
        if score > best[0]:
            best = (score, delimiter)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=best[1]))
    except csv.Error as exc:
        raise HoursFileError(name, message("hours.file.malformed", error=nested(exc))) from None


def _xlsx_grids(data: bytes, name: str) -> list[list[list[str]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [book.get_sheet_by_index(i).to_python(skip_empty_area=False)
                  for i in range(len(book.sheet_names))]
    except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds for every broken workbook
        raise HoursFileError(name, message("hours.file.xlsx", error={"text": f"{type(exc).__name__}: {str(exc)[:120]}"}),
                             hint="Open it in Excel and save it again as .xlsx "
                                   "or as CSV UTF-8.") from None
    caches: dict[type, dict[Any, str]] = {}    # per type: 1, 1.0 and True must not share a text

    def text(value: Any) -> str:
        cache = caches.setdefault(type(value), {})
        found = cache.get(value)
        if found is None:
            found = cache[value] = _cell_text(value)
        return found

    return [[[v if type(v) is str else text(v) for v in row] for row in sheet] for sheet in sheets]


def _cell_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(round(value.total_seconds()))
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return "" if value is None else str(value)


# ── grid → header and rows ──────────────────────────────────────────────────────────────────

def _table(name: str, encoding: str, grids: list[list[list[str]]], headers: HeaderSet) -> Table:
    best: tuple[int, int, int] = (-1, 0, 0)   # (fields named, -row, sheet)
    for sheet, grid in enumerate(grids):
        for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
            named = len({f for c in cells if (f := headers.field_of(c))})
            if (named, -index) > best[:2]:
                best = (named, -index, sheet)
    named, minus_index, sheet = best
    grid = grids[sheet] if grids else []
    if named < 2:
        first = next((r for r in grid if any(c.strip() for c in r)), [])
        raise HoursFileError(name, message("hours.file.no_header", table=headers.table, rows=HEADER_SEARCH_ROWS,
                                           first=[c.strip() for c in first[:10] if c.strip()],
                                           expected=_expected(headers, headers.required)))
    index = -minus_index
    cells = grid[index]
    columns, warnings = _map_columns(name, index + 1, cells, headers)
    missing = [f for f in headers.required if f not in columns]
    if headers.table == "attendance" and "punches" not in columns and not {"clock_in", "clock_out"} <= set(columns):
        missing += [f for f in ("clock_in", "clock_out") if f not in columns]
    if missing:
        raise HoursFileError(name, message("hours.file.unknown_headers", expected=_expected(headers, missing),
                                           found=[c.strip() for c in cells if c.strip()]), row=index + 1,
                             hint="Rename the columns, or add their headers to resources/rules/hours-headers.yaml.")
    body = []
    wid, width = columns["worker_id"], max(columns.values()) + 1
    for number, row in enumerate(grid[index + 1:], start=index + 2):
        if not "".join(row).strip():
            continue
        if len(row) < width:
            row = row + [""] * (width - len(row))      # every mapped column can be read without a check
        if row[wid].strip().casefold() in TOTAL_WORDS:
            warnings.append(message_text("hours.warning.totals_row", row=number, value=row[wid].strip()))
            continue
        body.append((number, row))
    if not body:
        raise HoursFileError(name, message("hours.file.no_rows", row=index + 1))
    return Table(name, encoding, index + 1, cells, columns, body, warnings)


def _expected(headers: HeaderSet, fields: list[str] | tuple[str, ...]) -> list[str]:
    return [headers.example(f) for f in fields]


def _map_columns(name: str, row: int, cells: list[str], headers: HeaderSet) -> tuple[dict[str, int],
                                                                                   list[MessageText]]:
    columns: dict[str, int] = {}
    unused = []
    for col, header in enumerate(cells):
        if not header.strip():
            continue
        found = headers.field_of(header)
        if found is None:
            unused.append(header.strip())
            continue
        if found in columns and found in _PAIR_SLOT:
            # Exports often repeat 上班/下班 for each period of the day: the next free pair takes it.
            side = _PAIR_SLOT[found][1]
            free = [p[side] for p in PAIRS if p[side] not in columns]
            if free:
                found = free[0]
        if found in columns:
            raise HoursFileError(name, message("hours.file.same_field", first=cells[columns[found]].strip(),
                                               second=header.strip(), field=found), row=row, column=col,
                                 header=header.strip())
        columns[found] = col
    warnings = [message_text("hours.warning.unused", columns=unused)] if unused else []
    return columns, warnings


@prepares("hours.warning.unused")
def _unused(p, w: Words) -> dict:
    return {"columns": w.join(p["columns"])}


@prepares("hours.warning.totals_row")
def _totals_row(p, w: Words) -> dict:
    return {"row": p["row"], "value": repr(p["value"])}
