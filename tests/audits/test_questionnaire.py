"""The factory's pre-visit questionnaire: a blank file to send, the filled file read back (CSV in any of
the factories' encodings, XLSX), answers kept with the visit, advice kept across a re-import, and a bad
file refused whole with a sentence naming file, row and problem, leaving what is stored unchanged."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from auditor_app.audits import create_audit, run_operation, start_follow_up
from auditor_app.audits.questionnaire import (
    QuestionnaireFileError,
    advise_on_question,
    blank_questionnaire,
    import_questionnaire,
    parse_questionnaire,
    questionnaire_answers,
)
from auditor_app.hours.xlsx_out import write_xlsx

FACTORY = {"name": "Shantou Happy Toys Co., Ltd.", "headcount_male": 80, "headcount_female": 120}


def filled(answers: dict[str, str], encoding: str = "utf-8-sig") -> bytes:
    """The blank questionnaire as a factory fills it in Excel and saves as CSV."""
    rows = list(csv.reader(io.StringIO(blank_questionnaire().decode("utf-8-sig"))))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(rows[0])
    for qid, question, _blank in rows[1:]:
        writer.writerow([qid, question, answers.get(qid, "")])
    return out.getvalue().encode(encoding)


@pytest.fixture
def pv(store):
    with store.transaction() as s:
        previous = create_audit(s, audit_type="ICA", factory=FACTORY, team=[{"name": "Li Wei", "role": "lead auditor"}]).id
    with store.transaction() as s:
        return start_follow_up(s, previous, audit_type="PV", planned_start=date(2026, 3, 2)).id


def test_the_blank_file_has_every_question_in_both_languages():
    rows = list(csv.reader(io.StringIO(blank_questionnaire().decode("utf-8-sig"))))
    assert rows[0] == ["id 编号", "question 问题", "answer 回答"]
    assert [r[0] for r in rows[1:]] == [f"Q{n:02d}" for n in range(1, 11)]
    assert "CAP" in rows[4][1] and "纠正措施计划" in rows[4][1]
    with pytest.raises(QuestionnaireFileError, match="answers no question"):
        parse_questionnaire(blank_questionnaire(), "blank.csv")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_a_filled_csv_is_read_in_the_factories_encodings(encoding):
    found = parse_questionnaire(filled({"Q01": "812 workers: 402 男 / 410 女", "Q10": "加班审批"}, encoding), "pv.csv")
    answered = {a.question_id: a.answer for a in found.answers if a.answer}
    assert answered == {"Q01": "812 workers: 402 男 / 410 女", "Q10": "加班审批"}
    assert len(found.sha256) == 64 and found.answers[0].row == 2


def test_an_xlsx_with_a_title_line_and_chinese_headings_is_read(tmp_path):
    path = tmp_path / "问卷.xlsx"
    write_xlsx(path, [["进展访问问卷 东莞华兴玩具"], [], ["序号", "问题", "工厂回答"],
                      ["Q04", "CAP progress", "Exit chain removed on 2026-01-05"], ["q05", "", "Noise signs: 30 of 42"]])
    found = parse_questionnaire(path.read_bytes(), path.name)
    assert [(a.question_id, a.answer, a.row) for a in found.answers] == [
        ("Q04", "Exit chain removed on 2026-01-05", 4), ("Q05", "Noise signs: 30 of 42", 5)]


@pytest.mark.parametrize("data, name, words", [
    (b"PK\x03\x04 not really a workbook", "pv.xlsx", "cannot be read as an Excel workbook"),
    (b"\xff\xfe\x00\xd8broken", "pv.csv", "is not text in UTF-8, GBK or UTF-16"),
    ("no,what\n1,2\n".encode(), "pv.csv", "no heading row with an id column"),
    ("id,answer\nQ99,yes\n".encode(), "pv.csv", "pv.csv, row 2: “Q99” is not a question"),
    ("id,answer\nQ01,yes\nQ01,no\n".encode(), "pv.csv", "row 3: question Q01 is answered twice (first in row 2)"),
])
def test_a_file_that_cannot_be_used_is_refused_with_its_reason(data, name, words):
    with pytest.raises(QuestionnaireFileError) as caught:
        parse_questionnaire(data, name)
    assert words in str(caught.value)
    assert caught.value.msg.render("zh") != caught.value.msg.text  # told in Chinese too


def test_answers_are_kept_advice_survives_a_new_file_and_a_bad_file_changes_nothing(store, pv, tmp_path):
    first = tmp_path / "pv.csv"
    first.write_bytes(filled({"Q01": "812 workers", "Q05": "Noise signs late: supplier", "Q10": "Overtime approval"}))
    assert run_operation(store, import_questionnaire, pv, first).result == 3
    with store.session() as s:
        rows = {r.question_id: r for r in questionnaire_answers(s, pv)}
    assert len(rows) == 10 and rows["Q01"].answer == "812 workers" and rows["Q01"].source["name"] == "pv.csv"
    run_operation(store, advise_on_question, rows["Q10"].id, "Use the written overtime request form; keep it 3 years")
    second = tmp_path / "pv-v2.csv"
    second.write_bytes(filled({"Q01": "815 workers", "Q10": "Overtime approval (updated)"}))
    run_operation(store, import_questionnaire, pv, second)
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(QuestionnaireFileError):
        run_operation(store, import_questionnaire, pv, bad)
    with store.session() as s:
        rows = {r.question_id: r for r in questionnaire_answers(s, pv)}
    assert rows["Q01"].answer == "815 workers" and rows["Q05"].answer == ""
    assert rows["Q10"].answer == "Overtime approval (updated)"
    assert rows["Q10"].advice.startswith("Use the written overtime request form")  # kept with its question
    assert rows["Q10"].source["name"] == "pv-v2.csv"


def test_tab_and_semicolon_separated_files_are_read():
    for sep in ("\t", ";"):
        data = f"id{sep}question{sep}answer\nQ01{sep}Workers?{sep}812, of which 410 women\n".encode()
        assert parse_questionnaire(data, "pv.txt").answers[0].answer == "812, of which 410 women"
