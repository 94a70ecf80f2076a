"""Worker interviews in the report: how many workers were interviewed (held interviews only, each
worker of a group counted), beside the plan and the random draw, what was not held and why, by
stratum; the roster beside the confirmed headcount; the draw's commitment (never its seed); quotes
only where the worker agreed, by anonymous code."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from auditor_app.reports.common import doc_zone, when_text
from auditor_app.reports.fonts import MONO, markup
from auditor_app.reports.interviews import NO_REASON, InterviewSummary, interview_summary
from auditor_app.reports.styles import bold, grid, para
from auditor_app.reports.wording import ENGLISH, Wording


def headline(s: InterviewSummary, w: Wording = ENGLISH) -> str:
    def in_lang(lang: str) -> str:
        groups = w.count_one(s.groups, "report.interviews.groups", lang)
        if s.groups:
            groups += w.count_one(s.group_workers, "report.interviews.with_workers", lang)
        return w.one("report.interviews.headline", lang,
                     workers=w.count_one(s.workers, "report.interviews.workers", lang),
                     individual=w.count_one(s.individual, "report.interviews.individual", lang), groups=groups)
    return w.pick(in_lang)


def _outcome_table(s: InterviewSummary, width: float, w: Wording) -> list:
    plan = s.plan
    rows: list[list] = []
    if plan is not None:
        days = (lambda lang: w.one("report.interviews.man_days", lang, n=f"{plan.man_days:g}")) if plan.man_days else ""
        rows.append([w("report.interviews.row.planned", days=days), str(plan.individual),
                     f"{plan.groups} × {plan.group_size}" if plan.groups else "0", str(plan.workers)])
    rows.append([w("report.interviews.row.drawn"), str(s.drawn), "—", str(s.drawn)])
    rows.append([bold(w("report.interviews.row.held"), "cell"), bold(str(s.individual), "cell"),
                 bold(str(s.groups), "cell"), bold(str(s.workers), "cell")])
    if s.outside_draw:
        rows.append([w("report.interviews.row.outside"), str(s.outside_draw), "—", str(s.outside_draw)])
    rows.append([w("report.interviews.row.not_held"), str(s.individual_not_held), str(s.groups_not_held), "—"])
    rows.append([bold(w("report.interviews.row.shortfall"), "cell"), "", "", bold(str(s.shortfall), "cell")])
    col = (width - 70 * mm) / 3
    return [grid([w("report.interviews.col.interviews"), w("report.interviews.col.individual"),
                  w("report.interviews.col.group"), w("report.interviews.col.workers")], rows,
                 [70 * mm, col, col, col])]


def _reason_text(reasons: list[tuple[str, int]], w: Wording, lang: str) -> str:
    """Why recorded interviews were not held: the gap closures' reasons, and how many have none."""
    one = Wording(lang)
    given = [f"{words} {n}" for words, n in reasons if words != one(NO_REASON)]
    missing = sum(n for words, n in reasons if words == one(NO_REASON))
    text = w.one("report.interviews.why", lang, reasons=one.words[lang].join(given)) if given else ""
    if missing:
        text += (w.one("report.interviews.no_reason_some", lang, n=missing) if given else
                 w.one("report.interviews.no_reason_all", lang,
                       interviews=w.count_one(missing, "report.interviews.interviews", lang)))
    return text


