"""`auditor-app checklist list|show`, driven through auditor_app.cli.main."""

from __future__ import annotations

import json

import pytest

from auditor_app import cli
from auditor_app.checklist.loader import load_checklist


@pytest.fixture(autouse=True)
def only_checklist_command(monkeypatch):
    # Other sub-commands are built by other people at the same time; this file tests only ours.
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["checklist"])


def test_list_shows_editions_oldest_first_and_marks_the_newest(tmp_res, capsys):
    tmp_res.edition("9.0", effective="2030-01-01")
    tmp_res.edition("10.0", effective="2032-05-01")
    assert cli.main(["checklist", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("9.0") and "2030-01-01" in lines[0] and "newest" not in lines[0]
    assert lines[1].startswith("10.0") and "2032-05-01" in lines[1] and "newest" in lines[1]


def test_show_prints_sections_counts_ids_grades_and_questions(tmp_res, capsys):
    tmp_res.edition()
    assert cli.main(["checklist", "show", "--version", "9.0"]) == 0
    out = capsys.readouterr().out
    assert "Test Checklist 9.0, effective 2030-01-01: 2 sections, 4 checkpoints" in out
    assert "1. Audit Process [audit_process], 2 checkpoints" in out
    assert "1.1.1    Zero Tolerance (Critical if transparent)" in out
    assert "2.1.2    Major (Minor if isolated)" in out
    assert "Is checkpoint 2.1.1 complied with?" in out


def test_show_defaults_to_the_newest_edition(tmp_res, capsys):
    tmp_res.edition("9.0", effective="2030-01-01")
    tmp_res.edition("10.0", effective="2032-05-01")
    assert cli.main(["checklist", "show"]) == 0
    assert "Test Checklist 10.0" in capsys.readouterr().out


def test_show_json_round_trips_the_structure(tmp_res, capsys):
    tmp_res.edition()
    assert cli.main(["checklist", "show", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    cl = load_checklist("9.0")
    assert data["version"] == "9.0" and data["effective_date"] == "2030-01-01"
    got = [cp for s in data["sections"] for sub in s["subsections"] for cp in sub["checkpoints"]]
    assert [cp["id"] for cp in got] == [cp.id for cp in cl.checkpoints]
    first = got[0]
    assert first["conditional"] == {"grade": "critical", "when": "transparent",
                                    "note": "Critical if the factory was transparent.",
                                    "note_zh": "中文：Critical if the factory was transparent."}
    assert first["question_zh"] == "中文：Is checkpoint 1.1.1 complied with?"
    assert first["evidence"]["documents_zh"] == ["中文：Time records"]
    assert data["title_zh"] == "测试检查表"
    assert first["audit_types"] == ["ICA", "IAA", "PV", "FU", "SA", "OE", "RA", "DR", "QCA", "ReIA"]
    assert got[1]["audit_types"] == ["ICA", "IAA"] and got[1]["tags"] == ["record_inconsistency"]
    assert first["evidence"]["documents"] == ["Time records"]


def test_show_one_section(tmp_res, capsys):
    tmp_res.edition()
    assert cli.main(["checklist", "show", "--section", "2"]) == 0
    out = capsys.readouterr().out
    assert "2. Business Ethics" in out and "1. Audit Process" not in out


@pytest.mark.parametrize("argv, words", [
    (["checklist", "show", "--version", "7.7"], "no checklist edition '7.7'; known: 9.0"),
    (["checklist", "show", "--section", "42"], "has no section '42'; sections: 1, 2"),
])
def test_user_errors_exit_2_with_a_plain_message(tmp_res, capsys, argv, words):
    tmp_res.edition()
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("auditor-app: ") and words in err


def test_a_broken_edition_is_reported_with_file_and_checkpoint(tmp_res, capsys):
    folder = tmp_res.edition()
    path = folder / "02-business-ethics.yaml"
    path.write_text(path.read_text().replace("grade: zero_tolerance", "grade: severe"))
    assert cli.main(["checklist", "show"]) == 2
    err = capsys.readouterr().err
    assert "02-business-ethics.yaml" in err and "checkpoint 2.1.1" in err and "unknown grade 'severe'" in err


def test_show_in_chinese(tmp_res, capsys):
    tmp_res.edition()
    assert cli.main(["checklist", "show", "--version", "9.0", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "测试检查表 9.0，生效日期 2030-01-01：2 个部分，4 个检查点" in out
    assert "1. 中文：Audit Process [audit_process]，2 个检查点" in out
    assert "1.1.1    零容忍（工厂透明时为严重）" in out
    assert "2.1.2    重大（个别情况时为轻微）" in out
    assert "中文：Is checkpoint 2.1.1 complied with?" in out
    assert "Is checkpoint 2.1.1 complied with?\n" not in out.replace("中文：Is", "")


def test_show_full_prints_guidance_note_and_evidence(tmp_res, capsys):
    tmp_res.edition()
    assert cli.main(["checklist", "show", "--full"]) == 0
    out = capsys.readouterr().out
    assert "Guidance: Compare the records with what workers say." in out
    assert "Critical if the factory was transparent." in out
    assert "Documents: Time records" in out and "Interviews: Workers" in out
    assert cli.main(["checklist", "show", "--full", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "指引：中文：Compare the records" in out and "文件：中文：Time records" in out


def test_show_the_shipped_edition_in_chinese(real_resources, capsys):
    assert cli.main(["checklist", "show", "--version", "4.0", "--lang", "zh", "--section", "9"]) == 0
    out = capsys.readouterr().out
    assert "9. 安全 [safety]" in out and "紧急出口" in out and "灭火器" in out
    assert "Fire" not in out and "exit" not in out


def test_show_the_shipped_edition(real_resources, capsys):
    assert cli.main(["checklist", "show", "--version", "4.0", "--section", "1"]) == 0
    out = capsys.readouterr().out
    assert "1. Audit Process [audit_process]" in out and "1.2.1" in out
