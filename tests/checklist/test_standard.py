"""The standard as the program and the law have it: edition dates, the new checkpoint topics,
`due: immediate`, raising a finding to Zero Tolerance with a reason, China's legal tables in force on
a date, and every China figure in the guidance naming its source."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest
import yaml

from auditor_app.checklist.cap_policy import finding_due_date, immediate_action
from auditor_app.checklist.escalation import grade_problem, is_raised, raise_reasons_for
from auditor_app.checklist.grades import raise_to
from auditor_app.checklist.legal import LEGAL_FILE, clear_cache, legal_tables, parse_legal, retirement
from auditor_app.checklist.loader import ChecklistError, list_editions, load_checklist, load_mapping
from auditor_app.resources import RulesFileError, resources_dir
from tests.checklist.editions import REAL_RESOURCES, checkpoint


@pytest.fixture(scope="module")
def shipped():
    """The shipped editions, read once for the module (whatever AUDITOR_APP_RESOURCES says)."""
    from auditor_app.checklist import loader

    root = str(REAL_RESOURCES / "checklists")
    return {"3.0": loader._load(root, "3.0"), "4.0": loader._load(root, "4.0")}

# ---- editions --------------------------------------------------------------------------------------


def test_edition_dates(real_resources):
    assert [(v, d) for v, _, d in list_editions()] == [("3.0", date(2023, 3, 1)), ("4.0", date(2024, 7, 1))]


# The topics issue 12 found missing, each with the checkpoint that now asks it.
TOPICS = {
    "compulsory-school age": "10.2.5",
    "minimum-age policy communicated": "10.1.3",
    "named management representative": "6.1.4",
    "worker representatives trained": "5.1.7",
    "vehicles and drivers": "9.5.7",
    "security-guard licensing": "4.2.6",
    '"not an exit" signs': "9.2.9",
    "contractor safety": "9.1.7",
    "dormitory laundry": "9.9.8",
    "dormitory recreation": "9.9.9",
    "the program's worker helpline posted": "5.2.7",
    "workers past retirement age": "6.12.1",
    "nursing mothers": "3.3.4",
    "juveniles off fast lines and heavy lifting": "10.4.6",
    "written wage policy": "11.1.4",
    "written health and safety policy": "9.1.5",
    "written environment policy": "7.1.5",
    "EHS committee": "9.1.6",
    "emergency wardens": "9.2.10",
    "hot work": "9.11.1",
    "gas cylinders": "9.11.2",
    "income-tax withholding": "11.5.6",
}
WORDS = {"10.2.5": "compulsory", "10.1.3": "minimum-age policy", "6.1.4": "management representative",
         "5.1.7": "trained", "9.5.7": "drivers", "4.2.6": "security guards", "9.2.9": "Not an exit",
         "9.1.7": "contractors", "9.9.8": "wash and dry", "9.9.9": "recreation", "5.2.7": "helpline",
         "6.12.1": "retirement age", "3.3.4": "nursing", "10.4.6": "assembly-line", "11.1.4": "wage policy",
         "9.1.5": "health and safety policy", "7.1.5": "environmental policy", "9.1.6": "committee",
         "9.2.10": "wardens", "9.11.1": "hot work", "9.11.2": "gas cylinders", "11.5.6": "income tax"}


@pytest.mark.parametrize("topic, cp_id", TOPICS.items(), ids=list(TOPICS))
def test_missing_topics_are_checkpoints_now(shipped, topic, cp_id):
    cp = shipped["4.0"].checkpoint(cp_id)
    assert WORDS[cp_id].lower() in cp.question.lower(), (topic, cp.question)


def test_checkpoint_ids_of_pinned_audits_are_kept(real_resources):
    """Every id the editions had before issue 12 still exists with its section (audits are pinned)."""
    old = set(load_mapping("3.0", "4.0"))
    assert old == {cp.id for cp in load_checklist("3.0").checkpoints}
    new = {cp.id for cp in load_checklist("4.0").checkpoints}
    for topic_id in TOPICS.values():
        assert topic_id in new
    assert len(new) == 236 + len(set(TOPICS.values()))


@pytest.mark.parametrize("cp_id", ["9.2.2", "9.2.3", "9.9.4", "9.5.1", "10.2.1", "10.2.2", "10.2.5", "10.4.3",
                                   "10.4.6", "8.1.1", "8.1.2", "8.3.2", "8.6.1"])
def test_locked_exits_missing_guards_child_and_forced_labour_are_due_immediately(shipped, cp_id):
    assert shipped["4.0"].checkpoint(cp_id).due == "immediate"


@pytest.mark.parametrize("cp_id", ["3.3.1", "8.1.1", "12.2.1", "13.2.1", "14.1.2"])
def test_the_older_edition_marks_the_same_dangers(shipped, cp_id):
    assert shipped["3.0"].checkpoint(cp_id).due == "immediate"


def test_immediate_due_is_the_audit_day_whatever_the_grade():
    closing = date(2026, 11, 19)
    assert finding_due_date("minor", closing, "immediate") == closing
    assert finding_due_date("critical", closing) == date(2026, 12, 19)
    assert "before the audit team leaves" in (immediate_action() or "")
    with pytest.raises(ValueError, match="unknown checkpoint due 'soon'"):
        finding_due_date("minor", closing, "soon")


def test_due_and_raise_reasons_are_validated(tmp_res):
    sections = {"01-audit-process.yaml": {"id": "1", "title": "Audit Process", "area": "audit_process",
                                          "subsections": [{"id": "1.1", "title": "Access", "checkpoints": [
                                              checkpoint("1.1.1", due="tomorrow")]}]}}
    tmp_res.edition(sections=sections)
    with pytest.raises(ChecklistError, match=r"checkpoint 1.1.1, field 'due'.*unknown due 'tomorrow'"):
        load_checklist("9.0")
    sections["01-audit-process.yaml"]["subsections"][0]["checkpoints"] = [
        checkpoint("1.1.1", raise_reasons=["boredom"])]
    tmp_res.edition(sections=sections)
    with pytest.raises(ChecklistError, match=r"checkpoint 1.1.1, field 'raise_reasons\[0\]'.*unknown reason"):
        load_checklist("9.0")


# ---- raising a finding to Zero Tolerance ------------------------------------------------------------

def test_raise_reasons_follow_the_area_unless_the_checkpoint_names_them(real_resources):
    cl = load_checklist("4.0")
    keys = lambda cp_id: [r.key for r in raise_reasons_for(cl, cp_id)]  # noqa: E731
    assert keys("9.3.5") == ["serious_abuse", "imminent_fire_danger", "imminent_danger_to_life"]
    assert keys("11.1.1") == ["serious_abuse"]
    assert keys("8.4.2") == ["serious_abuse", "imminent_fire_danger"]
    assert [r.key for r in raise_to().reasons] == ["serious_abuse", "imminent_fire_danger", "imminent_danger_to_life"]


@pytest.mark.parametrize("cp_id, grade, reason, words", [
    ("9.3.5", "zero_tolerance", "imminent_fire_danger", None),
    ("4.2.2", "zero_tolerance", "serious_abuse", None),
    ("9.3.5", "major", "", None),
    ("9.3.5", "minor", "", None),                                  # lowering stays the auditor's call
    ("9.3.5", "zero_tolerance", "", "needs a recorded reason: serious_abuse (Serious abuse of workers)"),
    ("11.1.1", "zero_tolerance", "imminent_fire_danger", "does not apply at checkpoint 11.1.1"),
    ("9.3.5", "critical", "imminent_fire_danger", "only recorded with the grade Zero Tolerance"),
    ("2.1.1", "zero_tolerance", "serious_abuse", "already Zero Tolerance in the checklist"),
    ("2.1.1", "zero_tolerance", "", None),
])
def test_raising_needs_a_reason_that_applies(shipped, cp_id, grade, reason, words):
    problem = grade_problem(shipped["4.0"], cp_id, grade, transparent=False, systemic=True,
                            raised_reason=reason)
    if words is None:
        assert problem is None
    else:
        assert problem is not None and words in problem


def test_the_conditional_grade_counts_before_raising(real_resources):
    cl = load_checklist("4.0")
    # 1.2.1 denial of access is Zero Tolerance, Critical when transparent: Zero Tolerance while
    # transparent is a raise.
    assert is_raised(cl, "1.2.1", "zero_tolerance", transparent=True, systemic=True)
    assert not is_raised(cl, "1.2.1", "zero_tolerance", transparent=False, systemic=True)


# ---- legal tables -----------------------------------------------------------------------------------

@pytest.mark.parametrize("birth, scheme, years, months, on", [
    (date(1964, 12, 31), "men", 60, 0, date(2024, 12, 31)),
    (date(1965, 1, 15), "men", 60, 1, date(2025, 2, 15)),
    (date(1965, 4, 30), "men", 60, 1, date(2025, 5, 30)),
    (date(1965, 5, 1), "men", 60, 2, date(2025, 7, 1)),
    (date(1976, 8, 1), "men", 62, 11, date(2039, 7, 1)),
    (date(1976, 9, 1), "men", 63, 0, date(2039, 9, 1)),
    (date(1990, 1, 1), "men", 63, 0, date(2053, 1, 1)),
    (date(1974, 12, 1), "women_workers", 50, 0, date(2024, 12, 1)),
    (date(1975, 1, 1), "women_workers", 50, 1, date(2025, 2, 1)),
    (date(1975, 3, 1), "women_workers", 50, 2, date(2025, 5, 1)),
    (date(1984, 10, 1), "women_workers", 54, 11, date(2039, 9, 1)),
    (date(1984, 11, 1), "women_workers", 55, 0, date(2039, 11, 1)),
    (date(1970, 1, 1), "women_cadres", 55, 1, date(2025, 2, 1)),
    (date(1981, 9, 1), "women_cadres", 58, 0, date(2039, 9, 1)),
])
def test_retirement_age_by_month_of_birth_since_2025(birth, scheme, years, months, on):
    got = retirement(birth, scheme, date(2025, 6, 10))
    assert got is not None and (got.years, got.months, got.on) == (years, months, on)
    assert got.effective_from == date(2025, 1, 1) and "art. 1" in got.source


def test_an_audit_before_the_reform_uses_the_old_ages():
    got = retirement(date(1965, 1, 15), "men", date(2024, 11, 30))
    assert got is not None and (got.years, got.months) == (60, 0) and got.effective_from == date(1978, 6, 2)


def test_every_table_entry_names_its_source_and_the_one_in_force_is_used():
    tables = legal_tables("CN")
    assert tables is not None and legal_tables("ZZ") is None
    for name, entries in tables.tables.items():
        for entry in entries:
            assert re.search(r"art\.|arts\.|item|checklist", entry.source), (name, entry.source)
    assert tables.in_force("interns", date(2021, 6, 1)).value["pay_of"] == "probation wage of the same post"
    assert tables.in_force("interns", date(2022, 1, 1)).value["paid"].startswith("monthly")
    assert tables.in_force("dispatch", date(2025, 6, 10)).value["share_of_total_workforce"] == 0.10
    maternity = tables.in_force("maternity_leave", date(2025, 6, 10)).value
    assert maternity["national"]["days"] == 98
    assert (maternity["provinces"]["GD"]["days"], maternity["provinces"]["GD"]["difficult_birth_extra"]) == (178, 30)
    assert tables.in_force("rest_break", date(2025, 1, 1)).value == {"minutes": 15, "after_hours": 6}
    assert tables.in_force("overtime_limits", date(2025, 1, 1)).value["hours_per_month"] == 36
    annual = tables.in_force("annual_leave", date(2025, 1, 1)).value
    assert (annual["unused_day_pay_multiple"], annual["daily_wage_divisor"]) == (3.0, 21.75)
    with pytest.raises(ValueError, match="no dispatch in force on 2010-01-01"):
        tables.in_force("dispatch", date(2010, 1, 1))


def _legal_raw():
    return yaml.safe_load((resources_dir() / LEGAL_FILE.format(country="CN")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, where, problem", [
    (lambda d: d["tables"]["dispatch"]["entries"][0].pop("source"), "tables.dispatch.entries[0].source",
     "Field required"),
    (lambda d: d["tables"]["retirement_age"]["entries"][1]["value"]["schemes"]["men"].update(step_months=0),
     "tables.retirement_age.entries[1].value.schemes.men.step_months", "greater than or equal to 1"),
    (lambda d: d["tables"]["retirement_age"]["entries"][1]["value"]["schemes"]["men"].update(from_birth_month="1965-13"),
     "tables.retirement_age.entries[1].value.schemes.men.from_birth_month", "should match pattern"),
    (lambda d: d["tables"]["dispatch"]["entries"][0]["value"].update(share_of_total_workforce=10),
     "tables.dispatch.entries[0].value.share_of_total_workforce", "less than 1"),
    (lambda d: d["tables"]["interns"]["entries"].reverse(), "tables.interns.entries", "in order of effective_from"),
    (lambda d: d.update(schema="escp-legal/9"), "schema", "escp-legal/1"),
    (lambda d: d["tables"]["overtime_limits"]["entries"][0].pop("source_zh"),
     "tables.overtime_limits.entries[0].source_zh", "needs its Chinese"),
    (lambda d: d["tables"]["dispatch"]["entries"][0].pop("cite_zh"), "tables.dispatch.entries[0].cite_zh",
     "needs its Chinese"),
])
def test_a_broken_legal_table_names_file_place_and_problem(change, where, problem):
    raw = copy.deepcopy(_legal_raw())
    change(raw)
    with pytest.raises(RulesFileError) as err:
        parse_legal(raw, "legal-CN.yaml")
    assert err.value.where == where and problem in err.value.problem, (err.value.where, err.value.problem)


def test_chinese_law_is_cited_in_chinese_and_other_countries_may_stay_in_english():
    tables = legal_tables("CN")
    for name, entries in tables.tables.items():
        for entry in entries:
            assert entry.source_zh and re.search(r"[\u4e00-\u9fff]", entry.source_zh), name
            assert (entry.cite is None) == (entry.cite_zh is None), name
    overtime = tables.in_force("overtime_limits", date(2025, 1, 1))
    assert overtime.short_zh == "《中华人民共和国劳动法》第四十一条"
    assert tables.in_force("dispatch", date(2025, 1, 1)).short_zh == "《劳务派遣暂行规定》第四条"
    raw = copy.deepcopy(_legal_raw())
    raw["country"] = "VN"
    for table in raw["tables"].values():
        for entry in table["entries"]:
            entry.pop("source_zh"), entry.pop("cite_zh", None)
    assert parse_legal(raw, "legal-VN.yaml").in_force("overtime_limits", date(2025, 1, 1)).short_zh is None


def test_the_file_must_be_the_country_it_says(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    raw = _legal_raw()
    raw["country"] = "VN"
    (rules / "legal-CN.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(tmp_path))
    clear_cache()
    try:
        with pytest.raises(RulesFileError, match="says 'VN' but the file name says 'CN'"):
            legal_tables("CN")
    finally:
        clear_cache()


# ---- every China figure in the guidance names its source -----------------------------------------

SOURCE = re.compile(r"\b(art\.|arts\.|article|item \d+|checklist|Welcome Pack|〔\d{4}〕\d+号)", re.IGNORECASE)
FIGURE = re.compile(r"\d")


def _sentences(text: str):
    return [s for s in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text) if s]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_china_figure_in_the_guidance_names_its_source(shipped, version):
    missing = []
    for cp in shipped[version].checkpoints:
        for sentence in _sentences(cp.guidance):
            if "China" in sentence and FIGURE.search(sentence) and not SOURCE.search(sentence):
                missing.append(f"{cp.id}: {sentence}")
    assert missing == []
