"""Recommend a factory status after an audit, with reasons a reviewer can check by hand.

Plain values in (`AuditFacts`), plain values out (`Recommendation`). Thresholds, statuses and which
audit types change status come from resources/rules/status.yaml (`status_rules.py`); the order of the
rules is fixed here and explained in docs/status-rules.md. Only open findings count. Every reason is
built from a message id and parameters (`messages.py`; the words, English and Chinese, in
resources/messages/rating.yaml, put together by `rating_text.py`): `reason.message.render("zh")`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from auditor_app.checklist import rating_text  # noqa: F401 - registers the messages' preparers
from auditor_app.checklist.cap_policy import final_cap_due, load_cap_policy, working_days_after
from auditor_app.checklist.grades import grade, grade_keys, raise_to
from auditor_app.checklist.messages import Message, Words, message
from auditor_app.checklist.status_rules import TERMINATION_TRIGGERS, StatusRules, load_status_rules

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
    # Key of grades.yaml `raise_to.reasons` when the auditor raised the grade above the checklist's.
    raised_reason: str = ""


@dataclass(frozen=True)
class AuditFacts:
    audit_type: str  # ICA, IAA, PV, ... (status.yaml `audit_types`)
    previously_certified: bool
    current_status: str | None  # status key before this audit, if known
    answers: dict[str, str]  # checkpoint id -> "yes" | "na" | "nc"
    section_of: dict[str, str]  # checkpoint id -> section id (every checkpoint of the checklist)
    section_titles: dict[str, str] = field(default_factory=dict)
    findings: list[FindingFacts] = field(default_factory=list)
    # The end of the audit, in the factory's time zone: the closing meeting, else the end of the last
    # day on site. The 24-hour Zero Tolerance notice runs from it. None: not recorded yet.
    audit_end: datetime | None = None
    # The day on site the audit ended (working-day deadlines count from it); None: audit_end's day.
    end_day: date | None = None
    checklist_version: str | None = None  # the official edition the sections belong to
    # Termination triggers recorded for this factory (status_rules.TERMINATION_TRIGGERS).
    termination_triggers: tuple[str, ...] = ()
    # On-site follow-up audits already used in this certification cycle; None: not recorded.
    follow_ups_in_cycle: int | None = None
    # This audit is in the factory's initial certification cycle; None: from the audit type
    # (status.yaml `initial_cycle_audit_types`) and `previously_certified`.
    initial_cycle: bool | None = None


@dataclass(frozen=True)
class Reason:
    rule: str  # key under `rules:` in status.yaml (or "denominator")
    text: str  # English, rendered from `id` and `params`
    finding_ids: tuple[str, ...] = ()
    id: str = ""  # message id (messages.py)
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> Message:
        """The reason as a message: `reason.message.render("zh")`."""
        return Message(self.id, self.params, self.text)

    def render(self, lang: str | None = "en") -> str:
        return self.message.render(lang)


@dataclass(frozen=True)
class Recommendation:
    status: str
    label: str
    validity_months: int | None  # None: a PV keeps its status's validity; a referral has none of its own
    reasons: tuple[Reason, ...]
    alternatives: tuple[str, ...]  # other statuses this factory may be placed in instead
    section_shares: dict[str, tuple[int, int, float | None]]  # section -> (majors, applicable, share)
    decided_by_program: bool = False  # a Zero Tolerance referral: ESCP decides the status
    notice_due: datetime | None = None  # the Zero Tolerance notice to the program is due by then


def _reason(rule: str, message_id: str, findings: Iterable[FindingFacts] = (), **params: Any) -> Reason:
    found = list(findings)
    if found:
        params = {"findings": _ref_list(found), **params}
    msg = message(message_id, **params)
    return Reason(rule, msg.text, tuple(f.id for f in found), msg.id, msg.params)


def _ref_list(findings: Iterable[FindingFacts]) -> list[dict[str, str]]:
    return [{"checkpoint": f.checkpoint_id, "finding": f.id} for f in findings]


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
    reasons = {r.key for r in raise_to().reasons}
    for f in facts.findings:
        if f.grade not in grade_keys():
            raise ValueError(f"finding {f.id}: unknown grade {f.grade!r}; known: {', '.join(grade_keys())}")
        if f.raised_reason and f.raised_reason not in reasons:
            raise ValueError(f"finding {f.id}: unknown reason to raise a grade {f.raised_reason!r}; "
                             f"known: {', '.join(sorted(reasons))}")
    for trigger in facts.termination_triggers:
        if trigger not in TERMINATION_TRIGGERS:
            raise ValueError(f"unknown termination trigger {trigger!r}; known: {', '.join(TERMINATION_TRIGGERS)}")
    if facts.audit_end is not None and facts.audit_end.tzinfo is None:
        raise ValueError("the end of the audit must carry its time zone (the factory's)")


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
        reasons.append(_reason("major_share", "major_share", found, section=section,
                               title=facts.section_titles.get(section) or None,
                               edition=facts.checklist_version, majors=majors, applicable=applicable,
                               threshold=rule.major_share_threshold, comparison=rule.comparison))
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


def _result(status, reasons, alternatives, shares, rules, validity="table", notice_due=None) -> Recommendation:
    s = rules.statuses[status]
    months = s.validity_months if validity == "table" else validity
    return Recommendation(status, s.label, months, tuple(reasons), tuple(alternatives), shares,
                          s.decided_by_program, notice_due)


def _end_day(facts: AuditFacts) -> date | None:
    if facts.end_day is not None:
        return facts.end_day
    return facts.audit_end.date() if facts.audit_end is not None else None


def _status_words(rules: StatusRules, key: str) -> dict[str, Any]:
    """A status as message parameters: its label and validity."""
    s = rules.statuses[key]
    return {"key": key, "months": s.validity_months, "minimum": s.validity_is_minimum,
            "reapply_after": s.reapply_after_months}


def _probation_block(facts: AuditFacts, rules: StatusRules) -> str | None:
    """Why Probation cannot be offered to this factory, or None when it can."""
    rule = rules.rules.record_inconsistency_disclosed
    probation = rules.statuses[rule.status]
    if probation.previously_certified_only and not facts.previously_certified:
        return "never_certified"
    initial = (facts.initial_cycle if facts.initial_cycle is not None
               else facts.audit_type in rule.initial_cycle_audit_types)
    if initial:
        return "initial_cycle"
    if facts.current_status in rule.not_while_in:
        return "already_in"
    return None


def _assessed_grounds(facts, rules, open_findings, shares) -> list[tuple[Reason, str, tuple[str, ...]]]:
    """Too many NCs for Progressing: any open Critical, a section over the Major share, or more
    Major NCs than the small number. (reason, status, alternatives if previously certified)."""
    r = rules.rules
    grounds: list[tuple[Reason, str, tuple[str, ...]]] = []
    critical = [f for f in open_findings if f.grade == r.open_critical.grade]
    if critical:
        grounds.append((_reason("open_critical", "open_critical", critical,
                                status=r.open_critical.status),
                        r.open_critical.status, r.open_critical.alternatives_if_previously_certified))
    for reason in _major_share_reasons(facts, rules, open_findings, shares):
        grounds.append((reason, r.major_share.status, r.major_share.alternatives_if_previously_certified))
    majors = [f for f in open_findings if f.grade == r.few_majors.grade]
    major_cps = {f.checkpoint_id for f in majors}
    if len(major_cps) > r.few_majors.small_number_of_majors:
        grounds.append((_reason("too_many_majors", "too_many_majors", majors, checkpoints=len(major_cps),
                                small=r.few_majors.small_number_of_majors,
                                status=r.few_majors.status),
                        r.too_many_majors.status, r.too_many_majors.alternatives_if_previously_certified))
    return grounds


def _closure_reasons(facts, rules, open_findings) -> list[Reason]:
    """How the open NCs can be closed: on-site follow-up or Desktop Review."""
    rule = rules.rules.closure_route
    if not open_findings:
        return []
    out = []
    beyond_desk = [f for f in open_findings if f.grade not in rule.desktop_review_closes]
    closes = list(rule.desktop_review_closes)
    if facts.audit_type == rule.desktop_review_type and beyond_desk:
        out.append(_reason("closure_route", "desktop_review_out_of_scope", beyond_desk,
                           desktop_review_type=rule.desktop_review_type, closes=closes,
                           follow_up_type=rule.follow_up_type))
    serious = [f for f in beyond_desk if not f.record_inconsistency]
    if serious:
        critical = rules.rules.open_critical.grade
        out.append(_reason("closure_route", "follow_up_required", serious,
                           critical=any(f.grade == critical for f in serious),
                           follow_up_type=rule.follow_up_type, per_cycle=rule.follow_ups_per_cycle,
                           used=facts.follow_ups_in_cycle, desktop_review_type=rule.desktop_review_type,
                           closes=closes))
    elif not beyond_desk:
        out.append(_reason("closure_route", "desktop_review_possible", open_findings,
                           desktop_review_type=rule.desktop_review_type, closes=closes,
                           follow_up_type=rule.follow_up_type))
    return out


def _termination_watch(facts, rules) -> Reason:
    end = _end_day(facts)
    due = final_cap_due(end) if end is not None else None
    final_cap = load_cap_policy().final_cap
    return _reason("termination_triggers", "termination_watch", cap_days=final_cap.days,
                   cap_count=final_cap.count, cap_due=due.isoformat() if due else None)


def recommend_status(facts: AuditFacts, rules: StatusRules | None = None) -> Recommendation:
    """The status the program's rules give for these facts, with every reason that applies."""
    rules = rules or load_status_rules()
    _check(facts, rules)
    r = rules.rules
    open_findings = [f for f in facts.findings if f.open]
    shares, unanswered = section_shares(facts, rules)
    notes = []
    if unanswered:
        notes.append(_reason("denominator", "denominator", count=len(unanswered),
                             checkpoints=unanswered[:10], more=len(unanswered) > 10))

    def open_of(grade_key: str) -> list[FindingFacts]:
        return [f for f in open_findings if f.grade == grade_key]

    # 0. A termination trigger recorded for the factory: Terminated (ESCP decides).
    triggers = [t for t in r.termination_triggers.triggers if t in facts.termination_triggers]
    if triggers:
        reason = _reason("termination_triggers", "termination_trigger_recorded", triggers=triggers,
                         status=_status_words(rules, r.termination_triggers.status))
        return _result(r.termination_triggers.status, [reason] + notes, (), shares, rules)

    ri = [f for f in open_findings if f.record_inconsistency]
    ri_hidden = [f for f in ri if not f.transparent]
    ri_shown = [f for f in ri if f.transparent]
    grounds = _assessed_grounds(facts, rules, open_findings, shares)

    # 1. Zero Tolerance, for every audit and visit type: referred to the program, which decides.
    zt_rule = r.zero_tolerance
    zt = open_of(zt_rule.grade)
    if zt:
        hours = grade(zt_rule.grade).report_within_hours or 24
        due = facts.audit_end + timedelta(hours=hours) if facts.audit_end is not None else None
        raised = [{"checkpoint": f.checkpoint_id, "finding": f.id, "reason": f.raised_reason}
                  for f in zt if f.raised_reason]
        first = _reason("zero_tolerance", "zero_tolerance_referred", zt,
                        hidden=_ref_list(f for f in zt if not f.transparent),
                        shown=_ref_list(f for f in zt if f.transparent), raised=raised, hours=hours,
                        due=due.isoformat() if due else None,
                        alternative=_status_words(rules, zt_rule.alternatives[0]) if zt_rule.alternatives else None)
        others = [g[0] for g in grounds]
        if ri_hidden:
            others.append(_record_inconsistency_hidden(facts, rules, ri_hidden))
        return _result(zt_rule.status, [first] + others + notes,
                       _alternatives(zt_rule.alternatives, facts, rules, zt_rule.status), shares, rules,
                       validity=None, notice_due=due)

    # 2. A Progress Visit does not change status unless a Zero Tolerance issue is found.
    pv = r.progress_visit_keeps_status
    if facts.audit_type in pv.audit_types:
        if facts.current_status is None:
            raise ValueError(f"a {rules.audit_types[facts.audit_type]} keeps the factory's current status, "
                             "but the current status is not known")
        reason = _reason("progress_visit_keeps_status", "progress_visit_keeps_status", open_findings,
                         audit_type=facts.audit_type, status=facts.current_status)
        return _result(facts.current_status, [reason] + notes, (), shares, rules, validity=None)

    decided: tuple[str, Reason, tuple[str, ...]] | None = None  # status, deciding reason, alternatives
    reasons: list[Reason] = []

    # 3. Transparency Re-audit: a record inconsistency still hidden ends in Terminated.
    ra = r.transparency_reaudit
    reaudit = facts.audit_type in ra.audit_types
    if reaudit and ri_hidden:
        first = _reason("transparency_reaudit", "transparency_reaudit_failed", ri_hidden,
                        audit_type=facts.audit_type, status=_status_words(rules, ra.status))
        return _result(ra.status, [first] + [g[0] for g in grounds] + notes, (), shares, rules)
    if reaudit:
        reasons.append(_reason("transparency_reaudit", "transparency_reaudit_confirmed", ri_shown,
                               audit_type=facts.audit_type))

    # 4. Record inconsistency the factory disclosed: Probation, for eligible factories only.
    disclosed = r.record_inconsistency_disclosed
    if ri_hidden:
        # 5. Hidden: termination risk; the disclosure window and the re-audit decide. No Probation now.
        decided = (r.record_inconsistency_hidden.status, _record_inconsistency_hidden(facts, rules, ri_hidden), ())
    elif ri_shown or reaudit:
        block = _probation_block(facts, rules)
        probation = rules.statuses[disclosed.status]
        if block is None:
            schedule = probation.schedule
            first = _reason("record_inconsistency_disclosed", "record_inconsistency_disclosed", ri_shown,
                            status=disclosed.status, instead=r.open_critical.status,
                            alternatives=list(disclosed.alternatives),
                            schedule=None if schedule is None else {
                                "audits": schedule.audits, "audit_type": schedule.audit_type,
                                "months": schedule.within_months})
            decided = (disclosed.status, first, disclosed.alternatives)
        else:
            reasons.append(_reason("record_inconsistency_disclosed", "record_inconsistency_not_eligible",
                                   ri_shown, why=block, status=disclosed.status, audit_type=facts.audit_type))

    # 6. Too many NCs for Progressing.
    if decided is None and grounds:
        alts = tuple(a for _, _, group in grounds for a in group)
        decided = (grounds[0][1], grounds[0][0], alts)  # the first ground found decides
        grounds = grounds[1:]
    tail = _closure_reasons(facts, rules, open_findings)
    if open_findings:
        tail.append(_termination_watch(facts, rules))
    if decided is not None:
        status, first, alts = decided
        return _result(status, [first] + [g[0] for g in grounds] + reasons + tail + notes,
                       _alternatives(alts, facts, rules, status), shares, rules)

    # 7. A small number of Majors, or only Minors: Progressing, once the CAP is submitted.
    first_audit = facts.audit_type in r.few_majors.first_audit_types
    majors = open_of(r.few_majors.grade)
    if majors:
        major_cps = {f.checkpoint_id for f in majors}
        first = _reason("few_majors", "few_majors", majors, checkpoints=len(major_cps),
                        small=r.few_majors.small_number_of_majors,
                        threshold=r.major_share.major_share_threshold,
                        others=len(open_findings) - len(majors), first_audit=first_audit,
                        audit_type=facts.audit_type, status=r.few_majors.status)
        return _result(r.few_majors.status, [first] + reasons + tail + notes, (), shares, rules)
    if open_findings:
        first = _reason("only_minors", "only_minors", open_findings, grade=r.only_minors.grade,
                        count=len(open_findings), first_audit=first_audit, audit_type=facts.audit_type)
        return _result(r.only_minors.status, [first] + reasons + tail + notes, (), shares, rules)

    # 8. Nothing open.
    closed = [f for f in facts.findings if not f.open]
    first = _reason("no_open_nc", "no_open_nc", closed)
    return _result(r.no_open_nc.status, [first] + reasons + notes, (), shares, rules)


