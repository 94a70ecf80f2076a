"""English renderers of the rating's messages (ids used by `rating.py`).

Each function turns one message's parameters into the English sentence the reviewer reads; another
language adds its own renderers for the same ids and parameters (docs/status-rules.md lists them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor_app.checklist.messages import english, listing, pct, refs, share_pct, site_moment

P = Mapping[str, Any]

TRIGGER_WORDS = {
    "no_acceptable_cap": "no acceptable CAP within the time allowed",
    "audit_refused": "the audit refused",
    "fee_refused": "the program's fee refused",
}
WHY_NO_PROBATION = {
    "never_certified": "it is only for previously certified factories and this one was not",
    "initial_cycle": "it is never offered in the initial certification cycle",
    "already_in": "the factory is already on Probation",
}


def _validity(s: P) -> str:
    again = f", no re-application for {s['reapply_after']} months" if s.get("reapply_after") else ""
    return f"valid {'at least ' if s.get('minimum') else ''}{s['months']} months{again}"


def _count_days(days: int, count: str) -> str:
    return f"{days} {'working days' if count == 'working_days' else 'days'}"


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


@english("denominator")
def _denominator(p: P) -> str:
    return (f"{p['count']} checkpoint(s) not answered yet are left out of the section counts: "
            f"{', '.join(p['checkpoints'])}{' …' if p['more'] else ''}. "
            "The recommendation may change when they are answered.")


@english("termination_trigger_recorded")
def _trigger(p: P) -> str:
    words = listing([TRIGGER_WORDS[t] for t in p["triggers"]])
    return (f"Termination trigger recorded: {words}. The program terminates in this case "
            f"({p['status']['label']}, {_validity(p['status'])}); ESCP's review team decides.")


@english("referral_headline")
def _headline(p: P) -> str:
    if p["due"]:
        return f"for a termination decision ({p['hours']}-hour notice due by {site_moment(p['due'])})"
    return (f"for a termination decision ({p['hours']}-hour notice due {p['hours']} hours after the audit "
            "ends; the end of the audit is not recorded yet)")


@english("status_validity")
def _status_validity(p: P) -> str:
    if p["months"] is None:
        return "(validity unchanged)"
    alt = f" or {p['alternative']}" if p.get("alternative") else ""
    return f"(valid {'at least ' if p['minimum'] else ''}{p['months']}{alt} months)"


@english("alternatives_heading")
def _alternatives_heading(p: P) -> str:
    return "If the program does not terminate" if p["referral"] else "This factory may instead be placed in"


@english("zero_tolerance_referred")
def _zero_tolerance(p: P) -> str:
    hidden, shown = p["hidden"], p["shown"]
    if hidden and shown:
        how = f"; found without transparency: {refs(hidden)}; the factory was transparent about {refs(shown)}"
    elif hidden:
        how = ", found without transparency"
    else:
        how = f", where the factory was transparent about {_plural(len(shown), 'it', 'them')}"
    text = f"Zero Tolerance NC: {refs(p['findings'])}{how}."
    for r in p["raised"]:
        text += (f" The auditor raised checkpoint {r['checkpoint']} to Zero "
                 f"Tolerance: {r['reason'].lower()}.")
    if p["due"]:
        text += (f" Report it to the program within {p['hours']} hours after the audit ends: notice due by "
                 f"{site_moment(p['due'])}.")
    else:
        text += (f" Report it to the program within {p['hours']} hours after the audit ends (the end of the "
                 "audit is not recorded yet).")
    text += (" ESCP decides on termination (the program terminates when a Zero Tolerance violation is found "
             "without transparency and the factory is unwilling to remediate)")
    alt = p.get("alternative")
    text += f"; if it does not terminate, the factory is {alt['label']}." if alt else "."
    return text


@english("progress_visit_keeps_status")
def _progress_visit(p: P) -> str:
    text = (f"{p['audit_type_label']} ({p['audit_type']}): the status does not change unless a Zero Tolerance "
            f"issue is found, and none is open; {p['status']} stays, its validity runs on.")
    if p.get("findings"):
        text += f" Open NCs go to the CAP: {refs(p['findings'])}."
    return text


@english("transparency_reaudit_failed")
def _reaudit_failed(p: P) -> str:
    return (f"{p['audit_type_label']} ({p['audit_type']}): record inconsistency still not disclosed: "
            f"{refs(p['findings'])}. The disclosure is not confirmed, and the program then terminates "
            f"({p['status']['label']}, {_validity(p['status'])}); ESCP's review team decides.")


@english("transparency_reaudit_confirmed")
def _reaudit_confirmed(p: P) -> str:
    shown = f" (disclosed: {refs(p['findings'])})" if p.get("findings") else ""
    return (f"{p['audit_type_label']} ({p['audit_type']}): no hidden record inconsistency is open{shown}, so "
            "the factory's disclosure is confirmed.")


@english("record_inconsistency_disclosed")
def _disclosed(p: P) -> str:
    found = f": {refs(p['findings'])}" if p.get("findings") else " (confirmed by this re-audit)"
    text = (f"Record inconsistency the factory disclosed on site{found}. The factory was previously certified, "
            f"is not in its initial certification cycle and is not already on {p['status']}, so it is eligible "
            f"for {p['status']} instead of {p['instead']}; ESCP decides.")
    if p["alternatives"]:
        alts = listing(p["alternatives"], "or")
        text += (f" {alts} is the alternative, and a factory recommended to {alts} may choose "
                 f"{p['status']}.")
    s = p.get("schedule")
    if s:
        text += (f" {p['status']} brings {s['audits']} {s['audit_type_label'].lower()} audits ({s['audit_type']}) "
                 f"within {s['months']} months.")
    return text


@english("record_inconsistency_not_eligible")
def _not_eligible(p: P) -> str:
    why = WHY_NO_PROBATION[p["why"]]
    if p["why"] == "initial_cycle":
        why += f" (this is an {p['audit_type_label']}, {p['audit_type']})"
    found = f": {refs(p['findings'])}" if p.get("findings") else ""
    return f"Record inconsistency the factory disclosed on site{found}. {p['status']} is not offered: {why}; the grades decide."


@english("record_inconsistency_hidden")
def _hidden(p: P) -> str:
    by = f" (by {p['due']})" if p["due"] else " (counted from the end of the audit, not recorded yet)"
    return (f"Record inconsistency found without transparency: {refs(p['findings'])}. Termination risk: the "
            f"factory has {p['days']} working days to disclose and submit an acceptable CAP{by}, then a "
            f"{p['reaudit_label']} ({p['reaudit_type']}): {p['confirmed']} if the disclosure is confirmed, "
            f"else {p['otherwise']}. {p['confirmed']} is not offered now.")


@english("open_critical")
def _open_critical(p: P) -> str:
    return f"Open Critical NC: {refs(p['findings'])} — any open Critical NC means {p['status']}."


@english("major_share")
def _major_share(p: P) -> str:
    edition = f" {p['edition']}" if p.get("edition") else ""
    words = "more than" if p["comparison"] == "greater_than" else "at least"
    return (f"Section {p['section']} of the official ESCP checklist{edition}: {p['majors']} of {p['applicable']} "
            f"applicable checkpoints have open Major NCs ({pct(p['majors'], p['applicable'])}) — {words} "
            f"{share_pct(p['threshold'])} of the section: {refs(p['findings'])}.")


@english("too_many_majors")
def _too_many(p: P) -> str:
    return (f"{p['checkpoints']} checkpoints have open Major NCs — more than the small number of {p['small']} "
            f"allowed for {p['status']} (an editable assumption: the program publishes no number): "
            f"{refs(p['findings'])}.")


def _cap_words(p: P) -> str:
    if p.get("first_audit"):
        return (f"After an {p['audit_type']} the factory is Assessed on the audit day and {p.get('status', 'Progressing')} "
                "once it has submitted its CAP.")
    return "Valid once the factory has submitted its CAP."


@english("few_majors")
def _few_majors(p: P) -> str:
    others = f"; {p['others']} lower-grade NC(s) also open" if p["others"] else ""
    return (f"{p['checkpoints']} checkpoint(s) with open Major NCs — not more than the small number of "
            f"{p['small']} (an editable assumption: the program publishes no number): {refs(p['findings'])}; no "
            f"open Critical or Zero Tolerance NC and no section over {share_pct(p['threshold'])}{others}. "
            + _cap_words(p))


@english("only_minors")
def _only_minors(p: P) -> str:
    return f"Only {p['grade']} NCs are open ({p['count']}): {refs(p['findings'])}. " + _cap_words(
        {**p, "status": "Progressing"})


@english("no_open_nc")
def _no_open_nc(p: P) -> str:
    closed = p.get("findings") or []
    return "No open NCs" + (f"; {len(closed)} closed NC(s) do not count: {refs(closed)}." if closed else ".")


@english("follow_up_required")
def _follow_up(p: P) -> str:
    used = ""
    if p.get("used") is not None:
        used = f" ({p['used']} used so far"
        used += "; none left in this cycle)" if p["used"] >= p["per_cycle"] else ")"
    lead = "Follow-up audit required" if p.get("critical") else "On-site verification needed"
    return (f"{lead}: closing {refs(p['findings'])} needs an on-site follow-up audit "
            f"({p['follow_up_type']}); a Desktop Review ({p['desktop_review_type']}) closes only "
            f"{listing(p['closes'], 'and')} NCs. The program allows at most {p['per_cycle']} follow-up audits per "
            f"certification cycle{used}.")


@english("desktop_review_possible")
def _desktop_possible(p: P) -> str:
    return (f"Every open NC is {listing(p['closes'], 'or')} ({refs(p['findings'])}): they can be closed by a Desktop Review "
            f"({p['desktop_review_type']}) of the factory's evidence, without an on-site follow-up audit "
            f"({p['follow_up_type']}).")


@english("desktop_review_out_of_scope")
def _desktop_scope(p: P) -> str:
    return (f"A Desktop Review ({p['desktop_review_type']}) closes only {listing(p['closes'], 'and')} NCs: "
            f"{refs(p['findings'])} stay open until an on-site follow-up audit ({p['follow_up_type']}).")


@english("termination_watch")
def _watch(p: P) -> str:
    by = f" (by {p['cap_due']})" if p.get("cap_due") else ""
    return (f"Termination triggers to watch: no acceptable CAP within {_count_days(p['cap_days'], p['cap_count'])} "
            f"after the closing meeting{by}; the audit or the program's fee refused.")
