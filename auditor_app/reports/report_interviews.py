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


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def headline(s: InterviewSummary) -> str:
    groups = plural(s.groups, "group interview")
    if s.groups:
        groups += f" with {plural(s.group_workers, 'worker')}"
    return (f"{plural(s.workers, 'worker')} interviewed: {plural(s.individual, 'individual interview')} and "
            f"{groups}. Workers were selected at random by the auditor, not by management. Names and interview "
            "notes are confidential and do not appear in this report.")


def _outcome_table(s: InterviewSummary, width: float) -> list:
    plan = s.plan
    rows: list[list] = []
    if plan is not None:
        days = f", {plan.man_days:g} man-days" if plan.man_days else ""
        rows.append([f"Planned (sampling table{days})", str(plan.individual),
                     f"{plan.groups} × {plan.group_size}" if plan.groups else "0", str(plan.workers)])
    rows.append(["Drawn at random from the roster", str(s.drawn), "—", str(s.drawn)])
    rows.append([bold("Held", "cell"), bold(str(s.individual), "cell"), bold(str(s.groups), "cell"),
                 bold(str(s.workers), "cell")])
    if s.outside_draw:
        rows.append(["of which held outside the draw (replacements)", str(s.outside_draw), "—", str(s.outside_draw)])
    rows.append(["Not held", str(s.individual_not_held), str(s.groups_not_held), "—"])
    rows.append([bold("Shortfall (workers)", "cell"), "", "", bold(str(s.shortfall), "cell")])
    w = (width - 70 * mm) / 3
    return [grid(["Interviews", "Individual", "Group", "Workers"], rows, [70 * mm, w, w, w])]


def _reason_text(reasons: list[tuple[str, int]]) -> str:
    """Why recorded interviews were not held: the gap closures' reasons, and how many have none."""
    given = [f"{words} {n}" for words, n in reasons if words != NO_REASON]
    missing = sum(n for words, n in reasons if words == NO_REASON)
    text = f" Why: {', '.join(given)}." if given else ""
    if missing:
        text += (f" No reason was recorded for {missing} of them." if given else
                 f" No reason was recorded for the {plural(missing, 'interview')} not held.")
    return text


def _shortfall_text(s: InterviewSummary) -> str:
    against = "planned" if s.plan else "drawn"
    if not s.shortfall and not s.individual_not_held and not s.groups_not_held:
        return f"No shortfall: every {against} interview was held."
    parts = []
    if s.individual_not_held:
        parts.append(f"{plural(s.individual_not_held, 'individual interview')} not held")
    if s.groups_not_held:
        planned = f" of {s.plan.groups} planned" if s.plan and s.plan.groups else ""
        parts.append(f"{plural(s.groups_not_held, 'group interview')}{planned} not held")
    text = f"Shortfall: {plural(s.shortfall, 'worker')} fewer than {against}"
    return text + ((": " + "; ".join(parts) + ".") if parts else ".") + _reason_text(s.reasons)


def _roster_text(s: InterviewSummary, profile: dict) -> str | None:
    if s.roster_workers is None:
        return None
    men, women = int(profile.get("headcount_male") or 0), int(profile.get("headcount_female") or 0)
    headcount = men + women
    text = (f"Roster given to the auditor: {plural(s.roster_workers, 'worker')}; headcount confirmed by "
            f"management: {headcount} ({men} men + {women} women).")
    diff = s.roster_workers - headcount
    if diff:
        text += (f" Difference: the roster lists {abs(diff)} worker{'s' if abs(diff) != 1 else ''} "
                 f"{'fewer' if diff < 0 else 'more'} than the confirmed headcount.")
    else:
        text += " They agree."
    return text


def _draw_lines(s: InterviewSummary, doc: dict) -> list:
    if s.commitment is None:
        return [para("No random draw is recorded for this audit.", "muted")]
    drawn = when_text(s.drawn_at, doc_zone(doc)) if s.drawn_at else "time not recorded"
    return [
        para(None, "body", raw=f"Random draw of {plural(s.drawn, 'worker')}, {markup(drawn)}. Draw commitment: "
                               f"<font name='{MONO}' size='7.5'>{s.commitment}</font>"),
        para("The commitment is the SHA-256 of the text \"<seed>:<roster SHA-256>\" (the draw's seed in decimal, "
             "a colon, the roster file's SHA-256 in hex). The seed stays in the audit record: with it and the roster "
             "a reviewer can repeat the draw and check it against this commitment, while this report alone cannot "
             "tell who was drawn.", "muted"),
    ]


def _strata_table(s: InterviewSummary, width: float) -> list:
    rows: list[list] = []
    for label, values in s.strata:
        for i, v in enumerate(values):
            rows.append([bold(label, "cell") if i == 0 else "", v.value, str(v.drawn), str(v.held), str(v.not_held)])
    if not rows:
        return []
    w = (width - 34 * mm - 60 * mm) / 3
    return [Spacer(1, 4), grid(["Stratum", "Group", "Drawn", "Interviewed", "Not held"], rows,
                               [34 * mm, 60 * mm, w, w, w])]


def interviews_story(doc: dict, width: float) -> list:
    s = interview_summary(doc)
    story: list = [para(headline(s)), Spacer(1, 3)] + _outcome_table(s, width)
    story += [Spacer(1, 3), para(_shortfall_text(s))]
    roster = _roster_text(s, doc.get("factory_profile") or {})
    if roster:
        story += [Spacer(1, 3), para(roster)]
    story += [Spacer(1, 3)] + _draw_lines(s, doc) + _strata_table(s, width)
    if s.quotes:
        story += [para("Quotes (with the worker's consent, anonymised)", "h3")]
        story += [para(None, "body", raw=f"“{markup(text)}” <font color='#5F6B7A'>— interview {markup(code)}</font>")
                  for text, code in s.quotes]
    return story