def _record_inconsistency_hidden(facts: AuditFacts, rules: StatusRules, hidden: list[FindingFacts]) -> Reason:
    rule = rules.rules.record_inconsistency_hidden
    end = _end_day(facts)
    due = working_days_after(end, rule.disclose_within_working_days) if end is not None else None
    return _reason("record_inconsistency_hidden", "record_inconsistency_hidden", hidden,
                   days=rule.disclose_within_working_days, due=due.isoformat() if due else None,
                   reaudit_type=rule.reaudit_type, confirmed=rules.rules.record_inconsistency_disclosed.status,
                   otherwise=rules.rules.transparency_reaudit.status)


def headline(rec: Recommendation, rules: StatusRules | None = None) -> Message:
    """What follows the status label wherever it is shown: its validity ("valid 10 months",
    "validity unchanged") or, for a Zero Tolerance referral, "for a termination decision (24-hour
    notice due by …)". Screens and reports print `label + " " + text`."""
    rules = rules or load_status_rules()
    if rec.decided_by_program:
        hours = grade(rules.rules.zero_tolerance.grade).report_within_hours or 24
        return message("referral_headline", hours=hours, due=rec.notice_due.isoformat() if rec.notice_due else None)
    s = rules.statuses[rec.status]
    return message("status_validity", months=rec.validity_months, minimum=s.validity_is_minimum,
                   alternative=s.alternative_validity_months if rec.validity_months is not None else None)


