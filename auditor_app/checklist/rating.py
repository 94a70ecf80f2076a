"""Recommend a factory status after an audit, with reasons a reviewer can check by hand.

Plain values in (`AuditFacts`), plain values out (`Recommendation`). Thresholds, statuses and which
audit types change status come from resources/rules/status.yaml (`status_rules.py`); the order of the
rules is fixed here and explained in docs/status-rules.md. Only open findings count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from auditor_app.checklist.grades import grade, grade_keys
from auditor_app.checklist.status_rules import StatusRules, load_status_rules

ANSWERS = ("yes", "na", "nc")
APPLICABLE_ANSWERS = ("yes", "nc")


@dataclass(frozen=True)
class FindingFacts:
    id: str
    checkpoint_id: str
    section_id: str
    grade: str  # the effective grade: a conditional grade is already applied
    open: bool
    transparent: bool  # the factory showed the problem itself (did not hide it)
    record_inconsistency: bool


@dataclass(frozen=True)
class AuditFacts:
    audit_type: str  # ICA, IAA, PV, ... (status.yaml `audit_types`)
    previously_certified: bool
    current_status: str | None  # status key before this audit, if known
    answers: dict[str, str]  # checkpoint id -> "yes" | "na" | "nc"
    section_of: dict[str, str]  # checkpoint id -> section id (every checkpoint of the checklist)
    section_titles: dict[str, str] = field(default_factory=dict)
    findings: list[FindingFacts] = field(default_factory=list)


@dataclass(frozen=True)
class Reason:
    rule: str  # key under `rules:` in status.yaml (or "denominator")
    text: str
    finding_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    status: str
    label: str
    validity_months: int | None  # None: a Progress Visit keeps the status and its running validity
    reasons: tuple[Reason, ...]
    alternatives: tuple[str, ...]  # other statuses this factory may be placed in instead
    section_shares: dict[str, tuple[int, int, float | None]]  # section -> (majors, applicable, share)


def _check(facts: AuditFacts, rules: StatusRules) -> None:
    """Refuse facts the rules cannot judge, rather than guess."""
    if facts.audit_type not in rules.audit_types:
        raise ValueError(f"unknown audit type {facts.audit_type!r}; known: {', '.join(rules.audit_types)}")
    if facts.current_status is not None and facts.current_status not in rules.statuses:
        raise ValueError(f"unknown current status {facts.current_status!r}; known: {', '.join(rules.statuses)}")
    for cp, answer in facts.answers.items():
        if answer not in ANSWERS:
            raise ValueError(f"checkpoint {cp}: answer {answer!r} is not one of {', '.join(ANSWERS)}")
        if cp not in facts.section_of:
            raise ValueError(f"checkpoint {cp} is answered but its section is unknown (missing from section_of)")
    for f in facts.findings:
        if f.grade not in grade_keys():
            raise ValueError(f"finding {f.id}: unknown grade {f.grade!r}; known: {', '.join(grade_keys())}")


def _refs(findings: list[FindingFacts]) -> str:
    """'checkpoint 6.1 (finding F2)' or 'checkpoints 6.1 (finding F2), 6.3 (finding F4)'."""
    word = "checkpoint" if len(findings) == 1 else "checkpoints"
    # Ids shortened as everywhere on screen and paper; Reason.finding_ids keeps them whole.
    return f"{word} " + ", ".join(f"{f.checkpoint_id} (finding {f.id[:8]})" for f in findings)


def _ids(findings: list[FindingFacts]) -> tuple[str, ...]:
    return tuple(f.id for f in findings)


def _pct(share: Fraction) -> str:
    value = share * 100
    return f"{value.numerator // value.denominator} %" if value.denominator == 1 else f"{float(value):.1f} %"


def _section_name(facts: AuditFacts, section: str) -> str:
    title = facts.section_titles.get(section)
    return f"Section {section} {title}" if title else f"Section {section}"


def _major_share_reasons(facts, rules, open_findings, shares) -> list[Reason]:
    rule = rules.rules.major_share
    limit = Fraction(str(rule.major_share_threshold))
    reasons = []
    for section, (majors, applicable, _share) in shares.items():
        if not applicable:
            continue  # all N/A: no share, and never "more than 30 %"
        share = Fraction(majors, applicable)
        over = share > limit if rule.comparison == "greater_than" else share >= limit
        if not over:
            continue
        found = [f for f in open_findings if f.section_id == section and f.grade == rule.grade]
        words = "more than" if rule.comparison == "greater_than" else "at least"
        reasons.append(Reason("major_share", (
            f"{_section_name(facts, section)}: {majors} of {applicable} applicable checkpoints have open "
            f"Major NCs ({_pct(share)}) — {words} {_pct(limit)}: {_refs(found)}."), _ids(found)))
    return reasons


def section_shares(facts: AuditFacts, rules: StatusRules | None = None) -> tuple[dict, list[str]]:
    """Per section (majors, applicable, share or None), and the unanswered checkpoint ids.

    Applicable = answered yes/nc, plus any checkpoint with an open finding (the finding is the
    evidence even if the answer box is not ticked). N/A and unanswered checkpoints are left out.
    """
    rules = rules or load_status_rules()
    major = rules.rules.major_share.grade
    applicable: dict[str, set[str]] = {}
    majors: dict[str, set[str]] = {}
    unanswered = []
    for cp, section in facts.section_of.items():
        applicable.setdefault(section, set())
        answer = facts.answers.get(cp)
        if answer in APPLICABLE_ANSWERS:
            applicable[section].add(cp)
        elif answer is None:
            unanswered.append(cp)
    for f in facts.findings:
        if f.open:
            applicable.setdefault(f.section_id, set()).add(f.checkpoint_id)
            if f.grade == major:
                majors.setdefault(f.section_id, set()).add(f.checkpoint_id)
    unanswered = [cp for cp in unanswered
                  if not any(f.open and f.checkpoint_id == cp for f in facts.findings)]
    out = {}
    for section, cps in applicable.items():
        m, d = len(majors.get(section, ())), len(cps)
        out[section] = (m, d, (m / d) if d else None)
    return out, unanswered


def _alternatives(keys, facts: AuditFacts, rules: StatusRules, exclude: str) -> tuple[str, ...]:
    out: list[str] = []
    for key in keys:
        if key == exclude or key in out:
            continue
        if rules.statuses[key].previously_certified_only and not facts.previously_certified:
            continue
        out.append(key)
    return tuple(out)


def _result(status, reasons, alternatives, shares, rules, validity="table") -> Recommendation:
    s = rules.statuses[status]
    months = s.validity_months if validity == "table" else validity
    return Recommendation(status, s.label, months, tuple(reasons), tuple(alternatives), shares)


def recommend_status(facts: AuditFacts, rules: StatusRules | None = None) -> Recommendation:
    """The status the program's table gives for these facts, with every reason that applies."""
    rules = rules or load_status_rules()
    _check(facts, rules)
    r = rules.rules
    open_findings = [f for f in facts.findings if f.open]
    shares, unanswered = section_shares(facts, rules)
    notes = []
    if unanswered:
        notes.append(Reason("denominator", (
            f"{len(unanswered)} checkpoint(s) not answered yet are left out of the section counts: "
            f"{', '.join(unanswered[:10])}{' …' if len(unanswered) > 10 else ''}. "
            "The recommendation may change when they are answered.")))

    def open_of(grade: str) -> list[FindingFacts]:
        return [f for f in open_findings if f.grade == grade]

    # 1. Zero Tolerance hidden from the auditor: Terminated, whatever the audit type.
    zt_rule = r.zero_tolerance_without_transparency
    hidden_zt = [f for f in open_of(zt_rule.grade) if not f.transparent]
    if hidden_zt:
        t = rules.statuses[zt_rule.status]
        again = f", no re-application for {t.reapply_after_months} months" if t.reapply_after_months else ""
        text = (f"Zero Tolerance NC found without transparency: {_refs(hidden_zt)}. The program gives "
                f"{t.label} when the factory is also unwilling to remediate (valid "
                f"{'at least ' if t.validity_is_minimum else ''}{t.validity_months} months{again}); "
                "ESCP's review team decides.")
        return _result(zt_rule.status, [Reason("zero_tolerance_without_transparency", text, _ids(hidden_zt))]
                       + notes, (), shares, rules)

    # 2. A Progress Visit does not change status unless a Zero Tolerance issue is found.
    pv = r.progress_visit_keeps_status
    if facts.audit_type in pv.audit_types and not open_of(pv.unless_grade):
        if facts.current_status is None:
            raise ValueError(f"a {rules.audit_types[facts.audit_type]} keeps the factory's current status, "
                             "but the current status is not known")
        label = rules.statuses[facts.current_status].label
        text = (f"{rules.audit_types[facts.audit_type]} ({facts.audit_type}): the status does not change "
                f"unless a Zero Tolerance issue is found, and none is open; {label} stays, its validity "
                f"runs on." + (f" Open NCs go to the CAP: {_refs(open_findings)}." if open_findings else ""))
        return _result(facts.current_status, [Reason("progress_visit_keeps_status", text, _ids(open_findings))]
                       + notes, (), shares, rules, validity=None)

    decided: tuple[str, Reason, tuple[str, ...]] | None = None  # status, deciding reason, alternatives
    reasons: list[Reason] = []

    # 3. Zero Tolerance shown by the factory itself: not Terminated; Assessed until closed.
    zt_open = r.zero_tolerance_with_transparency
    shown_zt = open_of(zt_open.grade)
    if shown_zt:
        text = (f"Zero Tolerance NC where the factory was transparent: {_refs(shown_zt)}. Not Terminated "
                f"(the program terminates only without transparency); {rules.statuses[zt_open.status].label} "
                "until it is closed.")
        decided = (zt_open.status, Reason("zero_tolerance_with_transparency", text, _ids(shown_zt)),
                   zt_open.alternatives_if_previously_certified)

    # 4. Record inconsistency with transparency: Probation, for previously certified factories only.
    ri_rule = r.record_inconsistency_with_transparency
    ri = [f for f in open_findings if f.record_inconsistency]
    ri_shown = [f for f in ri if f.transparent]
    ri_hidden = [f for f in ri if not f.transparent]
    probation = rules.statuses[ri_rule.status]
    eligible = facts.previously_certified or not probation.previously_certified_only
    if ri_hidden:
        reasons.append(Reason("record_inconsistency_with_transparency", (
            f"Record inconsistency without transparency: {_refs(ri_hidden)}. Not eligible for "
            f"{probation.label}, which needs transparency; the grades decide."), _ids(ri_hidden)))
    elif ri_shown and not eligible:
        reasons.append(Reason("record_inconsistency_with_transparency", (
            f"Record inconsistency where the factory was transparent: {_refs(ri_shown)}. {probation.label} "
            "is only for previously certified factories and this one was not; the grades decide."),
            _ids(ri_shown)))
    elif ri_shown and decided is None:
        text = (f"Record inconsistency where the factory was transparent: {_refs(ri_shown)}. The factory "
                f"was previously certified, so it is eligible for {probation.label} instead of "
                f"{rules.statuses[r.open_critical.status].label}; ESCP decides.")
        decided = (ri_rule.status, Reason("record_inconsistency_with_transparency", text, _ids(ri_shown)),
                   ri_rule.alternatives)

    # 5. Too many NCs for Progressing: any open Critical, a section over the Major share, or more
    #    Major NCs than the small number.
    assessed: list[tuple[Reason, str, tuple[str, ...]]] = []  # reason, status, alternatives
    critical = open_of(r.open_critical.grade)
    if critical:
        assessed.append((Reason("open_critical", (
            f"Open Critical NC: {_refs(critical)} — any open Critical NC means "
            f"{rules.statuses[r.open_critical.status].label}."), _ids(critical)),
            r.open_critical.status, r.open_critical.alternatives_if_previously_certified))
    for reason in _major_share_reasons(facts, rules, open_findings, shares):
        assessed.append((reason, r.major_share.status, r.major_share.alternatives_if_previously_certified))
    majors = open_of(r.few_majors.grade)
    major_cps = {f.checkpoint_id for f in majors}
    small = r.few_majors.small_number_of_majors
    if len(major_cps) > small:
        assessed.append((Reason("too_many_majors", (
            f"{len(major_cps)} checkpoints have open Major NCs — more than the small number of {small} "
            f"allowed for {rules.statuses[r.few_majors.status].label}: {_refs(majors)}."), _ids(majors)),
            r.too_many_majors.status, r.too_many_majors.alternatives_if_previously_certified))

    if decided is None and assessed:
        alts = tuple(a for _, _, group in assessed for a in group)
        decided = (assessed[0][1], assessed[0][0], alts)  # the first ground found decides
        assessed = assessed[1:]
    if decided is not None:
        status, first, alts = decided
        return _result(status, [first] + [a for a, _, _ in assessed] + reasons + notes,
                       _alternatives(alts, facts, rules, status), shares, rules)

    # 6. First audit: Assessed until every NC is closed.
    first_audit = r.first_audit_until_closed
    if open_findings and facts.audit_type in first_audit.audit_types:
        text = (f"{rules.audit_types[facts.audit_type]} ({facts.audit_type}): the factory stays "
                f"{rules.statuses[first_audit.status].label} until all NCs are closed; "
                f"{len(open_findings)} open: {_refs(open_findings)}.")
        return _result(first_audit.status, [Reason("first_audit_until_closed", text, _ids(open_findings))]
                       + reasons + notes, (), shares, rules)

    # 7. A small number of Majors, or only Minors: Progressing, once the CAP is submitted.
    if majors:
        others = len(open_findings) - len(majors)
        text = (f"{len(major_cps)} checkpoint(s) with open Major NCs — not more than the small number of "
                f"{small}: {_refs(majors)}; no open Critical or Zero Tolerance NC and no section over "
                f"{_pct(Fraction(str(r.major_share.major_share_threshold)))}"
                f"{f'; {others} lower-grade NC(s) also open' if others else ''}. Valid once the factory "
                "has submitted its CAP.")
        return _result(r.few_majors.status, [Reason("few_majors", text, _ids(majors))] + reasons
                       + notes, (), shares, rules)
    if open_findings:
        text = (f"Only {grade(r.only_minors.grade).label} NCs are open ({len(open_findings)}): "
                f"{_refs(open_findings)}. Valid once the factory has submitted its CAP.")
        return _result(r.only_minors.status, [Reason("only_minors", text, _ids(open_findings))] + reasons
                       + notes, (), shares, rules)

    # 8. Nothing open.
    closed = [f for f in facts.findings if not f.open]
    text = "No open NCs" + (f"; {len(closed)} closed NC(s) do not count: {_refs(closed)}." if closed else ".")
    return _result(r.no_open_nc.status, [Reason("no_open_nc", text, _ids(closed))] + reasons + notes,
                   (), shares, rules)


