"""Loading checklist editions and mappings: the shipped data, and every kind of bad file.

Bad editions are small dict-built folders in tmp_path (see conftest.py); each test checks that the
message names the file, the checkpoint id and the field, and says what is wrong.
"""

from __future__ import annotations

from datetime import date

import pytest

from auditor_app.checklist.definition import AREAS, AUDIT_TYPES
from auditor_app.checklist.grades import grade_keys
from auditor_app.checklist.loader import (
    ChecklistError,
    carry_over,
    list_editions,
    load_checklist,
    load_mapping,
)
from auditor_app.resources import RulesFileError

from tests.checklist.editions import base_sections, checkpoint


def load_error(version: str = "9.0") -> ChecklistError:
    with pytest.raises(ChecklistError) as info:
        load_checklist(version)
    return info.value


def first_cp(sections: dict, file: str = "02-business-ethics.yaml", n: int = 0) -> dict:
    return sections[file]["subsections"][0]["checkpoints"][n]


# ---- a good edition and the Checklist API ----

def test_small_edition_loads_in_order_with_all_fields(tmp_res):
    tmp_res.edition()
    cl = load_checklist("9.0")
    assert (cl.version, cl.title, cl.effective_date) == ("9.0", "Test Checklist", date(2030, 1, 1))
    assert [cp.id for cp in cl.checkpoints] == ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]
    cp = cl.checkpoint("1.1.2")
    assert (cp.section_id, cp.subsection_id, cp.grade, cp.stage) == ("1", "1.1", "critical", "documents")
    assert cp.evidence.documents == ("Time records",) and cp.evidence.interviews == ("Workers",)
    assert cp.audit_types == frozenset({"ICA", "IAA"})
    assert cl.checkpoint("2.1.1").audit_types == frozenset(AUDIT_TYPES)  # omitted = all types
    assert cl.section_of("2.1.2").title == "Business Ethics"
    assert [s.area for s in cl.sections] == ["audit_process", "business_ethics"]


def test_grade_for_honours_the_conditional_grade(tmp_res):
    tmp_res.edition()
    cl = load_checklist("9.0")
    access = cl.checkpoint("1.1.1")            # ZT, critical when transparent
    assert access.grade_for(transparent=False, isolated=True) == "zero_tolerance"
    assert access.grade_for(transparent=True, isolated=False) == "critical"
    single = cl.checkpoint("2.1.2")            # major, minor when isolated
    assert single.grade_for(transparent=True, isolated=False) == "major"
    assert single.grade_for(transparent=False, isolated=True) == "minor"
    plain = cl.checkpoint("2.1.1")
    assert plain.grade_for(True, True) == "zero_tolerance"


def test_lookups_by_audit_type_and_tag(tmp_res):
    tmp_res.edition()
    cl = load_checklist("9.0")
    assert [cp.id for cp in cl.for_audit_type("PV")] == ["1.1.1", "2.1.1", "2.1.2"]
    assert [cp.id for cp in cl.for_audit_type("ICA")] == ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]
    assert [cp.id for cp in cl.by_tag("record_inconsistency")] == ["1.1.2"]
    with pytest.raises(KeyError, match="XX"):
        cl.for_audit_type("XX")
    with pytest.raises(KeyError, match="nonsense"):
        cl.by_tag("nonsense")


def test_unknown_checkpoint_names_id_and_version(tmp_res):
    tmp_res.edition()
    cl = load_checklist("9.0")
    with pytest.raises(KeyError) as info:
        cl.checkpoint("7.7.7")
    assert "7.7.7" in str(info.value) and "9.0" in str(info.value)
    with pytest.raises(KeyError, match="7.7.7"):
        cl.section_of("7.7.7")


def test_newest_edition_is_the_default_and_editions_are_cached(tmp_res):
    tmp_res.edition("9.0", effective="2030-01-01")
    tmp_res.edition("8.5", effective="2031-06-01")  # newer by date although a lower number
    assert list_editions() == [("9.0", "Test Checklist", date(2030, 1, 1)),
                               ("8.5", "Test Checklist", date(2031, 6, 1))]
    assert load_checklist().version == "8.5"
    assert load_checklist("9.0") is load_checklist("9.0")


