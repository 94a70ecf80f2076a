"""What the audit could not complete (gaps closed with a reason), the closing meeting's record, what
each CAP signature signed, and what the seal proves: printed, and only as far as it is true."""

from __future__ import annotations

import copy
import re
from datetime import date

from pypdf import PdfReader

from auditor_app.checklist.loader import load_checklist
from auditor_app.package.cap_content import cap_sha256
from auditor_app.reports.cap import build_cap
from auditor_app.reports.gaps import gap_words
from auditor_app.reports.report import build_report
from tests.reports.conftest import bind_signatures, finalized, flat, pdf_text

CLOSED = "2026-11-19T07:00:00.000Z"
GONE = "00000000-0000-4000-8000-00000000dead"
EARLIER = "Signed an earlier version of this CAP (content changed after signing)"
BREAKS = "any change after signing breaks it"


def _both(doc: dict, tmp_path, stem: str = "x") -> tuple[str, str]:
    report, cap = tmp_path / f"{stem}-report.pdf", tmp_path / f"{stem}-cap.pdf"
    build_report(doc, report)
    build_cap(doc, cap, today=date(2026, 11, 19), lang="en")  # the closing day: nothing is overdue yet
    return pdf_text(report), pdf_text(cap)


def _row(doc: dict, table: str, **match) -> dict:
    return next(r for r in doc[table] if all(r.get(k) == v for k, v in match.items()))


