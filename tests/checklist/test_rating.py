"""Status recommendation: every row of the status table and its edges, table-driven.

The checklist here is synthetic: section "11" (Wages) and "6" (Compensation) with 10 checkpoints each,
section "3" with 13. Every checkpoint is answered "yes" unless a finding or the case says otherwise.
"""

from __future__ import annotations

import copy
import re

import pytest

from auditor_app.checklist.rating import (
    AuditFacts,
    FindingFacts,
    format_recommendation,
    recommend_status,
    recommendation_as_dict,
)
from auditor_app.checklist.status_rules import STATUS_FILE, parse_status_rules
from auditor_app.resources import load_yaml

SECTIONS = {"11": 10, "6": 10, "3": 13}
TITLES = {"11": "Wages", "6": "Compensation", "3": "Employment Practices"}


def F(id, cp, grade, open=True, transparent=False, ri=False):  # noqa: A002 - the auditor's words
    return FindingFacts(id, cp, cp.split(".")[0], grade, open, transparent, ri)


def facts(findings=(), audit="IAA", prev=False, current=None, answers=None, sections=SECTIONS):
    section_of = {f"{s}.{i}": s for s, n in sections.items() for i in range(1, n + 1)}
    all_answers = {cp: "yes" for cp in section_of}
    for f in findings:
        all_answers[f.checkpoint_id] = "nc"
    for cp, answer in (answers or {}).items():
        if answer is None:
            all_answers.pop(cp)
        else:
            all_answers[cp] = answer
    return AuditFacts(audit, prev, current, all_answers, section_of, TITLES, list(findings))


def rules_with(path: tuple[str, ...], value):
    """The shipped status.yaml with one value changed."""
    raw = copy.deepcopy(load_yaml(STATUS_FILE))
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return parse_status_rules(raw, "status.yaml")


def majors(section, count, start=1, prefix="M"):
    return [F(f"{prefix}{section}-{i}", f"{section}.{i}", "major") for i in range(start, start + count)]


