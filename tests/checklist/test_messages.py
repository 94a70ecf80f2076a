"""The core's messages in English and Chinese (resources/messages/*.yaml, auditor_app/checklist/messages.py):
the files are checked on load, every id the code uses is in them, and every message the rule engines
produce renders in both languages, the English exactly as before and the Chinese without English words
left over."""

from __future__ import annotations

import argparse
import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor_app.checklist import messages as M
from auditor_app.checklist.age_flags import age_flags, public_flags
from auditor_app.checklist.messages import Message, known_ids, load_messages, parse_messages, preparer_ids
from auditor_app.checklist.rating import (
    FindingFacts,
    alternatives_heading,
    format_recommendation,
    headline,
    recommend_status,
)
from auditor_app.checklist.roster import RosterError, read_roster
from auditor_app.checklist.roster_checks import triage_roster
from auditor_app.checklist.roster_dates import DAY_FIRST, DateError, parse_date
from auditor_app.checklist.roster_summary import headcount_check, young_workers_check
from auditor_app.resources import RulesFileError
from tests.checklist import test_rating as R
from tests.checklist import test_roster_checks as RC

APP = Path(__file__).resolve().parents[2] / "auditor_app"


# ---- the files ----

def _file(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("schema: escp-messages/1\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, words", [
    ('messages:\n  a:\n    en: "x {n}"\n', "zh"),
    ('messages:\n  a:\n    en: "x {n}"\n    zh: "  "\n', "blank"),
    ('messages:\n  a:\n    en: "x {n}"\n    zh: "甲{m}"\n', "only in en: n; only in zh: m"),
    ('fragments:\n  a:\n    en: "x {n} {k}"\n    zh: "甲{n}"\n', "only in en: k"),
    ('messages:\n  a:\n    en: "x {}"\n    zh: "甲{}"\n', "not a name"),
    ('messages:\n  a:\n    en: "x"\n    zh: "甲"\n    fr: "x"\n', "fr"),
])
def test_a_message_file_needs_both_languages_with_the_same_placeholders(tmp_path, body, words):
    with pytest.raises(RulesFileError, match=re.escape(words)):
        parse_messages([_file(tmp_path, "m.yaml", body)])


def test_an_id_is_in_one_file_only(tmp_path):
    one = _file(tmp_path, "a.yaml", 'messages:\n  a:\n    en: "x"\n    zh: "甲"\n')
    two = _file(tmp_path, "b.yaml", 'fragments:\n  a:\n    en: "y"\n    zh: "乙"\n')
    with pytest.raises(RulesFileError, match="also in a.yaml"):
        parse_messages([one, two])


def test_the_shipped_files_load_and_every_preparer_has_its_message():
    texts = load_messages()
    assert len(known_ids()) > 100 and set(known_ids()) < set(texts)
    assert set(preparer_ids()) <= set(texts), sorted(set(preparer_ids()) - set(texts))


# ---- every id used in code is in the files ----

# call name -> positions of the arguments that are message ids (a string, or an f-string's fixed start)
ID_ARGS = {"message": (0,), "Message": (0,), "DateError": (0,), "prepares": (0,), "render": (0,), "t": (0,),
           "either": (1, 2), "count": (1,), "_gap": (2,), "template": (0,)}


def _name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def ids_in_code() -> Iterator[tuple[str, int, str, bool]]:
    """(file, line, id or id's start, complete?) of every message id written in auditor_app/."""
    for path in sorted(APP.rglob("*.py")):
        if "ui" in path.relative_to(APP).parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "checklist.messages" not in source and path.name != "messages.py":
            continue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call) or _name(node) not in ID_ARGS:
                continue
            for i in ID_ARGS[_name(node)]:
                if i >= len(node.args):
                    continue
                arg = node.args[i]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield str(path.relative_to(APP)), node.lineno, arg.value, True
                elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                    yield str(path.relative_to(APP)), node.lineno, str(arg.values[0].value), False


def test_every_message_id_used_in_code_is_in_the_message_files():
    texts = load_messages()
    found = list(ids_in_code())
    assert len(found) > 150
    missing = []
    for file, line, text, complete in found:
        name = _name_of(file, line)
        if name == "count":   # a stem: <stem>.one and <stem>.many
            ok = ({f"{text}.one", f"{text}.many"} <= set(texts) if complete
                  else any(key.startswith(text) and key.endswith(".one") for key in texts))
        elif complete:
            ok = text in texts
        else:
            ok = any(key.startswith(text) for key in texts)
        if not ok:
            missing.append(f"{file}:{line}: {text!r}")
    assert not missing, missing


def _name_of(file: str, line: int) -> str:
    source = (APP / file).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.lineno == line and _name(node) in ID_ARGS:
            return _name(node)
    return ""


# ---- every message the engines produce, in both languages ----

ENGLISH_ALLOWED = {"ESCP", "CAP", "Excel", "UTF", "CSV", "GBK", "SHA", "yyyy", "worker_id", "department", "gender",
                   "birth", "date", "Male", "Female", "all",
                   # what the refusals quote literally: a date's form, a file type, commands and a call's name
                   "YYYY", "PNG", "auditor", "app", "check", "review", "show", "open", "save_finding"}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


@pytest.fixture
def filled(monkeypatch):
    """Every template filled while the test runs: (id, lang, text, values)."""
    seen: list[tuple[str, str, str, Any]] = []
    original = M._fill

    def spy(found, lang, values):
        text = original(found, lang, values)
        seen.append((found.id, lang, text, values))
        return text

    monkeypatch.setattr(M, "_fill", spy)
    return seen