def test_unknown_edition_lists_known_ones(tmp_res):
    tmp_res.edition()
    err = load_error("7.1")
    assert "7.1" in str(err) and "known: 9.0" in str(err)


# ---- bad editions ----

def test_duplicate_checkpoint_id_across_files_names_both_files(tmp_res):
    sections = base_sections()
    extra = {"id": "1", "title": "Audit Process again", "area": "business_ethics",
             "subsections": [{"id": "1.1", "title": "Again", "checkpoints": [checkpoint("1.1.2")]}]}
    sections = {"01-audit-process.yaml": sections["01-audit-process.yaml"], "01-again.yaml": extra}
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "01-again.yaml" in str(err) and "01-audit-process.yaml" in str(err)
    assert err.checkpoint_id == "1.1.2" and "duplicate" in str(err)


def test_duplicate_checkpoint_id_in_one_file(tmp_res):
    sections = base_sections()
    sections["02-business-ethics.yaml"]["subsections"][0]["checkpoints"].append(checkpoint("2.1.1"))
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "02-business-ethics.yaml" in err.file and err.checkpoint_id == "2.1.1"
    assert "twice in this file" in str(err)


def test_unknown_grade_lists_known_grades(tmp_res):
    sections = base_sections()
    first_cp(sections)["grade"] = "severe"
    tmp_res.edition(sections=sections)
    err = load_error()
    msg = str(err)
    assert "02-business-ethics.yaml" in msg and "checkpoint 2.1.1" in msg and "'grade'" in msg
    assert "'severe'" in msg and all(key in msg for key in grade_keys())
    assert (err.checkpoint_id, err.field) == ("2.1.1", "grade")


@pytest.mark.parametrize("field, value, words", [
    ("stage", "canteen", "unknown stage 'canteen'"),
    ("audit_types", ["ICA", "XYZ"], "unknown audit type 'XYZ'"),
    ("tags", ["childlabour"], "unknown tag 'childlabour'"),
    ("conditional", {"grade": "minor", "when": "sometimes", "note": "n"}, "unknown condition 'sometimes'"),
    ("conditional", {"grade": "minor", "when": "isolated", "note": "n", "extra": 1}, "not a known field"),
    ("conditional", {"grade": "major", "when": "isolated", "note": "n"}, "equals the default grade"),
    ("audit_types", [], "at least 1 item"),
    ("tags", ["fee", "fee"], "listed more than once: fee"),
])
def test_unknown_vocabulary_in_a_checkpoint(tmp_res, field, value, words):
    sections = base_sections()
    cp = first_cp(sections)  # 2.1.1
    cp["grade"] = "major"
    cp[field] = value
    tmp_res.edition(sections=sections)
    err = load_error()
    assert words in str(err)
    assert "02-business-ethics.yaml" in str(err) and err.checkpoint_id == "2.1.1"
    assert err.field.startswith(field)


def test_unknown_area(tmp_res):
    sections = base_sections()
    sections["02-business-ethics.yaml"]["area"] = "ethics"
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "02-business-ethics.yaml" in str(err) and err.field == "area"
    assert "unknown area 'ethics'" in str(err) and "business_ethics" in str(err)


@pytest.mark.parametrize("field, value, words", [
    ("question", None, "is required but missing"),
    ("question", "   ", "must not be blank"),
    ("guidance", "", "must not be blank"),
    ("guidance", None, "is required but missing"),
    ("evidence", None, "is required but missing"),
])
def test_missing_or_blank_text(tmp_res, field, value, words):
    sections = base_sections()
    cp = first_cp(sections, "01-audit-process.yaml", n=1)
    if value is None:
        del cp[field]
    else:
        cp[field] = value
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "01-audit-process.yaml" in str(err) and f"'{field}'" in str(err) and words in str(err)
    assert err.checkpoint_id == "1.1.2"