# name, facts, expected status, rule of the first (deciding) reason, alternatives, validity months
CASES = [
    ("no findings", facts(), "certified", "no_open_nc", (), 12),
    ("only closed NCs, even ZT hidden",
     facts([F("C1", "6.1", "critical", open=False), F("Z1", "11.1", "zero_tolerance", open=False)]),
     "certified", "no_open_nc", (), 12),
    ("only minors", facts([F("N1", "11.1", "minor"), F("N2", "6.2", "minor")]),
     "progressing", "only_minors", (), 6),
    ("few majors", facts(majors("11", 2) + [F("N1", "6.2", "minor")]), "progressing", "few_majors", (), 6),
    ("small number exactly (5)", facts(majors("11", 2) + majors("6", 2) + majors("3", 1)),
     "progressing", "few_majors", (), 6),
    ("above small number (6)", facts(majors("11", 2) + majors("6", 2) + majors("3", 2)),
     "assessed", "too_many_majors", (), 10),
    ("above small number, previously certified",
     facts(majors("11", 2) + majors("6", 2) + majors("3", 2), prev=True),
     "assessed", "too_many_majors", ("remediation", "probation"), 10),
    ("exactly 30 % of a section is not more than 30 %", facts(majors("11", 3)),
     "progressing", "few_majors", (), 6),
    ("30.8 % of a section is more than 30 %", facts(majors("3", 4)), "assessed", "major_share", (), 10),
    ("two findings on one checkpoint are one Major NC",
     facts(majors("11", 3) + [F("M11-dup", "11.1", "major")]), "progressing", "few_majors", (), 6),
    ("closed majors do not count toward the share",
     facts(majors("11", 3) + [F("X1", "11.9", "major", open=False)]), "progressing", "few_majors", (), 6),
    ("open critical", facts([F("C1", "6.1", "critical")]), "assessed", "open_critical", (), 10),
    ("open critical, previously certified", facts([F("C1", "6.1", "critical")], prev=True),
     "assessed", "open_critical", ("remediation", "probation"), 10),
    ("ZT without transparency", facts([F("Z1", "3.1", "zero_tolerance")]),
     "terminated", "zero_tolerance_without_transparency", (), 6),
    ("ZT without transparency, previously certified", facts([F("Z1", "3.1", "zero_tolerance")], prev=True),
     "terminated", "zero_tolerance_without_transparency", (), 6),
    ("ZT with transparency", facts([F("Z1", "3.1", "zero_tolerance", transparent=True)]),
     "assessed", "zero_tolerance_with_transparency", (), 10),
    ("ZT with transparency, previously certified",
     facts([F("Z1", "3.1", "zero_tolerance", transparent=True)], prev=True),
     "assessed", "zero_tolerance_with_transparency", ("remediation", "probation"), 10),
    ("RI with transparency, previously certified",
     facts([F("R1", "6.3", "critical", transparent=True, ri=True)], prev=True),
     "probation", "record_inconsistency_with_transparency", ("remediation",), 12),
    ("RI with transparency, never certified",
     facts([F("R1", "6.3", "critical", transparent=True, ri=True)]), "assessed", "open_critical", (), 10),
    ("RI without transparency, previously certified",
     facts([F("R1", "6.3", "critical", ri=True)], prev=True),
     "assessed", "open_critical", ("remediation", "probation"), 10),
    ("RI without transparency, never certified",
     facts([F("R1", "6.3", "critical", ri=True)]), "assessed", "open_critical", (), 10),
    ("PV with a minor keeps the status", facts([F("N1", "11.1", "minor")], audit="PV", current="certified"),
     "certified", "progress_visit_keeps_status", (), None),
    ("PV with a critical keeps the status",
     facts([F("C1", "6.1", "critical")], audit="PV", current="progressing"),
     "progressing", "progress_visit_keeps_status", (), None),
    ("PV with ZT hidden", facts([F("Z1", "3.1", "zero_tolerance")], audit="PV", current="certified"),
     "terminated", "zero_tolerance_without_transparency", (), 6),
    ("PV with ZT shown", facts([F("Z1", "3.1", "zero_tolerance", transparent=True)], audit="PV",
                               current="certified", prev=True),
     "assessed", "zero_tolerance_with_transparency", ("remediation", "probation"), 10),
    ("ICA with open minors", facts([F("N1", "11.1", "minor")], audit="ICA"),
     "assessed", "first_audit_until_closed", (), 10),
    ("ICA with all NCs closed", facts([F("C1", "6.1", "critical", open=False)], audit="ICA"),
     "certified", "no_open_nc", (), 12),
    ("all N/A section", facts(majors("11", 1), answers={f"6.{i}": "na" for i in range(1, 11)}),
     "progressing", "few_majors", (), 6),
    ("a Major on an otherwise N/A section is 1 of 1",
     facts(majors("6", 1), answers={f"6.{i}": "na" for i in range(1, 11)}), "assessed", "major_share", (), 10),
    ("unanswered checkpoints are left out of the share",
     facts(majors("11", 2), answers={f"11.{i}": None for i in range(6, 11)}),
     "assessed", "major_share", (), 10),
]


@pytest.mark.parametrize("name, given, status, rule, alternatives, months", CASES, ids=[c[0] for c in CASES])
def test_status_table(name, given, status, rule, alternatives, months):
    rec = recommend_status(given)
    assert (rec.status, rec.reasons[0].rule, rec.alternatives, rec.validity_months) == (
        status, rule, alternatives, months)
    assert rec.label == load_yaml(STATUS_FILE)["statuses"][status]["label"]
    # Every reason can be checked by hand: each finding it names appears in its text, and the
    # deciding reason names at least one finding whenever any finding is open.
    for reason in rec.reasons:
        for fid in reason.finding_ids:
            assert re.search(rf"\b{re.escape(fid)}\b", reason.text), (reason, fid)
    open_ids = {f.id for f in given.findings if f.open}
    if open_ids:
        assert set(rec.reasons[0].finding_ids) & open_ids
    # Closed findings are never named as grounds against the factory.
    closed = {f.id for f in given.findings if not f.open}
    for reason in rec.reasons:
        if reason.rule != "no_open_nc":
            assert not closed & set(reason.finding_ids)


def test_major_share_reason_reads_like_a_reviewer_would_check_it():
    rec = recommend_status(facts(majors("3", 4)))
    share = [r for r in rec.reasons if r.rule == "major_share"]
    assert len(share) == 1
    assert share[0].text.startswith(
        "Section 3 Employment Practices: 4 of 13 applicable checkpoints have open Major NCs (30.8 %) — more than 30 %")
    assert share[0].finding_ids == ("M3-1", "M3-2", "M3-3", "M3-4")
    assert rec.section_shares["3"][:2] == (4, 13)
    assert rec.section_shares["3"][2] == pytest.approx(4 / 13)