def _facts_cases() -> list:
    cases = [c[1] for c in R.CASES]
    raised = FindingFacts("Z2", "3.2", "3", "zero_tolerance", True, False, False, "serious_abuse")
    cases += [R.facts([raised, R.F("Z3", "3.3", "zero_tolerance", transparent=True)]),
              R.facts([R.ZT], end=None), R.facts([R.ZT_SHOWN, R.F("Z4", "3.4", "zero_tolerance", transparent=True)]),
              R.facts(answers={"11.1": None}), R.facts([R.F("N1", "6.1", "minor", open=False)]),
              R.facts(R.majors("6", 4), audit="DR", prev=True, current="certified"),
              R.facts([R.F("C1", "6.1", "critical")], follow_ups_in_cycle=2)]
    return cases


def _rating():
    for given in _facts_cases():
        rec = recommend_status(given)
        for lang in ("en", "zh"):
            format_recommendation(rec, section_titles=given.section_titles, lang=lang, edition="4.0")
            headline(rec).render(lang)
            alternatives_heading(rec).render(lang)
        for reason in rec.reasons:
            assert reason.message.render("en") == reason.text
            reason.render("zh")


ROSTER_EXTRA = [("S1", "装配车间", "女", "2004-01-01", "2024-07-01", "实习生", "")]


def _roster():
    lines = ["工号,部门,性别,出生日期,入职日期,用工形式,身份证号"] + [",".join(r) for r in RC.ROWS + ROSTER_EXTRA]
    roster = read_roster(("\r\n".join(lines) + "\r\n").encode("gbk"), name="花名册.csv")
    keys = set()
    for headcount in (21, 60):
        triage = triage_roster(roster, RC.AUDIT_DAY, "CN", headcount=headcount)
        keys |= {g.key for g in triage.groups}
        for group in triage.groups:
            chinese = group.message.render("zh")
            if group.key in ("dispatch_share", "intern_share", "underage", "juvenile", "past_retirement"):
                assert "《" in chinese and "《" not in group.message.text, (group.key, chinese)  # the law's Chinese title
            for note in group.workers:
                note.message.render("zh")
    assert {"intern_share", "dispatch_share", "headcount"} <= keys
    flags = age_flags(roster, RC.AUDIT_DAY)
    longer = age_flags(roster, RC.AUDIT_DAY, review_months=72)
    assert "historical" in {f.kind for f in longer}
    for flag in flags + longer:
        assert flag.message is not None
        flag.message.render("zh")
    for public in public_flags(flags, lambda worker_id: "W-01", RC.AUDIT_DAY):
        Message.from_dict(public["message"]).render("zh")
    for kinds, declared in ((["young", "young"], 2), (["young", "underage"], 3), (["young"] * 3, 1), ([], 0)):
        check = young_workers_check(kinds, declared)
        assert check.message is not None and check.message.render("en") == check.text
        check.message.render("zh")
    for workers in (50, 21):
        found = headcount_check(workers, 50 if workers == 50 else 60)
        assert found is not None and found.message is not None
        found.message.render("zh")


BAD_ROSTERS = [
    b"",
    b"\xef\xbb\xbf\xff\xfe\xfa",
    "工号,部门\n".encode("utf-8") + b"\x81\x30\x81" + b"\xff" * 3,
    "title\nfoo,bar\n".encode("utf-8"),
    "工号,部门,性别\nA1,包装,女\n".encode("utf-8"),
    "工号,部门,性别,出生日期\n".encode("utf-8"),
    "工号,部门,性别,出生日期\nA1,,女,2000-01-01\n".encode("utf-8"),
    "工号,部门,性别,出生日期\nA1,包装,女,2000-01-01\nA1,包装,女,2000-01-01\n".encode("utf-8"),
    "工号,部门,性别,出生日期\nA1,包装,X,2000-01-01\n".encode("utf-8"),
    "工号,部门,性别,出生日期\nA1,包装,女,2000-02-30\n".encode("utf-8"),
    ("工号,部门,性别,出生日期\n" + "".join(f"A{i},包装,女,2000-01-01\n" for i in range(12))
     + "A99,包装,女,2000-01-01," + "x" * 140_000 + "\n").encode("utf-8"),
]


def _roster_errors(tmp_path):
    errors = []
    for data in BAD_ROSTERS:
        try:
            read_roster(data, name="r.csv")
        except RosterError as exc:
            errors.append(exc)
    try:
        read_roster(tmp_path / "missing.csv")
    except RosterError as exc:
        errors.append(exc)
    try:
        read_roster(tmp_path)
    except RosterError as exc:
        errors.append(exc)
    assert len(errors) >= len(BAD_ROSTERS)
    for exc in errors:
        assert exc.render("en") == exc.message == str(exc)
        assert exc.render("zh").startswith("r.csv") or "missing" in exc.render("zh") or str(tmp_path.name) in exc.render("zh")
    for text, order in (("2003-02-30", None), ("99999", None), ("01/02/2003", None), ("1/2/03", None),
                        ("2003-05", None), ("abc", None), ("31/02/2003", DAY_FIRST), ("02/31/2003", "month/day/year")):
        with pytest.raises(DateError) as caught:
            parse_date(text, order)
        assert caught.value.msg.render("en") == str(caught.value)
        caught.value.msg.render("zh")


