"""Reading the factory's worker roster (花名册) as Excel exports it to CSV.

The roster is the population the interview sample is drawn from and the proof of age for every
worker, so a roster that cannot be read exactly is refused with a message naming the file, the row
as Excel shows it (header = row 1) and the problem, rather than read half-way.
Headers and cell values are data: resources/rules/roster-headers.yaml.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from auditor_app.checklist.messages import Message, MessageText, Words, message, message_text, prepares
from auditor_app.checklist.roster_dates import DateError, infer_order, parse_date
from auditor_app.checklist.roster_headers import (
    HeaderRules,
    load_header_rules,
    normalise,
)
from auditor_app.errors import UserFacingError

DELIMITERS = ("\t", ";", ",")
HEADER_SEARCH_ROWS = 10  # rosters often start with a title line ("XX玩具厂员工花名册") above the header


class RosterError(UserFacingError, ValueError):
    """The roster cannot be used; the message names the file, the row(s) and the problem.

    `problem` is a Message (a roster.* id) or, from older callers, English text; `message` is the
    English sentence, `msg` the same as a Message: `error.render("zh")`."""

    def __init__(self, file: str, problem: Message | str, rows: tuple[int, ...] = ()):
        self.file, self.rows = file, tuple(rows)
        self.problem_message = problem if isinstance(problem, Message) else None
        self.problem = str(problem)
        self.msg = message("roster_error", file=file, rows=list(self.rows),
                           problem=problem.as_dict() if isinstance(problem, Message) else {"text": self.problem})
        UserFacingError.__init__(self, self.msg.text)

    def render(self, lang: str | None = "en") -> str:
        return self.msg.render(lang)


class _NoHeader(ValueError):
    def __init__(self, problem: Message):
        super().__init__(problem.text)
        self.problem = problem


@prepares("roster_error")
def _roster_error(p, w: Words) -> dict:
    rows = p["rows"]
    if not rows:
        place = ""
    elif len(rows) == 1:
        place = w.t("roster.row", row=rows[0])
    else:
        place = w.t("roster.rows", list=w.join(rows[:-1]), last=rows[-1])
    problem = p["problem"]
    text = w.message(problem["id"], problem["params"]) if "id" in problem else problem["text"]
    return {"file": p["file"], "place": place, "problem": text}


@prepares("roster.no_header")
def _no_header(p, w: Words) -> dict:
    return {"rows": p["rows"], "first": w.join(repr(c) for c in p["first"]) if p["first"] else w.t("roster.nothing")}


@prepares("roster.missing_columns")
def _missing_columns(p, w: Words) -> dict:
    return {"wanted": w.join(w.t("roster.wanted", field=f, example=e) for f, e in p["wanted"]),
            "found": w.join(p["found"])}


def _quoted(*keys: str):
    def prepare(p, w: Words) -> dict:
        return {**p, **{k: repr(p[k]) for k in keys}}
    return prepare


prepares("roster.empty_field")(_quoted("column"))
prepares("roster.duplicate_id")(_quoted("worker_id"))
prepares("roster.unknown_gender")(_quoted("value", "column"))


@prepares("roster.warning.same_field")
def _same_field(p, w: Words) -> dict:
    return {"kept": repr(p["kept"]), "dropped": repr(p["dropped"]), "field": p["field"]}


@prepares("roster.warning.unused")
def _unused(p, w: Words) -> dict:
    return {"columns": w.join(p["columns"])}


@prepares("roster.warning.odd_value")
def _odd_value(p, w: Words) -> dict:
    kind = p["what"].replace(" ", "_")
    return {"row": p["row"], "what": w.t(f"roster.odd.{kind}"), "value": repr(p["value"]),
            "outcome": w.t("roster.odd.kept" if kind == "contract_type" else "roster.odd.blank")}


@prepares("roster.bad_date")
def _bad_date(p, w: Words) -> dict:
    return {"field": w.t(f"roster.field.{p['field']}"), "problem": w.message(p["problem"]["id"], p["problem"]["params"])}


@dataclass(frozen=True)
class Worker:
    worker_id: str
    department: str
    gender: str                    # "female" | "male"
    birth_date: date
    name: str = ""
    shift: str = ""
    contract_type: str = ""        # permanent | temporary | agency | student | the roster's own word
    hire_date: date | None = None
    origin: str = ""
    migrant: bool | None = None
    position: str = ""
    wage: float | None = None
    row: int = 0                   # the Excel row it came from
    id_number: str = ""            # identity card number as written (working papers only)
    line: str = ""                 # production line (拉), where to find the worker: the call list


@dataclass(frozen=True)
class Roster:
    workers: tuple[Worker, ...]
    columns: dict[str, str]        # field -> the header it was read from
    encoding: str
    warnings: tuple[str, ...] = ()
    name: str = "roster.csv"
    delimiter: str = ","

    def __len__(self) -> int:
        return len(self.workers)


# ── bytes → text ────────────────────────────────────────────────────────────────────────────

def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was in. BOMs first, then UTF-8, then GB18030 (a superset of GBK)."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"))
    for bom, label, codec in boms:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), label
            except UnicodeDecodeError as exc:
                raise RosterError(name, message("roster.starts_like", label=label, byte=exc.start + len(bom))) from None
    if b"\x00" in data[:400]:
        # UTF-16 without a BOM: ASCII characters leave a zero byte on one side.
        head = data[:400]
        codec = "utf-16-le" if head[1::2].count(0) >= head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise RosterError(name, message("roster.undecodable", byte=utf8_error)) from None


# ── text → header and rows ──────────────────────────────────────────────────────────────────

def _parse(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for row in reader:
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _find_header(text: str, rules: HeaderRules) -> tuple[str, int, list[str]]:
    """(delimiter, header row index, header cells): the row and delimiter naming most known fields."""
    best: tuple[int, int, str, int, list[str]] = (0, 0, ",", 0, [])
    for delimiter in DELIMITERS:
        try:
            rows = _parse(text, delimiter, HEADER_SEARCH_ROWS)
        except csv.Error:
            continue
        for index, cells in enumerate(rows):
            known = {m[0] for c in cells if (m := rules.field_of(c))}
            score = (len(known), -index)
            if score > best[:2]:
                best = (*score, delimiter, index, cells)
    found, _, delimiter, index, cells = best
    if found < 2:
        first = next((r for r in _parse(text, ",", HEADER_SEARCH_ROWS) if any(c.strip() for c in r)), [])
        shown = [c.strip() for c in first[:8] if c.strip()]
        raise _NoHeader(message("roster.no_header", rows=HEADER_SEARCH_ROWS, first=shown))
    return delimiter, index, cells


def _map_columns(cells: list[str], rules: HeaderRules) -> tuple[dict[str, int], list[MessageText]]:
    chosen: dict[str, tuple[int, int]] = {}   # field -> (alias rank, column)
    warnings: list[MessageText] = []
    unknown: list[str] = []
    for col, header in enumerate(cells):
        if not header.strip():
            continue
        match = rules.field_of(header)
        if match is None:
            unknown.append(header.strip())
            continue
        field, rank = match
        if field in chosen:
            keep, drop = sorted([chosen[field], (rank, col)])
            chosen[field] = keep
            warnings.append(message_text("roster.warning.same_field", kept=cells[keep[1]].strip(),
                                         dropped=cells[drop[1]].strip(), field=field))
        else:
            chosen[field] = (rank, col)
    if unknown:
        warnings.append(message_text("roster.warning.unused", columns=unknown))
    return {f: col for f, (_, col) in chosen.items()}, warnings


# ── one cell → one value ────────────────────────────────────────────────────────────────────

_MONEY_NOISE = re.compile(r"[\s,¥￥$元]|RMB|CNY", re.IGNORECASE)


def _wage(text: str) -> float | None:
    cleaned = _MONEY_NOISE.sub("", text)
    try:
        return float(cleaned)
    except ValueError:
        return None


def read_roster(path_or_bytes: str | Path | bytes, name: str = "roster.csv") -> Roster:
    """Read a roster CSV (path or raw bytes; `name` labels bytes in messages, a path names itself).
    Raises RosterError for anything it cannot trust."""
    if isinstance(path_or_bytes, (bytes, bytearray)):
        data = bytes(path_or_bytes)
    else:
        path = Path(path_or_bytes)
        name = path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise RosterError(name, message("roster.not_found", path=str(path))) from None
        except OSError as exc:
            raise RosterError(name, message("roster.cannot_open", reason=str(exc.strerror or exc))) from None
    text, encoding = _decode(data, name)
    if not text.strip().strip("\ufeff"):
        raise RosterError(name, message("roster.empty"))
    rules = load_header_rules()
    try:
        delimiter, header_index, header_cells = _find_header(text, rules)
    except _NoHeader as exc:
        raise RosterError(name, exc.problem) from None
    header_row = header_index + 1
    columns, warnings = _map_columns(header_cells, rules)
    missing = [f for f in rules.required if f not in columns]
    if missing:
        found = [c.strip() for c in header_cells if c.strip()]
        wanted = [[f, rules.examples[f]] for f in missing]
        raise RosterError(name, message("roster.missing_columns", wanted=wanted, found=found), (header_row,))
    try:
        rows = _parse(text, delimiter)
    except csv.Error as exc:
        raise RosterError(name, message("roster.malformed", detail=str(exc))) from None
    body = [(i + 1, r) for i, r in enumerate(rows) if i > header_index and any(c.strip() for c in r)]
    if not body:
        raise RosterError(name, message("roster.no_rows", row=header_row))

    def cell(row: list[str], field: str) -> str:
        col = columns.get(field)
        return row[col].strip() if col is not None and col < len(row) else ""

    date_texts = [cell(r, f) for _, r in body for f in ("birth_date", "hire_date")]
    order = infer_order(t for t in date_texts if t)
    workers: list[Worker] = []
    first_row_of: dict[str, int] = {}
    odd_values: dict[tuple[str, str], int] = {}
    for excel_row, row in body:
        values = {f: cell(row, f) for f in columns}
        for field in rules.required:
            if not values[field]:
                raise RosterError(name, message("roster.empty_field", field=field,
                                                column=header_cells[columns[field]].strip()), (excel_row,))
        wid = values["worker_id"]
        if wid in first_row_of:
            raise RosterError(name, message("roster.duplicate_id", worker_id=wid), (first_row_of[wid], excel_row))
        first_row_of[wid] = excel_row

        gender = rules.values["gender"].get(normalise(values["gender"]))
        if gender is None:
            raise RosterError(name, message("roster.unknown_gender", value=values["gender"],
                                            column=header_cells[columns["gender"]].strip()), (excel_row,))
        dates = {}
        for field in ("birth_date", "hire_date"):
            if values.get(field):
                try:
                    dates[field] = parse_date(values[field], order)
                except DateError as exc:
                    raise RosterError(name, message("roster.bad_date", field=field, problem=exc.msg.as_dict()),
                                      (excel_row,)) from None
        contract = values.get("contract_type", "")
        if contract:
            known = rules.values.get("contract_type", {}).get(normalise(contract))
            if known is None:
                odd_values.setdefault(("contract type", contract), excel_row)
            contract = known or contract
        migrant = None
        for field in ("migrant", "origin"):   # 户籍 often just says 本地/外地
            if migrant is None and values.get(field):
                canonical = rules.values.get("migrant", {}).get(normalise(values[field]))
                migrant = {"yes": True, "no": False}.get(canonical) if canonical is not None else None
                if migrant is None and field == "migrant":
                    odd_values.setdefault(("migrant", values[field]), excel_row)
        wage = None
        if values.get("wage"):
            wage = _wage(values["wage"])
            if wage is None:
                odd_values.setdefault(("wage", values["wage"]), excel_row)
        workers.append(Worker(
            worker_id=wid, department=values["department"], gender=gender,
            birth_date=dates["birth_date"], name=values.get("name", ""), shift=values.get("shift", ""),
            contract_type=contract, hire_date=dates.get("hire_date"), origin=values.get("origin", ""),
            migrant=migrant, position=values.get("position", ""), wage=wage, row=excel_row,
            id_number=values.get("id_number", "").replace(" ", "").upper(), line=values.get("line", "")))
        if "hire_date" in dates and dates["hire_date"] < dates["birth_date"]:
            warnings.append(message_text("roster.warning.hired_before_birth", row=excel_row,
                                         hired=dates["hire_date"].isoformat()))
    for (what, text_value), excel_row in odd_values.items():
        warnings.append(message_text("roster.warning.odd_value", row=excel_row, what=what, value=text_value))
    return Roster(
        workers=tuple(workers),
        columns={f: header_cells[c].strip() for f, c in sorted(columns.items(), key=lambda x: x[1])},
        encoding=encoding, warnings=tuple(warnings), name=name, delimiter=delimiter)
