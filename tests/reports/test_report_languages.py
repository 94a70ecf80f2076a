"""Reports in the reader's language (issue 11, item 3): the report and the CAP in `en`, `zh` or `both`,
read back from the PDFs. Fixed text follows the language; what the auditor and the factory typed is
printed as typed; the CAP is in both languages unless asked otherwise."""

from __future__ import annotations

import json
import re

import pytest

from auditor_app import cli
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.messages import load_messages
from auditor_app.reports.cap import build_cap
from auditor_app.reports.report import build_report
from auditor_app.reports.report_status import recommendation
from auditor_app.reports.wording import Wording, report_language
from tests.reports.conftest import flat, pdf_text

CHINESE = re.compile(r"[\u3400-\u9fff]")
# Headings of the report, each in English and in Chinese.
REPORT_HEADINGS = [("Executive summary", "执行摘要"), ("Factory profile", "工厂概况"),
                   ("Scope and process", "审核范围与过程"), ("Recommended factory status", "推荐的工厂状态"),
                   ("Findings by section", "按部分列出的不符合项"), ("Audit details", "审核详情")]
CAP_HEADINGS = [("Corrective Action Plan", "纠正措施计划"), ("Root cause", "根本原因"),
                ("Corrective action", "纠正措施"), ("Preventive action", "预防措施"),
                ("Agreement and signatures", "确认与签字"), ("Final CAP due", "最终CAP提交期限")]


def typed_chinese(doc: dict) -> set[str]:
    """Every Chinese character anywhere in the audit record: what people typed (names, addresses,
    departments ...). A report's Chinese beyond these is the report's own words."""
    return set(CHINESE.findall(json.dumps(doc, ensure_ascii=False)))


def live_findings(doc: dict) -> list[dict]:
    return [f for f in doc["finding"] if not f.get("deleted_at")]


def test_report_in_chinese(demo_doc, tmp_path):
    out = tmp_path / "report-zh.pdf"
    build_report(demo_doc, out, lang="zh")
    text = pdf_text(out)
    for english, chinese in REPORT_HEADINGS:
        assert chinese in text and english not in text
    assert "第1页，共" in flat(text) and "Page 1 of" not in text
    # The checkpoints' questions in the edition's own Chinese; the auditor's descriptions as typed.
    edition = load_checklist(demo_doc["audit"]["checklist_version"])
    for finding in live_findings(demo_doc):
        checkpoint = edition.checkpoint(finding["checkpoint_id"])
        assert flat(checkpoint.question_zh) in flat(text)
        assert flat(checkpoint.question) not in flat(text)
        assert flat(finding["description"]) in flat(text)
    # The rating's reasons and the grades in Chinese.
    rec, _ = recommendation(demo_doc)
    assert rec is not None and rec.reasons
    assert flat(rec.reasons[0].render("zh"))[:30] in flat(text)
    assert "零容忍" in text and "严重" in text
    # Roster values as recorded, under Chinese labels: a department beside its label.
    assert "部门" in text and "注塑车间" in text


def test_report_in_english_has_no_chinese_of_its_own(demo_doc, tmp_path):
    out = tmp_path / "report-en.pdf"
    build_report(demo_doc, out, lang="en")
    text = pdf_text(out)
    for english, chinese in REPORT_HEADINGS:
        assert english in text and chinese not in text
    # Chinese appears only where someone typed it (the factory's name, addresses, departments).
    assert set(CHINESE.findall(text)) <= typed_chinese(demo_doc)
    assert "东莞华兴玩具有限公司" in text


def test_report_in_both_languages(demo_doc, tmp_path):
    out = tmp_path / "report-both.pdf"
    build_report(demo_doc, out, lang="both")
    text = pdf_text(out)
    for english, chinese in REPORT_HEADINGS:
        assert english in text and chinese in text
    edition = load_checklist(demo_doc["audit"]["checklist_version"])
    # A Minor NC: the executive summary quotes the gravest ones, so theirs show twice by design.
    finding = next(f for f in live_findings(demo_doc) if f["grade"] == "minor")
    checkpoint = edition.checkpoint(finding["checkpoint_id"])
    assert flat(checkpoint.question) in flat(text) and flat(checkpoint.question_zh) in flat(text)
    # Typed text once, not doubled.
    assert flat(text).count(flat(finding["description"])) == 1


