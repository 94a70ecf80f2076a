"""Man-days, interview and record sample sizes from resources/rules/sampling.yaml."""

from __future__ import annotations

import math
import re

import pytest
import yaml

from auditor_app.checklist.sampling import (SAMPLING_FILE, age_bands, load_sampling, plan_audit,
                                            records_to_review)
from auditor_app.resources import RulesFileError, resources_dir

TABLE = yaml.safe_load((resources_dir() / SAMPLING_FILE).read_text(encoding="utf-8"))


def _edges(bands):
    for band in bands:
        yield band["min"], band
        yield (band["max"] if band["max"] is not None else band["min"] * 3), band


@pytest.mark.parametrize("headcount,band", list(_edges(TABLE["bands"])),
                         ids=lambda v: str(v) if isinstance(v, int) else "")
def test_every_band_edge_of_the_full_audit_table(headcount, band):
    plan = plan_audit(headcount)
    expected_workers = band["individual"] + band["groups"] * band["group_size"]
    if headcount < expected_workers:
        assert plan.workers_to_interview == headcount
        return
    assert plan.man_days == band["man_days"]
    assert plan.individual_interviews == band["individual"]
    assert plan.group_interviews == band["groups"]
    assert plan.group_size == band["group_size"]
    assert plan.workers_to_interview == expected_workers
    assert plan.fee_usd == band["man_days"] * TABLE["fee_per_man_day_usd"]
    assert plan.band.startswith(f"{band['min']}")


def test_neighbouring_headcounts_fall_in_different_bands():
    for lower, upper in zip(TABLE["bands"], TABLE["bands"][1:]):
        below, above = plan_audit(lower["max"]), plan_audit(upper["min"])
        assert below.band != above.band
        assert above.workers_to_interview > below.workers_to_interview


def test_shipped_table_matches_the_documented_interview_counts():
    # docs/sampling.md and the file header promise the SMETA interview counts.
    assert [plan_audit(n).workers_to_interview for n in (100, 500, 1000, 2000, 2500)] == [10, 26, 42, 52, 62]
    assert plan_audit(100).individual_interviews == 6 and plan_audit(100).group_size == 4
    assert plan_audit(250).fee_usd == 1000  # 2 man-days at US$500


@pytest.mark.parametrize("headcount,expected", [(5, 5), (10, 10), (300, 10), (1000, 10), (1001, 11),
                                                (1500, 15), (2345, 24)])
def test_records_at_least_ten_or_one_percent_above_a_thousand(headcount, expected):
    assert records_to_review(headcount) == expected
    assert plan_audit(headcount).records_to_review == expected


def test_extra_sites_and_shifts_are_a_request_never_added_to_man_days_or_fee():
    base = plan_audit(300)
    extra = TABLE["extra_man_days"]
    plan = plan_audit(300, sites=3, shifts=2)
    requested = 2 * extra["per_additional_site"] + extra["per_additional_shift"]
    assert (plan.man_days, plan.fee_usd) == (base.man_days, base.fee_usd)
    assert plan.extra_man_days == requested
    assert plan.extra_fee_usd == requested * TABLE["fee_per_man_day_usd"]
    assert plan.workers_to_interview == base.workers_to_interview
    assert any("2 additional site(s): +1 man-days only with the program's prior approval" in n for n in plan.notes)
    assert any("1 additional shift(s)" in n and "prior approval" in n for n in plan.notes)
    assert any("If the program approves the 1.5 extra man-day(s): US$750 more." in n for n in plan.notes)
    assert (base.extra_man_days, base.extra_fee_usd) == (0, 0)


@pytest.mark.parametrize("headcount,band", list(_edges(TABLE["progress_visit"]["bands"])),
                         ids=lambda v: str(v) if isinstance(v, int) else "")
def test_progress_visit_surveys_ten_to_fifteen_workers(headcount, band):
    plan = plan_audit(headcount, audit_type="PV")
    if headcount < band["survey"]:
        assert plan.workers_to_interview == headcount
        return
    assert plan.workers_to_interview == band["survey"]
    assert 10 <= plan.workers_to_interview <= 15
    assert plan.group_interviews == 0
    assert plan.man_days == band["man_days"]
    assert plan.fee_usd == band["fee_usd"] and plan.fee_basis == "progress_visit"
    assert any("Progress Visit" in n for n in plan.notes)


@pytest.mark.parametrize("headcount, man_days, fee", [(1, 1, 1000), (150, 1, 1000), (299, 1, 1000),
                                                      (300, 2, 1500), (800, 2, 1500), (5000, 2, 1500)])
def test_progress_visit_man_days_and_fee_as_the_program_charges_them(headcount, man_days, fee):
    plan = plan_audit(headcount, audit_type="PV")
    assert (plan.man_days, plan.fee_usd) == (man_days, fee)


def test_progress_visit_extra_man_days_are_priced_by_the_program():
    plan = plan_audit(250, audit_type="PV", shifts=2)
    assert (plan.man_days, plan.fee_usd, plan.extra_man_days, plan.extra_fee_usd) == (1, 1000, 0.5, 0)
    assert any("set by the program" in n for n in plan.notes)


