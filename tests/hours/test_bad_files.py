"""Files that cannot be trusted are refused with one sentence naming the file, the row and the column."""

from __future__ import annotations

import re

import pytest

from auditor_app.hours import HoursFileError, compute, import_attendance, import_payroll
from tests.hours.files import attendance, day_rows, payroll, write_csv

DAY = (("08:00", "12:00"), ("13:30", "17:30"))


def _refused(func, path) -> str:
    with pytest.raises(HoursFileError) as caught:
        func(path)
    chinese = caught.value.in_language("zh")  # the same sentence as the window shows it in Chinese
    assert chinese != caught.value.message and re.search(r"[\u4e00-\u9fff]", chinese), chinese
    return caught.value.message


def test_unknown_headers_name_the_headers_found(tmp_path):
    path = write_csv(tmp_path / "att.csv", [["工号", "日子", "上班", "下班"], ["W1", "2026-01-05", "08:00", "17:00"]])
    assert _refused(import_attendance, path) == (
        "att.csv, row 1: unknown headers: no column for 日期 / date; headers found: '工号', '日子', '上班', '下班'")


def test_a_file_with_no_header_at_all(tmp_path):
    path = write_csv(tmp_path / "att.csv", [["a", "b"], ["1", "2"]])
    assert _refused(import_attendance, path).startswith(
        "att.csv: no attendance header row: none of the first 10 rows names its columns (first row reads 'a', 'b')")


def test_payroll_without_its_required_columns(tmp_path):
    path = write_csv(tmp_path / "pay.csv", [["工号", "月份", "基本工资"], ["W1", "2026-01", "3000"]])
    assert _refused(import_payroll, path) == (
        "pay.csv, row 1: unknown headers: no column for 加班费 / overtime_pay, 应发工资 / gross_pay, "
        "实发工资 / net_pay; headers found: '工号', '月份', '基本工资'")


def test_a_date_that_cannot_be_read(tmp_path):
    path = attendance(tmp_path / "att.csv", [["W1", "2026-01-05", "08:00", "12:00", "", ""],
                                              ["W1", "2026-13-45", "08:00", "12:00", "", ""]])
    assert _refused(import_attendance, path) == (
        "att.csv, row 3, column B (date): cannot read the date: '2026-13-45' is not a real date")


def test_a_time_that_cannot_be_read(tmp_path):
    path = attendance(tmp_path / "att.csv", [["W1", "2026-01-05", "08:00", "12:00", "13h30", "17:30"]])
    assert _refused(import_attendance, path) == (
        "att.csv, row 2, column E (clock_in_2): cannot read the time: '13h30' is not a time (expected hh:mm "
        "such as 08:00 or 17:30)")


def test_a_worker_and_day_twice(tmp_path):
    path = attendance(tmp_path / "att.csv", [*day_rows("W1", ["2026-01-05", "2026-01-06"], *DAY),
                                              *day_rows("W1", ["2026-01-05"], ("09:00", "12:00"))])
    assert _refused(import_attendance, path) == "att.csv, rows 2 and 4: worker W1 has two rows for 2026-01-05"


def test_punches_out_of_order_within_a_pair(tmp_path):
    path = attendance(tmp_path / "att.csv", [["W1", "2026-01-05", "12:00", "08:00", "", ""]])
    assert _refused(import_attendance, path) == (
        "att.csv, row 2, column D (clock_out): punches out of order: clock_out 08:00 against clock_in 12:00 is not "
        "a shift of 16 hours or less (a night shift may end after midnight, on the row of the day it started)")


def test_punches_out_of_order_between_pairs(tmp_path):
    path = attendance(tmp_path / "att.csv", [["W1", "2026-01-05", "08:00", "12:00", "11:00", "17:00"]])
    assert _refused(import_attendance, path) == (
        "att.csv, row 2, column E (clock_in_2): punches out of order: clock_in_2 11:00 is earlier than clock_out "
        "12:00 before it, and clock_out_2 17:00 after it is earlier again (a shift may cross midnight once, on the "
        "row of the day it started)")


def test_a_night_shift_that_runs_into_the_next_days_shift(tmp_path):
    path = attendance(tmp_path / "att.csv", [["W1", "2026-01-05", "20:00", "06:00", "", ""],
                                              ["W1", "2026-01-06", "05:30", "12:00", "", ""]])
    assert _refused(import_attendance, path) == (
        "att.csv, rows 2 and 3: worker W1's shift of 2026-01-05 ends at 06:00 the next day, after this day's "
        "first punch 05:30: punches out of order")


