"""Absent and refusing workers replaced from the same stratum (operations), the interview form's
structure, and the roster kept on the laptop (0600 files in a 0700 folder)."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import date

import pytest
from sqlalchemy import select

from auditor_app.audits import create_audit
from auditor_app.audits.completeness import check_document
from auditor_app.audits.interviews import record_draw, update_interview
from auditor_app.audits.operation import InvalidChange, run_operation
from auditor_app.audits.replacements import replace_drawn_worker, undo_replacement
from auditor_app.checklist.call_list import draw_key
from auditor_app.checklist.demo_roster import demo_workers, roster_csv
from auditor_app.checklist.roster import read_roster
from auditor_app.checklist.selection import draw_sample, worker_strata
from auditor_app.kept_rosters import KeptRosters
from auditor_app.package.document import audit_document
from auditor_app.reports.interviews import interview_summary
from auditor_app.store.models import GapClosure, Interview

DAY = date(2026, 11, 18)
FACTORY = {"name": "Shantou Happy Toys Co., Ltd.", "headcount_male": 60, "headcount_female": 90}


@pytest.fixture
def drawn(store):
    """An audit with a recorded draw of 12 from a 150-worker roster; (audit id, roster, its bytes)."""
    data = roster_csv(demo_workers(150, seed=7, on_date=DAY, underage=(15,), young=(17,))).encode("utf-8-sig")
    roster = read_roster(data, "roster.csv")
    sample = draw_sample(roster, 12, 99, DAY)
    with store.transaction() as s:
        audit_id = create_audit(s, audit_type="ICA", factory=FACTORY, planned_start=DAY,
                                team=[{"name": "Li Wei", "role": "lead auditor"}]).id
        record_draw(s, audit_id, seed=99, size=12, roster_sha256=hashlib.sha256(data).hexdigest(),
                    roster_workers=150, plan={}, drawn=sample.public()["workers"], age_flags=[])
    return audit_id, roster, data


def interview(store, code):
    with store.session() as s:
        return s.scalars(select(Interview).where(Interview.code == code)).one()


def replace(store, drawn, code, reason="absent", note=""):
    _audit_id, roster, data = drawn
    iv = interview(store, code)
    return run_operation(store, replace_drawn_worker, iv.id, reason, note, roster=roster,
                         roster_sha256=hashlib.sha256(data).hexdigest()).result


def test_absent_worker_is_marked_and_replaced_by_the_next_of_the_same_stratum(store, drawn):
    audit_id, roster, data = drawn
    result = replace(store, drawn, "W-05")
    assert result["replaced"] == "W-05" and result["code"] == "W-13"
    new = interview(store, "W-13")
    with store.session() as s:
        closure = s.scalars(select(GapClosure)).one()
    assert (closure.gap, closure.reason) == (f"interview:{interview(store, 'W-05').id}", "absent")
    # reproducible: anyone with the roster and the seed finds the same worker, same stratum
    key = draw_key(roster, hashlib.sha256(data).hexdigest(),
                   {"id": new.details["draw_id"], "seed": 99, "size": 12,
                    "roster_sha256": hashlib.sha256(data).hexdigest(),
                    "drawn": draw_sample(roster, 12, 99, DAY).public()["workers"]}, [DAY])
    absent_id = key.worker_id_of("W-05")
    strata = worker_strata(roster, DAY)
    if new.details["match"] == 0:
        assert new.stratum == strata[absent_id]
    assert key.worker_id_of("W-13", new.details) == key.reserve[result["rank"]]
    # nothing that names a worker is stored
    worker = next(w for w in roster.workers if w.worker_id == key.reserve[result["rank"]])
    assert worker.worker_id not in repr(new.details) + repr(new.stratum) and worker.name not in repr(new.details)
    # the report counts W-05 as not held because absent; the completeness check asks for W-13
    with store.session() as s:
        doc = audit_document(s, audit_id)
    assert ("absent", 1) in interview_summary(doc).reasons
    gaps = {g.key for g in check_document(doc).open}
    assert f"interview:{new.id}" in gaps and f"interview:{interview(store, 'W-05').id}" not in gaps


def test_a_second_absence_in_the_stratum_takes_the_next_worker(store, drawn):
    first = replace(store, drawn, "W-05", "refused")
    second = replace(store, drawn, first["code"], "other", "sent home sick")
    assert second["code"] == "W-14" and second["rank"] != first["rank"]
    assert interview(store, "W-14").details["replaces"] == "W-13"


def test_refusals(store, drawn):
    _audit_id, roster, data = drawn
    iv = interview(store, "W-02")
    with pytest.raises(InvalidChange, match="say why"):
        run_operation(store, replace_drawn_worker, iv.id, "other", " ", roster=roster,
                      roster_sha256=hashlib.sha256(data).hexdigest())
    with pytest.raises(InvalidChange, match="not the file the workers were drawn from"):
        run_operation(store, replace_drawn_worker, iv.id, "absent", roster=roster, roster_sha256="a" * 64)
    update = {"kind": "individual", "group_size": 1, "notes": "", "quotes": [], "held": True}
    run_operation(store, update_interview, iv.id, **update)
    with pytest.raises(InvalidChange, match="W-02 was interviewed"):
        replace(store, drawn, "W-02")
    replace(store, drawn, "W-03")
    with pytest.raises(InvalidChange, match="already marked"):
        replace(store, drawn, "W-03")
    with store.session() as s:
        assert len(s.scalars(select(Interview)).all()) == 13  # one replacement, nothing else


def test_came_after_all_removes_an_untouched_replacement_and_keeps_a_used_one(store, drawn):
    first = replace(store, drawn, "W-05")
    result = run_operation(store, undo_replacement, interview(store, "W-05").id).result
    assert result == {"reopened": "W-05", "removed": first["code"], "kept": None}
    with store.session() as s:
        assert s.scalars(select(GapClosure)).first() is None
        assert s.scalars(select(Interview).where(Interview.code == first["code"])).first() is None
    again = replace(store, drawn, "W-05")
    assert again["code"] == first["code"] and again["rank"] == first["rank"]  # the same worker again
    run_operation(store, update_interview, interview(store, again["code"]).id, kind="individual", group_size=1,
                  notes="came at 10:00", quotes=[], held=True)
    kept = run_operation(store, undo_replacement, interview(store, "W-05").id).result
    assert kept["kept"] == again["code"] and kept["removed"] is None
    with pytest.raises(InvalidChange, match="not marked"):
        run_operation(store, undo_replacement, interview(store, "W-05").id)


def test_interview_form_structure_is_stored_checked_and_keeps_the_replacement_link(store, drawn):
    first = replace(store, drawn, "W-05")
    iv = interview(store, first["code"])
    details = {"topics": ["pay", "hours", "fees"], "interviewer": "Li Wei", "language": "Cantonese (粤语)",
               "interpreter": "", "place": "Off site", "management_present": False, "id_seen": None}
    run_operation(store, update_interview, iv.id, kind="individual", group_size=1, notes="n", quotes=[], held=True,
                  details=details)
    stored = interview(store, first["code"]).details
    assert stored["topics"] == ["hours", "pay", "fees"]  # in the form's order
    assert stored["management_present"] is False and "id_seen" not in stored and "interpreter" not in stored
    assert stored["replaces"] == "W-05"  # the form never drops the replacement's link
    run_operation(store, update_interview, iv.id, kind="individual", group_size=1, notes="n", quotes=[], held=True)
    assert interview(store, first["code"]).details == stored  # details=None leaves them alone
    for bad in ({"topics": ["wages"]}, {"mood": "tense"}, {"id_seen": "yes"}, {"place": "x" * 201}):
        with pytest.raises(InvalidChange):
            run_operation(store, update_interview, iv.id, kind="individual", group_size=1, notes="", quotes=[],
                          held=False, details=bad)


def test_kept_rosters_are_private_and_found_again(data_folder):
    kept = KeptRosters(data_folder)
    sha = kept.keep("audit-1", b"worker_id,name\nA1,Zhang\n", "花名册.csv")
    assert sha == hashlib.sha256(b"worker_id,name\nA1,Zhang\n").hexdigest()
    folder = data_folder.rosters / "audit-1"
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(data_folder.rosters).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        for f in folder.iterdir():
            assert stat.S_IMODE(os.stat(f).st_mode) == 0o600, f.name
    newer = kept.keep("audit-1", b"worker_id,name\nA2,Li\n", "v2.csv")
    assert kept.shas("audit-1") == [newer, sha]
    found = kept.read("audit-1", sha)
    assert (found.name, found.data) == ("花名册.csv", b"worker_id,name\nA1,Zhang\n")
    (folder / f"{sha}.roster").write_bytes(b"edited")
    assert kept.read("audit-1", sha) is None  # no longer what was kept
    assert kept.shas("audit-2") == [] and kept.read("audit-2", newer) is None
    with pytest.raises(ValueError):
        kept.keep("../elsewhere", b"x", "x.csv")