def test_cap_is_in_both_languages_unless_asked(demo_doc, tmp_path):
    both, english, chinese = tmp_path / "cap.pdf", tmp_path / "cap-en.pdf", tmp_path / "cap-zh.pdf"
    build_cap(demo_doc, both)
    build_cap(demo_doc, english, lang="en")
    build_cap(demo_doc, chinese, lang="zh")
    both_text, en_text, zh_text = pdf_text(both), pdf_text(english), pdf_text(chinese)
    for en, zh in CAP_HEADINGS:
        assert en in both_text and zh in both_text
        assert en in en_text and zh not in en_text
        assert zh in zh_text and en not in zh_text
    assert set(CHINESE.findall(en_text)) <= typed_chinese(demo_doc)
    # The factory's and the auditor's typed words as typed, once, in every language.
    caps = [c for c in demo_doc["cap_item"] if c.get("root_cause")]
    assert caps
    for text in (both_text, en_text, zh_text):
        for cap in caps[:3]:
            assert flat(cap["root_cause"]) in flat(text)
    for finding in live_findings(demo_doc):
        assert flat(both_text).count(flat(finding["description"])) == 1
    # The signature block and the page furniture in both languages.
    for sig in demo_doc["signature"]:
        assert sig["name"] in both_text
    assert "有权实施CAP" in both_text and "Authority to implement the CAP" in both_text
    assert "Page 1 of" in both_text and "第1页" in flat(both_text)


def test_cli_lang_flags(demo_id, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["report"])
    report, cap = tmp_path / "r.pdf", tmp_path / "c.pdf"
    assert cli.main(["report", demo_id[:8], "-o", str(report), "--cap", str(cap), "--lang", "zh"]) == 0
    assert "执行摘要" in pdf_text(report) and "Executive summary" not in pdf_text(report)
    cap_text = pdf_text(cap)  # the CAP stays bilingual: --lang is the report's
    assert "Corrective Action Plan" in cap_text and "纠正措施计划" in cap_text

    assert cli.main(["report", demo_id[:8], "-o", str(report), "--cap", str(cap), "--cap-lang", "en"]) == 0
    assert "Executive summary" in pdf_text(report)
    assert "纠正措施计划" not in pdf_text(cap)

    with pytest.raises(SystemExit):
        cli.main(["report", demo_id[:8], "-o", str(report), "--lang", "fr"])
    assert "invalid choice" in capsys.readouterr().err


def test_every_report_text_is_in_both_languages_and_named_in_the_code():
    """The fixed words are data (resources/messages/report.yaml, checked on load: en and zh, the same
    placeholders); every id the PDF code names exists there."""
    from pathlib import Path

    import auditor_app.reports as package

    known = load_messages()
    ids = {k for k in known if k.startswith(("report.", "cap.", "call_list."))}
    assert len(ids) > 200 and all(known[k].zh.strip() and known[k].en.strip() for k in ids)
    named = set()
    for source in Path(package.__file__).parent.glob("*.py"):
        named |= set(re.findall(r"""["']((?:report|cap|call_list)\.[a-z_]+(?:\.[a-z_]+)+)["']""", source.read_text()))
    # A plural's stem names two: <stem>.one and <stem>.many.
    missing = {n for n in named if n not in known and not {f"{n}.one", f"{n}.many"} <= set(known)}
    assert named and not missing, sorted(missing)


def test_wording_joins_short_texts_on_a_line_and_stacks_long_ones():
    both = Wording("both")
    assert both("report.col.status") == "Status / 状态"
    assert "\n" in both("report.findings.intro")
    assert Wording("zh")("report.col.status") == "状态" and Wording("en")("report.col.status") == "Status"
    assert both("cap.col.number") == "#"  # the same in both: once
    assert [report_language(v) for v in ("EN", "zh_CN", "Both", None)] == ["en", "zh", "both", "en"]
    with pytest.raises(ValueError):
        report_language("fr")