def _gap_document() -> dict:
    flag = public_flags(age_flags(read_roster(RC._csv().encode("gbk"), name="r.csv"), RC.AUDIT_DAY),
                        lambda worker_id: "", RC.AUDIT_DAY)[0]
    return {
        "audit": {"checklist_version": "4.0", "audit_type": "ICA", "state": "draft"},
        "factory_profile": {"name": "东莞华兴玩具有限公司"},
        "tour_area": [{"id": "t1", "name": "注塑车间", "visited_at": None}],
        "document_check": [{"id": "d1", "name": "工资表", "status": "requested"}],
        "interview": [{"id": "i1", "code": "W-01", "kind": "individual",
                       "stratum": {"department": "装配车间", "gender": "female", "contract_type": "permanent",
                                   "age_band": "under 18"}},
                      {"id": "i2", "code": "G-01", "kind": "group"}],
        "sample_draw": [{"id": "s1", "drawn_at": "2026-11-18", "age_flags": [flag, {"code": "W-02", "text": "old"}]}],
        "answer": [],
        "finding": [{"id": "f1", "checkpoint_id": "10.2.2", "grade": "zero_tolerance", "description": "",
                     "created_at": "2026-11-18"}],
        "cap_item": [{"id": "c1", "finding_id": "f1"}],
        "meeting": [],
        "signature": [{"role": "auditor", "cap_sha256": "0" * 64}],
        "gap_closure": [{"gap": "area:t1", "reason": "not_available", "note": "停产", "closed_at": "2026-11-18"},
                        {"gap": "document:d1", "reason": "other", "note": "", "closed_at": "2026-11-18"}],
    }


def _gaps(monkeypatch, capsys):
    from auditor_app.audits.completeness import check_document
    from auditor_app.commands import audit_target, check

    doc = _gap_document()
    state = check_document(doc)
    kinds = {g.key.split(":")[0] for g in state.open + [c.gap for c in state.closed]}
    assert {"area", "document", "interview", "age_flag", "checkpoint", "nc", "cap.root_cause", "closing_meeting",
            "zt_notice", "signature"} <= kinds, kinds
    for gap in state.open:
        assert gap.message is not None and gap.render("en") == gap.text
    monkeypatch.setattr(audit_target, "document_for", lambda target: doc)
    parser = argparse.ArgumentParser()
    check.register(parser.add_subparsers(dest="command"))
    for argv in (["--all", "--lang", "en"], ["--all", "--lang", "zh"], ["--lang", "zh"]):
        args = parser.parse_args(["check", "a1", *argv])
        assert args.func(args) == 1
    out = capsys.readouterr().out
    assert "工人访谈" in out and "已说明原因关闭（2）" in out and "必须完成" in out and "……另有" in out
    assert "Worker interviews" in out and "Closed with a reason (2)" in out


def _hours(tmp_path):
    from auditor_app.hours import compute, import_attendance, import_payroll
    from auditor_app.hours.key_figures import key_figures, system_words
    from auditor_app.hours import propose_findings
    from auditor_app.hours.result import Signal, Violation
    from auditor_app.hours.texts import figures_text
    from tests.hours.test_findings import _synthetic

    pay = {"hourly_rate": 25.0, "working_day_hours": 10.0, "rest_day_hours": 0.0, "owed": 375.0, "paid": 250.0,
           "shortfall": 125.0, "paid_premium_pct": 100.0}
    violations = [
        Violation("W1", "rest_day", "2026-03", "2026-03-02", {"days_without_rest": 9, "first_day": "2026-03-02",
                                                                 "last_day": "2026-03-10", "limit_days": 6}),
        Violation("W1", "daily_overtime", "2026-03", "2026-03-02", {"hours": 12.5, "day_type": "working",
                                                                      "hours_beyond_standard_day": 4.5,
                                                                      "overtime_limit_hours": 3}),
        Violation("W2", "monthly_overtime", "2026-03", None, {"overtime_hours": 80.0, "limit_hours": 36,
                                                                "cycle_from": "2026-03-01", "cycle_to": "2026-03-31"}),
        Violation("W2", "monthly_overtime", "2026-04", None, {"overtime_hours": 70.0, "limit_hours": 36}),
        Violation("W1", "weekly_hours", "2026-03", "2026-03-02", {"hours": 80.0, "limit_hours": 60,
                                                                    "critical_hours": 78, "over_critical": True,
                                                                    "week_end": "2026-03-08"}),
        Violation("W3", "weekly_hours", "2026-03", "2026-03-02", {"hours": 62.0, "limit_hours": 60,
                                                                    "critical_hours": 78, "over_critical": False,
                                                                    "week_end": "2026-03-08"}),
        Violation("W3", "overtime_premium", "2026-03", None, pay),
        Violation("W3", "holiday_premium", "2026-05", None, {**pay, "holiday_hours": 8.0,
                                                               "holiday_dates": "2026-05-01"}),
        Violation("W4", "minimum_wage", "2026-03", None, {"compared_pay": 2000.0, "required": 2360.0,
                                                            "shortfall": 360.0, "confirm": True}),
        Violation("W4", "missing_punch", "2026-03", "2026-03-03", {"row": 14, "punches": "08:00, —"}),
    ]
    for v in violations:
        figures_text(v, "zh")
    signal = Signal("W4", "overtime_hours_differ", "2026-05", {"attendance_overtime_hours": 40.0,
                                                               "paid_overtime_hours": 20.0, "difference": -20.0})
    for system in (None, {"kind": "comprehensive", "approval": "A-1", "valid_from": "2026-01-01",
                          "valid_to": "2026-12-31"}):
        for result in (_synthetic(violations, [signal], system), _synthetic([], [signal], system)):
            for proposal in propose_findings(result):
                assert proposal.message is not None and proposal.render("en") == proposal.description
                assert "W1" not in proposal.render("zh")
                proposal.as_dict()
    # the key figures of a real review (the page's summary, the report's section) and its hours system
    from tests.hours.review_helpers import sample_files

    files = sample_files(tmp_path / "key-figures")
    real = compute(import_attendance(files.attendance), import_payroll(files.payroll), files.city, files.period)
    for figure in key_figures(real):
        assert figure.value.render("zh") != figure.value.text and figure.label("zh") != figure.label("en")
    approved = {"kind": "comprehensive", "number": "A-1", "valid_from": "2026-01-01", "valid_to": "2026-12-31",
                "cycle": "quarter"}
    for result in (real, _synthetic([], [], approved)):
        assert system_words(result).render("zh") != system_words(result).text