def test_an_empty_worker_id(tmp_path):
    path = attendance(tmp_path / "att.csv", [["", "2026-01-05", "08:00", "12:00", "", ""]])
    assert _refused(import_attendance, path) == "att.csv, row 2, column A (worker_id): the worker id is empty"


def test_a_worker_in_payroll_but_not_in_attendance(tmp_path):
    att = import_attendance(attendance(tmp_path / "att.csv", day_rows("W1", ["2026-01-05"], *DAY)))
    pay = import_payroll(payroll(tmp_path / "pay.csv", [["W1", "2026-01", 3000, 0, 3000, 2700],
                                                         ["W9", "2026-01", 3000, 0, 3000, 2700],
                                                         ["W8", "2026-01", 3000, 0, 3000, 2700]]))
    with pytest.raises(HoursFileError) as caught:
        compute(att, pay, "Shenzhen")
    assert caught.value.message == ("pay.csv, row 3, column A (worker_id): worker W9 is in the payroll but not in "
                                    "the attendance records (att.csv) (1 more workers likewise)")
    assert caught.value.hint == "Ask the factory for the time records of every worker it paid."


def test_payroll_month_amount_and_duplicates(tmp_path):
    bad_month = payroll(tmp_path / "m.csv", [["W1", "2026-13", 3000, 0, 3000, 2700]])
    assert _refused(import_payroll, bad_month) == (
        "m.csv, row 2, column B (month): cannot read the month: '2026-13' is not a month")
    bad_money = payroll(tmp_path / "a.csv", [["W1", "2026-01", "3,000.00", "about 300", 3300, 3000]])
    assert _refused(import_payroll, bad_money) == (
        "a.csv, row 2, column D (overtime_pay): cannot read overtime pay: 'about 300' is not an amount of money")
    empty = payroll(tmp_path / "e.csv", [["W1", "2026-01", "", 0, 3000, 2700]])
    assert _refused(import_payroll, empty) == "e.csv, row 2, column C (base_pay): base pay is empty"
    twice = payroll(tmp_path / "d.csv", [["W1", "2026年1月", 3000, 0, 3000, 2700], ["W2", "2026-01", 3000, 0, 3000, 2700],
                                         ["W1", "2026/01", 3000, 0, 3000, 2700]])
    assert _refused(import_payroll, twice) == "d.csv, rows 2 and 4: worker W1 has two payroll rows for 2026-01"


def test_files_that_are_not_text_or_not_a_workbook(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _refused(import_attendance, empty) == "empty.csv: the file is empty"
    binary = tmp_path / "att.csv"
    binary.write_bytes(b"\x81\x30\xff\xfe\xfd" * 50)
    assert _refused(import_attendance, binary).startswith("att.csv: cannot read the text: it is not UTF-8, UTF-16 or "
                                                          "GB18030/GBK")
    broken = tmp_path / "att.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    message = _refused(import_attendance, broken)
    assert message.startswith("att.xlsx: cannot be read as an Excel workbook (")
    assert _refused(import_attendance, tmp_path / "missing.csv").startswith("missing.csv: file not found (")


def test_a_missing_punch_is_a_finding_not_a_refusal(tmp_path):
    path = attendance(tmp_path / "att.csv", [["W1", "2026-01-05", "08:00", "12:00", "13:30", ""]])
    records = import_attendance(path)
    assert records.minutes == [240] and records.missing == {0: "clock_in 08:00, clock_out 12:00, clock_in_2 13:30, clock_out_2 —"}


def test_the_hint_and_the_cli_show_the_same_sentence(tmp_path, capsys, monkeypatch):
    from auditor_app import cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", ["hours"])
    att = attendance(tmp_path / "att.csv", [["W1", "2026-01-05", "8h", "12:00", "", ""]])
    pay = payroll(tmp_path / "pay.csv", [["W1", "2026-01", 3000, 0, 3000, 2700]])
    code = cli.main(["hours", "--attendance", str(att), "--payroll", str(pay), "--city", "Shenzhen"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("auditor-app: att.csv, row 2, column C (clock_in): cannot read the time: '8h' is not a time")


def test_a_workbook_names_rows_and_columns_as_excel_shows_them(tmp_path):
    import gc

    from auditor_app.hours.xlsx_out import write_xlsx

    path = tmp_path / "att.xlsx"
    write_xlsx(path, [[], [], ["", "worker_id", "date", "clock_in", "clock_out"],
                      ["", "W1", "2026-01-05", "08:00", "12:00"], ["", "W1", "2026-01-06", "8x", "12:00"]])
    assert _refused(import_attendance, path).startswith("att.xlsx, row 5, column D (clock_in): cannot read the time")
    assert gc.isenabled()      # paused while reading, resumed after the refusal