def test_every_section_over_the_share_gets_its_own_reason():
    rec = recommend_status(facts(majors("11", 4) + [F("C1", "6.1", "critical")]))
    assert [r.rule for r in rec.reasons] == ["open_critical", "major_share"]
    assert "Section 11 Wages: 4 of 10" in rec.reasons[1].text and "(40 %)" in rec.reasons[1].text


def test_all_na_section_has_no_share_and_no_division_by_zero():
    rec = recommend_status(facts(answers={f"6.{i}": "na" for i in range(1, 11)}))
    assert rec.section_shares["6"] == (0, 0, None)
    assert rec.status == "certified"


def test_unanswered_checkpoints_are_named_in_a_warning():
    rec = recommend_status(facts(majors("11", 2), answers={f"11.{i}": None for i in range(6, 11)}))
    assert rec.section_shares["11"][:2] == (2, 5)  # 5 unanswered left out: 2 of 5, not 2 of 10
    warning = [r for r in rec.reasons if r.rule == "denominator"]
    assert len(warning) == 1 and "11.6" in warning[0].text and "11.10" in warning[0].text


@pytest.mark.parametrize("threshold, comparison, status", [
    (0.30, "greater_than", "progressing"), (0.30, "at_least", "assessed"), (0.25, "greater_than", "assessed"),
])
def test_major_share_threshold_is_data(threshold, comparison, status):
    rules = rules_with(("rules", "major_share", "major_share_threshold"), threshold)
    rules = rules.model_copy(update={"rules": rules.rules.model_copy(update={
        "major_share": rules.rules.major_share.model_copy(update={"comparison": comparison})})})
    assert recommend_status(facts(majors("11", 3)), rules).status == status


def test_31_percent_of_a_large_section():
    rules = rules_with(("rules", "few_majors", "small_number_of_majors"), 50)
    big = {"9": 100}
    assert recommend_status(facts(majors("9", 31), sections=big), rules).reasons[0].rule == "major_share"
    at_30 = recommend_status(facts(majors("9", 30), sections=big), rules)
    assert (at_30.status, at_30.reasons[0].rule) == ("progressing", "few_majors")


@pytest.mark.parametrize("small, count, status", [(2, 2, "progressing"), (2, 3, "assessed"), (0, 1, "assessed")])
def test_small_number_of_majors_is_data(small, count, status):
    rules = rules_with(("rules", "few_majors", "small_number_of_majors"), small)
    spread = [F(f"M{i}", f"{s}.{i}", "major") for i, s in zip(range(1, count + 1), ["11", "6", "3"])]
    assert recommend_status(facts(spread), rules).status == status


def test_terminated_names_only_the_hidden_zero_tolerance():
    rec = recommend_status(facts([F("Z1", "3.1", "zero_tolerance"),
                                  F("Z2", "3.2", "zero_tolerance", transparent=True)]))
    assert rec.status == "terminated" and rec.reasons[0].finding_ids == ("Z1",)
    assert "no re-application for 6 months" in rec.reasons[0].text
    assert "at least 6 months" in format_recommendation(rec)


def test_record_inconsistency_explains_why_probation_does_not_apply():
    never = recommend_status(facts([F("R1", "6.3", "critical", transparent=True, ri=True)]))
    hidden = recommend_status(facts([F("R1", "6.3", "critical", ri=True)], prev=True))
    for rec, words in ((never, "only for previously certified"), (hidden, "needs transparency")):
        notes = [r for r in rec.reasons if r.rule == "record_inconsistency_with_transparency"]
        assert len(notes) == 1 and words in notes[0].text and notes[0].finding_ids == ("R1",)


def test_probation_lists_the_other_grounds_too():
    rec = recommend_status(facts([F("R1", "6.3", "critical", transparent=True, ri=True),
                                  F("C2", "11.2", "critical")], prev=True))
    assert rec.status == "probation"
    assert [r.rule for r in rec.reasons] == ["record_inconsistency_with_transparency", "open_critical"]
    assert rec.reasons[1].finding_ids == ("R1", "C2")


