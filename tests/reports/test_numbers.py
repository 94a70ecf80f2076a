"""The numbers the report states are true: interviews counted when held (a group counts each worker),
beside the plan and the draw, with the shortfall and its reasons; the roster beside the confirmed
headcount; the draw shown by its commitment, never its seed; a finalized report without draft words."""

from __future__ import annotations

import copy
import hashlib

from auditor_app.reports.interviews import interview_summary
from auditor_app.reports.report import build_report
from tests.reports.conftest import finalized, flat, pdf_text

HELD_AT = "2026-11-18T06:00:00.000Z"


def _with_interviews(doc: dict, drawn: int, held: int, groups: list[tuple[int, bool]] = ()) -> dict:
    """`doc` with a draw of `drawn` workers of whom `held` were interviewed, and group interviews
    [(size, held)]; the plan asks for every drawn worker and the groups."""
    out = copy.deepcopy(doc)
    draw = out["sample_draw"][-1]
    strata = [{"department": "Assembly" if i % 3 else "Packing", "gender": "female" if i % 2 else "male",
               "shift": "day"} for i in range(drawn)]
    draw["drawn"] = [{"code": f"W-{i + 1:02d}", "stratum": strata[i], "reasons": []} for i in range(drawn)]
    draw["size"] = drawn
    group_size = groups[0][0] if groups else 0
    draw["plan"] = {"man_days": 4.0, "individual_interviews": drawn, "group_interviews": len(groups),
                    "group_size": group_size, "workers_to_interview": drawn + len(groups) * group_size}
    rows = [{"id": f"iv-{i:03d}", "code": f"W-{i + 1:02d}", "kind": "individual", "group_size": 1,
             "stratum": strata[i], "conducted_at": HELD_AT if i < held else None, "notes": "", "quotes": []}
            for i in range(drawn)]
    rows += [{"id": f"gv-{n}", "code": f"G-{n + 1:02d}", "kind": "group", "group_size": size,
              "stratum": {"department": "Packing"}, "conducted_at": HELD_AT if done else None, "notes": "",
              "quotes": []} for n, (size, done) in enumerate(groups)]
    out["interview"] = rows
    out["finding_interview"] = []
    return out


def _report_text(doc: dict, tmp_path, name: str = "r.pdf") -> str:
    out = tmp_path / name
    build_report(doc, out)
    return pdf_text(out)


def test_one_of_59_drawn_interviews_held_says_one_worker(demo_doc, tmp_path):
    doc = _with_interviews(demo_doc, drawn=59, held=1)
    doc["gap_closure"] = [
        {"gap": "interview:iv-001", "reason": "absent", "note": "", "closed_at": HELD_AT},
        {"gap": "interview:iv-002", "reason": "refused", "note": "", "closed_at": HELD_AT},
    ]
    text = flat(_report_text(doc, tmp_path))
    assert flat("1 worker interviewed: 1 individual interview and 0 group interviews.") in text
    assert "59workersinterviewed" not in text
    # planned / drawn / held / not held, and the shortfall with its reasons
    assert flat("Planned (sampling table, 4 man-days) 59 0 59") in text
    assert flat("Drawn at random from the roster 59 — 59") in text
    assert flat("Held 1 0 1") in text
    assert flat("Not held 58 0") in text
    assert flat("Shortfall: 58 workers fewer than planned: 58 individual interviews not held. "
                "Why: absent 1, refused 1. No reason was recorded for 56 of them.") in text


def test_a_group_of_four_is_four_workers_and_strata_count_held_interviews(demo_doc, tmp_path):
    doc = _with_interviews(demo_doc, drawn=6, held=2, groups=[(4, True), (4, False)])
    s = interview_summary(doc)
    assert (s.individual, s.groups, s.group_workers, s.workers) == (2, 1, 4, 6)
    assert (s.individual_not_held, s.groups_not_held, s.shortfall) == (4, 1, 8)
    gender = dict((label, values) for label, values in s.strata)["Gender"]
    assert {(v.value, v.drawn, v.held, v.not_held) for v in gender} == {("male", 3, 1, 2), ("female", 3, 1, 2)}
    department = {v.value: (v.drawn, v.held, v.not_held) for v in dict(s.strata)["Department"]}
    assert department["Packing"] == (2, 4 + 1, 4 + 1)  # W-01 held, W-04 not; a group of 4 held, one not
    text = flat(_report_text(doc, tmp_path))
    assert flat("6 workers interviewed: 2 individual interviews and 1 group interview with 4 workers.") in text
    assert flat("Shortfall: 8 workers fewer than planned: 4 individual interviews not held; "
                "1 group interview of 2 planned not held.") in text


def test_roster_size_beside_the_confirmed_headcount(demo_doc, tmp_path):
    text = flat(_report_text(demo_doc, tmp_path))
    profile = demo_doc["factory_profile"]
    men, women = profile["headcount_male"], profile["headcount_female"]
    roster = demo_doc["sample_draw"][-1]["roster_workers"]
    assert roster != men + women
    assert flat(f"Roster given to the auditor: {roster} workers; headcount confirmed by management: "
                f"{men + women} ({men} men + {women} women).") in text
    assert flat(f"Difference: the roster lists {men + women - roster} workers fewer than the confirmed "
                "headcount.") in text
    same = copy.deepcopy(demo_doc)
    same["sample_draw"][-1]["roster_workers"] = men + women
    text = flat(_report_text(same, tmp_path, "same.pdf"))
    assert flat(f"headcount confirmed by management: {men + women} ({men} men + {women} women). They agree.") in text


def test_the_draw_is_shown_by_its_commitment_never_by_its_seed(demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    draw = doc["sample_draw"][-1]
    draw["seed"] = 918273645
    commitment = hashlib.sha256(f"918273645:{draw['roster_sha256']}".encode()).hexdigest()
    text = _report_text(doc, tmp_path)
    assert commitment in flat(text)
    assert "918273645" not in flat(text)
    assert flat('The commitment is the SHA-256 of the text "<seed>:<roster SHA-256>"') in flat(text)


def test_a_finalized_report_says_in_progress_nowhere(demo_doc, tmp_path):
    doc = finalized(demo_doc)
    for stage in doc["stage_progress"]:
        stage["status"] = "in_progress"
    doc["finding"][0]["status"] = "in_progress"
    doc["document_check"][0]["status"] = "requested"
    closing = next(m for m in doc["meeting"] if m["kind"] == "closing")
    closing.update(zt_notice_to="", zt_notice_at=None)
    text = _report_text(doc, tmp_path)
    lower = flat(text).lower()
    for draft_words in ("inprogress", "draft", "notfinalized", "maystillchange", "yet:"):
        assert draft_words not in lower, draft_words
    assert flat("open (correction under way)") in flat(text)
    assert flat("Not provided") in flat(text)
    # the same document as a draft does say where it stands
    draft_text = flat(_report_text(demo_doc | {"stage_progress": doc["stage_progress"]}, tmp_path, "d.pdf")).lower()
    assert "inprogress" in draft_text and "draft" in draft_text
