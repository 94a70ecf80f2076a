"""Small attendance and payroll files written to disk for the tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

ATTENDANCE_HEADER = ["worker_id", "date", "clock_in", "clock_out", "clock_in_2", "clock_out_2"]
PAYROLL_HEADER = ["worker_id", "month", "base_pay", "overtime_pay", "gross_pay", "net_pay"]


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([[str(c) for c in row] for row in rows])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def attendance(path: Path, rows: list[list[object]], header: list[str] | None = None, **kw) -> Path:
    return write_csv(path, [header or ATTENDANCE_HEADER, *rows], **kw)


def payroll(path: Path, rows: list[list[object]], header: list[str] | None = None, **kw) -> Path:
    return write_csv(path, [header or PAYROLL_HEADER, *rows], **kw)


def day_rows(worker: str, days: list[str], *pairs: tuple[str, str]) -> list[list[object]]:
    """One row per day with the same punches."""
    flat = [t for pair in pairs for t in pair]
    return [[worker, d, *flat, *[""] * (4 - len(flat))] for d in days]
