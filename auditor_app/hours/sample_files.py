"""Attendance and payroll files with known breaches planted, for tests, the benchmark and the demo.

`write_sample_files(folder)` writes a year of a small factory's records, in English headers and UTF-8
or Chinese headers and GBK, as CSV or XLSX, and returns what it planted. Every other worker keeps
every rule: 8-hour days Monday to Friday as the holiday calendar has them, some evening overtime, a
Saturday morning a month, Sundays and holidays off, overtime paid at the legal premiums on a base pay
above the minimum wage. Each plant goes to a worker of its own, so the breaches found must be exactly
the planted ones (`SampleFiles.expected`).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from auditor_app.hours.holidays import REST, WORKING
from auditor_app.hours.period import first_day, index_text
from auditor_app.hours.sample_plan import DEFAULT_PLANTS, OPTIONAL_PLANTS, Factory, Pairs, Planted
from auditor_app.hours.xlsx_out import write_xlsx

__all__ = ["DEFAULT_PLANTS", "OPTIONAL_PLANTS", "Planted", "SampleFiles", "write_sample_files"]
HEADERS = {
    "en": (["worker_id", "name", "department", "date", "clock_in", "clock_out", "clock_in_2", "clock_out_2",
            "clock_in_3", "clock_out_3"],
           ["worker_id", "name", "month", "base_pay", "overtime_hours_paid", "overtime_pay", "allowances",
            "social_insurance", "gross_pay", "net_pay"]),
    "zh": (["工号", "姓名", "部门", "日期", "上班1", "下班1", "上班2", "下班2", "上班3", "下班3"],
           ["工号", "姓名", "月份", "基本工资", "加班时数", "加班费", "津贴", "社保个人", "应发工资", "实发工资"]),
}
NAMES = {"en": ("Li Na", "Wang Fang", "Zhang Wei", "Liu Yang", "Chen Jing", "Yang Li", "Zhao Lei", "Huang Min"),
         "zh": ("李娜", "王芳", "张伟", "刘洋", "陈静", "杨丽", "赵磊", "黄敏")}
SOCIAL_INSURANCE = 0.105                       # the worker's share, of base pay
DEPARTMENTS = {"en": ("Injection", "Assembly", "Packing"), "zh": ("注塑", "装配", "包装")}


@dataclass(frozen=True)
class SampleFiles:
    attendance: Path
    payroll: Path
    planted: tuple[Planted, ...]
    workers: tuple[str, ...]
    period: tuple[str, str]
    city: str

    def expected(self) -> set[tuple[str, str, str]]:
        """(worker id, rule, month) of every violation the files must produce (signals excluded)."""
        return {(p.worker_id, p.rule, p.month) for p in self.planted if p.rule and p.rule != "overtime_hours_differ"}


def write_sample_files(folder: str | Path, *, workers: int = 20, start: str = "2025-11", months: int = 12,
                       language: str = "en", fmt: str = "csv", encoding: str | None = None,
                       plants: tuple[str, ...] = DEFAULT_PLANTS, city: str = "shenzhen", seed: int = 7,
                       all_days: bool = True, name: str = "") -> SampleFiles:
    """Write attendance and payroll files into `folder`; every day of every worker has a row when
    `all_days` (rest days with no punches, as most time systems export them)."""
    if language not in HEADERS or fmt not in ("csv", "xlsx"):
        raise ValueError("language is en or zh, fmt csv or xlsx")
    if workers < len(plants) + 1:
        raise ValueError(f"{len(plants)} plants need at least {len(plants) + 1} workers")
    factory = Factory(start, months, city, seed)
    ids = [f"W{n:04d}" for n in range(1, workers + 1)]
    plans = {wid: factory.baseline(wid) for wid in ids}
    planted: list[Planted] = []
    for n, plant in enumerate(plants):
        wid = ids[n + 1]
        if plant == "night_shift":
            plans[wid] = factory.night_plan()
            planted.append(Planted("night_shift", None, wid, index_text(factory.months[0])))
            continue
        if plant == "holiday_premium":
            found = factory.holiday_plant(wid, plans[wid])
        else:
            found = None
            for k in range(len(factory.months)):
                mi = factory.months[(n + 2 + k) % len(factory.months)]
                found = factory.plant(plant, wid, plans[wid], mi)
                if found is not None:
                    break
        if found is None:
            raise ValueError(f"no month of the period can hold the plant {plant!r}")
        planted.append(found)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = name or f"{language}-{fmt}"
    attendance = folder / f"attendance-{stem}.{fmt}"
    payroll = folder / f"payroll-{stem}.{fmt}"
    encoding = encoding or ("utf-8-sig" if language == "en" else "gbk")
    _write(attendance, _attendance_rows(factory, plans, language, fmt, all_days), language, fmt, encoding,
           "考勤记录" if language == "zh" else "")
    _write(payroll, _payroll_rows(factory, plans, language), language, fmt, encoding,
           "工资表" if language == "zh" else "")
    return SampleFiles(attendance, payroll, tuple(planted), tuple(ids),
                       (index_text(factory.months[0]), index_text(factory.months[-1])), city)


def _clock(minutes: int, fmt: str) -> str | time:
    if minutes < 0:
        return ""
    hour, minute = divmod(minutes % 1440, 60)
    return time(hour, minute) if fmt == "xlsx" else f"{hour:02d}:{minute:02d}"


def _attendance_rows(factory: Factory, plans: dict[str, dict[int, Pairs]], language: str, fmt: str,
                     all_days: bool) -> list[list]:
    rows: list[list] = [list(HEADERS[language][0])]
    names, departments = NAMES[language], DEPARTMENTS[language]
    for n, (wid, plan) in enumerate(plans.items()):
        person = [wid, names[n % len(names)], departments[n % len(departments)]]
        for d in range(factory.first, factory.last + 1):
            pairs = plan.get(d)
            if pairs is None and not all_days:
                continue
            day = date.fromordinal(d)
            cell_date = day if fmt == "xlsx" else (day.isoformat() if language == "en" else
                                                    f"{day.year}/{day.month}/{day.day}")
            punches = [_clock(m, fmt) for pair in (pairs or []) for m in pair]
            rows.append([*person, cell_date, *punches, *[""] * (6 - len(punches))])
    return rows


def _payroll_rows(factory: Factory, plans: dict[str, dict[int, Pairs]], language: str) -> list[list]:
    rows: list[list] = [list(HEADERS[language][1])]
    highest = max(e.monthly for e in factory.city.entries)
    kept = 1 - SOCIAL_INSURANCE if factory.city.excludes_social_insurance else 1.0
    for n, (wid, plan) in enumerate(plans.items()):
        base = math.ceil(highest * (1.08 + 0.25 * factory.rng.random()) / kept / 10) * 10
        for mi in factory.months:
            entry = factory.city.in_force(first_day(mi))
            pay: float = base
            if (wid, mi) in factory.base_cut:      # below the minimum wage in force that month
                pay = (entry.monthly if entry else base) - factory.base_cut[(wid, mi)]
            law = factory.law.on(first_day(mi).toordinal())
            rate = pay / factory.rules.paid_days / law.day_hours
            premiums = factory.pay_premium.get((wid, mi))
            owed = hours = 0.0
            for d in factory.days(mi):
                worked = sum(out - inn for inn, out in plan.get(d, []) if out >= 0) / 60
                day_law, kind = factory.law.on(d), factory.kind(d)
                overtime = max(0.0, worked - day_law.day_hours) if kind == WORKING else worked
                p = (day_law.premium_working, day_law.premium_rest, day_law.premium_holiday)
                if premiums:
                    p = premiums
                owed += overtime * (p[0] if kind == WORKING else p[1] if kind == REST else p[2])
                hours += overtime
            overtime_pay = round(rate * owed, 2)
            social = round(pay * SOCIAL_INSURANCE, 2)
            gross = round(pay + overtime_pay + 150, 2)
            month = index_text(mi) if language == "en" else f"{mi // 12}年{mi % 12 + 1}月"
            paid_hours = round(hours - factory.paid_hours_cut.get((wid, mi), 0.0), 2)
            rows.append([wid, NAMES[language][n % len(NAMES[language])], month, pay, paid_hours, overtime_pay, 150,
                         social, gross, round(gross - social, 2)])
    return rows


def _write(path: Path, rows: list[list], language: str, fmt: str, encoding: str, title: str) -> None:
    if title:
        rows = [[title], *rows]
    if fmt == "xlsx":
        write_xlsx(path, rows)
        return
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
