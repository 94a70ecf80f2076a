"""Status recommendation: every rule of docs/status-rules.md as a table (inputs -> status, alternatives,
reasons), then the edges of each rule.

The checklist here is synthetic: section "11" (Wages) and "6" (Compensation) with 10 checkpoints each,
section "3" with 13. Every checkpoint is answered "yes" unless a finding or the case says otherwise.
The audit ended at the closing meeting on Thursday 2026-11-19 17:30 in Dongguan (UTC+08:00).
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from auditor_app.checklist.messages import render
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
SITE = ZoneInfo("Asia/Shanghai")
END = datetime(2026, 11, 19, 17, 30, tzinfo=SITE)


def F(id, cp, grade, open=True, transparent=False, ri=False, raised=""):  # noqa: A002 - the auditor's words
    return FindingFacts(id, cp, cp.split(".")[0], grade, open, transparent, ri, raised)


def facts(findings=(), audit="IAA", prev=False, current=None, answers=None, sections=SECTIONS, end=END,
          **more):
    section_of = {f"{s}.{i}": s for s, n in sections.items() for i in range(1, n + 1)}
    all_answers = {cp: "yes" for cp in section_of}
    for f in findings:
        all_answers[f.checkpoint_id] = "nc"
    for cp, answer in (answers or {}).items():
        if answer is None:
            all_answers.pop(cp)
        else:
            all_answers[cp] = answer
    return AuditFacts(audit, prev, current, all_answers, section_of, TITLES, list(findings), audit_end=end,
                      end_day=end.date() if end else None, checklist_version="4.0", **more)


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


ZT = F("Z1", "3.1", "zero_tolerance")
ZT_SHOWN = F("Z1", "3.1", "zero_tolerance", transparent=True)
CRIT = F("C1", "6.1", "critical")
RI_SHOWN = F("R1", "6.3", "critical", transparent=True, ri=True)
RI_HIDDEN = F("R1", "6.3", "critical", ri=True)
CERTIFIED_FACTORY = {"prev": True, "current": "certified"}

# name, facts, expected status, rule of the first (deciding) reason, alternatives, validity months,
# the message ids that must be among the reasons
CASES = [
    # -- termination triggers recorded
    ("no acceptable CAP recorded", facts([CRIT], termination_triggers=("no_acceptable_cap",)),
     "terminated", "termination_triggers", (), 6, {"termination_trigger_recorded"}),
    ("audit refused outranks everything", facts([ZT], termination_triggers=("audit_refused",)),
     "terminated", "termination_triggers", (), 6, {"termination_trigger_recorded"}),
    # -- Zero Tolerance: referred, never an ordinary status
    ("ZT without transparency", facts([ZT]), "referred", "zero_tolerance", ("assessed",), None,
     {"zero_tolerance_referred"}),
    ("ZT with transparency", facts([ZT_SHOWN]), "referred", "zero_tolerance", ("assessed",), None,
     {"zero_tolerance_referred"}),
    ("ZT, previously certified: no Probation or Remediation beside it", facts([ZT_SHOWN], **CERTIFIED_FACTORY),
     "referred", "zero_tolerance", ("assessed",), None, {"zero_tolerance_referred"}),
    ("ZT and a disclosed record inconsistency: still no Probation", facts([ZT, RI_SHOWN], **CERTIFIED_FACTORY),
     "referred", "zero_tolerance", ("assessed",), None, {"zero_tolerance_referred", "open_critical"}),
    ("ZT on a Progress Visit", facts([ZT], audit="PV", current="certified"), "referred", "zero_tolerance",
     ("assessed",), None, {"zero_tolerance_referred"}),
    ("ZT on a Desktop Review", facts([ZT], audit="DR", current="progressing"), "referred", "zero_tolerance",
     ("assessed",), None, {"zero_tolerance_referred"}),
    ("ZT raised by the auditor with a reason", facts([F("Z9", "11.4", "zero_tolerance", raised="imminent_fire_danger")]),
     "referred", "zero_tolerance", ("assessed",), None, {"zero_tolerance_referred"}),
    ("closed ZT does not count", facts([F("Z1", "3.1", "zero_tolerance", open=False)]),
     "certified", "no_open_nc", (), 12, {"no_open_nc"}),
    # -- Progress Visit / On-site Engagement
    ("PV with a critical keeps the status", facts([CRIT], audit="PV", current="progressing"),
     "progressing", "progress_visit_keeps_status", (), None, {"progress_visit_keeps_status"}),
    ("OE keeps the status", facts([F("N1", "11.1", "minor")], audit="OE", current="remediation", prev=True),
     "remediation", "progress_visit_keeps_status", (), None, {"progress_visit_keeps_status"}),
    # -- Transparency Re-audit
    ("RA: record inconsistency still hidden", facts([RI_HIDDEN], audit="RA", prev=True, current="assessed"),
     "terminated", "transparency_reaudit", (), 6, {"transparency_reaudit_failed"}),
    ("RA: disclosure confirmed, previously certified", facts([RI_SHOWN], audit="RA", prev=True, current="assessed"),
     "probation", "record_inconsistency_disclosed", ("remediation",), 12,
     {"record_inconsistency_disclosed", "transparency_reaudit_confirmed"}),
    ("RA: confirmed with nothing left open", facts([], audit="RA", prev=True, current="assessed"),
     "probation", "record_inconsistency_disclosed", ("remediation",), 12, {"transparency_reaudit_confirmed"}),
    # -- record inconsistency disclosed: Probation only for eligible factories
    ("RI disclosed, previously certified", facts([RI_SHOWN], **CERTIFIED_FACTORY),
     "probation", "record_inconsistency_disclosed", ("remediation",), 12, {"record_inconsistency_disclosed"}),
    ("RI disclosed, never certified", facts([RI_SHOWN]), "assessed", "open_critical", (), 10,
     {"record_inconsistency_not_eligible"}),
    ("RI disclosed on an ICA: initial certification cycle", facts([RI_SHOWN], audit="ICA", prev=True),
     "assessed", "open_critical", ("remediation",), 10, {"record_inconsistency_not_eligible"}),
    ("RI disclosed, already on Probation", facts([RI_SHOWN], audit="SA", prev=True, current="probation"),
     "assessed", "open_critical", ("remediation",), 10, {"record_inconsistency_not_eligible"}),
    ("RI disclosed, initial cycle recorded as a fact", facts([RI_SHOWN], audit="FU", prev=True, initial_cycle=True),
     "assessed", "open_critical", ("remediation",), 10, {"record_inconsistency_not_eligible"}),
    # -- record inconsistency hidden: termination risk, no Probation now
    ("RI hidden, previously certified", facts([RI_HIDDEN], **CERTIFIED_FACTORY),
     "assessed", "record_inconsistency_hidden", (), 10, {"record_inconsistency_hidden"}),
    ("RI hidden, never certified", facts([RI_HIDDEN]), "assessed", "record_inconsistency_hidden", (), 10,
     {"record_inconsistency_hidden"}),
    ("RI hidden beside a disclosed one", facts([RI_SHOWN, F("R2", "6.4", "critical", ri=True)], **CERTIFIED_FACTORY),
     "assessed", "record_inconsistency_hidden", (), 10, {"record_inconsistency_hidden"}),
    ("RI hidden graded only Major still carries the risk", facts([F("R3", "11.4", "major", ri=True)]),
     "assessed", "record_inconsistency_hidden", (), 10, {"record_inconsistency_hidden"}),
    # -- too many NCs for Progressing
    ("open critical", facts([CRIT]), "assessed", "open_critical", (), 10, {"open_critical", "follow_up_required"}),
    ("open critical, previously certified: Remediation, not Probation", facts([CRIT], prev=True),
     "assessed", "open_critical", ("remediation",), 10, {"open_critical"}),
    ("30.8 % of a section is more than 30 %", facts(majors("3", 4)), "assessed", "major_share", (), 10,
     {"major_share"}),
    ("exactly 30 % of a section is not more than 30 %", facts(majors("11", 3)), "progressing", "few_majors",
     (), 6, {"few_majors"}),
    ("above the small number (6)", facts(majors("11", 2) + majors("6", 2) + majors("3", 2)),
     "assessed", "too_many_majors", (), 10, {"too_many_majors"}),
    # -- Progressing: first audits included
    ("ICA with a small number of Majors is Progressing", facts(majors("11", 2), audit="ICA"),
     "progressing", "few_majors", (), 6, {"few_majors", "follow_up_required"}),
    ("small number exactly (5)", facts(majors("11", 2) + majors("6", 2) + majors("3", 1)),
     "progressing", "few_majors", (), 6, {"few_majors"}),
    ("ICA with open minors is Progressing", facts([F("N1", "11.1", "minor")], audit="ICA"),
     "progressing", "only_minors", (), 6, {"only_minors", "desktop_review_possible"}),
    ("only minors", facts([F("N1", "11.1", "minor"), F("N2", "6.2", "minor")]), "progressing", "only_minors",
     (), 6, {"only_minors", "desktop_review_possible", "termination_watch"}),
    # -- certified
    ("no findings", facts(), "certified", "no_open_nc", (), 12, {"no_open_nc"}),
    ("only closed NCs", facts([F("C1", "6.1", "critical", open=False)], audit="ICA"), "certified", "no_open_nc",
     (), 12, {"no_open_nc"}),
    # -- QCA and ReIA are rated like annual audits
    ("QCA with a critical", facts([CRIT], audit="QCA", prev=True), "assessed", "open_critical", ("remediation",),
     10, {"open_critical"}),
    ("ReIA with minors", facts([F("N1", "11.1", "minor")], audit="ReIA", prev=True, current="remediation"),
     "progressing", "only_minors", (), 6, {"only_minors"}),
]


@pytest.mark.parametrize("name, given, status, rule, alternatives, months, ids", CASES, ids=[c[0] for c in CASES])
def test_status_table(name, given, status, rule, alternatives, months, ids):
    rec = recommend_status(given)
    assert (rec.status, rec.reasons[0].rule, rec.alternatives, rec.validity_months) == (
        status, rule, alternatives, months)
    assert ids <= {r.id for r in rec.reasons}, [r.id for r in rec.reasons]
    assert rec.label == load_yaml(STATUS_FILE)["statuses"][status]["label"]
    # Every reason is its message: the text is what the id and parameters render, and the
    # parameters are plain JSON.
    for reason in rec.reasons:
        assert reason.text == render(reason.id, reason.params)
        assert json.loads(json.dumps(dict(reason.params))) == dict(reason.params)
    # Every finding a reason names appears in its text by its checkpoint, never by its internal id.
    checkpoint_of = {f.id: f.checkpoint_id for f in given.findings}
    for reason in rec.reasons:
        for fid in reason.finding_ids:
            assert re.search(rf"\b{re.escape(checkpoint_of[fid])}\b", reason.text), (reason, fid)
            assert not re.search(rf"\b{re.escape(fid[:8])}\b", reason.text), (reason, fid)
    open_ids = {f.id for f in given.findings if f.open}
    if open_ids and rule not in ("termination_triggers",):
        assert set(rec.reasons[0].finding_ids) & open_ids
    closed = {f.id for f in given.findings if not f.open}
    for reason in rec.reasons:
        if reason.rule != "no_open_nc":
            assert not closed & set(reason.finding_ids)


# ---- Zero Tolerance -------------------------------------------------------------------------------

def test_zero_tolerance_notice_is_due_24_hours_after_the_audit_ends():
    rec = recommend_status(facts([ZT]))
    assert rec.decided_by_program and rec.notice_due == END + timedelta(hours=24)
    text = format_recommendation(rec)
    assert text.splitlines()[0] == ("Recommended status: Zero Tolerance: referred to the program for a termination "
                                    "decision (24-hour notice due by 2026-11-20 17:30 UTC+08:00)")
    assert "If the program does not terminate: Assessed (valid 10 months)" in text
    assert "Probation" not in text
    first = rec.reasons[0]
    assert "found without transparency" in first.text
    assert "notice due by 2026-11-20 17:30 UTC+08:00" in first.text
    assert "if it does not terminate, the factory is Assessed" in first.text


def test_zero_tolerance_without_a_recorded_end_says_so():
    rec = recommend_status(facts([ZT_SHOWN], end=None))
    assert rec.notice_due is None
    assert "the end of the audit is not recorded yet" in rec.reasons[0].text
    assert "the end of the audit is not recorded yet" in format_recommendation(rec).splitlines()[0]
    assert "where the factory was transparent about it" in rec.reasons[0].text


def test_a_raised_zero_tolerance_names_its_reason():
    rec = recommend_status(facts([F("Z9", "11.4", "zero_tolerance", raised="imminent_fire_danger")]))
    assert "The auditor raised checkpoint 11.4 to Zero Tolerance: imminent fire danger." in rec.reasons[0].text


def test_zero_tolerance_lists_the_other_grounds_for_assessed():
    rec = recommend_status(facts([ZT, CRIT] + majors("11", 4)))
    assert [r.rule for r in rec.reasons] == ["zero_tolerance", "open_critical", "major_share"]


def test_an_end_without_its_time_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        recommend_status(facts([ZT], end=datetime(2026, 11, 19, 17, 30)))


# ---- Probation and record inconsistency ------------------------------------------------------------

def test_probation_shows_its_schedule_and_the_remediation_choice():
    rec = recommend_status(facts([RI_SHOWN], **CERTIFIED_FACTORY))
    text = rec.reasons[0].text
    assert "Probation brings 3 surveillance audits (SA) within 12 months." in text
    assert "a factory recommended to Remediation may choose Probation" in text


@pytest.mark.parametrize("given, words", [
    (facts([RI_SHOWN]), "only for previously certified factories and this one was not"),
    (facts([RI_SHOWN], audit="ICA", prev=True), "never offered in the initial certification cycle"),
    (facts([RI_SHOWN], audit="SA", prev=True, current="probation"), "already on Probation"),
])
def test_record_inconsistency_says_why_probation_is_not_offered(given, words):
    rec = recommend_status(given)
    notes = [r for r in rec.reasons if r.id == "record_inconsistency_not_eligible"]
    assert len(notes) == 1 and words in notes[0].text and notes[0].finding_ids == ("R1",)
    assert "probation" not in rec.alternatives


def test_hidden_record_inconsistency_gives_the_disclosure_date_and_the_reaudit():
    rec = recommend_status(facts([RI_HIDDEN], **CERTIFIED_FACTORY))
    first = rec.reasons[0]
    # 20 working days after Thursday 2026-11-19 (weekends skipped): Thursday 2026-12-17.
    assert first.params["due"] == "2026-12-17"
    assert ("Termination risk: the factory has 20 working days to disclose and submit an acceptable CAP "
            "(by 2026-12-17), then a Transparency re-audit (RA): Probation if the disclosure is confirmed, "
            "else Terminated.") in first.text
    assert rec.alternatives == ()
    # A Critical record inconsistency is not closed by an ordinary follow-up: the re-audit decides.
    assert "follow_up_required" not in {r.id for r in rec.reasons}


def test_probation_lists_the_other_grounds_too():
    rec = recommend_status(facts([RI_SHOWN, F("C2", "11.2", "critical")], **CERTIFIED_FACTORY))
    assert rec.status == "probation"
    assert [r.rule for r in rec.reasons][:2] == ["record_inconsistency_disclosed", "open_critical"]
    assert rec.reasons[1].finding_ids == ("R1", "C2")


# ---- Assessed, Progressing ----------------------------------------------------------------------

def test_major_share_reason_names_the_official_checklist_section():
    rec = recommend_status(facts(majors("3", 4)))
    share = [r for r in rec.reasons if r.rule == "major_share"]
    assert len(share) == 1
    assert share[0].text.startswith(
        "Section 3 Employment Practices of the official ESCP checklist 4.0: 4 of 13 applicable checkpoints "
        "have open Major NCs (30.8 %) — more than 30 % of the section")
    assert share[0].finding_ids == ("M3-1", "M3-2", "M3-3", "M3-4")
    assert rec.section_shares["3"][:2] == (4, 13)
    assert rec.section_shares["3"][2] == pytest.approx(4 / 13)


def test_every_section_over_the_share_gets_its_own_reason():
    rec = recommend_status(facts(majors("11", 4) + [F("C1", "6.1", "critical")]))
    assert [r.rule for r in rec.reasons][:2] == ["open_critical", "major_share"]
    assert "Section 11 Wages of the official ESCP checklist 4.0: 4 of 10" in rec.reasons[1].text
    assert "(40 %)" in rec.reasons[1].text


def test_the_small_number_is_called_an_assumption_and_first_audits_wait_for_the_cap():
    ica = recommend_status(facts(majors("11", 2), audit="ICA"))
    assert "an editable assumption: the program publishes no number" in ica.reasons[0].text
    assert "After an ICA the factory is Assessed on the audit day and Progressing once it has submitted its CAP." \
        in ica.reasons[0].text
    fu = recommend_status(facts(majors("11", 2), audit="FU"))
    assert "Valid once the factory has submitted its CAP." in fu.reasons[0].text


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


# ---- how open NCs are closed; termination triggers to watch ------------------------------------------

@pytest.mark.parametrize("given, expected, words", [
    (facts([CRIT]), "follow_up_required", "at most 2 follow-up audits per certification cycle."),
    (facts([CRIT], follow_ups_in_cycle=1), "follow_up_required", "(1 used so far)"),
    (facts([CRIT], follow_ups_in_cycle=2), "follow_up_required", "none left in this cycle"),
    (facts(majors("11", 1)), "follow_up_required", "a Desktop Review (DR) closes only Minor NCs"),
    (facts([F("N1", "11.1", "minor")]), "desktop_review_possible", "can be closed by a Desktop Review (DR)"),
    (facts([CRIT], audit="DR", current="assessed"), "desktop_review_out_of_scope",
     "stay open until an on-site follow-up audit (FU)"),
])
def test_closure_route(given, expected, words):
    rec = recommend_status(given)
    found = [r for r in rec.reasons if r.id == expected]
    assert len(found) == 1 and words in found[0].text, [r.text for r in rec.reasons]


def test_termination_triggers_are_watched_while_ncs_are_open():
    rec = recommend_status(facts([F("N1", "11.1", "minor")]))
    watch = [r for r in rec.reasons if r.id == "termination_watch"]
    assert len(watch) == 1
    assert watch[0].text == ("Termination triggers to watch: no acceptable CAP within 20 working days after the "
                             "closing meeting (by 2026-12-17); the audit or the program's fee refused.")
    assert not [r for r in recommend_status(facts()).reasons if r.id == "termination_watch"]


def test_a_recorded_trigger_names_it():
    rec = recommend_status(facts([CRIT], termination_triggers=("fee_refused", "no_acceptable_cap")))
    assert rec.reasons[0].text.startswith(
        "Termination trigger recorded: no acceptable CAP within the time allowed and the program's fee refused.")


# ---- facts the rules cannot judge -------------------------------------------------------------------

def test_pv_keeps_the_status_and_says_so():
    rec = recommend_status(facts([F("C1", "6.1", "critical")], audit="PV", current="remediation"))
    assert (rec.status, rec.label, rec.validity_months) == ("remediation", "Remediation", None)
    assert "does not change unless a Zero Tolerance issue is found" in rec.reasons[0].text
    assert rec.reasons[0].finding_ids == ("C1",)
    assert "validity unchanged" in format_recommendation(rec)


@pytest.mark.parametrize("given, words", [
    (facts(audit="PV"), "current status is not known"),
    (facts(audit="XYZ"), "unknown audit type 'XYZ'"),
    (facts(current="gold"), "unknown current status 'gold'"),
    (facts([F("Q1", "11.1", "severe")]), "finding Q1: unknown grade 'severe'"),
    (facts([F("Q1", "11.1", "zero_tolerance", raised="bad_mood")]), "unknown reason to raise a grade 'bad_mood'"),
    (facts(answers={"11.1": "maybe"}), "checkpoint 11.1: answer 'maybe'"),
    (facts(answers={"99.1": "yes"}), "checkpoint 99.1 is answered but its section is unknown"),
    (facts(termination_triggers=("late",)), "unknown termination trigger 'late'"),
])
def test_facts_the_rules_cannot_judge_are_refused(given, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        recommend_status(given)


def test_format_and_dict_carry_the_same_content():
    rec = recommend_status(facts(majors("11", 4), prev=True))
    text = format_recommendation(rec)
    assert text.splitlines()[0] == "Recommended status: Assessed (valid 10 months)"
    assert "This factory may instead be placed in: Remediation (valid 12 or 9 months)" in text
    assert "[major_share] Section 11 Wages of the official ESCP checklist 4.0: 4 of 10" in text
    assert "Section 11: 4 of 10 applicable checkpoints (40 %)" in text
    data = recommendation_as_dict(rec)
    assert data["status"] == "assessed" and data["alternatives"] == ["remediation"]
    assert data["reasons"][0]["finding_ids"] == ["M11-1", "M11-2", "M11-3", "M11-4"]
    assert data["reasons"][0]["id"] == "major_share" and data["reasons"][0]["params"]["majors"] == 4
    assert data["section_shares"]["11"] == {"majors": 4, "applicable": 10, "share": 0.4}
    assert data["section_shares"]["6"] == {"majors": 0, "applicable": 10, "share": 0.0}
    referred = recommendation_as_dict(recommend_status(facts([ZT])))
    assert referred["decided_by_program"] and referred["notice_due"] == "2026-11-20T17:30:00+08:00"


# --- the status file as data: a rule changed in the file changes the result --------------------------

def test_the_probation_schedule_and_the_disclosure_window_are_data():
    rules = rules_with(("rules", "record_inconsistency_hidden", "disclose_within_working_days"), 10)
    rec = recommend_status(facts([RI_HIDDEN], **CERTIFIED_FACTORY), rules)
    assert rec.reasons[0].params["due"] == "2026-12-03"
    raw = copy.deepcopy(load_yaml(STATUS_FILE))
    raw["statuses"]["probation"]["schedule"]["audits"] = 2
    rec = recommend_status(facts([RI_SHOWN], **CERTIFIED_FACTORY), parse_status_rules(raw, "status.yaml"))
    assert "Probation brings 2 surveillance audits (SA)" in rec.reasons[0].text


def test_first_cycle_audit_types_are_data():
    rules = rules_with(("rules", "record_inconsistency_disclosed", "initial_cycle_audit_types"), ["ICA", "IAA"])
    assert recommend_status(facts([RI_SHOWN], **CERTIFIED_FACTORY), rules).status == "assessed"


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
    assert "[open_critical] Open Critical NC: checkpoint 6.1" in out


def test_rate_command_json(monkeypatch, capsys):
    given = facts([ZT])
    assert _run_rate(monkeypatch, ["rate", "x.escp", "--json"], lambda target: given) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == recommendation_as_dict(recommend_status(given))
    assert data["status"] == "referred" and data["reasons"][0]["finding_ids"] == ["Z1"]


def test_rate_command_turns_bad_facts_into_a_user_error(monkeypatch):
    from auditor_app.cli import UserError

    with pytest.raises(UserError, match=r"cannot rate pv-1: .*current status is not known"):
        _run_rate(monkeypatch, ["rate", "pv-1"], lambda target: facts(audit="PV"))


# --- the facts from an audit document -------------------------------------------------------------

def _doc(meetings=(), actual_end="2026-11-19", zone=""):
    return {"audit": {"checklist_version": "4.0", "audit_type": "IAA", "previously_certified": True,
                      "current_status": "certified", "actual_end": actual_end},
            "factory_profile": {"country": "CN", "timezone": zone},
            "meeting": list(meetings), "finding": [], "answer": []}


@pytest.mark.parametrize("doc, end, day", [
    (_doc([{"kind": "closing", "held_at": "2026-11-19T08:40:00Z"}]),
     datetime(2026, 11, 19, 16, 40, tzinfo=SITE), date(2026, 11, 19)),
    (_doc([{"kind": "opening", "held_at": "2026-11-18T01:00:00Z"}]),
     datetime(2026, 11, 20, 0, 0, tzinfo=SITE), date(2026, 11, 19)),
    (_doc([{"kind": "closing", "held_at": None}], zone="Asia/Ho_Chi_Minh"),
     datetime(2026, 11, 20, 0, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), date(2026, 11, 19)),
    (_doc(actual_end=None), None, None),
])
def test_the_audit_ends_at_the_closing_meeting_else_at_the_end_of_the_last_day(real_resources, doc, end, day):
    from auditor_app.rating_source import facts_from_document

    got = facts_from_document(doc)
    assert (got.audit_end, got.end_day) == (end, day)
    if end is not None:
        assert got.audit_end.utcoffset() == end.utcoffset()
    assert got.checklist_version == "4.0"


def test_only_the_checkpoints_of_the_audit_type_count(real_resources):
    from auditor_app.checklist.loader import load_checklist
    from auditor_app.rating_source import facts_from_document

    checklist = load_checklist("4.0")
    doc = _doc()
    doc["audit"]["audit_type"] = "ICA"
    doc["answer"] = [{"checkpoint_id": cp.id, "answer": "yes"} for cp in checklist.for_audit_type("ICA")]
    got = facts_from_document(doc)
    assert "1.4.2" not in got.section_of          # checks the previous CAP: not asked in an ICA
    assert not [r for r in recommend_status(got).reasons if r.rule == "denominator"]
    doc["answer"].append({"checkpoint_id": "99.9.9", "answer": "yes"})
    with pytest.raises(ValueError, match="checkpoint 99.9.9 is answered but its section is unknown"):
        recommend_status(facts_from_document(doc))


def test_headline_and_alternatives_heading_for_screens_and_reports():
    from auditor_app.checklist.rating import alternatives_heading, headline

    referred = recommend_status(facts([ZT]))
    assert headline(referred).text == "for a termination decision (24-hour notice due by 2026-11-20 17:30 UTC+08:00)"
    assert alternatives_heading(referred).text == "If the program does not terminate"
    assessed = recommend_status(facts([CRIT], prev=True))
    assert headline(assessed).text == "(valid 10 months)"
    assert alternatives_heading(assessed).text == "This factory may instead be placed in"
    pv = recommend_status(facts([CRIT], audit="PV", current="remediation"))
    assert headline(pv).text == "(validity unchanged)"
    terminated = recommend_status(facts(termination_triggers=("audit_refused",)))
    assert headline(terminated).text == "(valid at least 6 months)"
