"""What factories' exports look like: title lines, repeated 上班/下班 columns, all punches in one cell,
Excel serials, 12-hour clocks, totals rows, punches with their own date, UTF-16 tab-separated text."""

from __future__ import annotations

from datetime import date

import pytest

from auditor_app.hours import import_attendance, import_payroll
from auditor_app.hours.values import parse_clock, parse_money, parse_month, parse_punch
from tests.hours.files import write_csv


def test_a_chinese_export_with_a_title_line_and_repeated_columns(tmp_path):
    path = write_csv(tmp_path / "考勤.csv", [
        ["东莞某玩具厂 2026年1月 考勤记录"],
        ["工号", "姓名", "日期", "上班", "下班", "上班", "下班", "备注"],
        ["A01", "李娜", "2026/1/5", "07:58", "12:01", "13:29", "17:32", ""],
        ["A01", "李娜", "2026/1/6", "下午8:00", "凌晨4:00", "", "", "夜班"],
        ["合计", "", "", "", "", "", "", ""],
    ], encoding="gbk")
    records = import_attendance(path)
    assert records.columns == {"worker_id": "工号", "name": "姓名", "date": "日期", "clock_in": "上班",
                               "clock_out": "下班", "clock_in_2": "上班", "clock_out_2": "下班"}
    assert records.minutes == [243 + 243, 480] and records.end[1] == 1440 + 240
    assert records.day == [date(2026, 1, 5).toordinal(), date(2026, 1, 6).toordinal()]
    assert records.warnings == ("columns not used: 备注", "row 5: a totals row ('合计') was left out")
    assert [w.render("zh") for w in records.warnings] == ["未使用的列：备注", "第5行：合计行（'合计'）已略去"]


def test_all_punches_in_one_cell_utf16_tab_separated(tmp_path):
    path = write_csv(tmp_path / "punches.txt", [["Employee ID", "Work Date", "Punch Times"],
                                                ["7", "05/01/2026", "7:58 AM 12:00 PM 1:30 PM 5:30 PM 6:00 PM"],
                                                ["7", "13/01/2026", ""]], encoding="utf-16")
    path.write_bytes(path.read_bytes().replace(b",\x00", b"\t\x00"))
    records = import_attendance(path)
    assert records.encoding == "utf-16-le"
    # 13/01/2026 can only be day-first, so 05/01/2026 is 5 January; the odd punch lacks its partner.
    assert records.day[0] == date(2026, 1, 5).toordinal()
    assert records.minutes == [242 + 240, 0] and records.start[1] == -1
    assert records.missing == {0: "punches 7:58 AM, punches 12:00 PM, punches 1:30 PM, punches 5:30 PM, "
                                  "punches 6:00 PM, punches —"}


def test_punches_with_their_own_date_and_excel_serials(tmp_path):
    path = write_csv(tmp_path / "att.csv", [["worker_id", "date", "clock_in", "clock_out"],
                                            ["W1", "46027", "46027.875", "2026-01-06 05:00"]])
    records = import_attendance(path)
    assert records.day == [date(2026, 1, 5).toordinal()] and records.minutes == [480]


def test_payroll_months_and_amounts_as_written(tmp_path):
    path = write_csv(tmp_path / "工资.csv", [
        ["工号", "工资月份", "基本工资", "加班费", "加班时数", "应发工资", "实发工资", "社保个人"],
        ["A01", "2026年1月", "￥2,600.00", "-", "0小时", "2,600.00", "2,330.00", "270"],
        ["A01", "Feb 2026", "2600元", "(12.50)", "", "2587.5", "2317.5", ""],
    ], encoding="gb18030")
    payroll = import_payroll(path)
    jan, feb = payroll.rows[("A01", "2026-01")], payroll.rows[("A01", "2026-02")]
    assert (jan.base_pay, jan.overtime_pay, jan.overtime_hours_paid, jan.social_insurance) == (2600, 0, 0, 270)
    assert (feb.overtime_pay, feb.overtime_hours_paid, feb.social_insurance, feb.row) == (-12.5, None, None, 3)


@pytest.mark.parametrize("text,minutes", [("08:00", 480), ("8:00:59", 480), ("17:30", 1050), ("0800", 480),
                                          ("5:30 pm", 1050), ("12:15 AM", 15), ("0.5", 720), ("26:00", 1560),
                                          ("上午8:00", 480), ("晚上9:30", 1290)])
def test_clock_times(text, minutes):
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["8", "1.5", "25:61", "48:00", "13:00 pm", "8h00", ""])
def test_not_clock_times(text):
    with pytest.raises(ValueError):
        parse_clock(text)


def test_punches_months_and_money():
    assert parse_punch("2026/1/6 4:00") == (date(2026, 1, 6), 240)
    assert parse_month("202601") == parse_month("2026-01-31") == parse_month("January 2026") == (2026, 1)
    assert parse_money("RMB 1,234.50") == 1234.5
    for bad in ("2026-1-", "13/2026", "2026"):
        with pytest.raises(ValueError):
            parse_month(bad)