def _hours_warnings(tmp_path):
    from auditor_app.hours import import_attendance

    path = tmp_path / "考勤.csv"
    path.write_text("工号,姓名,日期,上班,下班,备注\nA01,李娜,2026-01-05,08:00,17:00,x\n合计,,,,,\n", encoding="utf-8")
    warnings = import_attendance(path).warnings
    assert len(warnings) == 2 and all(w.render("zh") != w for w in warnings), warnings


def _hours_file_errors(tmp_path):
    """Every refused hours file of tests/hours/test_bad_files.py, in both languages, and the refusals
    no sample file there reaches."""
    from auditor_app.hours import HoursFileError
    from auditor_app.hours.values import ValueProblem
    from tests.hours import test_bad_files

    for name in dir(test_bad_files):
        test = getattr(test_bad_files, name)
        if name.startswith("test_") and list(test.__code__.co_varnames[:test.__code__.co_argcount]) == ["tmp_path"]:
            folder = tmp_path / name
            folder.mkdir()
            test(folder)
    for problem in (M.message("hours.file.cannot_open", reason="Permission denied"),
                    M.message("hours.file.malformed", error={"text": "line contains NUL"}),
                    M.message("hours.file.same_field", first="上班1", second="上班", field="clock_in"),
                    M.message("hours.file.field_empty", field="gross_pay"),
                    M.message("hours.file.no_rows", row=1), M.message("hours.file.month_empty"),
                    M.message("hours.file.date_empty"), M.message("hours.file.not_found", path="/x/考勤.csv"),
                    M.message("hours.file.not_in_attendance", worker="W9", attendance="att.csv", others=2),
                    M.message("hours.file.punches_earlier", field="下班1", text="07:00", last_field="上班1",
                              last_text="08:00"),
                    *(M.message("hours.file.bad_field", field="overtime_hours_paid",
                                error=ValueProblem(key, value="十").msg.as_dict())
                      for key in ("hours.value.not_hours", "hours.value.not_month_expected",
                                  "hours.value.not_time_of_day"))):
        error = HoursFileError("考勤.csv", problem, rows=(3, 4), column=2, header="上班")
        assert error.message.startswith("考勤.csv, rows 3 and 4, column C (上班): ") and "第3和4行" in error.in_language("zh")


def _roster_warnings():
    text = ("工号,员工编号,部门,性别,出生日期,入职日期,用工形式,是否外地,工资,备注\n"
            "A1,9,装配,女,2001-01-01,2000-01-01,外籍专家,火星,很多,好\n")
    warnings = read_roster(text.encode("utf-8")).warnings
    assert len(warnings) == 6, warnings
    for warning in warnings:
        assert warning.render("en") == warning and warning.render("zh") != warning


def _refusals(store, tmp_path):
    from datetime import date

    from auditor_app.audits.creation import new_audit_problems
    from auditor_app.audits.gaps import close_gaps
    from auditor_app.audits.operation import InvalidChange

    bad = new_audit_problems(audit_type="XX", factory={"name": " ", "country": "China", "colour": "red"},
                             checklist_version="0.1", planned_start=date(2026, 3, 2), planned_end=date(2026, 3, 1),
                             team=[{"name": "Li Na", "role": "boss"}], current_status="probation")
    assert set(bad) == {"audit_type", "factory", "name", "country", "headcount", "dates", "team",
                        "checklist_version", "current_status"}
    assert new_audit_problems(audit_type="IAA", factory={"name": "A"}, team=[])["team"].render("zh")
    refused = InvalidChange(M.message("new_audit.refused", problems=[
        {"id": m.id, "params": dict(m.params)} for m in bad.values()]))
    assert refused.text.startswith("the audit was not created: Unknown audit type 'XX'")
    assert "审核未创建" in refused.in_language("zh") and "观察期" in refused.in_language("zh")
    from auditor_app.checklist.call_list import CallListProblem

    for said in [M.message(key, code="W-03", replacement="W-12", reason="refused") for key in (
            "replace.no_audit", "replace.reason", "replace.no_interview", "replace.group", "replace.held",
            "replace.already", "replace.no_draw", "replace.not_in_draw", "replace.not_marked",
            "replace.replacement_marked")] + [CallListProblem(key, code="W-03").msg for key in (
            "call.problem.not_drawn", "call.problem.other_roster", "call.problem.draw_differs")]:
        assert InvalidChange(said).in_language("zh") != said.text
    for reason, note in (("lost", ""), ("other", " ")):
        with pytest.raises(InvalidChange) as raised:
            close_gaps(None, "a1", ["k"], reason, note)  # refused before the session is used
        assert raised.value.in_language("zh") != raised.value.text
    refused = _refused_operations(store, tmp_path)
    raised_ids = {r.said.id for r in refused} | {r.hint_said.id for r in refused if r.hint_said is not None}
    assert not {k for k in known_ids() if k.startswith("refusal.")} - raised_ids, sorted(
        {k for k in known_ids() if k.startswith("refusal.")} - raised_ids)
    english = {r.said.id: r.text for r in refused}
    assert english["refusal.finalize.blocked"].startswith("the audit cannot be finalized yet: ")
    assert english["refusal.finalize.blocked"].count("; ") == 5 and " more" in english["refusal.finalize.blocked"]
    assert english["refusal.interview.topics"] == ("the topics of an interview are hours, pay and deductions, "
                                                   "contracts, fees, freedom to resign, harassment, grievance, "
                                                   "health and safety")
    assert english["refusal.verify.grade"].startswith("this visit (DR) can close Minor NCs only; the Critical NC on ")
    assert english["refusal.verify.carried"].startswith("Answering N/A would remove the NC carried from the previous "
                                                        "audit on 9.2.2: record its verification instead")
    assert english["refusal.cap.signer"] == "the CAP is signed by factory_manager and auditor, not 'mayor'"
    assert english["refusal.target.matches"] == "2 interview(s) of this audit match 'W-07'"
    for refusal in refused:
        assert refusal.in_language("zh") != refusal.text, refusal.text
        assert not refusal.hint or refusal.hint_in_language("zh") != refusal.hint, refusal.hint
        assert refusal.in_language("en") == refusal.text and refusal.hint_in_language("en") == refusal.hint
    chinese = {r.said.id: r.in_language("zh") for r in refused}
    assert chinese["refusal.verify.grade"].startswith("本次访问（文件审查）只能关闭轻微不符合项；")
    assert chinese["refusal.survey.no_survey"].startswith("首次认证审核没有工人问卷调查")
    assert "另有" in chinese["refusal.finalize.blocked"] and "该审核的状态已是“已定稿”" == chinese["refusal.finalize.already"]


