"""`auditor-app hours` through the real entry point: text, JSON, periods, approvals, refusals."""

from __future__ import annotations

import json

import pytest

from auditor_app import cli
from auditor_app.hours.sample_files import write_sample_files


@pytest.fixture(autouse=True)
def only_hours_command(monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["hours"])


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_sample_files(tmp_path_factory.mktemp("hours"), workers=12, language="zh")


def _run(capsys, *argv):
    code = cli.main(["hours", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_violations_list(capsys, files):
    code, out, err = _run(capsys, "--attendance", files.attendance, "--payroll", files.payroll, "--city", "深圳",
                          "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {(v["worker_id"], v["rule"], v["month"]) for v in data["violations"]} == files.expected()
    for v in data["violations"]:
        assert set(v) == {"worker_id", "rule", "month", "date", "figures"}
    assert data["period"] == {"from": "2025-11", "to": "2026-10"} and data["city"]["name"] == "Shenzhen"
    assert [f["checkpoint_id"] for f in data["findings"]] == ["11.1.1", "11.2.1", "12.2.4", "12.3.1"]
    assert data["files"]["attendance"]["encoding"] == "gb18030"


def test_text_output_and_a_shorter_period(capsys, files):
    code, out, _ = _run(capsys, "--attendance", files.attendance, "--payroll", files.payroll, "--city", "Shenzhen",
                        "--from", "2026-01", "--to", "2026-03")
    assert code == 0
    assert "months 2026-01 to 2026-03; 12 workers; standard working-hour system" in out
    assert "Breaches: rest_day 1, daily_overtime 1, monthly_overtime 1\n" in out
    assert "13 days without a day off, 2026-01-12 to 2026-01-24 (limit 6)" in out
    assert "60 h of overtime (limit 36 h)" in out
    assert "12.3.1 critical: 1 of 12 sampled workers (8 %)" in out


def test_an_approval_needs_its_number_and_period(capsys, files):
    base = ("--attendance", files.attendance, "--payroll", files.payroll, "--city", "Shenzhen")
    code, _, err = _run(capsys, *base, "--system", "comprehensive")
    assert code == 2 and "--approval-number is needed with --system comprehensive" in err
    code, _, err = _run(capsys, *base, "--system", "flexible", "--approval-number", "X1", "--approval-from", "2026-01-01")
    assert code == 2 and "--approval-to is needed" in err
    code, out, _ = _run(capsys, *base, "--system", "flexible", "--approval-number", "X1", "--approval-from",
                        "2025-01-01", "--approval-to", "2026-12-31", "--json")
    data = json.loads(out)
    assert code == 0 and data["system"]["kind"] == "flexible"
    # Under an approved flexible system no overtime or premium breach remains; rest days and wages do.
    assert {v["rule"] for v in data["violations"]} == {"rest_day", "minimum_wage"}


def test_bad_arguments_are_sentences(capsys, files):
    base = ("--attendance", files.attendance, "--payroll", files.payroll)
    code, _, err = _run(capsys, *base, "--city", "Gotham")
    assert code == 2 and err.startswith("auditor-app: no minimum wage is known for the city 'Gotham'; known: ")
    code, _, err = _run(capsys, *base, "--city", "Shenzhen", "--from", "2026-1")
    assert code == 2 and "'2026-1' is not a month; use YYYY-MM" in err
    code, _, err = _run(capsys, *base, "--city", "Shenzhen", "--from", "2026-05", "--to", "2026-01")
    assert code == 2 and "the period ends (2026-01) before it starts (2026-05)" in err
