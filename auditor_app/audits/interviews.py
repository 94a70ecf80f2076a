"""Worker interviews: the recorded random draw, group interviews, and what each interview recorded.

Names and worker ids never reach the database: the draw keeps codes, strata and age flags only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.store.models import Audit, Interview, SampleDraw
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import INTERVIEW_KINDS

MAX_GROUP = 30
# What the interview covered, as the form shows it: (key, label). Keys are stored; labels are words.
INTERVIEW_TOPICS = (("hours", "Hours"), ("pay", "Pay and deductions"), ("contracts", "Contracts"), ("fees", "Fees"),
                    ("resignation", "Freedom to resign"), ("harassment", "Harassment"), ("grievance", "Grievance"),
                    ("health_safety", "Health and safety"))
# The structured part of the form in `interview.details`: text fields, and yes/no fields that stay
# None until the interviewer says (an unanswered "management present" is not a "no").
DETAIL_TEXTS = ("interviewer", "language", "interpreter", "place")
DETAIL_FLAGS = ("management_present", "id_seen")
DETAIL_KEYS = frozenset(("topics",) + DETAIL_TEXTS + DETAIL_FLAGS)
MAX_DETAIL_TEXT = 200


# ---- the words of the refusals (resources/messages/refusals.yaml) ----

@prepares("refusal.interview.topics")
def _topics(p, w: Words) -> dict:
    return {"topics": w.join(w.t(f"refusal.interview.topic.{key}") for key in p["topics"])}


@prepares("refusal.interview.text_too_long")
@prepares("refusal.interview.flag_value")
def _detail(p, w: Words) -> dict:
    return {**p, "field": w.t(f"refusal.interview.detail.{p['field']}")}


@prepares("refusal.interview.kind")
def _kinds(p, w: Words) -> dict:
    return {**p, "kinds": w.listing(p["kinds"], "or")}


def clean_details(details: dict) -> dict:
    """The form's structured fields as stored; refuses unknown keys and values of the wrong kind."""
    unknown = set(details) - DETAIL_KEYS
    if unknown:
        raise InvalidChange(message("refusal.interview.form_fields"))
    known_topics = [key for key, _label in INTERVIEW_TOPICS]
    topics = details.get("topics") or []
    if not isinstance(topics, list) or any(t not in known_topics for t in topics):
        raise InvalidChange(message("refusal.interview.topics", topics=known_topics))
    out: dict = {"topics": [t for t in known_topics if t in topics]} if topics else {}
    for key in DETAIL_TEXTS:
        text = str(details.get(key) or "").strip()
        if len(text) > MAX_DETAIL_TEXT:
            raise InvalidChange(message("refusal.interview.text_too_long", field=key, max=MAX_DETAIL_TEXT))
        if text:
            out[key] = text
    for key in DETAIL_FLAGS:
        value = details.get(key)
        if value is not None and not isinstance(value, bool):
            raise InvalidChange(message("refusal.interview.flag_value", field=key))
        if value is not None:
            out[key] = value
    return out


@operation
def record_draw(session: Session, audit_id: str, *, seed: int, size: int, roster_sha256: str,
                roster_workers: int, plan: dict, drawn: list[dict], age_flags: list[dict],
                drawn_at: datetime | None = None) -> str:
    """Record a draw (codes and strata, no names) and add one interview form per new code."""
    if session.get(Audit, audit_id) is None:
        raise InvalidChange(message("refusal.no_audit"))
    for worker in drawn:
        if set(worker) - {"code", "stratum", "reasons"}:
            raise InvalidChange(message("refusal.interview.draw_fields"))
    draw = SampleDraw(audit_id=audit_id, seed=seed, size=size, roster_sha256=roster_sha256,
                      roster_workers=roster_workers, drawn_at=drawn_at or utcnow(), plan=plan,
                      drawn=drawn, age_flags=age_flags)
    session.add(draw)
    have = set(session.scalars(select(Interview.code).where(Interview.audit_id == audit_id)))
    for worker in drawn:
        if worker["code"] not in have:
            session.add(Interview(audit_id=audit_id, code=worker["code"], stratum=worker["stratum"]))
    session.flush()
    return draw.id


@operation
def add_group_interview(session: Session, audit_id: str, group_size: int = 4, stratum: dict | None = None) -> str:
    """A group interview under the next free code G-01, G-02, ...; returns its id."""
    if not 2 <= group_size <= MAX_GROUP:
        raise InvalidChange(message("refusal.interview.group_size", max=MAX_GROUP))
    taken = set(session.scalars(select(Interview.code).where(Interview.audit_id == audit_id)))
    code = next(f"G-{n:02d}" for n in range(1, 1000) if f"G-{n:02d}" not in taken)
    row = Interview(audit_id=audit_id, code=code, kind="group", group_size=group_size, stratum=stratum or {})
    session.add(row)
    session.flush()
    return row.id


@operation
def update_interview(session: Session, interview_id: str, *, kind: str, group_size: int, notes: str,
                     quotes: list[dict], held: bool, held_at: datetime | None = None,
                     details: dict | None = None) -> None:
    """Save the interview form. `details` (topics, interviewer, language...) replaces the form's
    structured fields; None leaves them as they are. Other keys of `interview.details` (a
    replacement's link to the worker it replaces) are kept."""
    if kind not in INTERVIEW_KINDS:
        raise InvalidChange(message("refusal.interview.kind", kinds=list(INTERVIEW_KINDS), kind=kind))
    if kind == "group" and not 2 <= group_size <= MAX_GROUP:
        raise InvalidChange(message("refusal.interview.group_size", max=MAX_GROUP))
    row = session.get(Interview, interview_id)
    if row is None:
        raise InvalidChange(message("refusal.interview.missing"))
    if details is not None:
        kept = {k: v for k, v in (row.details or {}).items() if k not in DETAIL_KEYS}
        wanted = {**kept, **clean_details(details)}
        if wanted != (row.details or {}):
            row.details = wanted
    row.kind, row.group_size, row.notes = kind, group_size if kind == "group" else 1, notes
    row.quotes = [{"text": str(q.get("text", "")).strip(), "quotable": bool(q.get("quotable"))}
                  for q in quotes if str(q.get("text", "")).strip()]
    if held and row.conducted_at is None:
        row.conducted_at = held_at or utcnow()
    elif not held:
        row.conducted_at = None
