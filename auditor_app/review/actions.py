"""What the lead and the auditor do in a review: operations (`@operation`), so the window's serial
writer, the command line and the tests run the same functions.

Each adds one signed entry to the review record (`records`), after the state machine (`states`) and
the rules of authorship allow it. The entry is signed with this installation's device key
(`signing.device_key`); the author's name is the person at the keyboard. Nothing here changes the
audit itself: a returned audit is corrected in a new revision (`audits.lifecycle.new_revision`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import message
from auditor_app.package.document import audit_document
from auditor_app.paths import DataFolder
from auditor_app.review import thread
from auditor_app.review.records import SelfApproval, audit_pin, chain_problems, make_entry, same_person
from auditor_app.review.states import next_state
from auditor_app.review.targets import resolve
from auditor_app.signing.device_key import DeviceKey, load_or_create
from auditor_app.store.models import Audit, ReviewEntry
from auditor_app.store.rows import row_to_dict
from auditor_app.store.types import format_utc, new_id, utcnow


def _sealed(session: Session, audit_id: str) -> Audit:
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    if audit.state == "draft" or not audit.seal:
        raise InvalidChange(message("refusal.review.draft"))
    return audit


def _append(session: Session, folder: DataFolder, audit_id: str, kind: str, *, author: str, firm: str,
            thread_id: str | None = None, text: str = "", target: dict | None = None,
            reply_to: str | None = None) -> dict:
    if not author.strip():
        raise InvalidChange(message("refusal.review.no_author"))
    audit = _sealed(session, audit_id)
    thread_id = thread_id or thread.thread_of(session, audit_id)
    if thread_id is None:
        raise InvalidChange(message("refusal.review.not_in_review"), message("refusal.review.not_in_review.hint"))
    records = thread.entries(session, thread_id)
    next_state(thread.state_of(records), kind)  # the state machine's refusal, in words
    current = thread.under_review(records)
    if kind not in ("receive", "resubmit") and current != audit_id:
        raise InvalidChange(message("refusal.review.not_current_ref", ref=current[:8]) if current
                            else message("refusal.review.not_current"))
    key = load_or_create(folder)
    row = row_to_dict(audit)
    if kind in ("approve", "submit"):
        _refuse_self_approval(key, author, audit_pin(row))
    seq, prev = thread.head(records)
    entry = make_entry(key, entry_id=new_id(), thread_id=thread_id, seq=seq + 1, prev_hash=prev, kind=kind,
                       audit_row=row, author_name=author.strip(), author_firm=firm.strip(),
                       at=format_utc(utcnow()), text=text.strip(), target=target, reply_to=reply_to)
    problems = chain_problems(records + [entry])
    if problems:
        raise InvalidChange(problems[-1])
    thread.add(session, entry)
    return entry


def _refuse_self_approval(key: DeviceKey, author: str, pin: dict) -> None:
    sealer = pin["sealed_by"]
    if key.key_id == sealer["key_id"]:
        raise SelfApproval("an auditor cannot approve its own audit: this installation sealed it",
                           "a lead approves it on the lead's own laptop")
    if same_person(author, sealer["name"]):
        raise SelfApproval(f"an auditor cannot approve its own audit: {author.strip()} sealed it",
                           "another lead of the firm approves it")


@operation
def receive(session: Session, audit_id: str, *, folder: DataFolder, author: str, firm: str = "") -> dict:
    """The lead takes a sealed audit into review (state: received)."""
    if thread.thread_of(session, audit_id) is not None:
        raise InvalidChange(message("refusal.review.already"), message("refusal.review.already.hint"))
    return _append(session, folder, audit_id, "receive", author=author, firm=firm, thread_id=audit_id)


@operation
def comment(session: Session, audit_id: str, target_kind: str, target_id: str, text: str, *,
            folder: DataFolder, author: str, firm: str = "", reply_to: str | None = None) -> dict:
    """The lead comments on a finding, a CAP row, an interview, a photo, a field or the audit."""
    _sealed(session, audit_id)
    target = resolve(audit_document(session, audit_id), target_kind, target_id)
    return _append(session, folder, audit_id, "comment", author=author, firm=firm, text=text,
                   target=target.as_record(), reply_to=reply_to)


@operation
def answer(session: Session, comment_id: str, text: str, *, folder: DataFolder, author: str, firm: str = "") -> dict:
    """The auditor answers one comment (while the audit is returned); the answer names its comment."""
    replied = session.get(ReviewEntry, comment_id)
    if replied is None or replied.kind != "comment":
        raise InvalidChange(message("refusal.review.no_comment"))
    records = thread.entries(session, replied.thread_id)
    current = thread.under_review(records) or replied.audit_id
    return _append(session, folder, current, "answer", author=author, firm=firm, text=text,
                   target=replied.record["target"], reply_to=comment_id)


@operation
def return_for_rework(session: Session, audit_id: str, *, folder: DataFolder, author: str, firm: str = "",
                      text: str = "") -> dict:
    """The lead's signed decision: back to the auditor with the comments made (state: returned)."""
    return _append(session, folder, audit_id, "return", author=author, firm=firm, text=text)


@operation
def approve(session: Session, audit_id: str, *, folder: DataFolder, author: str, firm: str = "",
            text: str = "") -> dict:
    """The lead's signed decision: fit for submission to the program (state: approved). Refused to the
    installation and the person that sealed the audit."""
    return _append(session, folder, audit_id, "approve", author=author, firm=firm, text=text)


@operation
def mark_submitted(session: Session, audit_id: str, *, folder: DataFolder, author: str, firm: str = "",
                   text: str = "") -> dict:
    """The approved audit went to the program (state: submitted)."""
    return _append(session, folder, audit_id, "submit", author=author, firm=firm, text=text)


@operation
def resubmit(session: Session, audit_id: str, *, folder: DataFolder, author: str, firm: str = "",
             text: str = "") -> dict:
    """The auditor hands a sealed new revision of a returned audit back for review (state:
    resubmitted); it must supersede the revision under review and be sealed on this installation."""
    audit = _sealed(session, audit_id)
    thread_id = thread.thread_of(session, audit_id)
    if thread_id is None:
        raise InvalidChange(message("refusal.review.nothing_superseded"),
                            message("refusal.review.nothing_superseded.hint"))
    current = thread.under_review(thread.entries(session, thread_id))
    if audit.supersedes_id != current:
        raise InvalidChange(message("refusal.review.not_superseding", revision=audit.revision),
                            message("refusal.review.not_superseding.hint"))
    return _append(session, folder, audit_id, "resubmit", author=author, firm=firm, text=text, thread_id=thread_id)


@operation
def take_in(session: Session, records: list[dict]) -> int:
    """Entries of a review record from a package or the platform: those not here yet are added
    (checked whole first; a record that went another way than ours is refused). How many were new."""
    return thread.take_in(session, records)
