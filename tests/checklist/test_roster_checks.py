"""The roster check on import: triaged groups with counts and the workers concerned, identity numbers
(GB 11643), retirement ages in force on the audit date, and `auditor-app sample` on a GBK roster."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from auditor_app import cli
from auditor_app.checklist.cn_id import check_character, check_id, masked
from auditor_app.checklist.demo_roster import id_number
from auditor_app.checklist.messages import render
from auditor_app.checklist.roster import read_roster
from auditor_app.checklist.roster_checks import triage_roster

AUDIT_DAY = date(2025, 6, 10)
RNG = random.Random(3)


def _id(birth: str, gender: str) -> str:
    return id_number(RNG, date.fromisoformat(birth), gender)


def _bad_check(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


SHARED = _id("1990-04-04", "女")
# worker id, department, sex, birth, hire, contract type, identity number
ROWS = [
    ("U1", "包装车间", "女", "2010-01-20", "2025-03-01", "正式", _id("2010-01-20", "女")),    # 15: underage
    ("J1", "装配车间", "男", "2008-03-01", "2024-09-01", "正式", _id("2008-03-01", "男")),    # 17: juvenile
    ("HY", "装配车间", "女", "2008-09-01", "2024-03-01", "正式", _id("2008-09-01", "女")),    # 16, under 16 until 2024-09-01
    ("HO", "注塑车间", "女", "2004-07-01", "2019-08-01", "正式", _id("2004-07-01", "女")),    # hired at 15 long ago
    ("R1", "仓库", "男", "1964-05-01", "2010-05-01", "正式", _id("1964-05-01", "男")),        # 60 before the reform
    ("R2", "仓库", "男", "1965-03-15", "2012-03-01", "临时", _id("1965-03-15", "男")),        # 60y1m on 2025-04-15
    ("R3", "仓库", "男", "1965-06-15", "2012-03-01", "正式", _id("1965-06-15", "男")),        # 60y2m on 2025-08-15
    ("W1", "清洁组", "女", "1975-02-20", "2015-01-01", "正式", _id("1975-02-20", "女")),      # 50y1m on 2025-03-20
    ("W2", "清洁组", "女", "1975-05-10", "2015-01-01", "正式", _id("1975-05-10", "女")),      # 50y3m on 2025-08-10
    ("X1", "装配车间", "男", "1995-01-01", "2026-01-01", "正式", _id("1995-01-01", "男")),    # hired after the audit
    ("X2", "装配车间", "女", "1930-01-01", "2020-01-01", "正式", ""),                         # 95 years old
    ("X3", "装配车间", "男", "2000-01-01", "2009-01-01", "正式", ""),                         # hired at 9
    ("I1", "喷油车间", "女", "1990-04-04", "2020-01-01", "正式", _bad_check(_id("1990-04-04", "女"))),
    ("I2", "喷油车间", "男", "2000-01-01", "2024-01-01", "正式", _id("2010-02-02", "男")),     # ID says 15
    ("I3", "喷油车间", "女", "1990-04-04", "2020-01-01", "正式", SHARED),
    ("I4", "喷油车间", "女", "1990-04-04", "2020-01-01", "正式", SHARED),                     # borrowed card
    ("I5", "喷油车间", "女", "1991-01-01", "2020-01-01", "正式", "4.41901E+17"),               # Excel ate it
    ("A1", "装配车间", "男", "1996-01-01", "2024-01-01", "劳务派遣", _id("1996-01-01", "男")),
    ("A2", "装配车间", "女", "1997-01-01", "2024-01-01", "劳务派遣", _id("1997-01-01", "女")),
    ("A3", "装配车间", "男", "1998-01-01", "2024-01-01", "劳务派遣", _id("1998-01-01", "男")),
]


def _csv() -> str:
    lines = ["工号,部门,性别,出生日期,入职日期,用工形式,身份证号"]
    lines += [",".join(row) for row in ROWS]
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture(scope="module")
def roster():
    return read_roster(_csv().encode("gbk"), name="花名册.csv")


@pytest.fixture(scope="module")
def triage(roster):
    return triage_roster(roster, AUDIT_DAY, "CN", headcount=21)


# group, level, workers
EXPECTED = [
    ("underage", "flag", ["U1"]),
    ("id_mismatch", "flag", ["I2", "I4"]),
    ("historical", "flag", ["HY"]),
    ("juvenile", "flag", ["J1", "HY"]),
    ("past_retirement", "verify", ["R1", "R2", "W1"]),
    ("id_invalid", "verify", ["I1", "I5"]),
    ("implausible", "verify", ["X1", "X2", "X3"]),
    ("hired_underage_before_period", "info", ["HO"]),
    ("dispatch_share", "flag", ["A1", "A2", "A3"]),
    ("headcount", "info", []),
]


@pytest.mark.parametrize("key, level, workers", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_every_group_with_its_count_and_workers(triage, key, level, workers):
    group = triage.group(key)
    assert group is not None, [g.key for g in triage.groups]
    assert group.level == level
    assert sorted(n.worker_id for n in group.workers) == sorted(workers)
    assert group.count == len(workers)
    assert group.message.text == render(group.message.id, group.message.params)
    for note in group.workers:
        assert note.message.text == render(note.message.id, note.message.params)
        assert note.worker_id in note.text or key.endswith("_share")


def test_groups_come_in_the_documented_order(triage):
    assert [g.key for g in triage.groups] == [key for key, _, _ in EXPECTED]


def test_implausible_records_are_data_to_verify_not_child_labour(triage):
    underage = {n.worker_id for n in triage.group("underage").workers}
    assert not underage & {"X1", "X2", "X3"}
    texts = {n.worker_id: n.text for n in triage.group("implausible").workers}
    assert texts["X1"] == "X1: hired 2026-01-01, after the audit day."
    assert texts["X2"] == "X2: 95 years old, over 80."
    assert texts["X3"] == "X3: hired 2009-01-01 at 9, under 12."
    assert "Data to verify, not child labour." in triage.group("implausible").text


def test_retirement_under_the_rules_in_force_on_the_audit_date(roster, triage):
    notes = {n.worker_id: n.text for n in triage.group("past_retirement").workers}
    assert "reached the statutory retirement age of 60 years 1 months on 2025-04-15" in notes["R2"]
    assert "contract type on the roster: temporary" in notes["R2"]
    assert "of 50 years 1 months on 2025-03-20" in notes["W1"]
    assert "women in cadre (managerial or technical) posts retire later" in triage.group("past_retirement").text
    later = triage_roster(roster, date(2025, 8, 15), "CN")
    assert {"R3", "W2"} <= {n.worker_id for n in later.group("past_retirement").workers}
    before = triage_roster(roster, date(2024, 12, 31), "CN")   # before the reform: men 60, women workers 50
    assert {n.worker_id for n in before.group("past_retirement").workers} == {"R1"}
    assert "State Council Interim Measures on the Retirement of Workers (1978), art. 1" in \
        before.group("past_retirement").text


def test_identity_numbers(triage):
    texts = {n.worker_id: n.text for n in triage.group("id_invalid").workers}
    expected = check_character(dict((r[0], r[6]) for r in ROWS)["I1"][:17])
    assert f"the check character is wrong (GB 11643 gives {expected})" in texts["I1"]
    assert "turned into a number by Excel" in texts["I5"]
    mismatch = {n.worker_id: n.text for n in triage.group("id_mismatch").workers}
    assert "the number gives birth date 2010-02-02 (age 15, under 16), the roster 2000-01-01" in mismatch["I2"]
    assert "By the ID number this worker is under the minimum working age." in mismatch["I2"]
    assert "the same number as worker I3" in mismatch["I4"]
    # Never the whole number, even in the working papers.
    whole = json.dumps(triage.as_dict(), ensure_ascii=False)
    for row in ROWS:
        if len(row[6]) == 18:
            assert row[6] not in whole


@pytest.mark.parametrize("number, problem, birth, gender", [
    ("11010519491231002X", None, date(1949, 12, 31), "female"),      # the standard's own example
    ("440524188001010014", None, date(1880, 1, 1), "male"),
    ("11010519491231002x", None, date(1949, 12, 31), "female"),
    ("110105194912310021", "check_digit", date(1949, 12, 31), "female"),
    ("110105194913310021", "birth_date", None, "female"),
    ("440524800101001", None, date(1980, 1, 1), "male"),             # 15 digits, before 1999
    ("4.41901E+17", "excel_number", None, None),
    ("44052418800101", "format", None, None),
])
def test_gb_11643(number, problem, birth, gender):
    check = check_id(number)
    assert (check.problem, check.birth_date, check.gender) == (problem, birth, gender)


def test_masked_keeps_region_and_last_four():
    assert masked("11010519491231002X") == "110105********002X"


def test_headcount_within_tolerance_is_information_and_beyond_is_a_flag(roster):
    assert triage_roster(roster, AUDIT_DAY, "CN", headcount=21).group("headcount").level == "info"
    far = triage_roster(roster, AUDIT_DAY, "CN", headcount=30).group("headcount")
    assert far.level == "flag" and "Ask for the complete roster." in far.text
    assert triage_roster(roster, AUDIT_DAY, "CN").group("headcount") is None


def test_dispatch_share_against_the_cap_in_force(triage):
    text = triage.group("dispatch_share").text
    assert text == ("Agency (dispatched) workers: 3 of 20 on the roster (15 %), against the legal cap of 10 % "
                    "(Interim Provisions on Labour Dispatch, art. 4): over the cap.")


def test_a_country_without_legal_tables_still_gets_the_age_groups(roster):
    groups = {g.key for g in triage_roster(roster, AUDIT_DAY, "VN").groups}
    assert "underage" not in groups and "juvenile" in groups       # 15 is of age in Viet Nam
    assert not groups & {"past_retirement", "dispatch_share", "id_invalid", "id_mismatch"}


def test_sample_command_prints_the_triaged_groups_of_a_gbk_roster(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["sample"])
    path = tmp_path / "花名册.csv"
    path.write_bytes(_csv().encode("gbk"))
    code = cli.main(["sample", "--roster", str(path), "--seed", "5", "--date", "2025-06-10"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "(gb18030)" in out
    for line in ("! [historical] Employed under the minimum age of 16 inside the 12-month review period "
                 "(from 2024-06-10): 1 worker. Historical child labour.",
                 "? [past_retirement] At or past the statutory retirement age under the rules in force on 2025-06-10",
                 "? [implausible] Dates that cannot be true: 3 workers",
                 "! [dispatch_share] Agency (dispatched) workers: 3 of 20 on the roster (15 %)",
                 "- [hired_underage_before_period]"):
        assert line in out, line
    assert "      X1: hired 2026-01-01, after the audit day." in out