# ---- the operations' refusals, raised by the operations themselves on a real store ----

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def _refused_operations(store, tmp_path) -> list:
    """Every refusal of refusals.yaml, raised by its operation (or the function that builds it) on a real
    store: the rows a refusal needs are made the way the app makes them."""
    from datetime import date

    from sqlalchemy import select

    from auditor_app.audits import (add_finding, answer_checkpoint, change_grade, cite_interviews, clear_answer,
                                    create_audit, finalize, finalize_blockers, new_revision, restore_nc_answer,
                                    save_finding, set_answer, set_stage, start_follow_up, update_audit)
    from auditor_app.audits.closing import sign_cap, update_cap_item
    from auditor_app.audits.completeness import check_document
    from auditor_app.audits.document_review import update_document_check
    from auditor_app.audits.evidence_links import link_photo, set_caption
    from auditor_app.audits.gaps import close_gaps
    from auditor_app.audits.hours_review import decide_hours_finding, save_hours_review
    from auditor_app.audits.interviews import add_group_interview, clean_details, record_draw, update_interview
    from auditor_app.audits.meetings import set_consent, sign_form, update_meeting, update_profile
    from auditor_app.audits.operation import InvalidChange
    from auditor_app.audits.questionnaire import advise_on_question
    from auditor_app.audits.recovered_typing import apply_typed_draft
    from auditor_app.audits.tour import add_tour_area, update_tour_area
    from auditor_app.audits.verification import verify_carried
    from auditor_app.audits.worker_survey import record_survey_response, update_survey_response
    from auditor_app.package.document import audit_document
    from auditor_app.review import actions
    from auditor_app.review.targets import lookup, parse_field, resolve
    from auditor_app.store.models import CapItem, DocumentCheck, Evidence, Finding, Interview, Meeting, TourArea
    from auditor_app.sync.outbox import mark_submitted
    from tests.hours.review_helpers import computed, sample_files
    from tests.package.crafting import build_audit

    refused: list = []

    def refuse(op, *args, **kwargs) -> None:
        with pytest.raises(InvalidChange) as raised:
            with store.transaction() as s:
                op(s, *args, **kwargs)
        refused.append(raised.value)

    def refuse_plain(fn, *args, **kwargs) -> None:
        with pytest.raises(InvalidChange) as raised:
            fn(*args, **kwargs)
        refused.append(raised.value)

    team = [{"name": "Li Wei", "role": "lead auditor"}]
    factory = {"name": "Shantou Happy Toys Co., Ltd.", "headcount_male": 80, "headcount_female": 120}
    full = build_audit(store)                 # a draft with a row of every kind
    sealed = build_audit(store, sealed=True)
    other_sealed = build_audit(store, sealed=True)
    with store.transaction() as s:
        fresh = create_audit(s, audit_type="ICA", factory=factory, team=team).id
        previous = create_audit(s, audit_type="ICA", factory=factory, team=team).id
        for checkpoint, grade in (("9.2.2", "critical"), ("9.6.3", "minor")):
            add_finding(s, previous, checkpoint, description="seen on the tour", grade=grade)
    with store.transaction() as s:
        pv = start_follow_up(s, previous, audit_type="PV", planned_start=date(2026, 3, 2)).id
        dr = start_follow_up(s, previous, audit_type="DR", planned_start=date(2026, 3, 2)).id
    with store.session() as s:
        def first(model, audit_id, **where):
            return s.scalars(select(model).filter_by(audit_id=audit_id, **where)).first().id
        finding, cap = first(Finding, full), first(CapItem, full)
        area, document, photo = first(TourArea, full), first(DocumentCheck, full), first(Evidence, full)
        meeting = first(Meeting, fresh)
        interview = first(Interview, full)
        dr_critical = s.scalars(select(CapItem).join(Finding, CapItem.finding_id == Finding.id).where(
            CapItem.audit_id == dr, Finding.grade == "critical")).one().id
        must_do = next(g.key for g in check_document(audit_document(s, fresh)).open if not g.closable)
        sealed_doc = audit_document(s, sealed)
    with store.transaction() as s:
        fresh_area = add_tour_area(s, fresh, "production", "Sewing hall")
        stranger = add_group_interview(s, fresh, group_size=3)
        pv_own = add_finding(s, pv, "9.6.3", description="new here", grade="minor")
        s.flush()
        pv_own_cap = s.scalars(select(CapItem).where(CapItem.finding_id == pv_own.id)).one().id
        record_draw(s, pv, seed=7, size=1, roster_sha256="0" * 64, roster_workers=200, plan={}, age_flags=[],
                    drawn=[{"code": "W-01", "stratum": {}}])
        record_survey_response(s, pv, {"paid_on_time": "yes"}, code="W-01")

    # shared, sync/outbox.py, creation.py, lifecycle.py
    refuse(mark_submitted, "no-such-audit")
    refuse(update_audit, fresh, colour="red")
    refuse(update_audit, fresh, actual_start=date(2026, 3, 2), actual_end=date(2026, 3, 1))
    refuse(set_stage, fresh, "lunch", "done")
    refuse(finalize, fresh, folder=store.folder)            # more than five gaps
    refuse(new_revision, fresh)
    with store.session() as s:
        already = finalize_blockers(s, sealed)
    assert already == ["the audit is already finalized"]
    refused.append(InvalidChange(already[0]))
    # tour.py, document_review.py
    refuse(update_tour_area, "no-such-area", name="Roof")
    refuse(add_tour_area, fresh, "roof", "Roof")
    refuse(add_tour_area, fresh, "production", " ")
    refuse(update_tour_area, area, colour="red")
    refuse(update_document_check, document, colour="red")
    refuse(update_document_check, document, status="lost")
    refuse(update_document_check, "no-such-document", notes="seen")
    # interviews.py
    refuse_plain(clean_details, {"mood": "calm"})
    refuse_plain(clean_details, {"topics": ["weather"]})
    refuse_plain(clean_details, {"place": "x" * 201})
    refuse_plain(clean_details, {"id_seen": "perhaps"})
    refuse(record_draw, fresh, seed=1, size=1, roster_sha256="0" * 64, roster_workers=1, plan={}, age_flags=[],
           drawn=[{"code": "W-01", "name": "Li Na"}])
    refuse(add_group_interview, fresh, group_size=1)
    form = {"group_size": 0, "notes": "", "quotes": [], "held": False}
    refuse(update_interview, interview, kind="pair", **form)
    refuse(update_interview, "no-such-interview", kind="individual", **form)
    # answers.py, findings.py, evidence_links.py
    refuse(set_answer, fresh, "99.9", "yes")
    refuse(set_answer, fresh, "9.2.2", "maybe")
    refuse(answer_checkpoint, fresh, "9.2.2", "nc")
    refuse(restore_nc_answer, fresh, "9.2.2", ["no-such-nc"])
    refuse(clear_answer, previous, "9.2.2")
    refuse(add_finding, fresh, "9.2.2", colour="red")
    refuse(add_finding, fresh, "9.2.2", status="gone")
    refuse(cite_interviews, finding, [stranger])
    refuse(cite_interviews, finding, ["no-such-interview"])
    refuse(change_grade, "no-such-nc", "minor")
    refuse(add_finding, fresh, "9.2.2", tour_area_id=area)
    refuse(add_finding, fresh, "9.2.2", document_check_id=document)
    refuse(change_grade, finding, "huge")
    refuse(save_finding, fresh, "9.2.2", None, {"description": "x"}, {photo})
    refuse(set_caption, "no-such-photo", "x")
    refuse(link_photo, photo, "wall", area, True)
    refuse(link_photo, photo, "area", fresh_area, True)
    # meetings.py
    refuse(update_meeting, "no-such-meeting")
    refuse(update_meeting, meeting, attendees=[{"name": "Wang", "side": "guest"}])
    refuse(update_meeting, meeting, colour="red")
    refuse(update_meeting, meeting, factory_position="maybe")
    refuse(update_meeting, meeting, held_at="today")
    refuse(sign_form, meeting, "visa", True)
    refuse(set_consent, meeting, "dance", True)
    refuse(update_profile, fresh, "colour", "red")
    refuse(update_profile, fresh, "name", " ")
    refuse(update_profile, fresh, "shifts", -1)
    refuse(update_profile, fresh, "country", "China")
    # closing.py, gaps.py
    refuse(update_cap_item, cap, "colour", "red")
    refuse(update_cap_item, cap, "due_date", "soon")
    refuse(update_cap_item, cap, "factory_position", "maybe")
    refuse(update_cap_item, cap, "status", "gone")
    refuse(update_cap_item, "no-such-cap", "root_cause", "x")
    refuse(sign_cap, fresh, "mayor", name="Wang", image_png=PNG)
    refuse(sign_cap, fresh, "auditor", name=" ", image_png=PNG)
    refuse(sign_cap, fresh, "auditor", name="Li Wei", image_png=b"GIF89a")
    refuse(close_gaps, fresh, ["no-such-gap"], "absent")
    refuse(close_gaps, fresh, [must_do], "absent")
    # verification.py
    with store.session() as s:
        pv_carried = [c.id for c in s.scalars(select(CapItem).where(CapItem.audit_id == pv))
                      if c.finding.carried_from_id and c.id != pv_own_cap]
    refuse(verify_carried, pv_carried[0], "maybe")
    refuse(verify_carried, "no-such-cap", "open")
    refuse(verify_carried, pv_own_cap, "open")
    refuse(verify_carried, pv_carried[0], "closed")
    refuse(verify_carried, dr_critical, "closed", note="the exit is open")
    refuse(answer_checkpoint, pv, "9.2.2", "na")
    # questionnaire.py, worker_survey.py
    refuse(advise_on_question, "no-such-answer", "ask again")
    refuse(record_survey_response, fresh, {"paid_on_time": "yes"})
    refuse(record_survey_response, pv, {"favourite_colour": "yes"})
    refuse(record_survey_response, pv, {"paid_on_time": "maybe"})
    refuse(record_survey_response, pv, {"paid_on_time": ""})
    refuse(record_survey_response, pv, {"paid_on_time": "yes"}, code="W-99")
    refuse(record_survey_response, pv, {"paid_on_time": "yes"}, code="W-01")
    refuse(update_survey_response, "no-such-response", comment="x")
    # hours_review.py
    result, facts = computed(sample_files(tmp_path / "hours"))
    refuse(save_hours_review, fresh, {}, facts)
    refuse(save_hours_review, fresh, result, {"attendance": facts["attendance"]})
    refuse(save_hours_review, fresh, {**result, "period": {"from": "March", "to": "2026-03"}}, facts)
    refuse(decide_hours_finding, fresh, "6.1", "perhaps")
    refuse(decide_hours_finding, fresh, "6.1", "accepted")
    with store.transaction() as s:
        save_hours_review(s, fresh, result, facts)
    refuse(decide_hours_finding, fresh, "1.1", "accepted")
    # recovered_typing.py
    refuse(apply_typed_draft, "poem", {})
    # review/targets.py, review/actions.py
    refuse_plain(parse_field, "colour")
    refuse_plain(resolve, sealed_doc, "weather", "x")
    refuse_plain(resolve, sealed_doc, "audit", "another-audit")
    refuse_plain(resolve, sealed_doc, "field", "audit.colour")
    refuse_plain(resolve, sealed_doc, "cap_item", "no-such-row")
    refuse_plain(lookup, sealed_doc, "finding", "99.9")
    refuse_plain(lookup, {**sealed_doc, "interview": sealed_doc["interview"] * 2}, "interview", "W-07")
    lead = {"folder": store.folder, "author": "Wang Fang"}
    refuse(actions.receive, full, **lead)
    refuse(actions.comment, sealed, "audit", sealed, "Why?", folder=store.folder, author=" ")
    refuse(actions.comment, sealed, "audit", sealed, "Why?", **lead)
    with store.transaction() as s:
        actions.receive(s, sealed, **lead)
    refuse(actions.receive, sealed, **lead)
    refuse(actions.answer, "no-such-comment", "Because", **lead)
    refuse(actions.resubmit, other_sealed, **lead)
    refuse(actions.resubmit, sealed, **lead)
    # the revision under review is another one: an exchange the lead's laptop sees only across revisions
    for said in (M.message("refusal.review.not_current"), M.message("refusal.review.not_current_ref", ref="0a1b2c3d")):
        refused.append(InvalidChange(said))
    return refused


