"""The stratified random draw of workers to interview."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date

import pytest

from auditor_app.checklist.demo_roster import demo_workers, roster_csv
from auditor_app.checklist.roster import read_roster
from auditor_app.checklist.roster_checks import triage_roster
from auditor_app.checklist.selection import DIMENSIONS, draw_sample

AUDIT_DAY = date(2025, 6, 10)


@pytest.fixture(scope="module")
def big():
    rows = demo_workers(300, seed=5, on_date=AUDIT_DAY, underage=(15,), young=(17, 16),
                        hired_underage=1)
    return read_roster(roster_csv(rows).encode("utf-8-sig"))


def _ids(sample):
    return [(s.code, s.worker_id) for s in sample.drawn]


def test_same_roster_and_seed_give_the_same_draw_whatever_the_row_order(big):
    first = draw_sample(big, 26, seed=1234, on_date=AUDIT_DAY)
    again = draw_sample(big, 26, seed=1234, on_date=AUDIT_DAY)
    shuffled_rows = list(big.workers)
    random.Random(9).shuffle(shuffled_rows)
    reordered = draw_sample(replace(big, workers=tuple(shuffled_rows)), 26, seed=1234, on_date=AUDIT_DAY)
    assert _ids(first) == _ids(again) == _ids(reordered)
    assert first.drawn == again.drawn


def test_different_seeds_give_different_draws(big):
    draws = {tuple(sorted(s.worker_id for s in draw_sample(big, 26, seed, AUDIT_DAY).drawn))
             for seed in (1, 2, 3)}
    assert len(draws) == 3


def test_the_global_random_generator_is_not_used(big):
    random.seed(0)
    state = random.getstate()
    draw_sample(big, 26, seed=1, on_date=AUDIT_DAY)
    assert random.getstate() == state


@pytest.mark.parametrize("seed", [0, 7, 99, 2025])
def test_flagged_workers_take_at_most_a_third_of_the_sample_in_priority_order(big, seed):
    sample = draw_sample(big, 12, seed, AUDIT_DAY)
    drawn = {s.worker_id for s in sample.drawn}
    triage = triage_roster(big, AUDIT_DAY)
    underage = {n.worker_id for n in triage.group("underage").workers}
    juvenile = {n.worker_id for n in triage.group("juvenile").workers}
    retired = {n.worker_id for n in triage.group("past_retirement").workers}
    assert len(underage) == 1 and len(juvenile) == 2 and len(retired) > 4
    # 12 // 3 = 4 places: the child and the two juveniles first, then one past retirement age.
    assert underage | juvenile <= drawn
    flagged_reasons = [s for s in sample.drawn if any("retirement" in r or "under" in r for r in s.reasons)]
    assert len([s for s in sample.drawn if "past the statutory retirement age" in s.reasons]) == 1
    assert len(flagged_reasons) >= 4
    by_birth = sorted(big.workers, key=lambda w: w.birth_date)
    assert by_birth[0].worker_id in drawn and by_birth[-1].worker_id in drawn
    reasons = {s.worker_id: s.reasons for s in sample.drawn}
    assert "youngest worker" in reasons[by_birth[-1].worker_id]
    assert "oldest worker" in reasons[by_birth[0].worker_id]
    assert len(sample.drawn) == 12
    # The rest are listed for document checks, never drawn twice, never lost.
    checks = {w for w, _ in sample.document_checks}
    assert checks == retired - drawn and not checks & drawn
    assert any("listed for document checks" in n for n in sample.notes)
    assert "1/3 of the sample" in sample.method_note


def test_every_department_gender_shift_and_contract_type_when_size_allows(big):
    sample = draw_sample(big, 26, seed=3, on_date=AUDIT_DAY)
    for dim in DIMENSIONS:
        roster_values = {v for v, c in sample.strata_counts[dim].items() if c["roster"]}
        drawn_values = {s.stratum[dim] for s in sample.drawn}
        assert drawn_values == roster_values, dim
        assert all(c["drawn"] >= 1 for c in sample.strata_counts[dim].values())
    assert len(sample.drawn) == 26 and not any("not represented" in n for n in sample.notes)


def test_draw_is_roughly_proportional_to_department_size(big):
    size = 42
    sample = draw_sample(big, size, seed=11, on_date=AUDIT_DAY)
    for dept, counts in sample.strata_counts["department"].items():
        share = size * counts["roster"] / len(big)
        assert counts["drawn"] >= 1
        assert abs(counts["drawn"] - share) <= 2, (dept, counts, share)
    assert sum(c["drawn"] for c in sample.strata_counts["department"].values()) == size
    assert sum(c["roster"] for c in sample.strata_counts["gender"].values()) == len(big)


def test_too_small_a_sample_says_which_groups_are_missing(big):
    sample = draw_sample(big, 8, seed=3, on_date=AUDIT_DAY)
    assert len(sample.drawn) == 8
    assert any("not represented" in n for n in sample.notes)


def test_public_output_has_no_name_and_no_worker_id(big):
    sample = draw_sample(big, 26, seed=5, on_date=AUDIT_DAY)
    text = json.dumps(sample.public(), ensure_ascii=False)
    for w in big.workers:
        assert w.worker_id not in text
        assert w.name not in text
    public = sample.public()
    assert [p["code"] for p in public["workers"]] == [s.code for s in sample.drawn]
    assert set(public["workers"][0]) == {"code", "stratum", "reasons"}


def test_codes_are_sequential_but_do_not_follow_the_roster_order(big):
    sample = draw_sample(big, 26, seed=8, on_date=AUDIT_DAY)
    codes = [s.code for s in sample.drawn]
    assert codes == [f"W-{i:02d}" for i in range(1, 27)]
    rows = [next(w.row for w in big.workers if w.worker_id == s.worker_id) for s in sample.drawn]
    assert rows != sorted(rows)
    assert sample.code_of(sample.drawn[3].worker_id) == "W-04"


def test_size_larger_than_the_roster_draws_everyone_with_a_note():
    rows = demo_workers(12, seed=2, on_date=AUDIT_DAY)
    roster = read_roster(roster_csv(rows).encode())
    sample = draw_sample(roster, 26, seed=1, on_date=AUDIT_DAY)
    assert sorted(s.worker_id for s in sample.drawn) == sorted(r["worker_id"] for r in rows)
    assert any("every worker is drawn" in n for n in sample.notes)


def test_more_flagged_workers_than_places_keeps_the_size_and_lists_the_rest():
    rows = demo_workers(60, seed=4, on_date=AUDIT_DAY, young=(16, 16, 17, 17, 17, 16))
    roster = read_roster(roster_csv(rows).encode())
    sample = draw_sample(roster, 6, seed=1, on_date=AUDIT_DAY)
    assert len(sample.drawn) == 6   # never enlarged for flagged workers
    young = {r["worker_id"] for r in rows if r["birth_date"] > date(2007, 6, 10)}
    drawn_young = young & {s.worker_id for s in sample.drawn}
    # 6 // 3 = 2 flagged places, plus the youngest worker (who is young too) at most.
    assert 2 <= len(drawn_young) <= 3
    assert young - drawn_young <= {w for w, _ in sample.document_checks}


def test_the_flagged_share_is_data(monkeypatch, big):
    from auditor_app.checklist import roster_checks

    checks = roster_checks.load_roster_checks()
    monkeypatch.setattr(roster_checks, "load_roster_checks", lambda path=None: checks.model_copy(
        update={"sample": checks.sample.model_copy(update={"flagged_share": (0, 1)})}))
    import auditor_app.checklist.selection as selection
    monkeypatch.setattr(selection, "load_roster_checks", roster_checks.load_roster_checks)
    sample = draw_sample(big, 12, seed=3, on_date=AUDIT_DAY)
    assert not any(r in ("young worker (under 18)", "past the statutory retirement age")
                   for s in sample.drawn for r in s.reasons)
    assert len(sample.document_checks) >= 3


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_bad_size_is_refused(big, bad):
    with pytest.raises(ValueError, match="sample size must be a whole number"):
        draw_sample(big, bad, seed=1, on_date=AUDIT_DAY)
