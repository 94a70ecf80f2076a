"""How the rating's messages are put together (ids used by `rating.py`); the words, English and
Chinese, are in resources/messages/rating.yaml.

Each preparer turns one message's parameters into its template's values in the language asked
(`Words`): lists of checkpoints, labels of statuses, grades and audit types, clauses that are there or
not. docs/status-rules.md lists the messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor_app.checklist.messages import Words, prepares

P = Mapping[str, Any]


def validity(w: Words, months: int | None, minimum: bool = False, alternative: int | None = None) -> str:
    """'valid at least 6 months', 'valid 12 or 9 months', 'validity unchanged'."""
    if months is None:
        return w.t("validity.unchanged")
    return w.t("validity.months", months=months, minimum=w.t("validity.at_least") if minimum else "",
               alternative=w.t("validity.alternative", months=alternative) if alternative else "")


def _status_validity(w: Words, s: P) -> str:
    text = validity(w, s["months"], bool(s.get("minimum")))
    return text + (w.t("validity.reapply", months=s["reapply_after"]) if s.get("reapply_after") else "")


def _findings(p: P, w: Words, key: str = "findings") -> str:
    return w.refs(p.get(key) or [])


@prepares("denominator")
def _denominator(p: P, w: Words) -> P:
    return {"count": p["count"], "checkpoints": w.join(p["checkpoints"]), "more": " …" if p["more"] else ""}


@prepares("termination_trigger_recorded")
def _trigger(p: P, w: Words) -> P:
    return {"triggers": w.listing([w.t(f"trigger.{t}") for t in p["triggers"]]),
            "status": w.status(p["status"]["key"]), "validity": _status_validity(w, p["status"])}


@prepares("referral_headline")
def _headline(p: P, w: Words) -> P:
    due = (w.t("headline.due_by", moment=w.moment(p["due"])) if p["due"]
           else w.t("headline.due_after", hours=p["hours"]))
    return {"hours": p["hours"], "due": due}


@prepares("status_validity")
def _validity(p: P, w: Words) -> P:
    return {"validity": validity(w, p["months"], bool(p.get("minimum")), p.get("alternative"))}


@prepares("alternatives_heading")
def _alternatives_heading(p: P, w: Words) -> P:
    return {"heading": w.either(p["referral"], "alternatives.referral", "alternatives.other")}


@prepares("zero_tolerance_referred")
def _zero_tolerance(p: P, w: Words) -> P:
    hidden, shown = p["hidden"], p["shown"]
    if hidden and shown:
        how = w.t("zt.how_mixed", hidden=w.refs(hidden), shown=w.refs(shown))
    elif hidden:
        how = w.t("zt.how_hidden")
    else:
        how = w.t("zt.how_shown.one" if len(shown) == 1 else "zt.how_shown.many")
    raised = "".join(w.t("zt.raised", checkpoint=r["checkpoint"], reason=w.raise_reason(r["reason"], lower=True))
                     for r in p["raised"])
    report = (w.t("zt.report_due", hours=p["hours"], moment=w.moment(p["due"])) if p["due"]
              else w.t("zt.report_unknown", hours=p["hours"]))
    alt = p.get("alternative")
    return {"findings": _findings(p, w), "how": how, "raised": raised, "report": report,
            "alternative": w.t("zt.alternative", status=w.status(alt["key"])) if alt else w.t("zt.no_alternative")}


@prepares("progress_visit_keeps_status")
def _progress_visit(p: P, w: Words) -> P:
    return {"audit_type_label": w.audit_type(p["audit_type"]), "audit_type": p["audit_type"],
            "status": w.status(p["status"]),
            "open": w.t("pv.open", findings=_findings(p, w)) if p.get("findings") else ""}


@prepares("transparency_reaudit_failed")
def _reaudit_failed(p: P, w: Words) -> P:
    return {"audit_type_label": w.audit_type(p["audit_type"]), "audit_type": p["audit_type"],
            "findings": _findings(p, w), "status": w.status(p["status"]["key"]),
            "validity": _status_validity(w, p["status"])}


@prepares("transparency_reaudit_confirmed")
def _reaudit_confirmed(p: P, w: Words) -> P:
    return {"audit_type_label": w.audit_type(p["audit_type"]), "audit_type": p["audit_type"],
            "shown": w.t("ra.disclosed", findings=_findings(p, w)) if p.get("findings") else ""}


@prepares("record_inconsistency_disclosed")
def _disclosed(p: P, w: Words) -> P:
    status = w.status(p["status"])
    alternatives = ""
    if p["alternatives"]:
        alternatives = w.t("ri.alternatives", alts=w.listing([w.status(a) for a in p["alternatives"]], "or"),
                           status=status)
    s = p.get("schedule")
    schedule = ""
    if s:
        schedule = w.t("ri.schedule", status=status, audits=s["audits"], audit_type=s["audit_type"],
                       audit_type_label=w.audit_type(s["audit_type"], lower=True), months=s["months"])
    return {"found": (w.t("ri.found", findings=_findings(p, w)) if p.get("findings")
                      else w.t("ri.confirmed_by_reaudit")),
            "status": status, "instead": w.status(p["instead"]), "alternatives": alternatives,
            "schedule": schedule}


@prepares("record_inconsistency_not_eligible")
def _not_eligible(p: P, w: Words) -> P:
    why = w.t(f"ri.why.{p['why']}")
    if p["why"] == "initial_cycle":
        why += w.t("ri.why.this_audit", audit_type_label=w.audit_type(p["audit_type"]), audit_type=p["audit_type"])
    return {"found": w.t("ri.found", findings=_findings(p, w)) if p.get("findings") else "",
            "status": w.status(p["status"]), "why": why}


@prepares("record_inconsistency_hidden")
def _hidden(p: P, w: Words) -> P:
    return {"findings": _findings(p, w), "days": p["days"],
            "by": w.t("ri.by", due=p["due"]) if p["due"] else w.t("ri.by_unknown"),
            "reaudit_label": w.audit_type(p["reaudit_type"]), "reaudit_type": p["reaudit_type"],
            "confirmed": w.status(p["confirmed"]), "otherwise": w.status(p["otherwise"])}


@prepares("open_critical")
def _open_critical(p: P, w: Words) -> P:
    return {"findings": _findings(p, w), "status": w.status(p["status"])}


def section_name(w: Words, section: str, edition: str | None, title: str | None) -> str:
    """'6 Employment Practices': the section's title in the language, from its edition when known."""
    if w.lang != "en" and edition:
        try:
            from auditor_app.checklist.loader import load_checklist

            for s in load_checklist(edition).sections:
                if s.id == section:
                    title = s.text("title", w.lang)
        except (ValueError, LookupError):
            pass
    return w.t("section.titled", id=section, title=title) if title else w.t("section.plain", id=section)