@pytest.mark.parametrize("field, value, words", [
    ("question", ["a", "list"], "valid string"),
    ("audit_types", "ICA", "valid list"),
    ("evidence", ["Time records"], "valid dictionary"),
    ("surprise", "x", "not a known field"),
])
def test_wrong_types_and_unknown_fields(tmp_res, field, value, words):
    sections = base_sections()
    first_cp(sections, "01-audit-process.yaml")[field] = value
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "01-audit-process.yaml" in str(err) and err.checkpoint_id == "1.1.1"
    assert field in err.field and words in str(err)


def test_unquoted_numeric_id_is_a_type_error_named_by_position(tmp_res):
    sections = base_sections()
    first_cp(sections)["id"] = 2.1  # what YAML makes of an unquoted two-level id
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "02-business-ethics.yaml" in str(err) and "'id'" in str(err) and "valid string" in str(err)
    assert "subsections[0].checkpoints[0]" in str(err)


@pytest.mark.parametrize("bad_id, words", [
    ("1.1.3", 'must be "2.1.<n>"'),
    ("2.2.1", 'must be "2.1.<n>"'),
    ("2.1", 'must be "2.1.<n>"'),
    ("2.1.1.1", 'must be "2.1.<n>"'),
])
def test_checkpoint_id_outside_its_subsection(tmp_res, bad_id, words):
    sections = base_sections()
    first_cp(sections)["id"] = bad_id
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "02-business-ethics.yaml" in str(err) and err.checkpoint_id == bad_id
    assert err.field == "id" and words in str(err)


def test_subsection_and_section_ids_are_checked(tmp_res):
    sections = base_sections()
    sections["02-business-ethics.yaml"]["subsections"][0]["id"] = "3.1"
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "02-business-ethics.yaml" in str(err) and "subsections[0].id" in str(err)
    assert "'3.1'" in str(err)

    sections = base_sections()
    sections["02-business-ethics.yaml"]["id"] = "3"
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "does not match the file's number '02'" in str(err) and err.field == "id"


def test_missing_section_file_names_edition_and_entry(tmp_res):
    folder = tmp_res.edition()
    (folder / "02-business-ethics.yaml").unlink()
    err = load_error()
    assert err.file.endswith("edition.yaml") and err.field == "sections[1]"
    assert "'02-business-ethics.yaml' is listed but missing" in str(err)


def test_area_used_twice_unless_the_edition_allows_it(tmp_res):
    sections = base_sections()
    sections["02-business-ethics.yaml"]["area"] = "audit_process"
    tmp_res.edition(sections=sections)
    err = load_error()
    assert "02-business-ethics.yaml" in str(err) and "01-audit-process.yaml" in str(err)
    assert "area 'audit_process' is already used" in str(err) and err.field == "area"

    tmp_res.edition(sections=sections, sections_share_areas=True)
    assert [s.area for s in load_checklist("9.0").sections] == ["audit_process", "audit_process"]


def test_edition_version_must_match_its_folder(tmp_res):
    folder = tmp_res.edition()
    text = (folder / "edition.yaml").read_text().replace("version: '9.0'", "version: '9.1'")
    (folder / "edition.yaml").write_text(text)
    err = load_error()
    assert err.file.endswith("9.0/edition.yaml") and err.field == "version"
    assert "'9.1' differs from its folder name '9.0'" in str(err)
    with pytest.raises(ChecklistError, match="differs from its folder"):
        list_editions()


def test_bad_yaml_is_a_checklist_error_with_the_line(tmp_res):
    folder = tmp_res.edition()
    (folder / "01-audit-process.yaml").write_text('id: "1"\ntitle: [unclosed\n')
    err = load_error()
    assert isinstance(err, RulesFileError)
    assert "01-audit-process.yaml" in str(err) and "line" in str(err) and "invalid YAML" in str(err)


# ---- mappings ----

@pytest.fixture
def two_editions(tmp_res):
    tmp_res.edition("9.0", effective="2030-01-01")
    newer = base_sections()
    newer["02-business-ethics.yaml"]["subsections"][0]["checkpoints"].append(checkpoint("2.1.3"))
    tmp_res.edition("10.0", sections=newer, effective="2032-01-01")
    return tmp_res