def _shortfall_text(s: InterviewSummary, doc: dict, w: Wording) -> str:
    against = "planned" if s.plan else "drawn"
    if not s.shortfall and not s.individual_not_held and not s.groups_not_held:
        return w(f"report.interviews.no_shortfall.{against}")
    # The reasons are words in one language each: counted again per language.
    reasons = {lang: interview_summary(doc, Wording(lang)).reasons for lang in w.langs}

    def in_lang(lang: str) -> str:
        parts = []
        if s.individual_not_held:
            parts.append(w.count_one(s.individual_not_held, "report.interviews.individual_not_held", lang))
        if s.groups_not_held:
            planned = (w.one("report.interviews.of_planned", lang, n=s.plan.groups)
                       if s.plan and s.plan.groups else "")
            parts.append(w.count_one(s.groups_not_held, "report.interviews.groups_not_held", lang, planned=planned))
        text = w.one(f"report.interviews.shortfall.{against}", lang,
                     workers=w.count_one(s.shortfall, "report.interviews.workers", lang))
        if parts:
            text += w.one("report.interviews.shortfall_parts", lang, parts=w.one("report.meeting.consent_sep",
                                                                                 lang).join(parts))
        else:
            text += w.one("report.interviews.stop", lang)
        return text + _reason_text(reasons[lang], w, lang)
    return w.pick(in_lang)


def _roster_text(s: InterviewSummary, profile: dict, w: Wording) -> str | None:
    if s.roster_workers is None:
        return None
    men, women = int(profile.get("headcount_male") or 0), int(profile.get("headcount_female") or 0)
    headcount = men + women
    diff = s.roster_workers - headcount
    roster = s.roster_workers

    def in_lang(lang: str) -> str:
        text = w.one("report.interviews.roster", lang,
                     workers=w.count_one(roster, "report.interviews.workers", lang),
                     headcount=headcount, men=men, women=women)
        if diff:
            return text + w.count_one(abs(diff), "report.interviews.roster_fewer" if diff < 0
                                      else "report.interviews.roster_more", lang)
        return text + w.one("report.interviews.roster_agree", lang)
    return w.pick(in_lang)


def _draw_lines(s: InterviewSummary, doc: dict, w: Wording) -> list:
    if s.commitment is None:
        return [para(w("report.interviews.no_draw"), "muted")]
    drawn = when_text(s.drawn_at, doc_zone(doc)) if s.drawn_at else None
    return [
        para(None, "body", raw=w.marked(
            "report.interviews.draw", {"commitment": f"<font name='{MONO}' size='7.5'>{s.commitment}</font>"},
            workers=lambda lang: w.count_one(s.drawn, "report.interviews.workers", lang),
            when=lambda lang: drawn or w.one("report.interviews.no_time", lang))),
        para(w("report.interviews.commitment"), "muted"),
    ]


def _strata_table(s: InterviewSummary, width: float, w: Wording) -> list:
    """Counts by stratum: each stratum's label in the report's language, its values (departments,
    shifts, contract types ...) as the roster recorded them."""
    rows: list[list] = []
    for label, values in s.strata:
        for i, v in enumerate(values):
            rows.append([bold(label, "cell") if i == 0 else "", v.value, str(v.drawn), str(v.held), str(v.not_held)])
    if not rows:
        return []
    col = (width - 34 * mm - 60 * mm) / 3
    return [Spacer(1, 4), grid([w("report.interviews.col.stratum"), w("report.interviews.col.value"),
                                w("report.interviews.col.drawn"), w("report.interviews.col.interviewed"),
                                w("report.interviews.col.not_held")], rows, [34 * mm, 60 * mm, col, col, col])]


def interviews_story(doc: dict, width: float, w: Wording = ENGLISH) -> list:
    s = interview_summary(doc, w)
    story: list = [para(headline(s, w)), Spacer(1, 3)] + _outcome_table(s, width, w)
    story += [Spacer(1, 3), para(_shortfall_text(s, doc, w))]
    roster = _roster_text(s, doc.get("factory_profile") or {}, w)
    if roster:
        story += [Spacer(1, 3), para(roster)]
    story += [Spacer(1, 3)] + _draw_lines(s, doc, w) + _strata_table(s, width, w)
    if s.quotes:
        story += [para(w("report.interviews.quotes"), "h3")]
        story += [para(None, "body", raw=f"“{markup(text)}” <font color='#5F6B7A'>— "
                                         f"{markup(w('report.interviews.quote_by', code=code))}</font>")
                  for text, code in s.quotes]
    return story