@prepares("major_share")
def _major_share(p: P, w: Words) -> P:
    return {"section": section_name(w, p["section"], p.get("edition"), p.get("title")),
            "edition": w.t("share.edition", edition=p["edition"]) if p.get("edition") else "",
            "majors": p["majors"], "applicable": p["applicable"], "pct": w.pct(p["majors"], p["applicable"]),
            "words": w.either(p["comparison"] == "greater_than", "share.more_than", "share.at_least"),
            "threshold": w.share_pct(p["threshold"]), "findings": _findings(p, w)}


@prepares("too_many_majors")
def _too_many(p: P, w: Words) -> P:
    return {"checkpoints": p["checkpoints"], "small": p["small"], "status": w.status(p["status"]),
            "findings": _findings(p, w)}


def _cap_words(p: P, w: Words, status: str) -> str:
    if p.get("first_audit"):
        return w.t("cap.first_audit", audit_type=p["audit_type"], assessed=w.status("assessed"), status=w.status(status))
    return w.t("cap.later")


@prepares("few_majors")
def _few_majors(p: P, w: Words) -> P:
    return {"checkpoints": p["checkpoints"], "small": p["small"], "findings": _findings(p, w),
            "threshold": w.share_pct(p["threshold"]),
            "others": w.t("few_majors.others", others=p["others"]) if p["others"] else "",
            "cap": _cap_words(p, w, p.get("status") or "progressing")}


@prepares("only_minors")
def _only_minors(p: P, w: Words) -> P:
    return {"grade": w.grade(p["grade"]), "count": p["count"], "findings": _findings(p, w),
            "cap": _cap_words(p, w, "progressing")}


@prepares("no_open_nc")
def _no_open_nc(p: P, w: Words) -> P:
    closed = p.get("findings") or []
    return {"closed": w.t("no_open_nc.closed", n=len(closed), findings=w.refs(closed)) if closed
            else w.t("no_open_nc.none")}


@prepares("follow_up_required")
def _follow_up(p: P, w: Words) -> P:
    used = ""
    if p.get("used") is not None:
        used = w.either(p["used"] >= p["per_cycle"], "follow_up.used_all", "follow_up.used", used=p["used"])
    return {"lead": w.either(p.get("critical"), "follow_up.required", "follow_up.verification"),
            "findings": _findings(p, w), "follow_up_type": p["follow_up_type"],
            "desktop_review_type": p["desktop_review_type"], "closes": w.listing([w.grade(g) for g in p["closes"]]),
            "per_cycle": p["per_cycle"], "used": used}


@prepares("desktop_review_possible")
def _desktop_possible(p: P, w: Words) -> P:
    return {"closes": w.listing([w.grade(g) for g in p["closes"]], "or"), "findings": _findings(p, w),
            "desktop_review_type": p["desktop_review_type"], "follow_up_type": p["follow_up_type"]}


@prepares("desktop_review_out_of_scope")
def _desktop_scope(p: P, w: Words) -> P:
    return {"closes": w.listing([w.grade(g) for g in p["closes"]]), "findings": _findings(p, w),
            "desktop_review_type": p["desktop_review_type"], "follow_up_type": p["follow_up_type"]}


@prepares("termination_watch")
def _watch(p: P, w: Words) -> P:
    return {"days": w.either(p["cap_count"] == "working_days", "days.working", "days.calendar", n=p["cap_days"]),
            "by": w.t("watch.by", due=p["cap_due"]) if p.get("cap_due") else ""}


# ---- the recommendation as plain text (format_recommendation) ----

@prepares("recommendation.alternatives")
def _rec_alternatives(p: P, w: Words) -> P:
    items = [w.t("recommendation.alternative", status=w.status(a["key"]),
                 validity=validity(w, a["months"], bool(a.get("minimum")), a.get("alternative")))
             for a in p["alternatives"]]
    return {"heading": w.message("alternatives_heading", {"referral": p["referral"]}), "list": w.join(items)}


@prepares("recommendation.section_line")
def _section_line(p: P, w: Words) -> P:
    return {"section": section_name(w, p["section"], p.get("edition"), p.get("title")), "majors": p["majors"],
            "applicable": p["applicable"], "pct": w.pct(p["majors"], p["applicable"])}


@prepares("recommendation.status")
def _rec_status(p: P, w: Words) -> P:
    return {"status": w.status(p["status"]), "headline": w.message(p["headline"]["id"], p["headline"]["params"])}
