"""status.yaml: the shipped table, and bad files that must say which file, where and what is wrong."""

from __future__ import annotations

import copy

import pytest
import yaml

from auditor_app.checklist.status_rules import STATUS_FILE, load_status_rules
from auditor_app.resources import RulesFileError, load_yaml


def test_shipped_table_matches_the_program():
    rules = load_status_rules()
    months = {key: s.validity_months for key, s in rules.statuses.items()}
    assert months == {"certified": 12, "progressing": 6, "assessed": 10, "probation": 12,
                      "remediation": 12, "terminated": 6, "referred": None}
    assert rules.statuses["remediation"].alternative_validity_months == 9
    assert rules.statuses["terminated"].validity_is_minimum
    assert rules.statuses["terminated"].reapply_after_months == 6
    assert rules.statuses["referred"].decided_by_program
    schedule = rules.statuses["probation"].schedule
    assert schedule is not None and (schedule.audit_type, schedule.audits, schedule.within_months) == ("SA", 3, 12)
    assert {"QCA", "ReIA"} <= set(rules.audit_types)
    r = rules.rules
    assert (r.zero_tolerance.status, r.zero_tolerance.alternatives) == ("referred", ("assessed",))
    assert r.major_share.major_share_threshold == 0.30
    assert r.major_share.comparison == "greater_than"
    assert "PV" in r.progress_visit_keeps_status.audit_types
    assert r.record_inconsistency_disclosed.initial_cycle_audit_types == ("ICA",)
    assert r.record_inconsistency_disclosed.not_while_in == ("probation",)
    assert r.record_inconsistency_hidden.disclose_within_working_days == 20
    assert r.transparency_reaudit.status == "terminated"
    assert (r.closure_route.follow_ups_per_cycle, r.closure_route.desktop_review_closes) == (2, ("minor",))
    assert r.few_majors.first_audit_types == ("ICA", "IAA")
    # Probation is offered only beside a disclosed record inconsistency.
    for rule in (r.open_critical, r.major_share, r.too_many_majors):
        assert "probation" not in rule.alternatives_if_previously_certified
    assert rules.denominator.count == "applicable_answered"


def _write(tmp_path, change):
    raw = copy.deepcopy(load_yaml(STATUS_FILE))
    change(raw)
    path = tmp_path / "status.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _set(path, value):
    def change(raw):
        node = raw
        for key in path[:-1]:
            node = node[key]
        if value is KeyError:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return change


