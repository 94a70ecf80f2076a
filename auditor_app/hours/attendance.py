"""Attendance records as the factory exports them: one row per worker per day, one or more in/out
punches. A shift that ends after midnight belongs to the day it started: a punch earlier than the one
before it is read as the next day (once a row). Rows are kept as columns of ints, sorted by worker
and day, so the computation runs over plain lists.

Refused, with file, row and column: unknown headers, dates or times that cannot be read, a worker
and day twice, punches out of order (a pair longer than `max_shift_hours` read either way) and a
shift that overlaps the next day's. A punch without its partner is kept: it is a missing punch, one
of the findings, and the pair counts no hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path

from auditor_app.checklist.roster_dates import infer_order, parse_date
from auditor_app.checklist.messages import message
from auditor_app.hours.errors import nested
from auditor_app.hours.gc_pause import gc_paused
from auditor_app.hours.headers import PAIRS, load_headers
from auditor_app.hours.rules import hours_rules
from auditor_app.hours.tables import Table, read_table
from auditor_app.hours.values import parse_punch, split_punches

Progress = Callable[[int, int, str], None]
PROGRESS_EVERY = 20000


@dataclass(frozen=True)
class AttendanceRecords:
    name: str
    encoding: str
    columns: dict[str, str]             # field -> the header it was read from
    warnings: tuple[str, ...]
    worker_ids: tuple[str, ...]         # sorted; `worker` holds indexes into it
    worker: list[int]                   # one entry per row, sorted by worker then day
    day: list[int]                      # date ordinal
    minutes: list[int]                  # minutes worked in complete pairs of punches
    start: list[int]                    # first punch, minutes after the day's midnight; -1: none
    end: list[int]                      # last punch (past 1440 for a night shift); -1: none
    row: list[int]                      # the Excel row
    missing: dict[int, str]             # row index -> its punches as written, where one lacks its partner

    def __len__(self) -> int:
        return len(self.day)

    def spans(self) -> list[tuple[int, int]]:
        """(first, end) indexes of each worker's rows, in `worker_ids` order."""
        out, lo = [], 0
        count = len(self.worker)
        for index in range(len(self.worker_ids)):
            hi = lo
            while hi < count and self.worker[hi] == index:
                hi += 1
            out.append((lo, hi))
            lo = hi
        return out

    def first_day(self) -> date:
        return date.fromordinal(min(self.day))

    def last_day(self) -> date:
        return date.fromordinal(max(self.day))


def import_attendance(path: str | Path, progress: Progress | None = None) -> AttendanceRecords:
    """Read an attendance export (CSV or XLSX); HoursFileError names file, row and column if refused.
    `progress(done, total, text)` is called every 20,000 rows and may raise to cancel."""
    with gc_paused():
        return _import(path, progress)


def _import(path: str | Path, progress: Progress | None) -> AttendanceRecords:
    table = read_table(path, load_headers()["attendance"])
    cols = table.columns
    c_wid, c_date = cols["worker_id"], cols["date"]
    fields = [f for a, b in PAIRS if a in cols or b in cols for f in (a, b)]
    if not fields:
        fields = ["punches"]
    getter = itemgetter(*[cols[f] for f in fields]) if all(f in cols for f in fields) and len(fields) > 1 else None
    max_shift = hours_rules().max_shift_minutes
    order = infer_order({r[c_date].strip() for _, r in table.rows})
    days: dict[str, int] = {}
    # Most rows repeat a few patterns of punches: each pattern is read once (unless a punch has a date).
    shapes: dict[object, tuple[int, int, int, str]] = {}
    punch_cache: dict[str, tuple[date | None, int]] = {}
    records: list[tuple[str, int, int, int, int, int, str]] = []
    total = len(table.rows)
    for n, (excel_row, row) in enumerate(table.rows):
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n, total, "Reading attendance")
        wid = row[c_wid].strip()
        if not wid:
            raise table.error(message("hours.file.worker_id_empty"), excel_row, "worker_id")
        text = row[c_date]
        day = days.get(text)
        if day is None:
            if not text.strip():
                raise table.error(message("hours.file.date_empty"), excel_row, "date")
            try:
                day = days[text] = parse_date(text.strip(), order).toordinal()
            except ValueError as exc:
                raise table.error(message("hours.file.bad_date", error=nested(exc)), excel_row, "date") from None
        key = getter(row) if getter is not None else tuple(row[cols[f]] if f in cols else "" for f in fields)
        shape = shapes.get(key)
        if shape is None:
            shape, dated = _shape(table, excel_row, day, fields, key, punch_cache, order, max_shift)
            if not dated:
                shapes[key] = shape
        records.append((wid, day, *shape[:3], excel_row, shape[3]))
    if progress is not None:
        progress(total, total, "Reading attendance")
    return _records(table, records)