def test_mapping_and_carry_over(two_editions):
    two_editions.mapping("9.0", "10.0", {"1.1.1": ["1.1.1"], "1.1.2": ["1.1.2", "2.1.3"],
                                         "2.1.1": ["2.1.1"], "2.1.2": []})
    mapping = load_mapping("9.0", "10.0")
    assert list(mapping) == ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]
    assert carry_over("1.1.2", "9.0", "10.0") == ("1.1.2", "2.1.3")
    assert carry_over("2.1.2", "9.0", "10.0") == ()  # retired
    assert carry_over("2.1.3", "10.0", "10.0") == ("2.1.3",)
    with pytest.raises(KeyError, match="9.9.9"):
        carry_over("9.9.9", "9.0", "10.0")


@pytest.mark.parametrize("entries, cp_id, words", [
    ({"1.1.1": ["1.1.1"], "1.1.2": ["1.1.2"], "2.1.1": ["2.1.1"], "2.1.2": [], "5.5.5": []},
     "5.5.5", "dangling: no checkpoint 5.5.5 in edition 9.0"),
    ({"1.1.1": ["1.1.1"], "1.1.2": ["4.4.4"], "2.1.1": ["2.1.1"], "2.1.2": []},
     "1.1.2", "dangling: target 4.4.4 is not a checkpoint of edition 10.0"),
])
def test_dangling_mapping_ids(two_editions, entries, cp_id, words):
    path = two_editions.mapping("9.0", "10.0", entries)
    with pytest.raises(ChecklistError) as info:
        load_mapping("9.0", "10.0")
    assert str(path) in str(info.value) and words in str(info.value)
    assert info.value.checkpoint_id == cp_id


def test_mapping_must_cover_every_old_checkpoint(two_editions):
    two_editions.mapping("9.0", "10.0", {"1.1.1": ["1.1.1"], "2.1.1": ["2.1.1"]})
    with pytest.raises(ChecklistError) as info:
        load_mapping("9.0", "10.0")
    assert "not mapped" in str(info.value) and "1.1.2, 2.1.2" in str(info.value)


def test_mapping_versions_must_match_its_file_name(two_editions):
    two_editions.mapping("9.0", "10.0", {}, to="11.0")
    with pytest.raises(ChecklistError, match="says '11.0' but the file name says '10.0'"):
        load_mapping("9.0", "10.0")


def test_missing_mapping_file(two_editions):
    with pytest.raises(ChecklistError, match="9.0-to-10.0.yaml: file not found"):
        carry_over("1.1.1", "9.0", "10.0")


# ---- the shipped editions ----

def test_real_edition_4_0_is_complete(real_resources):
    cl = load_checklist("4.0")
    assert [s.area for s in cl.sections] == list(AREAS)
    assert [s.id for s in cl.sections] == [str(n) for n in range(1, 13)]
    assert len(cl.checkpoints) >= 120
    for cp in cl.checkpoints:
        assert len(cp.guidance) >= 40, cp.id
        assert cp.evidence, f"{cp.id} has no evidence"
        assert cp.question.endswith("?"), cp.id
    assert load_checklist().version == "4.0"  # the newest edition is the default


def test_real_edition_3_0_loads(real_resources):
    cl = load_checklist("3.0")
    assert len(cl.sections) == 14 and len(cl.checkpoints) >= 50
    assert {s.area for s in cl.sections} == set(AREAS)
    assert cl.section_of("12.2.1").title == "Fire and Emergency"
    assert [e[0] for e in list_editions()][:2] == ["3.0", "4.0"]


def test_real_mapping_covers_3_0_and_targets_exist_in_4_0(real_resources):
    old, new = load_checklist("3.0"), load_checklist("4.0")
    mapping = load_mapping("3.0", "4.0")
    assert set(mapping) == {cp.id for cp in old.checkpoints}
    for old_id, new_ids in mapping.items():
        for new_id in new_ids:
            assert new_id in new, f"{old_id} -> {new_id}"
    # Almost everything in the old standard is still audited in 4.0.
    assert sum(1 for ids in mapping.values() if ids) >= 0.9 * len(mapping)