BAD = [
    ("unknown grade", _set(("rules", "open_critical", "grade"), "severe"),
     "rules.open_critical.grade", "unknown grade 'severe'"),
    ("unknown grade in the PV rule", _set(("rules", "progress_visit_keeps_status", "unless_grade"), "zt"),
     "rules.progress_visit_keeps_status.unless_grade", "unknown grade 'zt'"),
    ("negative validity", _set(("statuses", "assessed", "validity_months"), -10),
     "statuses.assessed.validity_months", "greater than or equal to 1"),
    ("missing threshold", _set(("rules", "major_share", "major_share_threshold"), KeyError),
     "rules.major_share.major_share_threshold", "Field required"),
    ("missing rule", _set(("rules", "few_majors"), KeyError), "rules.few_majors", "Field required"),
    ("wrong type for the small number", _set(("rules", "few_majors", "small_number_of_majors"), "many"),
     "rules.few_majors.small_number_of_majors", "valid integer (got 'many')"),
    ("threshold as text", _set(("rules", "major_share", "major_share_threshold"), "30%"),
     "rules.major_share.major_share_threshold", "valid number"),
    ("threshold not a share", _set(("rules", "major_share", "major_share_threshold"), 30),
     "rules.major_share.major_share_threshold", "less than 1"),
    ("unknown comparison", _set(("rules", "major_share", "comparison"), "more"),
     "rules.major_share.comparison", "'greater_than' or 'at_least'"),
    ("unknown status", _set(("rules", "open_critical", "status"), "gold"),
     "rules.open_critical.status", "unknown status 'gold'"),
    ("unknown alternative", _set(("rules", "major_share", "alternatives_if_previously_certified"),
                                 ["remediation", "platinum"]),
     "rules.major_share.alternatives_if_previously_certified[1]", "unknown status 'platinum'"),
    ("unknown audit type", _set(("rules", "record_inconsistency_disclosed", "initial_cycle_audit_types"), ["ICA", "XX"]),
     "rules.record_inconsistency_disclosed.initial_cycle_audit_types[1]", "unknown audit type 'XX'"),
    ("unknown re-audit type", _set(("rules", "record_inconsistency_hidden", "reaudit_type"), "TRA"),
     "rules.record_inconsistency_hidden.reaudit_type", "unknown audit type 'TRA'"),
    ("unknown grade closed by a desktop review", _set(("rules", "closure_route", "desktop_review_closes"), ["tiny"]),
     "rules.closure_route.desktop_review_closes[0]", "unknown grade 'tiny'"),
    ("unknown termination trigger", _set(("rules", "termination_triggers", "triggers"), ["late_payment"]),
     "rules.termination_triggers.triggers[0]", "Input should be"),
    ("zero tolerance made an ordinary status", _set(("rules", "zero_tolerance", "status"), "terminated"),
     "rules.zero_tolerance.status", "referred to the program"),
    ("a referral given a validity", _set(("statuses", "referred", "validity_months"), 6),
     "statuses.referred.validity_months", "no validity of its own"),
    ("an ordinary status without validity", _set(("statuses", "assessed", "validity_months"), KeyError),
     "statuses.assessed.validity_months", "Field required"),
    ("unknown status a factory cannot be in twice", _set(("rules", "record_inconsistency_disclosed", "not_while_in"), ["gold"]),
     "rules.record_inconsistency_disclosed.not_while_in[0]", "unknown status 'gold'"),
    ("schedule with an unknown audit type", _set(("statuses", "probation", "schedule", "audit_type"), "XSA"),
     "statuses.probation.schedule.audit_type", "unknown audit type 'XSA'"),
    ("disclosure window of zero days", _set(("rules", "record_inconsistency_hidden", "disclose_within_working_days"), 0),
     "rules.record_inconsistency_hidden.disclose_within_working_days", "greater than or equal to 1"),
    ("typo in a key", _set(("rules", "major_share", "threshhold"), 0.3),
     "rules.major_share.threshhold", "Extra inputs are not permitted"),
    ("flag as text", _set(("statuses", "probation", "previously_certified_only"), "sure"),
     "statuses.probation.previously_certified_only", "valid boolean"),
    ("same alternative validity", _set(("statuses", "remediation", "alternative_validity_months"), 12),
     "statuses.remediation.alternative_validity_months", "same as validity_months"),
    ("unknown denominator policy", _set(("denominator", "unanswered"), "counted"),
     "denominator.unanswered", "excluded_with_warning"),
    ("status without its Chinese label", _set(("statuses", "probation", "label_zh"), KeyError),
     "statuses.probation.label_zh", "Field required"),
    ("blank Chinese label", _set(("statuses", "certified", "label_zh"), " "),
     "statuses.certified.label_zh", "must not be blank"),
    ("audit type without its Chinese name", _set(("audit_types_zh", "QCA"), KeyError),
     "audit_types_zh.QCA", "every audit type needs its Chinese name"),
    ("Chinese name of an unknown audit type", _set(("audit_types_zh", "XX"), "某审核"),
     "audit_types_zh.XX", "unknown audit type 'XX'"),
]


@pytest.mark.parametrize("name, change, where, problem", BAD, ids=[b[0] for b in BAD])
def test_bad_status_file_names_file_path_and_problem(tmp_path, name, change, where, problem):
    path = _write(tmp_path, change)
    with pytest.raises(RulesFileError) as caught:
        load_status_rules(str(path))
    err = caught.value
    assert (err.file, err.where) == (str(path), where)
    assert problem in err.problem
    assert str(path) in str(err) and where in str(err)


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "status.yaml"
    path.write_text("statuses:\n  certified: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesFileError) as caught:
        load_status_rules(str(path))
    assert caught.value.file == str(path) and caught.value.where.startswith("line ")


def test_missing_file(tmp_path):
    with pytest.raises(RulesFileError, match="file not found"):
        load_status_rules(str(tmp_path / "nope.yaml"))
