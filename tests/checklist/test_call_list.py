"""The call list's core: the recorded draw run again on its roster to name the workers, the reserve
that replaces absent workers from the same stratum, why the sample holds who it holds, and the
roster beside the profile (headcount, young workers). Also the roster's production-line column."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import date

import pytest

from auditor_app.checklist.call_list import CallListProblem, call_entries, draw_key
from auditor_app.checklist.demo_roster import demo_workers, roster_csv
from auditor_app.checklist.replacement import MATCH_LEVELS, next_replacement, reserve_order
from auditor_app.checklist.roster import read_roster
from auditor_app.checklist.roster_analysis import analyse_roster
from auditor_app.checklist.roster_summary import headcount_check, young_workers_check
from auditor_app.checklist.selection import draw_sample, explain_draw, worker_strata

DAY = date(2026, 11, 18)


@pytest.fixture(scope="module")
def roster_bytes() -> bytes:
    rows = demo_workers(150, seed=7, on_date=DAY, underage=(15,), young=(17, 16))
    return roster_csv(rows).encode("utf-8-sig")


@pytest.fixture(scope="module")
def roster(roster_bytes):
    return read_roster(roster_bytes, "roster.csv")


def recorded(roster, roster_bytes, size=12, seed=4242, day=DAY) -> dict:
    sample = draw_sample(roster, size, seed, day)
    return {"id": "draw-1", "seed": seed, "size": size, "roster_sha256": hashlib.sha256(roster_bytes).hexdigest(),
            "drawn": sample.public()["workers"]}


def test_the_recorded_draw_names_its_workers_on_the_right_day(roster, roster_bytes):
    earlier = date(2025, 5, 1)  # ages and age bands differ from the audit day's
    draw = recorded(roster, roster_bytes, day=earlier)
    sample = draw_sample(roster, 12, 4242, earlier)
    key = draw_key(roster, draw["roster_sha256"], draw, [DAY, earlier])
    assert key.on_date == earlier  # the first day that gives the recorded draw again
    assert {s.code: key.worker_id_of(s.code) for s in sample.drawn} == {s.code: s.worker_id for s in sample.drawn}


def test_another_roster_or_a_changed_draw_names_nobody(roster, roster_bytes):
    draw = recorded(roster, roster_bytes)
    with pytest.raises(CallListProblem, match="not the file the workers were drawn from"):
        draw_key(roster, "0" * 64, draw, [DAY])
    changed = dict(draw, drawn=list(reversed(draw["drawn"])))
    with pytest.raises(CallListProblem, match="does not give the recorded draw again"):
        draw_key(roster, draw["roster_sha256"], changed, [DAY])


def test_the_reserve_is_fixed_by_the_seed_and_independent_of_row_order(roster):
    shuffled = list(roster.workers)
    random.Random(3).shuffle(shuffled)
    assert reserve_order(roster, 4242) == reserve_order(replace(roster, workers=tuple(shuffled)), 4242)
    assert reserve_order(roster, 4242) != reserve_order(roster, 4243)
    assert sorted(reserve_order(roster, 4242)) == sorted(w.worker_id for w in roster.workers)


def test_a_replacement_is_the_next_unused_worker_of_the_same_stratum(roster, roster_bytes):
    draw = recorded(roster, roster_bytes)
    key = draw_key(roster, draw["roster_sha256"], draw, [DAY])
    strata = worker_strata(roster, DAY)
    drawn_ids = {s.worker_id for s in key.sample.drawn}
    absent = next(s for s in key.sample.drawn
                  if sum(1 for w, st in strata.items() if st == strata[s.worker_id] and w not in drawn_ids) >= 2)
    first = key.replacement_for(absent.code, {}, [])
    assert first is not None and first.level == 0 and first.stratum == strata[absent.worker_id]
    assert first.worker_id not in {s.worker_id for s in key.sample.drawn}
    # by hand: the first worker in the reserve with that stratum, not drawn
    expected = next(w for w in key.reserve if strata[w] == strata[absent.worker_id]
                    and w not in {s.worker_id for s in key.sample.drawn})
    assert first.worker_id == expected and key.reserve[first.rank] == expected
    # recorded, the next replacement in that stratum is another worker
    interviews = [{"code": "W-13", "details": {"replaces": absent.code, "draw_id": "draw-1",
                                               "reserve_rank": first.rank, "match": 0}}]
    assert key.worker_id_of("W-13", interviews[0]["details"]) == first.worker_id
    second = key.replacement_for(absent.code, {}, interviews)
    assert second is not None and second.level == 0 and second.worker_id != first.worker_id
    assert second.rank > first.rank  # the next one in the reserve


def test_an_empty_stratum_loosens_the_match_age_band_first():
    strata = {"A": {"department": "x", "gender": "f", "shift": "day", "contract_type": "p", "age_band": "18-25"},
              "B": {"department": "x", "gender": "f", "shift": "day", "contract_type": "p", "age_band": "46+"},
              "C": {"department": "y", "gender": "f", "shift": "day", "contract_type": "p", "age_band": "18-25"}}
    found = next_replacement(("C", "B", "A"), strata, strata["A"], {"A"})
    assert found is not None and found.worker_id == "B" and found.level == 1
    assert "nobody else in the age band" in found.match_words
    assert next_replacement(("C", "B", "A"), strata, strata["A"], {"A", "B"}).match_words == MATCH_LEVELS[5][1]
    assert next_replacement(("C", "B", "A"), strata, strata["A"], {"A", "B", "C"}) is None


def test_call_entries_put_each_replacement_after_the_worker_it_replaces(roster, roster_bytes):
    draw = recorded(roster, roster_bytes)
    key = draw_key(roster, draw["roster_sha256"], draw, [DAY])
    codes = sorted(w["code"] for w in draw["drawn"])
    rep = key.replacement_for(codes[2], {}, [])
    interviews = [{"id": f"iv-{c}", "code": c, "kind": "individual", "conducted_at": None, "details": {},
                   "stratum": {}} for c in codes]
    interviews.append({"id": "iv-new", "code": "W-13", "kind": "individual", "conducted_at": None, "stratum": rep.stratum,
                       "details": {"replaces": codes[2], "draw_id": "draw-1", "reserve_rank": rep.rank, "match": 0}})
    interviews[0]["conducted_at"] = "2026-11-18T06:00:00Z"
    entries = call_entries(draw, interviews, {f"iv-{codes[2]}": {"reason": "refused", "note": ""}}, key)
    assert [e.code for e in entries] == codes[:3] + ["W-13"] + codes[3:]
    assert entries[0].status == "held" and entries[1].status == "to call"
    assert entries[2].status == "refused, replaced by W-13" and entries[2].closed
    assert entries[3].replaces == codes[2] and entries[3].why.startswith(f"replaces {codes[2]} (refused) from the same stratum")
    assert entries[3].worker.worker_id == rep.worker_id
    named = {e.code: e.worker.worker_id for e in entries}
    assert named[codes[1]] == key.worker_id_of(codes[1])
    # without the roster: codes and strata, nobody named
    assert all(e.worker is None for e in call_entries(draw, interviews, {}, None))


def test_the_roster_reads_a_production_line_column():
    text = "工号,姓名,部门,性别,出生日期,拉别\nA1,张三,装配,女,2001-02-03,3拉\nA2,李四,装配,男,1999-12-01,\n"
    workers = read_roster(text.encode("utf-8"), "r.csv").workers
    assert (workers[0].line, workers[1].line) == ("3拉", "")


def test_the_explanation_says_who_was_drawn_and_why(roster):
    sample = draw_sample(roster, 12, 4242, DAY)
    text = explain_draw(12, sample.public()["workers"], len(sample.document_checks))
    flagged = sum(1 for s in sample.drawn if s.reasons[0].startswith(("underage", "young", "hired", "identity", "past")))
    assert text.startswith(f"12 workers drawn for the 12 asked: {flagged} flagged by the roster check")
    assert f"{len(sample.document_checks)} more flagged workers are listed for document checks" in text
    grown = draw_sample(roster, 1, 4242, DAY)
    assert explain_draw(1, grown.public()["workers"]).startswith(
        "2 workers drawn, 1 more than the 1 asked: the youngest and the oldest worker are always added")
    everyone = draw_sample(roster, 500, 1, DAY)
    assert explain_draw(500, everyone.public()["workers"]).startswith("Every worker of the roster is drawn (150)")


def test_roster_beside_headcount_and_young_workers():
    assert headcount_check(150, 150).mismatch is False
    far = headcount_check(120, 780)
    assert far.mismatch and far.text.startswith("The roster lists 120 workers; the headcount for the audit is 780: "
                                                "660 fewer than the headcount")
    assert headcount_check(120, 0) is None
    same = young_workers_check(["young", "young", "underage", "historical"], 2)
    assert not same.mismatch and "as the factory profile declares" in same.text and "1 worker is below" in same.text
    off = young_workers_check(["young"] * 5, 3)
    assert off.mismatch and "declares 3: 2 more than declared" in off.text


def test_analysis_names_the_flagged_and_counts_document_checks(roster, roster_bytes):
    draw = recorded(roster, roster_bytes)
    found = analyse_roster(roster, draw["roster_sha256"], draw, [DAY], "CN", headcount=200)
    assert found.key is not None and found.problem == ""
    assert found.document_checks == len(found.key.sample.document_checks)
    assert {f.kind for f in found.flags} >= {"underage", "young"}
    assert found.triage.group("headcount") is not None
    underage = next(f for f in found.flags if f.kind == "underage")
    assert found.code_of(underage.worker_id) == (found.key.sample.code_of(underage.worker_id) or "")
    stale = analyse_roster(roster, "f" * 64, draw, [DAY])
    assert stale.key is None and "not the file" in stale.problem