def _call_list():
    from auditor_app.checklist.call_list import call_entries

    drawn = [{"code": f"W-0{i}", "stratum": {}, "reasons": ["random"]} for i in (1, 2, 3)]
    interviews = [{"id": "i1", "code": "W-01", "conducted_at": "2026-03-02T10:00:00+08:00"},
                  {"id": "i2", "code": "W-02"}]
    interviews += [{"id": f"r{level}", "code": f"W-1{level}",
                    "details": {"replaces": "W-02", "draw_id": "d1", "match": level}} for level in range(6)]
    entries = call_entries({"id": "d1", "drawn": drawn}, interviews, {"i2": {"reason": "absent", "note": "sick"}})
    assert [e.status for e in entries[:2]] == [
        "held", "absent (sick), replaced by W-10, W-11, W-12, W-13, W-14, W-15"]
    assert entries[2].why == "replaces W-02 (absent) from the same stratum" and entries[-1].status == "no interview form"
    for entry in entries:
        assert entry.status_message is not None and entry.status_message.render("en") == entry.status
        chinese = entry.status_message.render("zh")
        assert chinese != entry.status
        if entry.why_message is not None:
            assert entry.why_message.render("en") == entry.why and "替代W-02（缺勤）" in entry.why_message.render("zh")


def _visits():
    """A Progress Visit's gaps and the questionnaire file's refusals."""
    from auditor_app.audits.completeness import check_document
    from auditor_app.audits.questionnaire import QuestionnaireFileError, parse_questionnaire

    doc = {"audit": {"audit_type": "PV", "checklist_version": "4.0"},
           "factory_profile": {"headcount_male": 100, "headcount_female": 100},
           "finding": [{"id": "f1", "checkpoint_id": "9.2.2", "carried_from_id": "p1", "grade": "minor",
                        "description": "Exit locked", "created_at": "2026-01-01"}],
           "cap_item": [{"id": "c1", "finding_id": "f1", "root_cause": "x", "corrective_action": "x",
                         "responsible_person": "x", "due_date": "2026-02-01"}],
           "answer": [{"checkpoint_id": "9.2.2", "answer": "nc"}]}
    gaps = {g.key.split(":")[0]: g for g in check_document(doc).open}
    assert "未核实" in gaps["previous_cap"].render("zh") and "工人问卷调查" in gaps["worker_survey"].render("zh")
    for data, name in ((b"PK\x03\x04 broken", "q.xlsx"), (b"\xff\xfe\x00\xd8", "q.csv"), (b"a,b\n1,2\n", "q.csv"),
                       (b"id,answer\nQ99,x\n", "q.csv"), (b"id,answer\nQ01,x\nQ01,y\n", "q.csv"),
                       (b"id,answer\nQ01,\n", "q.csv"), (b'id,answer\n"Q01,x\n', "q.csv")):
        try:
            parse_questionnaire(data, name)
        except QuestionnaireFileError as refused:
            assert refused.msg.render("zh") != refused.msg.text
    from auditor_app.checklist.messages import message as said

    for key, params in (("questionnaire.too_big", {"size_mb": 9.5}), ("questionnaire.unreadable", {"reason": "denied"}),
                        ("questionnaire.not_csv", {"reason": "bad quote"})):
        assert said(key, file="q.csv", **params).render("zh")