def _validity_words(status: str, months: int | None, rules: StatusRules) -> str:
    if months is None:
        return "validity unchanged"
    s = rules.statuses[status]
    alt = f" or {s.alternative_validity_months}" if s.alternative_validity_months else ""
    return f"valid {'at least ' if s.validity_is_minimum else ''}{months}{alt} months"


def format_recommendation(rec: Recommendation, rules: StatusRules | None = None,
                          section_titles: dict[str, str] | None = None) -> str:
    """The recommendation as plain text for the terminal and the review screen."""
    titles = section_titles or {}
    rules = rules or load_status_rules()
    lines = [f"Recommended status: {rec.label} ({_validity_words(rec.status, rec.validity_months, rules)})"]
    if rec.alternatives:
        alts = ", ".join(f"{rules.statuses[a].label} ({_validity_words(a, rules.statuses[a].validity_months, rules)})"
                         for a in rec.alternatives)
        lines.append(f"This factory may instead be placed in: {alts}")
    lines.append("Reasons:")
    lines += [f"  - [{r.rule}] {r.text}" for r in rec.reasons]
    with_majors = [(s, v) for s, v in rec.section_shares.items() if v[0]]
    if with_majors:
        lines.append("Major NCs by section:")
        lines += [f"  - Section {s}{' ' + titles[s] if s in titles else ''}: {m} of {d} applicable "
                  f"checkpoints ({_pct(Fraction(m, d))})" for s, (m, d, _) in with_majors]
    lines.append("This is a recommendation; ESCP's review team decides.")
    return "\n".join(lines)


def recommendation_as_dict(rec: Recommendation) -> dict:
    """JSON-ready form (`auditor-app rate --json`)."""
    return {
        "status": rec.status,
        "label": rec.label,
        "validity_months": rec.validity_months,
        "alternatives": list(rec.alternatives),
        "reasons": [{"rule": r.rule, "text": r.text, "finding_ids": list(r.finding_ids)} for r in rec.reasons],
        "section_shares": {s: {"majors": m, "applicable": d, "share": share}
                           for s, (m, d, share) in rec.section_shares.items()},
    }