def alternatives_heading(rec: Recommendation) -> Message:
    """The words before the alternatives: 'If the program does not terminate' for a referral."""
    return message("alternatives_heading", referral=rec.decided_by_program)


def format_recommendation(rec: Recommendation, rules: StatusRules | None = None,
                          section_titles: dict[str, str] | None = None, lang: str | None = "en",
                          edition: str | None = None) -> str:
    """The recommendation as plain text for the terminal and the review screen, in `lang`. Section
    titles are taken from `edition` in that language when given, else from `section_titles`."""
    titles = section_titles or {}
    rules = rules or load_status_rules()
    w = Words(lang or "en")
    lines = [w.message("recommendation.status", {"status": rec.status, "headline": headline(rec, rules).as_dict()})]
    if rec.alternatives:
        alts = [{"key": a, "months": rules.statuses[a].validity_months, "minimum": rules.statuses[a].validity_is_minimum,
                 "alternative": rules.statuses[a].alternative_validity_months} for a in rec.alternatives]
        lines.append(w.message("recommendation.alternatives", {"alternatives": alts, "referral": rec.decided_by_program}))
    lines.append(w.t("recommendation.reasons"))
    lines += [w.t("recommendation.reason", rule=r.rule, text=r.render(w.lang)) for r in rec.reasons]
    with_majors = [(s, v) for s, v in rec.section_shares.items() if v[0]]
    if with_majors:
        lines.append(w.t("recommendation.sections"))
        lines += [w.message("recommendation.section_line", {"section": s, "title": titles.get(s), "edition": edition,
                                                            "majors": m, "applicable": d})
                  for s, (m, d, _) in with_majors]
    lines.append(w.t("recommendation.review_decides"))
    return "\n".join(lines)


def recommendation_as_dict(rec: Recommendation) -> dict:
    """JSON-ready form (`auditor-app rate --json`)."""
    return {
        "status": rec.status,
        "label": rec.label,
        "validity_months": rec.validity_months,
        "decided_by_program": rec.decided_by_program,
        "notice_due": rec.notice_due.isoformat() if rec.notice_due else None,
        "alternatives": list(rec.alternatives),
        "reasons": [{"rule": r.rule, "id": r.id, "params": dict(r.params), "text": r.text,
                     "finding_ids": list(r.finding_ids)} for r in rec.reasons],
        "section_shares": {s: {"majors": m, "applicable": d, "share": share}
                           for s, (m, d, share) in rec.section_shares.items()},
    }