def _review_sync():
    """Why an exchange of reviews with the platform did not go through."""
    from auditor_app.checklist.messages import message as said
    from auditor_app.sync.client import Refused, Transient
    from auditor_app.sync.review_sync import _refusal

    for doing in ("reviews", "package", "audit_review", "review", "entries", "submission"):
        for exc in (Transient("connection refused"), Refused("not yours", status=403, problems=["a lead of the firm"])):
            refusal = _refusal(exc, doing, "0a1b2c3d")
            assert refusal.in_language("zh") != refusal.message
            assert "0a1b2c3d" in refusal.in_language("zh") or doing == "reviews"
    for key, params in (("review_sync.package_refused", {"ref": "0a1b2c3d", "detail": "seal"}),
                        ("review_sync.not_held", {"ref": "0a1b2c3d"}),
                        ("review_sync.revision_not_sent", {"ref": "0a1b2c3d", "state": "failed", "error": "timeout"})):
        assert said(key, **params).render("zh") != said(key, **params).text


def test_every_message_renders_in_english_and_chinese(filled, tmp_path, monkeypatch, capsys, store):
    _rating()
    _roster()
    _roster_errors(tmp_path)
    _gaps(monkeypatch, capsys)
    _hours(tmp_path)
    _refusals(store, tmp_path)
    _call_list()
    _roster_warnings()
    _hours_warnings(tmp_path)
    _hours_file_errors(tmp_path)
    _visits()
    _review_sync()
    in_chinese = {key for key, lang, _, _ in filled if lang == "zh"}
    missing = sorted(set(known_ids()) - in_chinese)
    assert not missing, f"never rendered in Chinese by the engines: {missing}"
    leftovers = []
    for key, lang, text, values in filled:
        if lang != "zh":
            continue
        rest = text
        for value in sorted(set(_strings(values)), key=len, reverse=True):
            rest = rest.replace(value, " ")
        words = set(re.findall(r"[A-Za-z_]{3,}", rest)) - ENGLISH_ALLOWED
        if words:
            leftovers.append((key, sorted(words), text))
    assert not leftovers, leftovers[:10]


