"""`auditor-app sample`: plan, age flags and the anonymous draw, through the real CLI entry point."""

from __future__ import annotations

import json
from datetime import date

import pytest

from auditor_app import cli
from auditor_app.checklist.demo_roster import demo_workers, roster_csv

AUDIT_DAY = date(2025, 6, 10)
ROWS = demo_workers(150, seed=21, on_date=AUDIT_DAY, underage=(15,), young=(17,), hired_underage=1)


@pytest.fixture(autouse=True)
def only_sample_command(monkeypatch):
    # Other commands belong to other modules; the entry point itself is what we exercise.
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["sample"])


@pytest.fixture
def roster_file(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_csv(ROWS).encode("utf-8-sig"))
    return path


def _run(capsys, *argv):
    code = cli.main(["sample", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_plan_roster_check_and_codes_without_names(capsys, roster_file):
    code, out, err = _run(capsys, "--roster", roster_file, "--seed", 7, "--date", "2025-06-10")
    assert code == 0 and err == ""
    shifts = len({r["shift"] for r in ROWS})
    assert f"{shifts} shift(s) (from the roster)" in out
    assert "man-days            2\n" in out and "US$1,000 (per man-day)" in out
    assert "extra man-days      0.5 requested: need the program's prior approval, US$250 if approved" in out
    assert "26 workers: 14 individual + 3 group(s) of 4" in out
    assert "records to review   10 per pay period" in out
    assert "! [underage]" in out and "! [juvenile]" in out and "- [hired_underage_before_period]" in out
    assert "W-01" in out and "W-26" in out and "W-27" not in out
    for row in ROWS:
        assert row["name"] not in out


def test_json_output_and_reproducibility(capsys, roster_file):
    args = ("--roster", roster_file, "--seed", 99, "--date", "2025-06-10", "--headcount", 600,
            "--sites", 2, "--shifts", 1, "--json")
    code, out, _ = _run(capsys, *args)
    assert code == 0
    data = json.loads(out)
    assert data["plan"]["man_days"] == 3 and data["plan"]["fee_usd"] == 1500
    assert data["plan"]["extra_man_days"] == 0.5 and data["plan"]["extra_fee_usd"] == 250
    assert data["plan"]["workers_to_interview"] == 42
    assert len(data["sample"]["workers"]) == 42
    groups = {g["key"]: g for g in data["roster_check"]["groups"]}
    assert groups["headcount"]["level"] == "flag" and "the headcount for the audit is 600" in groups["headcount"]["text"]
    assert {"underage", "juvenile", "hired_underage_before_period"} <= set(groups)
    assert groups["underage"]["count"] == 1 and groups["underage"]["id"] == "triage_underage"
    assert groups["underage"]["workers"][0]["id"] == "age_underage"
    assert "key" not in data
    sample_text = json.dumps(data["sample"], ensure_ascii=False)
    assert not any(r["worker_id"] in sample_text or r["name"] in sample_text for r in ROWS)
    assert _run(capsys, *args)[1] == out


def test_key_maps_codes_to_worker_ids_only_on_request(capsys, roster_file):
    code, out, _ = _run(capsys, "--roster", roster_file, "--seed", 7, "--date", "2025-06-10",
                        "--size", 5, "--key", "--json")
    key = json.loads(out)["key"]
    assert code == 0 and len(key) >= 5
    assert set(key.values()) <= {r["worker_id"] for r in ROWS}


def test_progress_visit_survey(capsys, roster_file):
    code, out, _ = _run(capsys, "--roster", roster_file, "--seed", 1, "--date", "2025-06-10",
                        "--type", "PV", "--json")
    plan = json.loads(out)["plan"]
    assert code == 0 and plan["workers_to_interview"] == 12 and plan["fee_usd"] == 1000


@pytest.mark.parametrize("argv, lines", [
    (("--headcount", 299, "--type", "PV"), ["man-days            1", "fee                 US$1,000 (Progress Visit fee)",
                                            "interviews          12 workers: 12 individual"]),
    (("--headcount", 300, "--type", "PV"), ["man-days            2", "fee                 US$1,500 (Progress Visit fee)"]),
    (("--headcount", 800, "--type", "DR"), ["man-days            0  (off site)",
                                            "fee                 US$150 (Desktop Review flat fee)",
                                            "interviews          none"]),
    (("--headcount", 800, "--type", "DR", "--sites", 3), ["fee                 US$150 (Desktop Review flat fee)"]),
    (("--headcount", 600, "--type", "ReIA"), ["fee                 US$1,500 (per man-day)"]),
])
def test_plan_alone_for_progress_visits_and_desktop_reviews(capsys, argv, lines):
    code, out, err = _run(capsys, *argv, "--date", "2025-06-10")
    assert code == 0 and err == ""
    for line in lines:
        assert f"  {line}" in out.splitlines(), (line, out)
    assert "extra man-days" not in out or "DR" not in argv


def test_desktop_review_with_a_roster_checks_it_but_draws_nobody(capsys, roster_file):
    code, out, _ = _run(capsys, "--roster", roster_file, "--seed", 1, "--date", "2025-06-10", "--type", "DR")
    assert code == 0 and "Roster check" in out and "No interviews in a DR: no workers drawn." in out
    assert "W-01" not in out


@pytest.mark.parametrize("extra,message", [
    (("--date", "10/06/2025"), "--date '10/06/2025' is not a date; use YYYY-MM-DD"),
    (("--headcount", 0), "headcount must be a whole number of workers, at least 1"),
    (("--size", 0), "sample size must be a whole number, at least 1"),
    (("--type", "XX"), "no sampling rule for audit type 'XX'"),
    (("--country", "ZZ"), "no minimum working age for country 'ZZ'"),
])
def test_user_errors_exit_2_with_a_plain_message(capsys, roster_file, extra, message):
    code, out, err = _run(capsys, "--roster", roster_file, "--seed", 1, *extra)
    assert code == 2 and out == ""
    assert err.startswith("auditor-app: ") and message in err


def test_roster_or_headcount_and_seed_are_needed(capsys, roster_file):
    code, _, err = _run(capsys)
    assert code == 2 and "give --roster roster.csv (with --seed), or --headcount N" in err
    code, _, err = _run(capsys, "--roster", roster_file)
    assert code == 2 and "--seed is needed with --roster" in err


def test_bad_roster_is_reported_with_file_and_rows(capsys, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("工号,部门,性别,出生日期\nA1,装配,女,2001-01-01\nA1,注塑,男,2000-01-01\n", encoding="utf-8")
    code, _, err = _run(capsys, "--roster", path, "--seed", 1)
    assert code == 2 and "dup.csv, rows 2 and 3: worker id 'A1' appears twice" in err
    code, _, err = _run(capsys, "--roster", tmp_path / "missing.csv", "--seed", 1)
    assert code == 2 and "missing.csv: file not found" in err
