"""The opening and closing meetings in the report. The closing meeting is the record of how the audit
ended: when it was held and who attended, what was explained, the factory's overall position and
what it disagrees with, the Zero Tolerance notice to the program (to whom, when) where there is such
a finding, and the CAP signatures with the version of the CAP each one signed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from auditor_app.checklist.grades import load_grades
from auditor_app.package.cap_content import cap_sha256
from auditor_app.reports.binding import CAP_HASH_PREFIX, RED, SIGNER_LABELS, finalized, ordered_signatures, signature_markup
from auditor_app.reports.common import doc_zone, parse_when, when_text, yes_no
from auditor_app.reports.fonts import MONO, markup
from auditor_app.reports.styles import key_values, para

FORM_LABELS = {"integrity_declaration": "Integrity Declaration", "nda": "Non-Disclosure Agreement",
               "important_message": "\"Important Message\" form"}
CONSENT_LABELS = {"visit": "the visit", "photos": "photos", "interviews": "worker interviews"}
POSITION_WORDS = {"agree": "Agrees with the findings", "partly": "Agrees with the findings in part",
                  "dispute": "Disputes the findings"}


def meeting(doc: dict, kind: str) -> dict | None:
    return next((m for m in doc.get("meeting") or [] if m.get("kind") == kind), None)


def urgent_findings(doc: dict) -> tuple[list[dict], int]:
    """Live findings of a grade the program must be told of within hours (Zero Tolerance), and the hours."""
    hours = {g.key: g.report_within_hours for g in load_grades() if g.report_within_hours}
    found = sorted((f for f in doc.get("finding") or [] if not f.get("deleted_at") and f.get("grade") in hours),
                   key=lambda f: f.get("checkpoint_id") or "")
    return found, min((hours[f["grade"]] for f in found), default=24)


def zt_notice_words(doc: dict) -> tuple[str, bool] | None:
    """(words, late or missing) for the notice to the program; None when no finding needs one."""
    found, hours = urgent_findings(doc)
    if not found:
        return None
    closing = meeting(doc, "closing") or {}
    sent = parse_when(closing.get("zt_notice_at"))
    if sent is None or not str(closing.get("zt_notice_to") or "").strip():
        still = "" if finalized(doc) else " yet"
        return f"Not recorded{still}: due within {hours} hours of the end of the audit.", True
    words = f"Sent to {closing['zt_notice_to'].strip()} on {when_text(closing['zt_notice_at'], doc_zone(doc))}"
    held = parse_when(closing.get("held_at"))
    if held is None:
        return words + ".", False
    after = (sent - held).total_seconds() / 3600
    if after > hours:
        return words + f", {after:.0f} hours after the closing meeting (later than {hours} hours).", True
    return words + f", within {hours} hours of the closing meeting.", False


def _attendees(m: dict) -> str:
    return "<br/>".join(f"{markup(a.get('name', ''))} — {markup(a.get('title', ''))}"
                        f" <font color='#5F6B7A'>({markup(a.get('side', ''))})</font>"
                        for a in m.get("attendees") or []) or "—"


def _held(m: dict | None, doc: dict) -> str:
    return when_text(m["held_at"], doc_zone(doc)) if m and m.get("held_at") else "Not held"


def _opening(doc: dict, width: float) -> list:
    m = meeting(doc, "opening")
    if m is None:
        return [para("Opening meeting", "h3"), para("Not recorded.", "muted")]
    zone = doc_zone(doc)
    forms = "<br/>".join(f"{FORM_LABELS.get(k, k)}: {markup(when_text(v, zone))}"
                         for k, v in (m.get("forms_signed") or {}).items() if v) or "—"
    consents = m.get("consents") or {}
    given = ", ".join(CONSENT_LABELS.get(k, k) for k, v in consents.items() if v)
    refused = ", ".join(CONSENT_LABELS.get(k, k) for k, v in consents.items() if not v)
    consent_text = (f"Consent to {given}" if given else "") + (f"; refused: {refused}" if refused else "")
    return [para("Opening meeting", "h3"), key_values([
        ("Held", _held(m, doc)),
        ("Attendees", para(None, "cell", raw=_attendees(m))),
        ("Forms signed", para(None, "cell", raw=forms)),
        ("Consents", consent_text or "—"),
        ("Notes", m.get("notes") or "—"),
    ], width)]


def signatures_cell(doc: dict) -> list:
    """Each CAP signature with the version of the CAP it signed; the current CAP content hash last."""
    current = cap_sha256(doc)
    cell: list = []
    for sig in ordered_signatures(doc):
        role = SIGNER_LABELS.get(sig.get("role") or "", str(sig.get("role") or "").replace("_", " "))
        cell.append(para(None, "cell", raw=(
            f"<b>{markup(role)}:</b> {markup(sig.get('name', ''))}"
            + (f", {markup(sig['title'])}" if sig.get("title") else "")
            + f" (authority to implement the CAP: {yes_no(sig.get('has_authority'))})<br/>"
            + signature_markup(sig, doc, current))))
    if not cell:
        cell.append(para(None, "cell", raw=f"<font color='{RED}'>No signature recorded.</font>"))
    cell.append(para(None, "small", raw=f"CAP content now: SHA-256 <font name='{MONO}'>"
                                        f"{current[:CAP_HASH_PREFIX]}</font>… (what each signature is checked against)"))
    return cell


def _closing(doc: dict, width: float) -> list:
    m = meeting(doc, "closing")
    story: list = [para("Closing meeting", "h3")]
    rows: list[tuple[str, object]] = [
        ("Held", _held(m, doc)),
        ("Attendees", para(None, "cell", raw=_attendees(m)) if m else "—"),
        ("What was explained", (m or {}).get("notes") or "Not recorded"),
        ("Factory's position", POSITION_WORDS.get(str((m or {}).get("factory_position") or ""), "Not recorded")),
        ("Disagreements", (m or {}).get("disagreements") or "None recorded"),
    ]
    notice = zt_notice_words(doc)
    if notice is not None:
        words, alarm = notice
        rows.append(("Zero Tolerance notice", para(None, "cell", raw=(
            f"<font color='{RED}'>{markup(words)}</font>" if alarm else markup(words)))))
    rows.append(("CAP signatures", signatures_cell(doc)))
    story.append(key_values(rows, width))
    return story


def meetings_story(doc: dict, width: float) -> list:
    return _opening(doc, width) + [Spacer(1, 2 * mm)] + _closing(doc, width)
