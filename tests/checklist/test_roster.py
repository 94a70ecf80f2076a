"""Reading rosters as Excel exports them, refusing bad ones, and flagging young workers."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from auditor_app.checklist.age_flags import age_flags, age_rule
from auditor_app.checklist.demo_roster import demo_workers, roster_csv
from auditor_app.checklist.roster import RosterError, read_roster
from auditor_app.resources import resources_dir

AUDIT_DAY = date(2025, 6, 10)
ROWS = demo_workers(40, seed=11, on_date=AUDIT_DAY, underage=(15,), young=(17,), hired_underage=1)


def _same_people(roster, rows=ROWS):
    assert [w.worker_id for w in roster.workers] == [r["worker_id"] for r in rows]
    assert [w.name for w in roster.workers] == [r["name"] for r in rows]
    assert [w.birth_date for w in roster.workers] == [r["birth_date"] for r in rows]
    assert [w.hire_date for w in roster.workers] == [r["hire_date"] for r in rows]
    assert [w.department for w in roster.workers] == [r["department"] for r in rows]
    assert [w.gender for w in roster.workers] == [{"女": "female", "男": "male"}[r["gender"]] for r in rows]


@pytest.mark.parametrize("encoding,delimiter,expected", [
    ("utf-8", ",", "utf-8"),
    ("utf-8-sig", ",", "utf-8-sig"),
    ("utf-8-sig", ";", "utf-8-sig"),
    ("gb18030", ",", "gb18030"),
    ("gbk", "\t", "gb18030"),            # GBK is a subset of GB18030
    ("utf-16", "\t", "utf-16-le"),       # Excel "Unicode text": UTF-16 LE with BOM, tab-separated
    ("utf-16-be-bom", "\t", "utf-16-be"),
    ("utf-16-le", "\t", "utf-16-le"),    # no BOM at all
])
def test_every_excel_encoding_and_delimiter(encoding, delimiter, expected):
    text = roster_csv(ROWS, delimiter=delimiter)
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    roster = read_roster(data)
    assert roster.encoding == expected
    assert roster.delimiter == delimiter
    _same_people(roster)


def test_english_headers_and_values(tmp_path):
    path = tmp_path / "Roster June.csv"
    path.write_bytes(roster_csv(ROWS, lang="en", date_style="slash").encode("utf-8"))
    roster = read_roster(path)
    _same_people(roster)
    assert roster.columns["birth_date"] == "Date of Birth"
    assert roster.columns["worker_id"] == "Worker ID"
    assert {w.contract_type for w in roster.workers} <= {"permanent", "temporary", "agency", "student"}
    assert {w.shift for w in roster.workers} <= {"Day", "Night"}


def test_chinese_headers_values_and_migrant():
    roster = read_roster(roster_csv(ROWS, date_style="zh").encode("gb18030"))
    _same_people(roster)
    assert roster.columns == {"worker_id": "工号", "name": "姓名", "department": "部门", "gender": "性别",
                              "birth_date": "出生日期", "hire_date": "入职日期", "shift": "班次",
                              "contract_type": "用工形式", "origin": "籍贯", "migrant": "是否外地",
                              "position": "岗位", "wage": "基本工资"}
    assert [w.migrant for w in roster.workers] == [r["migrant"] == "是" for r in ROWS]
    assert [w.wage for w in roster.workers] == [float(r["wage"]) for r in ROWS]
    contracts = {"正式": "permanent", "临时": "temporary", "劳务派遣": "agency", "实习生": "student"}
    assert [w.contract_type for w in roster.workers] == [contracts[r["contract_type"]] for r in ROWS]


def test_headers_tolerate_spaces_case_and_a_title_row():
    text = ("XX玩具厂员工花名册,,,\n"
            " WORKER_ID ,Dept., SEX ,出生 日期（年月日）,户籍\n"
            "A1,装配,F,2001-02-03,外地\n"
            "A2,注塑,Male,1999-12-31,本地\n")
    roster = read_roster(text.encode("utf-8"))
    assert [(w.worker_id, w.department, w.gender, w.birth_date, w.migrant, w.row) for w in roster.workers] == [
        ("A1", "装配", "female", date(2001, 2, 3), True, 3),
        ("A2", "注塑", "male", date(1999, 12, 31), False, 4)]


@pytest.mark.parametrize("cell,expected", [
    ("2003-05-01", date(2003, 5, 1)), ("2003/5/1", date(2003, 5, 1)), ("2003.5.1", date(2003, 5, 1)),
    ("2003年5月1日", date(2003, 5, 1)), ("20030501", date(2003, 5, 1)),
    ("2003/5/1 0:00", date(2003, 5, 1)), ("37742", date(2003, 5, 1)),
])
def test_date_forms(cell, expected):
    roster = read_roster(f"工号,部门,性别,出生日期\nA1,装配,女,{cell}\n".encode("utf-8"))
    assert roster.workers[0].birth_date == expected


def test_day_and_month_order_is_read_from_the_roster():
    day_first = "工号,部门,性别,出生日期\nA1,装配,女,01/05/2003\nA2,装配,女,25/03/2001\n"
    month_first = "工号,部门,性别,出生日期\nA1,装配,女,01/05/2003\nA2,装配,女,03/25/2001\n"
    assert read_roster(day_first.encode()).workers[0].birth_date == date(2003, 5, 1)
    assert read_roster(month_first.encode()).workers[0].birth_date == date(2003, 1, 5)


# ── bad rosters: file, row as Excel shows it, problem ──────────────────────────────────────

HEAD = "工号,姓名,部门,性别,出生日期,入职日期\n"


@pytest.mark.parametrize("text,message", [
    (HEAD + "A1,张三,装配,女,2001-01-01,\nA2,李四,装配,男,2000-01-01,\nA1,王五,注塑,女,1999-01-01,\n",
     "bad.csv, rows 2 and 4: worker id 'A1' appears twice"),
    (HEAD + "A1,张三,装配,女,2001-01-01,\nA2,李四,装配,未知,2000-01-01,\n",
     "bad.csv, row 3: unknown gender '未知' in column '性别'"),
    (HEAD + "A1,张三,装配,女,2001-13-45,\n",
     "bad.csv, row 2: birth date: '2001-13-45' is not a real date"),
    (HEAD + "A1,张三,装配,女,2001-01-01,\nA2,李四,装配,男,2000-01-01,last spring\n",
     "bad.csv, row 3: hire date: 'last spring' is not a date the app can read"),
    (HEAD + "A1,张三,装配,女,01/05/2003,\nA2,李四,装配,男,02/03/2001,\n",
     "bad.csv, row 2: birth date: '01/05/2003' could be 1 May 2003 or 5 January 2003"),
    (HEAD + "A1,张三,装配,女,1/5/03,\n",
     "bad.csv, row 2: birth date: '1/5/03' has a two-digit year"),
    (HEAD + "A1,张三,装配,女,2003-05,\n",
     "bad.csv, row 2: birth date: '2003-05' has no day"),
    ("标题\n" + HEAD + "A1,张三,,女,2001-01-01,\n",
     "bad.csv, row 3: department is empty (column '部门')"),
    ("工号,姓名,部门\nA1,张三,装配\n",
     "bad.csv, row 1: missing required columns: gender (e.g. 性别 / gender), birth_date (e.g. 出生日期 / "
     "birth date); headers found: 工号, 姓名, 部门"),
    (HEAD, "bad.csv: no worker rows under the header (row 1)"),
    (HEAD + ",,,,,\n  ,,,,,\n", "bad.csv: no worker rows under the header (row 1)"),
    ("", "bad.csv: the file is empty"),
    ("\r\n  \r\n", "bad.csv: the file is empty"),
    ("a,b,c\n1,2,3\n", "bad.csv: no header row: none of the first 10 rows names the roster's columns "
                      "(first row reads 'a', 'b', 'c')"),
])
def test_bad_roster_names_file_row_and_problem(text, message):
    with pytest.raises(RosterError) as err:
        read_roster(text.encode("utf-8"), name="bad.csv")
    assert str(err.value).startswith(message), str(err.value)


def test_bad_roster_rows_count_title_lines_and_bom():
    data = ("花名册\r\n" + HEAD + "A1,张三,装配,女,2001-01-01,\r\nA2,李四,装配,X,2000-01-01,\r\n")
    with pytest.raises(RosterError) as err:
        read_roster(data.encode("utf-8-sig"), name="r.csv")
    assert err.value.rows == (4,) and "unknown gender 'X'" in str(err.value)


def test_undecodable_bytes_are_refused():
    data = HEAD.encode("utf-8") + b"A1,\x80\xff\xfe\x81,\xff,\x80,2001-01-01,\n"
    with pytest.raises(RosterError, match=r"^bin\.csv: cannot read the text: it is not UTF-8, UTF-16 or "
                                          r"GB18030/GBK \(undecodable bytes from byte \d+\)"):
        read_roster(data, name="bin.csv")


def test_missing_file_is_named(tmp_path):
    with pytest.raises(RosterError, match=r"^nope\.csv: file not found"):
        read_roster(tmp_path / "nope.csv")


def test_warnings_for_unused_columns_doubles_and_unknown_values():
    text = ("工号,员工编号,部门,性别,出生日期,用工形式,备注\n"
            "A1,9,装配,女,2001-01-01,外籍专家,好\n")
    roster = read_roster(text.encode("utf-8"))
    assert roster.workers[0].worker_id == "A1" and roster.workers[0].contract_type == "外籍专家"
    joined = "\n".join(roster.warnings)
    assert "'工号' and '员工编号' both look like worker_id; using '工号'" in joined
    assert "columns not used: 备注" in joined
    assert "row 2: contract type '外籍专家' not recognised; kept as written" in joined
    chinese = "\n".join(w.render("zh") for w in roster.warnings)
    assert "第2行：无法识别的用工形式'外籍专家'；按原样保留" in chinese and "未使用的列：备注" in chinese


def test_the_demo_roster_reads_and_has_its_young_workers():
    roster = read_roster(resources_dir() / "demo" / "roster-demo.csv")
    assert roster.encoding == "utf-8-sig" and 100 <= len(roster) <= 140
    # The demo audit's day: two children in packing, three juvenile workers; the worker hired at 15
    # came of age in 2023, before the 12-month review period, so is not historical child labour.
    kinds = sorted((f.kind, f.age) for f in age_flags(roster, date(2026, 11, 18)))
    assert kinds == [("underage", 15), ("underage", 15), ("young", 17), ("young", 17), ("young", 17)]


# ── age flags ──────────────────────────────────────────────────────────────────────────────

def _roster(*lines):
    return read_roster(("工号,部门,性别,出生日期,入职日期\n" + "\n".join(lines) + "\n").encode())


def test_age_flags_underage_young_and_historical_with_their_dates():
    roster = _roster("C1,装配,女,2010-01-20,2025-03-01",   # 15 today, hired at 15
                     "Y1,装配,男,2008-03-01,2024-09-01",   # 17 today, hired at 16
                     "Y2,装配,男,2008-06-11,2024-05-01",   # 16 and a day short of 17, hired at 15; 16 on 2024-06-11
                     "H1,注塑,女,2009-01-15,2024-03-01",   # 16 now, hired at 15, of age 2025-01-15: young, in period
                     "H2,注塑,女,2004-07-01,2019-08-01",   # 20 today, hired at 15, of age 2020: outside the period
                     "H3,注塑,女,2007-03-01,2022-05-01",   # 18 now, hired at 15, of age 2023-03-01: outside
                     "H4,注塑,男,2007-02-01,2022-09-01",   # 18 now, hired at 15, of age 2023-02-01: outside
                     "A1,注塑,女,1990-01-01,2015-01-01",   # adult, hired adult
                     "E1,注塑,男,2007-06-10,2024-01-01")   # 18 today exactly, hired at 16
    flags = {f.worker_id: f for f in age_flags(roster, AUDIT_DAY)}
    assert sorted(flags) == ["C1", "H1", "Y1", "Y2"]
    c1, y1, y2, h1 = flags["C1"], flags["Y1"], flags["Y2"], flags["H1"]
    assert (c1.kind, c1.age, c1.hired_underage, c1.age_at_hire) == ("underage", 15, True, 15)
    assert "2010-01-20" in c1.text and "2025-03-01" in c1.text and "minimum working age of 16" in c1.text
    assert (y1.kind, y1.age, y1.hired_underage) == ("young", 17, False)
    assert (y2.kind, y2.age, y2.hired_underage, y2.age_at_hire) == ("young", 16, True, 15)
    assert y2.underage_in_period and "historical child labour" in y2.text   # of age 2024-06-11, period from 2024-06-10
    assert (h1.kind, h1.age, h1.underage_in_period) == ("young", 16, True)
    assert [f.worker_id for f in age_flags(roster, AUDIT_DAY)][0] == "C1"  # youngest first
    for flag in flags.values():
        assert flag.message is not None and flag.text == flag.message.text


def test_historical_child_labour_only_within_the_review_period():
    roster = _roster("H1,注塑,女,2006-03-01,2021-06-01",   # 19 now; 16 on 2022-03-01: outside 12 months
                     "H2,注塑,女,2007-05-01,2023-02-01",   # 18 now; 16 on 2023-05-01: outside 12 months
                     "H3,注塑,男,2007-01-05,2022-12-01")   # 18 now; 16 on 2023-01-05: outside
    assert age_flags(roster, AUDIT_DAY) == []
    assert [f.worker_id for f in age_flags(roster, AUDIT_DAY, review_months=36)] == ["H2", "H3"]
    flag = age_flags(roster, AUDIT_DAY, review_months=36)[0]
    assert flag.kind == "historical" and flag.underage_in_period
    assert "under the minimum working age of 16 in China until 2023-05-01, inside the 36-month review period " \
           "from 2022-06-10: historical child labour" in flag.text
    # With 12 months, an adult cannot have been under 16 inside the period: only a young worker can.
    young = _roster("Y9,注塑,女,2008-09-01,2024-03-01")     # 16 now; 16 on 2024-09-01, inside 12 months
    assert age_flags(young, AUDIT_DAY)[0].underage_in_period


def test_implausible_dates_are_never_child_labour():
    roster = _roster("F1,装配,女,2026-01-01,2025-01-01",    # born after the audit day
                     "F2,装配,女,1930-01-01,2020-01-01",    # 95 years old
                     "F3,装配,男,2000-01-01,2009-01-01",    # hired at 9
                     "F4,装配,男,2010-01-01,2026-01-01")    # 15 now, hired after the audit day
    flags = {f.worker_id: f for f in age_flags(roster, AUDIT_DAY)}
    assert sorted(flags) == ["F4"]
    assert flags["F4"].kind == "underage" and flags["F4"].hire_date is None and flags["F4"].age_at_hire is None


def test_minimum_age_depends_on_the_country():
    roster = _roster("C1,装配,女,2010-01-20,2025-03-01", "A1,装配,女,1990-01-01,2015-01-01")
    assert age_rule("CN").minimum_age == 16 and age_rule("vn").minimum_age == 15
    assert age_flags(roster, AUDIT_DAY, "CN")[0].kind == "underage"
    assert age_flags(roster, AUDIT_DAY, "VN")[0].kind == "young"
    with pytest.raises(ValueError, match=r"no minimum working age for country 'ZZ'; known: .*CN"):
        age_flags(roster, AUDIT_DAY, "ZZ")


def test_minimum_age_in_force_on_the_audit_date(tmp_path):
    good = (resources_dir() / "rules" / "minimum-age.yaml").read_text(encoding="utf-8")
    changed = good.replace(
        '  VN: [{name: Viet Nam,   minimum_age: 15, effective_from: 2021-01-01,',
        '  VN: [{name: Viet Nam, minimum_age: 14, effective_from: 1995-01-01, law: "old code"},\n'
        '       {name: Viet Nam,   minimum_age: 15, effective_from: 2021-01-01,')
    path = tmp_path / "minimum-age.yaml"
    path.write_text(changed, encoding="utf-8")
    assert age_rule("VN", path=str(path), on_date=date(2020, 5, 1)).minimum_age == 14
    assert age_rule("VN", path=str(path), on_date=date(2021, 1, 1)).minimum_age == 15
    with pytest.raises(ValueError, match="no minimum working age for VN in force on 1990-01-01"):
        age_rule("VN", path=str(path), on_date=date(1990, 1, 1))


def test_birthday_on_the_audit_day_counts():
    roster = _roster("B1,装配,女,2009-06-10,2025-06-01", "B2,装配,女,2009-06-11,2025-06-01")
    flags = {f.worker_id: f for f in age_flags(roster, AUDIT_DAY)}
    assert (flags["B1"].kind, flags["B1"].age) == ("young", 16)
    assert (flags["B2"].kind, flags["B2"].age) == ("underage", 15)


def test_public_flags_carry_their_message_but_no_worker_id():
    from auditor_app.checklist.age_flags import public_flags

    roster = _roster("C1,装配,女,2010-01-20,2025-03-01")
    stored = public_flags(age_flags(roster, AUDIT_DAY), lambda wid: "W-03", AUDIT_DAY)
    assert stored == [{"code": "W-03", "age": 15, "kind": "underage",
                       "text": "Underage worker: 15 years old on 2025-06-10, hired at 15",
                       "message": {"id": "age_flag_public",
                                   "params": {"kind": "underage", "age": 15, "on": "2025-06-10", "hire_age": 15}}}]
    assert "C1" not in str(stored)


def test_identity_numbers_are_read_as_text():
    text = "工号,部门,性别,出生日期,身份证号\nA1,装配,女,2001-01-01,44190020010101002x\n"
    assert read_roster(text.encode()).workers[0].id_number == "44190020010101002X"


# ── the rule files themselves ──────────────────────────────────────────────────────────────

def test_broken_header_rules_name_file_and_problem(tmp_path):
    from auditor_app.checklist.roster_headers import load_header_rules
    from auditor_app.resources import RulesFileError

    good = (resources_dir() / "rules" / "roster-headers.yaml").read_text(encoding="utf-8")
    cases = [
        (good.replace("name:          [name,", "name:          [工号, name,"),
         "header '工号' is listed for both worker_id and name"),
        (good.replace("required: [worker_id, department, gender, birth_date]",
                      "required: [worker_id, department, gender]"), "birth_date must stay required"),
        (good.replace("  wage:", "  salary_band:"), "unknown field 'salary_band'"),
        (good.replace('"yes": ["yes",', '"yes": [yes,'), "values.migrant.yes[0]"),
    ]
    for i, (text, problem) in enumerate(cases):
        path = tmp_path / f"headers{i}.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(RulesFileError) as err:
            load_header_rules(str(path))
        assert str(err.value).startswith(str(path)) and problem in str(err.value), str(err.value)


def test_broken_minimum_age_table_is_refused(tmp_path):
    from auditor_app.resources import RulesFileError

    good = (resources_dir() / "rules" / "minimum-age.yaml").read_text(encoding="utf-8")
    path = tmp_path / "minimum-age.yaml"
    path.write_text(good.replace("minimum_age: 16", "minimum_age: 9"), encoding="utf-8")
    with pytest.raises(RulesFileError) as err:
        age_rule("CN", path=str(path))
    assert err.value.where == "countries.CN[0].minimum_age" and "greater than or equal to 12" in str(err.value)