def _shape(table: Table, excel_row: int, day: int, fields: list[str], texts: tuple, cache: dict[str, tuple[date | None, int]],
           order: str | None, max_shift: int) -> tuple[tuple[int, int, int, str], bool]:
    """(minutes worked, first punch, last punch, the punches if one lacks its partner), and whether a
    punch carried its own date (then the result depends on the row's day and is not reused)."""
    cells: list[tuple[str, str]] = []
    if fields == ["punches"]:
        cells = [("punches", p) for p in split_punches(texts[0])]
        if len(cells) % 2:
            cells.append(("punches", ""))
    else:
        for i in range(0, len(fields), 2):
            ta, tb = texts[i].strip(), texts[i + 1].strip()
            if ta or tb:
                cells += [(fields[i], ta), (fields[i + 1], tb)]
    if not cells:
        return (0, -1, -1, ""), False
    times, dated = _times(table, excel_row, day, cells, cache, order)
    worked, missing = 0, False
    for i in range(0, len(cells), 2):
        t_in, t_out = times[i], times[i + 1]
        if t_in is None or t_out is None:
            missing = True
            continue
        if not 0 < t_out - t_in <= max_shift:
            raise _out_of_order(table, excel_row, cells, i, max_shift)
        worked += t_out - t_in
    present = [t for t in times if t is not None]
    shown = ", ".join(f"{f} {t or '—'}" for f, t in cells) if missing else ""
    return (worked, present[0], present[-1], shown), dated


def _times(table: Table, excel_row: int, day: int, cells: list[tuple[str, str]],
           cache: dict[str, tuple[date | None, int]], order: str | None) -> tuple[list[int | None], bool]:
    """Minutes after the day's midnight of each punch; past midnight once when a punch goes back."""
    out: list[int | None] = []
    previous, dated = -1, False
    crossed: tuple[str, str, str, str] | None = None     # where the row went past midnight
    last_field, last_text = "", ""
    for field, text in cells:
        if not text:
            out.append(None)
            continue
        parsed = cache.get(text)
        if parsed is None:
            try:
                parsed = cache[text] = parse_punch(text, order)
            except ValueError as exc:
                raise table.error(message("hours.file.bad_time", error=nested(exc)), excel_row, field) from None
        on_day, minutes = parsed
        if on_day is not None:
            dated = True
            minutes += (on_day.toordinal() - day) * 1440
        elif minutes < previous and crossed is None:
            minutes += 1440
            crossed = (field, text, last_field, last_text)
        if minutes < previous:
            if crossed is not None and on_day is None:
                c_field, c_text, b_field, b_text = crossed
                raise table.error(message("hours.file.punches_crossed", c_field=c_field, c_text=c_text, b_field=b_field,
                                          b_text=b_text, field=field, text=text), excel_row, c_field)
            raise table.error(message("hours.file.punches_earlier", field=field, text=text, last_field=last_field,
                                      last_text=last_text), excel_row, field)
        previous, last_field, last_text = minutes, field, text
        out.append(minutes)
    return out, dated


def _out_of_order(table: Table, excel_row: int, cells: list[tuple[str, str]], i: int, max_shift: int) -> Exception:
    (f_in, t_in), (f_out, t_out) = cells[i], cells[i + 1]
    return table.error(message("hours.file.punches_shift", f_out=f_out, t_out=t_out, f_in=f_in, t_in=t_in,
                               hours=max_shift // 60), excel_row, f_out)


def _records(table: Table, records: list[tuple[str, int, int, int, int, int, str]]) -> AttendanceRecords:
    records.sort()
    wids, day, minutes, start, end, rows, shown = (list(c) for c in zip(*records))
    for i in range(1, len(records)):
        if wids[i] != wids[i - 1]:
            continue
        if day[i] == day[i - 1]:
            raise table.error(message("hours.file.two_rows", worker=wids[i], date=date.fromordinal(day[i]).isoformat()),
                              rows=tuple(sorted((rows[i - 1], rows[i]))))
        if day[i] == day[i - 1] + 1 and end[i - 1] > 1440 and 0 <= start[i] < end[i - 1] - 1440:
            raise table.error(message("hours.file.shift_overlap", worker=wids[i],
                                      date=date.fromordinal(day[i - 1]).isoformat(), ends=_clock(end[i - 1] - 1440),
                                      first=_clock(start[i])), rows=(rows[i - 1], rows[i]))
    ids = sorted(set(wids))
    index_of = {w: i for i, w in enumerate(ids)}
    return AttendanceRecords(
        name=table.name, encoding=table.encoding,
        columns={f: table.header(f) for f, _ in sorted(table.columns.items(), key=lambda x: x[1])},
        warnings=tuple(table.warnings), worker_ids=tuple(ids), worker=[index_of[w] for w in wids], day=day,
        minutes=minutes, start=start, end=end, row=rows, missing={i: t for i, t in enumerate(shown) if t})


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