@pytest.mark.parametrize("headcount", [1, 299, 300, 5000])
def test_desktop_review_is_a_flat_fee_without_interviews(headcount):
    plan = plan_audit(headcount, sites=2, shifts=3, audit_type="dr")
    assert (plan.fee_usd, plan.man_days, plan.workers_to_interview, plan.records_to_review) == (150, 0, 0, 0)
    assert plan.fee_basis == "desktop_review" and plan.extra_man_days == 0
    assert any("flat fee US$150" in n for n in plan.notes)


@pytest.mark.parametrize("code", ["QCA", "ReIA", "reia", "FU", "SA", "RA"])
def test_other_audits_use_the_man_day_table(code):
    assert plan_audit(600, audit_type=code).fee_usd == 1500


def test_progress_visit_survey_grows_with_factory_size():
    sizes = [plan_audit(max(b["min"], 20), audit_type="pv").workers_to_interview
             for b in TABLE["progress_visit"]["bands"]]
    assert sizes == sorted(sizes) and sizes[0] == 10 and sizes[-1] == 15


def test_tiny_factory_interviews_everyone_individually():
    plan = plan_audit(4)
    assert (plan.workers_to_interview, plan.individual_interviews, plan.group_interviews) == (4, 4, 0)
    assert plan.records_to_review == 4
    assert any("every worker" in n for n in plan.notes)


@pytest.mark.parametrize("bad", [0, -5, 2.5, True, "100"])
def test_headcount_below_one_or_not_whole_is_a_clear_error(bad):
    with pytest.raises(ValueError, match=r"headcount must be a whole number of workers, at least 1"):
        plan_audit(bad)


def test_bad_sites_shifts_and_audit_type():
    with pytest.raises(ValueError, match="sites"):
        plan_audit(100, sites=0)
    with pytest.raises(ValueError, match="shifts"):
        plan_audit(100, shifts=-1)
    with pytest.raises(ValueError, match=r"audit type 'XYZ'.*ICA.*PV"):
        plan_audit(100, audit_type="XYZ")


def test_age_bands_start_at_zero_and_are_open_ended():
    bands = age_bands()
    assert bands[0].min == 0 and bands[-1].max is None
    assert any(b.contains(17) and not b.contains(18) for b in bands)


# ── a broken table names the file, the place and the problem ───────────────────────────────

def _write(tmp_path, mutate):
    data = yaml.safe_load(yaml.safe_dump(TABLE))
    mutate(data)
    path = tmp_path / "sampling.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("mutate,where,problem", [
    (lambda d: d["bands"][1].update(min=150), "bands", r"band 1 starts at 150, expected 101"),
    (lambda d: d["bands"][2].update(min=400), "bands", r"band 2 starts at 400, expected 501"),
    (lambda d: d["bands"][4].update(max=9000), "bands", r"last band must be open-ended"),
    (lambda d: d["bands"][1].update(max=None), "bands", r"band 1 is open-ended .* not the last"),
    (lambda d: d["bands"][0].update(man_days=0.3), r"bands\[0\]", r"man_days 0.3"),
    (lambda d: d["bands"][0].update(group_size=1), r"bands\[0\]", r"group_size of at least 2"),
    (lambda d: d["bands"][0].pop("individual"), r"bands\[0\]\.individual", r"[Ff]ield required"),
    (lambda d: d["records"].update(minimum=0), r"records\.minimum", r"greater than or equal to 1"),
    (lambda d: d["progress_visit"]["bands"][0].update(min=0), r"progress_visit\.bands\[0\]\.min", "1"),
    (lambda d: d.update(fee_per_man_dai_usd=1), r"fee_per_man_dai_usd", r"[Ee]xtra"),
    (lambda d: d["progress_visit"]["bands"][2].pop("fee_usd"), r"progress_visit\.bands\[2\]\.fee_usd", r"[Ff]ield required"),
    (lambda d: d["desktop_review"].update(fee_usd=0), r"desktop_review\.fee_usd", r"greater than 0"),
    (lambda d: d["desktop_review"].update(audit_types=["DR", "PV"]), "", r"listed twice \(PV and desktop review\).*PV"),
    (lambda d: d["records"].pop("review_months"), r"records\.review_months", r"[Ff]ield required"),
    (lambda d: d["age_bands"][0].update(min=1), "age_bands", r"band 0 starts at 1, expected 0"),
    (lambda d: d["progress_visit"].update(audit_types=["PV", "ICA"]), "", r"listed twice.*ICA"),
])
def test_broken_table_is_refused_with_file_place_and_problem(tmp_path, mutate, where, problem):
    path = _write(tmp_path, mutate)
    with pytest.raises(RulesFileError) as err:
        plan_audit(100, path=path)
    message = str(err.value)
    assert message.startswith(path)
    assert re.search(where, err.value.where), (err.value.where, message)
    assert re.search(problem, message), message


def test_shipped_table_loads_and_says_it_is_editable():
    assert load_sampling().fee_per_man_day_usd == 500
    header = (resources_dir() / SAMPLING_FILE).read_text(encoding="utf-8").split("\n", 3)[:3]
    assert any("EDITABLE" in line for line in header)
    assert math.isclose(plan_audit(50).man_days * 2, round(plan_audit(50).man_days * 2))