def test_every_fragment_renders_in_both_languages():
    for key, found in load_messages().items():
        values = {name: 1 for name in M.placeholders(found.en)}
        for lang in ("en", "zh"):
            assert M.Words(lang).t(key, **values) or key == "hours.sentences"
        if found.fragment and re.search(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", found.en)):
            assert re.search(r"[\u4e00-\u9fff]", found.zh), key


def test_english_and_chinese_differ_and_chinese_uses_the_glossary(filled):
    _rating()
    zh = " ".join(text for _, lang, text, _ in filled if lang == "zh")
    for word in ("零容忍", "严重", "重大", "轻微", "不符合项", "纠正措施计划"):
        assert word in zh
    for wrong in ("零容许", "致命", "不合规项", "纠正行动计划", "改善计划", "核查点"):
        assert wrong not in zh


def test_a_message_is_its_id_and_parameters():
    msg = Message("open_critical", {"findings": [{"checkpoint": "6.1", "finding": "f"}], "status": "assessed"})
    assert str(msg) == msg.text == msg.render("en") == msg.render("en_GB")
    assert msg.text == "Open Critical NC: checkpoint 6.1 — any open Critical NC means Assessed."
    assert msg.render("zh") == msg.render("zh_CN") == "未关闭的严重不符合项：检查点6.1——只要有未关闭的严重不符合项，即为已评估。"
    assert Message.from_dict(msg.as_dict()) == msg
    with pytest.raises(KeyError, match="unknown message id"):
        Message("no_such_message", {})
    with pytest.raises(KeyError, match="needs the value 'status'"):
        Message("open_critical", {"findings": []})


def test_rate_and_check_in_chinese(monkeypatch, capsys):
    given = R.facts([R.F("C1", "6.1", "critical")], prev=True)
    assert R._run_rate(monkeypatch, ["rate", "audit-42", "--lang", "zh"], lambda target: given) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "推荐状态：已评估（有效期10个月）"
    assert "[open_critical] 未关闭的严重不符合项：检查点6.1" in out
    assert "以上仅为推荐；由ESCP审查团队决定。" in out
    assert R._run_rate(monkeypatch, ["rate", "audit-42"], lambda target: given) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Recommended status: Assessed (valid 10 months)"
    assert R._run_rate(monkeypatch, ["rate", "audit-42", "--json", "--lang", "zh"], lambda target: given) == 0
    assert '"text_zh": "未关闭的严重不符合项' in capsys.readouterr().out


def test_a_referral_headline_in_both_languages():
    rec = recommend_status(R.facts([R.ZT]))
    assert headline(rec).text.startswith("for a termination decision (24-hour notice due by 2026-11-20 17:30")
    assert headline(rec).render("zh") == "，待项目方作出终止决定（24小时通报须于2026-11-20 17:30 UTC+08:00前发出）"
    assert alternatives_heading(rec).render("zh") == "如项目方不终止认证"


def test_an_age_flag_kept_with_a_draw_renders_in_chinese():
    flag = {"id": "age_flag_public", "params": {"kind": "underage", "age": 15, "on": "2025-06-10", "hire_age": 15}}
    assert Message.from_dict(flag).text == "Underage worker: 15 years old on 2025-06-10, hired at 15"
    assert Message.from_dict(flag).render("zh") == "童工：2025-06-10时15周岁，入职时15周岁"