def test_hidden_record_inconsistency_rules_out_probation_even_with_a_transparent_one():
    rec = recommend_status(facts([F("R1", "6.3", "critical", transparent=True, ri=True),
                                  F("R2", "6.4", "critical", ri=True)], prev=True))
    assert rec.status == "assessed"


def test_pv_keeps_the_status_and_says_so():
    rec = recommend_status(facts([F("C1", "6.1", "critical")], audit="PV", current="remediation"))
    assert (rec.status, rec.label, rec.validity_months) == ("remediation", "Remediation", None)
    assert "does not change unless a Zero Tolerance issue is found" in rec.reasons[0].text
    assert rec.reasons[0].finding_ids == ("C1",)
    assert "validity unchanged" in format_recommendation(rec)


def test_on_site_engagement_keeps_the_status_but_desktop_review_rates():
    found = [F("N1", "11.1", "minor")]
    assert recommend_status(facts(found, audit="OE", current="remediation")).status == "remediation"
    assert recommend_status(facts(found, audit="DR", current="assessed")).status == "progressing"


@pytest.mark.parametrize("given, words", [
    (facts(audit="PV"), "current status is not known"),
    (facts(audit="XYZ"), "unknown audit type 'XYZ'"),
    (facts(current="gold"), "unknown current status 'gold'"),
    (facts([F("Q1", "11.1", "severe")]), "finding Q1: unknown grade 'severe'"),
    (facts(answers={"11.1": "maybe"}), "checkpoint 11.1: answer 'maybe'"),
    (facts(answers={"99.1": "yes"}), "checkpoint 99.1 is answered but its section is unknown"),
])
def test_facts_the_rules_cannot_judge_are_refused(given, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        recommend_status(given)


def test_format_and_dict_carry_the_same_content():
    rec = recommend_status(facts(majors("11", 4), prev=True))
    text = format_recommendation(rec)
    assert text.splitlines()[0] == "Recommended status: Assessed (valid 10 months)"
    assert "Remediation (valid 12 or 9 months), Probation (valid 12 months)" in text
    assert "[major_share] Section 11 Wages: 4 of 10" in text
    assert "Section 11: 4 of 10 applicable checkpoints (40 %)" in text
    data = recommendation_as_dict(rec)
    assert data["status"] == "assessed" and data["alternatives"] == ["remediation", "probation"]
    assert data["reasons"][0]["finding_ids"] == ["M11-1", "M11-2", "M11-3", "M11-4"]
    assert data["section_shares"]["11"] == {"majors": 4, "applicable": 10, "share": 0.4}
    assert data["section_shares"]["6"] == {"majors": 0, "applicable": 10, "share": 0.0}


# --- `auditor-app rate`: the command rates the facts its `facts_for` finds -------------------------

def _run_rate(monkeypatch, argv, facts_for):
    import argparse

    from auditor_app.commands import rate

    monkeypatch.setattr(rate, "facts_for", facts_for)
    parser = argparse.ArgumentParser()
    rate.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_rate_command_prints_status_validity_and_reasons(monkeypatch, capsys):
    asked = []

    def facts_for(target):
        asked.append(target)
        return facts([F("C1", "6.1", "critical")], prev=True)

    assert _run_rate(monkeypatch, ["rate", "audit-42"], facts_for) == 0
    out = capsys.readouterr().out
    assert asked == ["audit-42"]
    assert out.splitlines()[0] == "Recommended status: Assessed (valid 10 months)"
    assert "[open_critical] Open Critical NC: checkpoint 6.1 (finding C1)" in out


def test_rate_command_json(monkeypatch, capsys):
    import json

    given = facts([F("Z1", "3.1", "zero_tolerance")])
    assert _run_rate(monkeypatch, ["rate", "x.escp", "--json"], lambda target: given) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == recommendation_as_dict(recommend_status(given))
    assert data["status"] == "terminated" and data["reasons"][0]["finding_ids"] == ["Z1"]


def test_rate_command_turns_bad_facts_into_a_user_error(monkeypatch):
    from auditor_app.cli import UserError

    with pytest.raises(UserError, match=r"cannot rate pv-1: .*current status is not known"):
        _run_rate(monkeypatch, ["rate", "pv-1"], lambda target: facts(audit="PV"))
