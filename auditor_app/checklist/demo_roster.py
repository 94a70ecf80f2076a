"""A believable toy-factory roster from a fixed seed: for the demo audit and for tests.

`demo_workers` makes worker rows (plain dicts keyed by the app's field names); `roster_csv` writes them
as Excel would, with Chinese or English headers. Nothing random leaks: everything comes from the seed.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅琴云飞鹏辉燕萍建国志文斌"
# (department, share of the workforce, positions, night shift?)
DEPARTMENTS = [
    ("注塑车间", 0.18, ["啤机操作工", "上落模工"], True),
    ("喷油车间", 0.12, ["喷油工", "移印工"], False),
    ("装配车间", 0.32, ["装配工", "拉长"], False),
    ("包装车间", 0.12, ["包装工", "打包工"], False),
    ("质检部", 0.07, ["质检员", "QC组长"], False),
    ("仓库", 0.05, ["仓管员", "叉车司机"], False),
    ("机修部", 0.03, ["机修工", "电工"], True),
    ("办公室", 0.04, ["文员", "人事专员"], False),
    ("保安部", 0.03, ["保安员"], True),
    ("食堂", 0.02, ["厨师", "帮厨"], False),
    ("清洁组", 0.02, ["清洁工"], False),
]
PROVINCES_AWAY = ["湖南", "四川", "河南", "广西", "江西", "贵州", "湖北", "重庆"]
HOME_PROVINCE = "广东"
CONTRACTS = [("正式", 0.78), ("临时", 0.1), ("劳务派遣", 0.1), ("实习生", 0.02)]

HEADERS = {
    "zh": {"worker_id": "工号", "name": "姓名", "department": "部门", "gender": "性别",
           "birth_date": "出生日期", "hire_date": "入职日期", "shift": "班次", "contract_type": "用工形式",
           "origin": "籍贯", "migrant": "是否外地", "position": "岗位", "wage": "基本工资",
           "id_number": "身份证号"},
    "en": {"worker_id": "Worker ID", "name": "Name", "department": "Department", "gender": "Gender",
           "birth_date": "Date of Birth", "hire_date": "Hire Date", "shift": "Shift",
           "contract_type": "Contract Type", "origin": "Origin", "migrant": "Migrant",
           "position": "Position", "wage": "Wage", "id_number": "ID Number"},
}
_EN_VALUES = {"男": "Male", "女": "Female", "白班": "Day", "夜班": "Night", "正式": "Permanent",
              "临时": "Temporary", "劳务派遣": "Agency", "实习生": "Intern", "是": "Yes", "否": "No"}


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def _birth_for_age(rng: random.Random, age: int, on_date: date) -> date:
    """A birth date making the worker exactly `age` on `on_date` (kept clear of the birthday)."""
    latest = _shift_years(on_date, -age) - timedelta(days=7)
    return latest - timedelta(days=rng.randint(0, 340))


def id_number(rng: random.Random, birth: date, gender: str, area: str = "441900") -> str:
    """A GB 11643 identity number for this birth date and sex (女/男), with its check character."""
    from auditor_app.checklist.cn_id import check_character

    sequence = rng.randint(0, 49) * 2 + (1 if gender == "男" else 0)
    first17 = f"{area}{birth:%Y%m%d}{rng.randint(0, 9)}{sequence:02d}"
    return first17 + check_character(first17)


def demo_workers(count: int, seed: int, on_date: date, *, underage: tuple[int, ...] = (),
                 young: tuple[int, ...] = (), hired_underage: int = 0, id_numbers: bool = False) -> list[dict]:
    """`count` workers; `underage`/`young` give the ages of the children and young workers placed
    among them; `hired_underage` adults were hired at 15 (historical child labour, years ago);
    `id_numbers` adds a valid identity number matching each birth date and sex."""
    rng = random.Random(seed)
    special = [("age", a) for a in underage + young] + [("historical", 15)] * hired_underage
    if len(special) > count:
        raise ValueError("more special workers than workers")
    slots = rng.sample(range(count), len(special))
    plan = dict(zip(slots, special))
    rows = []
    weights = [d[1] for d in DEPARTMENTS]
    for i in range(count):
        dept, _, positions, nights = rng.choices(DEPARTMENTS, weights)[0]
        kind, value = plan.get(i, ("normal", 0))
        if kind == "age":
            birth = _birth_for_age(rng, value, on_date)
            hire = on_date - timedelta(days=rng.randint(20, 80))
        elif kind == "historical":
            age = rng.randint(19, 24)
            birth = _birth_for_age(rng, age, on_date)
            hire = _shift_years(birth, value) + timedelta(days=rng.randint(30, 300))
        else:
            birth = _birth_for_age(rng, rng.randint(18, 56), on_date)
            earliest = _shift_years(birth, 18)
            span = max(30, min(3650, (on_date - earliest).days))
            hire = on_date - timedelta(days=rng.randint(14, span))
        away = rng.random() < 0.8
        contract = rng.choices([c for c, _ in CONTRACTS], [w for _, w in CONTRACTS])[0]
        rows.append({
            "worker_id": f"A{1001 + i:04d}",
            "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))),
            "department": dept,
            "gender": "女" if rng.random() < 0.6 else "男",
            "birth_date": birth,
            "hire_date": hire,
            "shift": "夜班" if nights and rng.random() < 0.4 else "白班",
            "contract_type": contract,
            "origin": rng.choice(PROVINCES_AWAY) if away else HOME_PROVINCE,
            "migrant": "是" if away else "否",
            "position": rng.choice(positions),
            "wage": 2300 + 50 * rng.randint(0, 40),
        })
        if id_numbers:
            rows[-1]["id_number"] = id_number(rng, birth, str(rows[-1]["gender"]))
    return rows


def roster_csv(rows: list[dict], lang: str = "zh", delimiter: str = ",", date_style: str = "iso",
               fields: tuple[str, ...] | None = None) -> str:
    """The rows as CSV text with `lang` headers; date_style: iso (2003-05-01), slash (2003/5/1),
    zh (2003年5月1日)."""
    headers = HEADERS[lang]
    fields = fields or tuple(f for f in headers if not rows or f in rows[0])
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([headers[f] for f in fields])
    for row in rows:
        cells = []
        for f in fields:
            value = row.get(f, "")
            if isinstance(value, date):
                value = {"iso": value.isoformat(), "slash": f"{value.year}/{value.month}/{value.day}",
                         "zh": f"{value.year}年{value.month}月{value.day}日"}[date_style]
            elif lang == "en":
                value = _EN_VALUES.get(value, value)
            cells.append(str(value))
        writer.writerow(cells)
    return out.getvalue()
