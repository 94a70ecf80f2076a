"""The opening and closing meetings in the report. The closing meeting is the record of how the audit
ended: when it was held and who attended, what was explained, the factory's overall position and
what it disagrees with, the Zero Tolerance notice to the program (to whom, when) where there is such
a finding, and the CAP signatures with the version of the CAP each one signed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from auditor_app.checklist.grades import load_grades
from auditor_app.package.cap_content import cap_sha256
from auditor_app.reports.binding import CAP_HASH_PREFIX, RED, finalized, ordered_signatures, signature_markup, signer_label
from auditor_app.reports.common import doc_zone, parse_when, when_text
from auditor_app.reports.fonts import MONO, markup
from auditor_app.reports.styles import key_values, para
from auditor_app.reports.wording import ENGLISH, Wording

POSITIONS = ("agree", "partly", "dispute")                      # report.position.<key> in report.yaml


def meeting(doc: dict, kind: str) -> dict | None:
    return next((m for m in doc.get("meeting") or [] if m.get("kind") == kind), None)


def urgent_findings(doc: dict) -> tuple[list[dict], int]:
    """Live findings of a grade the program must be told of within hours (Zero Tolerance), and the hours."""
    hours = {g.key: g.report_within_hours for g in load_grades() if g.report_within_hours}
    found = sorted((f for f in doc.get("finding") or [] if not f.get("deleted_at") and f.get("grade") in hours),
                   key=lambda f: f.get("checkpoint_id") or "")
    return found, min((hours[f["grade"]] for f in found), default=24)


def zt_notice_words(doc: dict, w: Wording = ENGLISH) -> tuple[str, bool] | None:
    """(words, late or missing) for the notice to the program; None when no finding needs one."""
    found, hours = urgent_findings(doc)
    if not found:
        return None
    closing = meeting(doc, "closing") or {}
    sent = parse_when(closing.get("zt_notice_at"))
    if sent is None or not str(closing.get("zt_notice_to") or "").strip():
        return w("report.notice.missing" if finalized(doc) else "report.notice.missing_yet", hours=hours), True
    to, when = closing["zt_notice_to"].strip(), when_text(closing["zt_notice_at"], doc_zone(doc))
    held = parse_when(closing.get("held_at"))
    if held is None:
        return w("report.notice.sent", to=to, when=when), False
    after = (sent - held).total_seconds() / 3600
    if after > hours:
        return w("report.notice.late", to=to, when=when, after=f"{after:.0f}", hours=hours), True
    return w("report.notice.in_time", to=to, when=when, hours=hours), False


def _side(side: str, w: Wording) -> str:
    """'factory' / 'audit': which side an attendee was on, in words; another value as recorded."""
    return w(f"report.side.{side}") if side in ("factory", "audit") else side


def _attendees(m: dict, w: Wording = ENGLISH) -> str:
    return "<br/>".join(f"{markup(a.get('name', ''))} — {markup(a.get('title', ''))}"
                        f" <font color='#5F6B7A'>({markup(_side(str(a.get('side') or ''), w))})</font>"
                        for a in m.get("attendees") or []) or "—"


def _held(m: dict | None, doc: dict, w: Wording) -> str:
    return when_text(m["held_at"], doc_zone(doc)) if m and m.get("held_at") else w("report.meeting.not_held")


def _label(w: Wording, group: str, key: str) -> str:
    try:
        return w.label(group, key)
    except KeyError:
        return key


def _opening(doc: dict, width: float, w: Wording) -> list:
    heading = para(w.label("stages", "opening"), "h3")
    m = meeting(doc, "opening")
    if m is None:
        return [heading, para(w("report.meeting.none"), "muted")]
    zone = doc_zone(doc)
    forms = "<br/>".join(f"{markup(_label(w, 'forms', k) + w.colon)} {markup(when_text(v, zone))}"
                         for k, v in (m.get("forms_signed") or {}).items() if v) or "—"
    consents = m.get("consents") or {}

    def consent_text(lang: str) -> str:
        words = Wording(lang)
        given = words.words[lang].join(_label(words, "consents", k) for k, v in consents.items() if v)
        refused = words.words[lang].join(_label(words, "consents", k) for k, v in consents.items() if not v)
        parts = ([w.one("report.meeting.consent", lang, what=given)] if given else []) + (
            [w.one("report.meeting.refused", lang, what=refused)] if refused else [])
        return w.one("report.meeting.consent_sep", lang).join(parts) or "—"
    return [heading, key_values([
        (w("report.meeting.held"), _held(m, doc, w)),
        (w("report.meeting.attendees"), para(None, "cell", raw=_attendees(m, w))),
        (w("report.meeting.forms"), para(None, "cell", raw=forms)),
        (w("report.meeting.consents"), w.pick(consent_text)),
        (w("report.meeting.notes"), m.get("notes") or "—"),
    ], width, key_w=_key_w(w))]


def _key_w(w: Wording) -> float:
    return (52 if w.lang == "both" else 42) * mm


def signatures_cell(doc: dict, w: Wording = ENGLISH) -> list:
    """Each CAP signature with the version of the CAP it signed; the current CAP content hash last."""
    current = cap_sha256(doc)
    cell: list = []
    for sig in ordered_signatures(doc):
        role = signer_label(sig.get("role"), w)
        authority = w("report.meeting.authority", answer=lambda lang, v=sig.get("has_authority"): Wording(lang).yes_no(v))
        cell.append(para(None, "cell", raw=(
            f"<b>{markup(role + w.colon)}</b> {markup(sig.get('name', ''))}"
            + (f", {markup(sig['title'])}" if sig.get("title") else "")
            + f" {markup(authority)}<br/>"
            + signature_markup(sig, doc, current, w))))
    if not cell:
        cell.append(para(None, "cell", raw=f"<font color='{RED}'>{markup(w('cap.signature.none'))}</font>"))
    cell.append(para(None, "small", raw=w.marked(
        "report.meeting.cap_now", {"hash": f"<font name='{MONO}'>{current[:CAP_HASH_PREFIX]}</font>"})))
    return cell


def _position(m: dict | None, w: Wording) -> str:
    key = str((m or {}).get("factory_position") or "")
    return w(f"report.position.{key}") if key in POSITIONS else w("report.not_recorded")


def _closing(doc: dict, width: float, w: Wording) -> list:
    m = meeting(doc, "closing")
    story: list = [para(w.label("stages", "closing"), "h3")]
    rows: list[tuple[str, object]] = [
        (w("report.meeting.held"), _held(m, doc, w)),
        (w("report.meeting.attendees"), para(None, "cell", raw=_attendees(m, w)) if m else "—"),
        (w("report.meeting.explained"), (m or {}).get("notes") or w("report.not_recorded")),
        (w("report.meeting.position"), _position(m, w)),
        (w("report.meeting.disagreements"), (m or {}).get("disagreements") or w("report.none")),
    ]
    notice = zt_notice_words(doc, w)
    if notice is not None:
        words, alarm = notice
        rows.append((w("report.meeting.zt_notice"), para(None, "cell", raw=(
            f"<font color='{RED}'>{markup(words)}</font>" if alarm else markup(words)))))
    rows.append((w("report.meeting.signatures"), signatures_cell(doc, w)))
    story.append(key_values(rows, width, key_w=_key_w(w)))
    return story


def meetings_story(doc: dict, width: float, w: Wording = ENGLISH) -> list:
    return _opening(doc, width, w) + [Spacer(1, 2 * mm)] + _closing(doc, width, w)
