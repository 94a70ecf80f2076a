"""Payroll as the factory exports it: one row per worker per month (base pay for standard hours,
overtime pay, gross and net pay; optionally the overtime hours paid, allowances, deductions and the
worker's social insurance and housing fund). Refused with file, row and column: unknown headers, a
month or an amount that cannot be read, a worker and month twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from auditor_app.checklist.roster_dates import infer_order
from auditor_app.checklist.messages import message
from auditor_app.hours.errors import nested
from auditor_app.hours.gc_pause import gc_paused
from auditor_app.hours.headers import load_headers
from auditor_app.hours.tables import read_table
from auditor_app.hours.values import month_text, parse_hours, parse_money, parse_month

MONEY = ("base_pay", "overtime_pay", "gross_pay", "net_pay", "allowances", "deductions", "social_insurance",
         "housing_fund")


@dataclass(frozen=True)
class PayRow:
    worker_id: str
    month: str                          # "YYYY-MM"
    base_pay: float
    overtime_pay: float
    gross_pay: float | None
    net_pay: float | None
    overtime_hours_paid: float | None = None
    allowances: float | None = None
    deductions: float | None = None
    social_insurance: float | None = None
    housing_fund: float | None = None
    row: int = 0


@dataclass(frozen=True)
class PayrollRecords:
    name: str
    encoding: str
    columns: dict[str, str]
    warnings: tuple[str, ...]
    rows: dict[tuple[str, str], PayRow]     # (worker id, month) -> its row
    id_column: int = 0                      # where the worker id is, for messages

    def __len__(self) -> int:
        return len(self.rows)

    def worker_ids(self) -> set[str]:
        return {w for w, _ in self.rows}


def import_payroll(path: str | Path, progress: Callable[[int, int, str], None] | None = None) -> PayrollRecords:
    """Read a payroll export (CSV or XLSX); HoursFileError names file, row and column if refused."""
    with gc_paused():
        return _import(path, progress)


def _import(path: str | Path, progress: Callable[[int, int, str], None] | None) -> PayrollRecords:
    table = read_table(path, load_headers()["payroll"])
    cols = table.columns
    order = infer_order({r[cols["month"]].strip() for _, r in table.rows if cols["month"] < len(r)})
    required = set(load_headers()["payroll"].required)
    rows: dict[tuple[str, str], PayRow] = {}
    for n, (excel_row, row) in enumerate(table.rows):
        if progress is not None and n % 5000 == 0:
            progress(n, len(table.rows), "Reading payroll")

        def cell(field: str, row: list[str] = row) -> str:
            col = cols.get(field)
            return row[col].strip() if col is not None else ""

        values: dict[str, float | None] = {}
        for field in (*MONEY, "overtime_hours_paid"):
            text = cell(field)
            if not text:
                if field in required:
                    raise table.error(message("hours.file.field_empty", field=field), excel_row, field)
                values[field] = None
                continue
            try:
                values[field] = parse_hours(text) if field == "overtime_hours_paid" else parse_money(text)
            except ValueError as exc:
                raise table.error(message("hours.file.bad_field", field=field, error=nested(exc)), excel_row,
                                  field) from None
        wid = cell("worker_id")
        if not wid:
            raise table.error(message("hours.file.worker_id_empty"), excel_row, "worker_id")
        if not cell("month"):
            raise table.error(message("hours.file.month_empty"), excel_row, "month")
        try:
            month = month_text(*parse_month(cell("month"), order))
        except ValueError as exc:
            raise table.error(message("hours.file.bad_month", error=nested(exc)), excel_row, "month") from None
        key = (wid, month)
        if key in rows:
            raise table.error(message("hours.file.two_pay_rows", worker=wid, month=month), rows=(rows[key].row, excel_row))
        base, overtime = values["base_pay"], values["overtime_pay"]
        rows[key] = PayRow(wid, month, base or 0.0, overtime or 0.0, values["gross_pay"], values["net_pay"],
                           values["overtime_hours_paid"], values["allowances"], values["deductions"],
                           values["social_insurance"], values["housing_fund"], excel_row)
    return PayrollRecords(table.name, table.encoding,
                          {f: table.header(f) for f, _ in sorted(cols.items(), key=lambda x: x[1])},
                          tuple(table.warnings), rows, cols["worker_id"])
