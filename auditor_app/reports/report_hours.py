"""Working hours and wages in the report: the sample, period and system the factory's own records were
computed under, the key figures, each breach with the auditor's decision, and the files (by SHA-256),
notes and sources. Worker ids stay in the working papers: nothing here names a worker. The CAP cites
the review under the findings it raised (`hours_citations`)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from auditor_app.audits.hours_review import raised_by_review, review_proposals, review_result
from auditor_app.hours.key_figures import key_figures, system_words
from auditor_app.reports.fonts import MONO, markup
from auditor_app.reports.styles import bold, grid, key_values, para
from auditor_app.reports.wording import ENGLISH, Wording

HEADING = "report.hours.heading"
DECISIONS = {"accepted": "report.hours.decision.raised", "rejected": "report.hours.decision.not_raised"}


def _review(doc: dict) -> dict | None:
    rows = [r for r in doc.get("hours_review") or [] if r.get("result")]
    return rows[0] if rows else None


def _files_text(review: dict, w: Wording) -> str:
    parts = []
    for kind in ("attendance", "payroll"):
        facts = (review.get("files") or {}).get(kind) or {}
        parts.append(f"{markup(w(f'report.hours.file.{kind}') + w.colon)} {markup(facts.get('name', '—'))} "
                     f"(SHA-256 <font name='{MONO}' size='7'>{markup(str(facts.get('sha256', ''))[:16])}…</font>)")
    return "; ".join(parts)


def hours_story(doc: dict, width: float, w: Wording = ENGLISH) -> list:
    """The section, or nothing when the audit has no hours review."""
    review = _review(doc)
    result = review_result(review)
    if review is None or result is None:
        return []
    version = doc["audit"]["checklist_version"]
    city = result.city
    story: list = [para(w(HEADING), "h2"), para(w(
        "report.hours.intro", n=len(result.sample), start=result.period["from"], end=result.period["to"],
        system=system_words(result).render, city=city.get("name", ""), city_local=city.get("name_local", "")), "body"),
        para(None, "small", raw=_files_text(review, w)), Spacer(1, 3)]
    figures: list[tuple[str, object]] = [(w(f"hours.key.{figure.key}.label"), w.pick(figure.value.render))
                                         for figure in key_figures(result)]
    story.append(key_values(figures, width, key_w=52 * mm))
    decisions = review.get("decisions") or {}
    raised = raised_by_review(decisions, _live_findings(doc))
    rows = []
    for p in review_proposals(review, version):
        decided = decisions.get(p.checkpoint_id) or {}
        words = w(DECISIONS.get(decided.get("decision", ""), "report.hours.decision.none"))
        if decided.get("decision") == "accepted" and p.checkpoint_id not in raised:
            words = w("report.hours.decision.no_nc")
        if decided.get("note"):
            words += f"{w.colon} {decided['note']}"
        kind = w("report.hours.kind.breach" if p.kind == "nc" else "report.hours.kind.verify")
        rows.append([bold(p.checkpoint_id, "cell"), para(kind, "cell"), para(w.pick(p.render), "cell"),
                     para(w("report.hours.of_sample", n=p.workers_affected, sample=p.sample_size), "cell"),
                     para(words, "cell")])
    story.append(Spacer(1, 4))
    if rows:
        story += [para(w("report.hours.breaches"), "body"),
                  grid([w("cap.col.checkpoint"), w("report.hours.col.kind"), w("report.hours.col.what"),
                        w("cap.workers"), w("report.hours.col.decision")], rows,
                       [20 * mm, 17 * mm, width - 84 * mm, 17 * mm, 30 * mm])]
    else:
        story.append(para(w("report.hours.no_breach"), "body"))
    notes = list(result.notes)
    if notes:
        story += [Spacer(1, 3), para(w("report.hours.notes"), "body")]
        story += [para(f"• {n[0].upper() + n[1:]}", "small") for n in notes]
    story += [Spacer(1, 3), para(w("report.hours.sources"), "body")]
    story += [para(f"• {key.replace('_', ' ').capitalize()}: {text}", "small")
              for key, text in result.sources.items() if text]
    return story


def _live_findings(doc: dict) -> list[tuple[str, str]]:
    return [(f["id"], f["checkpoint_id"]) for f in doc.get("finding") or [] if not f.get("deleted_at")]


def hours_citations(doc: dict, w: Wording = ENGLISH) -> dict[str, str]:
    """Finding id -> the line the CAP prints under a finding the hours review raised."""
    review = _review(doc)
    result = review_result(review)
    if review is None or result is None:
        return {}
    line = w("report.hours.citation", n=len(result.sample), start=result.period["from"], end=result.period["to"],
             heading=lambda lang: w.one(HEADING, lang))
    raised = raised_by_review(review.get("decisions") or {}, _live_findings(doc))
    return {fid: line for ids in raised.values() for fid in ids}