def test_gaps_closed_with_a_reason_are_named_in_words(demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    w12 = _row(doc, "interview", code="W-12")
    w12["conducted_at"] = None
    social = next(d for d in doc["document_check"] if d["name"].startswith("Social insurance"))
    dorm = _row(doc, "tour_area", kind="dormitory")
    doc["gap_closure"] = [
        {"gap": "checkpoint:9.5.4", "reason": "not_applicable", "note": "No lifts on site", "closed_at": CLOSED},
        {"gap": f"interview:{w12['id']}", "reason": "absent", "note": "", "closed_at": CLOSED},
        {"gap": f"document:{social['id']}", "reason": "not_available",
         "note": "Kept by the group's head office in Shenzhen", "closed_at": CLOSED},
        {"gap": f"area:{dorm['id']}", "reason": "refused", "note": "Night shift asleep", "closed_at": CLOSED},
        {"gap": f"interview:{GONE}", "reason": "other", "note": "", "closed_at": CLOSED},
    ]
    out = tmp_path / "r.pdf"
    build_report(doc, out)
    text = flat(pdf_text(out))
    question = load_checklist("4.0").checkpoint("9.5.4").question
    assert flat("Not completed, with reasons") in text
    assert flat("Checkpoint 9.5.4: " + question[:40]) in text and flat("not applicable No lifts on site") in text
    assert flat("Worker interview W-12 absent") in text
    assert flat(f"Document: {social['name']} not available Kept by the group's head office in Shenzhen") in text
    assert flat(f"Tour area: {dorm['name']} refused Night shift asleep") in text
    assert flat("Worker interview (no longer in this audit) other reason") in text
    for raw in (w12["id"], social["id"], dorm["id"], GONE):
        assert raw not in text and raw[:8] not in text, "a raw row id is printed"
    assert flat("Why: absent 1.") in text  # the interview shortfall names the reason too


def test_closing_meeting_record_with_position_disagreements_and_zt_notice(demo_doc, tmp_path):
    doc = copy.deepcopy(demo_doc)
    closing = _row(doc, "meeting", kind="closing")
    closing.update(factory_position="partly", disagreements="The factory disputes 11.4.1: the second payroll "
                   "was a draft by a former clerk.", zt_notice_to="ESCP program office (Ms. Chan)",
                   zt_notice_at="2026-11-19T10:30:00.000Z")
    report, cap = _both(doc, tmp_path)
    text = flat(report)
    assert flat("Closing meeting Held 2026-11-19 16:00 UTC+08:00") in text
    assert flat("Wu Meiling 吴美玲 — General Manager (factory)") in text
    assert flat("What was explained " + closing["notes"]) in text
    assert flat("Factory's position Agrees with the findings in part") in text
    assert flat("Disagreements " + closing["disagreements"]) in text
    notice = "Sent to ESCP program office (Ms. Chan) on 2026-11-19 18:30 UTC+08:00"
    assert flat(f"Zero Tolerance notice {notice}, within 24 hours of the closing meeting.") in text
    assert flat(f"Notice: {notice}") in flat(cap)

    late = copy.deepcopy(doc)
    _row(late, "meeting", kind="closing")["zt_notice_at"] = "2026-11-21T08:00:00.000Z"
    report, _ = _both(late, tmp_path, "late")
    assert flat("48 hours after the closing meeting (later than 24 hours).") in flat(report)

    missing = copy.deepcopy(demo_doc)
    _row(missing, "meeting", kind="closing").update(zt_notice_to="", zt_notice_at=None)  # no notice yet
    report, cap = _both(missing, tmp_path, "missing")
    assert flat("Zero Tolerance notice Not recorded yet: due within 24 hours of the end of the audit.") in flat(report)
    no_zt = copy.deepcopy(doc)
    no_zt["finding"] = [f for f in no_zt["finding"] if f["grade"] != "zero_tolerance"]
    report, cap = _both(no_zt, tmp_path, "nozt")
    assert "ZeroTolerancenotice" not in flat(report) and "Notice:" not in cap


def _red_text_ops(pdf) -> int:
    """How many text-showing operations are drawn in the warning red (#B0302A)."""
    count = 0
    for page in PdfReader(str(pdf)).pages:
        data = page.get_contents().get_data().decode("latin-1")
        count += len(re.findall(r"\.690196 \.188235 \.164706 rg\s+BT", data))
        count += len(re.findall(r"\.690196 \.188235 \.164706 rg [^\n]*?Tj", data))
    return count


def test_signature_says_signed_only_for_the_cap_it_signed(demo_doc, tmp_path):
    doc = bind_signatures(demo_doc)
    _row(doc, "meeting", kind="closing").update(zt_notice_to="ESCP", zt_notice_at="2026-11-19T09:00:00.000Z")
    signed16 = cap_sha256(doc)[:16]
    report, cap = _both(doc, tmp_path)
    for text in (report, cap):
        assert flat(f"Signed 2026-11-19 16:40 UTC+08:00 · CAP content SHA-256 {signed16}…") in flat(text)
        assert flat(EARLIER) not in flat(text)
    assert flat(cap).count(flat(f"CAP content SHA-256 {signed16}")) == len(doc["signature"])

    changed = copy.deepcopy(doc)  # the factory's comment edited after both signed
    changed["cap_item"][0]["factory_comment"] = "Edited after the closing meeting."
    assert cap_sha256(changed) != cap_sha256(doc)
    report, cap = _both(changed, tmp_path, "changed")
    for text in (report, cap):
        assert flat(text).count(flat(EARLIER)) == len(doc["signature"])
        assert flat(f"CAP content SHA-256 {signed16}…") in flat(text)  # the version they did sign
        assert "Signed2026-11-19" not in flat(text)
        assert flat(f"SHA-256 {cap_sha256(changed)[:16]}") in flat(text)  # this CAP's own hash, to compare
    assert _red_text_ops(tmp_path / "changed-cap.pdf") >= len(doc["signature"])
    assert _red_text_ops(tmp_path / "x-cap.pdf") == 0


def test_any_change_breaks_it_only_when_the_seal_is_signed_with_a_device_key(demo_doc, tmp_path):
    draft_report, draft_cap = _both(demo_doc, tmp_path, "draft")
    signed_report, signed_cap = _both(finalized(demo_doc, statement=True), tmp_path, "signed")
    bare_report, bare_cap = _both(finalized(demo_doc, statement=False), tmp_path, "bare")
    for text in (signed_report, signed_cap):
        assert flat(BREAKS) in flat(text).lower()
        assert flat("signed by Li Na, Pearl River Assurance with device key 3f2a 91c0 7d5e 8b41") in flat(text)
    for text in (draft_report, draft_cap, bare_report, bare_cap):
        assert flat(BREAKS) not in flat(text).lower()
    for text in (bare_report, bare_cap):
        assert flat("The seal is a hash of the record, not signed with a device key: it detects accidental "
                    "change only.") in flat(text)


def test_every_kind_of_gap_has_words_and_no_raw_id(demo_doc):
    doc = copy.deepcopy(demo_doc)
    finding = next(f for f in doc["finding"] if f["checkpoint_id"] == "9.2.2")
    cap = _row(doc, "cap_item", finding_id=finding["id"])
    draw = doc["sample_draw"][-1]
    group = _row(doc, "interview", code="G-01")
    checklist = load_checklist("4.0")
    words = {key: gap_words(key, doc, checklist) for key in (
        f"cap.root_cause:{cap['id']}", f"age_flag:{draw['id']}.1", f"age_flag:{draw['id']}.999",
        f"interview:{group['id']}", f"nc:{finding['id']}", "signature:factory_manager", "zt_notice",
        "closing_meeting", f"mystery_kind:{GONE}", "checkpoint:99.9.9")}
    assert words[f"cap.root_cause:{cap['id']}"] == "CAP of NC 9.2.2: root cause"
    assert words[f"age_flag:{draw['id']}.1"].startswith("Age flag (") and draw["age_flags"][0]["text"][:20] in \
        words[f"age_flag:{draw['id']}.1"]
    assert words[f"age_flag:{draw['id']}.999"] == "Age flag (no longer in this audit)"
    assert words[f"interview:{group['id']}"] == f"Group interview G-01 ({group['group_size']} workers)"
    assert words[f"nc:{finding['id']}"] == "Description of NC 9.2.2"
    assert words["signature:factory_manager"] == "Signature of the CAP by the factory manager"
    assert words["zt_notice"] == "Zero Tolerance notice to the program"
    assert words["checkpoint:99.9.9"] == "Checkpoint 99.9.9"
    assert words[f"mystery_kind:{GONE}"] == "Mystery kind (no longer in this audit)"
    for text in words.values():
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}", text), text
