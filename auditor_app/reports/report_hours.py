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

HEADING = "Working hours and wages"
DECISION_WORDS = {"accepted": "NC raised", "rejected": "Not raised"}


def _review(doc: dict) -> dict | None:
    rows = [r for r in doc.get("hours_review") or [] if r.get("result")]
    return rows[0] if rows else None


def _files_text(review: dict) -> str:
    parts = []
    for kind, label in (("attendance", "Attendance"), ("payroll", "Payroll")):
        facts = (review.get("files") or {}).get(kind) or {}
        parts.append(f"{label}: {markup(facts.get('name', '—'))} "
                     f"(SHA-256 <font name='{MONO}' size='7'>{markup(str(facts.get('sha256', ''))[:16])}…</font>)")
    return "; ".join(parts)


def hours_story(doc: dict, width: float) -> list:
    """The section, or nothing when the audit has no hours review."""
    review = _review(doc)
    result = review_result(review)
    if review is None or result is None:
        return []
    version = doc["audit"]["checklist_version"]
    city = result.city
    story: list = [para(HEADING, "h2"), para(
        f"Computed by the app from the factory's own attendance and payroll records for {len(result.sample)} "
        f"sampled workers, {result.period['from']} to {result.period['to']}, under the "
        f"{system_words(result)}; minimum wage of {city.get('name', '')} ({city.get('name_local', '')}). "
        "The files were not kept with the audit (they name workers); their fingerprints identify them.", "body"),
        para(None, "small", raw=_files_text(review)), Spacer(1, 3)]
    figures: list[tuple[str, object]] = list(key_figures(result))
    story.append(key_values(figures, width, key_w=52 * mm))
    decisions = review.get("decisions") or {}
    raised = raised_by_review(decisions, _live_findings(doc))
    rows = []
    for p in review_proposals(review, version):
        decided = decisions.get(p.checkpoint_id) or {}
        words = DECISION_WORDS.get(decided.get("decision", ""), "Not decided")
        if decided.get("decision") == "accepted" and p.checkpoint_id not in raised:
            words = "Accepted; no NC recorded"
        if decided.get("note"):
            words += f": {decided['note']}"
        kind = "Breach" if p.kind == "nc" else "To verify"
        rows.append([bold(p.checkpoint_id, "cell"), para(kind, "cell"), para(p.description, "cell"),
                     para(f"{p.workers_affected} of {p.sample_size}", "cell"), para(words, "cell")])
    story.append(Spacer(1, 4))
    if rows:
        story += [para("Breaches found and the auditor's decision", "body"),
                  grid(["Checkpoint", "Kind", "What the records show", "Workers", "Decision"], rows,
                       [20 * mm, 17 * mm, width - 84 * mm, 17 * mm, 30 * mm])]
    else:
        story.append(para("No breach of the hours and wage rules was found in the sample.", "body"))
    notes = list(result.notes)
    if notes:
        story += [Spacer(1, 3), para("Notes on the figures", "body")]
        story += [para(f"• {n[0].upper() + n[1:]}", "small") for n in notes]
    story += [Spacer(1, 3), para("Sources", "body")]
    story += [para(f"• {key.replace('_', ' ').capitalize()}: {text}", "small")
              for key, text in result.sources.items() if text]
    return story


def _live_findings(doc: dict) -> list[tuple[str, str]]:
    return [(f["id"], f["checkpoint_id"]) for f in doc.get("finding") or [] if not f.get("deleted_at")]


def hours_citations(doc: dict) -> dict[str, str]:
    """Finding id -> the line the CAP prints under a finding the hours review raised."""
    review = _review(doc)
    result = review_result(review)
    if review is None or result is None:
        return {}
    line = (f"Source: wage-and-hour review of {len(result.sample)} sampled workers' attendance and payroll, "
            f"{result.period['from']} to {result.period['to']} (audit report, {HEADING}).")
    raised = raised_by_review(review.get("decisions") or {}, _live_findings(doc))
    return {fid: line for ids in raised.values() for fid in ids}
