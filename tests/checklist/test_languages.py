"""The standard in English and Simplified Chinese: every text of both shipped editions and every
rule label users see carries `x` and `x_zh`; the loader refuses an edition where one is missing; the
Chinese uses the glossary's words (docs/glossary-zh.md)."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from auditor_app.checklist import loader
from auditor_app.checklist.cap_policy import load_cap_policy
from auditor_app.checklist.definition import AREAS, STAGES, lang_code
from auditor_app.checklist.grades import load_grades, raise_to
from auditor_app.checklist.labels import Label, label, labels, load_labels
from auditor_app.checklist.loader import ChecklistError, load_checklist
from auditor_app.checklist.sampling import age_band_label, age_bands
from auditor_app.checklist.selection import DIMENSIONS
from auditor_app.checklist.status_rules import load_status_rules
from auditor_app.resources import RulesFileError
from tests.checklist.editions import REAL_RESOURCES

CJK = re.compile(r"[\u4e00-\u9fff]")
EDITIONS = ("3.0", "4.0")


@pytest.fixture(scope="module")
def shipped():
    root = str(REAL_RESOURCES / "checklists")
    return {v: loader._load(root, v) for v in EDITIONS}


def _texts(checklist, lang):
    """(where, text) of every user-visible text of an edition in one language."""
    yield "edition title", checklist.text("title", lang)
    for section in checklist.sections:
        yield f"section {section.id}", section.text("title", lang)
        for sub in section.subsections:
            yield f"subsection {sub.id}", sub.text("title", lang)
            for cp in sub.checkpoints:
                yield f"{cp.id} question", cp.text("question", lang)
                yield f"{cp.id} guidance", cp.text("guidance", lang)
                if cp.conditional is not None:
                    yield f"{cp.id} note", cp.conditional.text("note", lang)
                for kind in ("documents", "tour", "interviews"):
                    for item in cp.evidence.text(kind, lang):
                        yield f"{cp.id} {kind}", item


# ---- the shipped editions ------------------------------------------------------------------------

@pytest.mark.parametrize("version", EDITIONS)
def test_every_text_of_the_shipped_editions_is_in_chinese(shipped, version):
    checklist = shipped[version]
    for where, text in _texts(checklist, "zh"):
        assert CJK.search(text), (version, where, text)
    for cp in checklist.checkpoints:
        for kind in ("documents", "tour", "interviews"):
            assert len(cp.evidence.text(kind, "zh")) == len(getattr(cp.evidence, kind)), (cp.id, kind)


@pytest.mark.parametrize("version", EDITIONS)
def test_english_attributes_stay_english(shipped, version):
    for cp in shipped[version].checkpoints:
        assert cp.question == cp.text("question") == cp.text("question", "en")
        assert not CJK.search(cp.question.replace("非出口", "")), cp.id
        assert cp.text("question", "zh_CN") == cp.question_zh != cp.question


@pytest.mark.parametrize("version", EDITIONS)
def test_chinese_keeps_the_figures_and_cross_references(shipped, version):
    """Every checkpoint id the English guidance points to ("judged under 11.7.2") and every
    percentage and hour figure is in the Chinese too."""
    ref = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.])")
    figure = re.compile(r"\d+(?:\.\d+)? ?%|\d+ (?:hours|days|minutes)")
    for cp in shipped[version].checkpoints:
        for field in ("question", "guidance"):
            en, zh = cp.text(field, "en"), cp.text(field, "zh")
            assert set(ref.findall(en)) <= set(ref.findall(zh)), (cp.id, field)
            for f in figure.findall(en):
                number = re.match(r"\d+(?:\.\d+)?", f).group()
                assert number in zh, (cp.id, field, f)


# The glossary (docs/glossary-zh.md): words an auditor in China would not use for the standard's
# terms, with the one the translation uses.
NOT_THESE = {
    "不合规项": "不符合项", "不符合点": "不符合项", "纠正行动计划": "纠正措施计划", "改善计划": "纠正措施计划",
    "致命": "严重", "零容许": "零容忍", "灭火筒": "灭火器", "逃生门": "紧急出口", "童工劳动": "童工",
    "青少年工": "未成年工", "强制劳动": "强迫劳动", "社保": "社会保险", "宿舍楼层": "宿舍每层",
    "稽核": "审核", "审计员": "审核员", "核查点": "检查点"
}


@pytest.mark.parametrize("version", EDITIONS)
def test_chinese_uses_the_glossary_terms(shipped, version):
    for where, text in _texts(shipped[version], "zh"):
        for wrong, right in NOT_THESE.items():
            assert wrong not in text, f"{version} {where}: {wrong!r} -> use {right!r}: {text}"


def test_grade_words_in_chinese_are_the_programs(shipped):
    assert [g.text("zh") for g in load_grades()] == ["轻微", "重大", "严重", "零容忍"]
    cp = shipped["4.0"].checkpoint("1.2.1")
    assert "严重" in cp.conditional.text("note", "zh")


# ---- the loader refuses an edition without Chinese ----------------------------------------------

@pytest.fixture
def copied(tmp_path, monkeypatch):
    """A copy of the shipped resources folder that the loader reads."""
    root = tmp_path / "resources"
    shutil.copytree(REAL_RESOURCES / "checklists", root / "checklists")
    shutil.copytree(REAL_RESOURCES / "rules", root / "rules")
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(root))
    loader.clear_cache()
    yield root
    loader.clear_cache()


def _drop(root, version, file, cp_id, path):
    """Remove one Chinese field (path inside the checkpoint) from a copied section file."""
    target = root / "checklists" / version / file
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    for sub in data["subsections"]:
        for cp in sub["checkpoints"]:
            if cp["id"] == cp_id:
                node = cp
                for key in path[:-1]:
                    node = node[key]
                del node[path[-1]]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.mark.parametrize("version, file, cp_id, path, field", [
    ("4.0", "09-safety.yaml", "9.2.2", ("question_zh",), "question_zh"),
    ("4.0", "11-wages.yaml", "11.2.1", ("guidance_zh",), "guidance_zh"),
    ("4.0", "01-audit-process.yaml", "1.2.1", ("conditional", "note_zh"), "conditional.note_zh"),
    ("4.0", "10-underage-labor.yaml", "10.2.1", ("evidence", "tour_zh"), "evidence.tour_zh"),
    ("3.0", "05-working-hours.yaml", "5.1.3", ("guidance_zh",), "guidance_zh"),
])
def test_an_edition_missing_one_chinese_text_is_refused(copied, version, file, cp_id, path, field):
    target = _drop(copied, version, file, cp_id, path)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(version)
    err = caught.value
    assert (err.checkpoint_id, err.field) == (cp_id, field)
    assert err.file == str(target)
    message = str(err)
    assert file in message and f"checkpoint {cp_id}" in message and field in message
    assert "no Chinese text" in message


def test_an_evidence_list_of_another_length_is_refused(copied):
    target = copied / "checklists" / "4.0" / "09-safety.yaml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    data["subsections"][0]["checkpoints"][0]["evidence"]["documents_zh"].pop()
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ChecklistError, match=r"checkpoint 9\.1\.1, field 'evidence\.documents_zh'.*"
                                             r"has 1 item\(s\) but 'evidence\.documents' has 2"):
        load_checklist("4.0")


def test_section_and_edition_titles_need_chinese_too(copied):
    section = copied / "checklists" / "4.0" / "02-business-ethics.yaml"
    data = yaml.safe_load(section.read_text(encoding="utf-8"))
    del data["subsections"][1]["title_zh"]
    section.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ChecklistError, match=r"02-business-ethics\.yaml at field 'subsections\[1\]\.title_zh'"):
        load_checklist("4.0")
    edition = copied / "checklists" / "3.0" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("title_zh:", "# title_zh:"), encoding="utf-8")
    with pytest.raises(ChecklistError, match=r"edition\.yaml at field 'title_zh'"):
        load_checklist("3.0")


def test_a_blank_chinese_text_is_refused(tmp_res):
    from tests.checklist.editions import base_sections
    sections = base_sections()
    sections["01-audit-process.yaml"]["subsections"][0]["checkpoints"][1]["question_zh"] = "  "
    tmp_res.edition(sections=sections)
    with pytest.raises(ChecklistError, match=r"checkpoint 1\.1\.2, field 'question_zh'.*must not be blank"):
        load_checklist("9.0")


# ---- the language API ----------------------------------------------------------------------------

@pytest.mark.parametrize("given, code", [(None, "en"), ("en", "en"), ("en_GB.UTF-8", "en"), ("zh", "zh"),
                                         ("zh_CN", "zh"), ("zh-Hans", "zh"), ("ZH_cn.utf8", "zh")])
def test_lang_code(given, code):
    assert lang_code(given) == code


def test_unknown_language_is_an_error(shipped):
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        shipped["4.0"].checkpoint("1.1.1").text("question", "fr")


# ---- rule labels ---------------------------------------------------------------------------------

def test_every_rule_label_has_chinese():
    for g in load_grades():
        assert CJK.search(g.label_zh)
    for reason in raise_to().reasons:
        assert CJK.search(reason.text("label", "zh")) and CJK.search(reason.text("meaning", "zh"))
    rules = load_status_rules()
    for key, status in rules.statuses.items():
        assert CJK.search(status.label_zh), key
    assert set(rules.audit_types_zh) == set(rules.audit_types)
    assert rules.audit_types_zh["ICA"] == "首次认证审核" and rules.audit_types_zh["PV"] == "进展访问"
    policy = load_cap_policy()
    assert {k: s.label_zh for k, s in policy.item_statuses.items()} == {
        "open": "未关闭", "in_progress": "进行中", "overdue": "已逾期", "closed": "已关闭"}
    assert policy.immediate.action_zh and policy.due["zero_tolerance"].action_zh
    assert [b.text("zh") for b in age_bands()][0] == "18岁以下"
    assert age_band_label("46+", "zh") == "46岁及以上" and age_band_label("odd", "zh") == "odd"


def test_labels_cover_the_vocabulary_the_app_stores():
    every = load_labels()
    assert list(every["areas"]) == list(AREAS)
    assert set(STAGES) <= set(every["stages"])
    assert set(DIMENSIONS) <= set(every["strata"])
    for group, entries in every.items():
        for key, lab in entries.items():
            assert isinstance(lab, Label) and CJK.search(lab.zh), (group, key)
    assert label("stages", "opening", "zh_CN") == "首次会议"
    assert label("cap_fields", "corrective_action", "zh") == "纠正措施"
    assert labels("answers", "zh") == {"yes": "是", "na": "不适用", "nc": "不符合项"}
    with pytest.raises(KeyError, match="no label for 'x'"):
        label("stages", "x")


def test_a_label_without_chinese_is_refused(tmp_path):
    path = tmp_path / "labels.yaml"
    path.write_text("schema: escp-labels/1\ngroups:\n  stages:\n    opening: {label: Opening meeting}\n",
                    encoding="utf-8")
    with pytest.raises(RulesFileError) as caught:
        load_labels(str(path))
    assert "groups.stages.opening.label_zh" in str(caught.value)
