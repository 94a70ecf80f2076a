"""Everything the review mode shows, read at once off the GUI thread (`read_review`): the review's
status, the items one may comment on, the comments on them with their answers, the change history,
the diff with the revision before, and, on the auditor's side, the new revision being corrected.

A frozen dataclass the widgets render: tests build one from a real store and feed it to a widget."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from auditor_app.package.document import audit_document
from auditor_app.review import thread
from auditor_app.review.comments import Comment, comments_for
from auditor_app.review.diff import RevisionDiff, revision_diff
from auditor_app.review.history import ChangeHistory, change_history
from auditor_app.review.matching import rows
from auditor_app.review.overview import ReviewStatus, review_status
from auditor_app.signing.device_key import load_or_create
from auditor_app.store.eventlog import audit_events
from auditor_app.store.models import Audit

# The factory profile's fields a lead most often questions (a comment on any other field goes on the
# audit as a whole, naming it).
PROFILE_FIELDS = ("headcount_male", "headcount_female", "address")


@dataclass(frozen=True)
class Item:
    """Something a comment can be about: kind and id as `review.targets` names them."""
    kind: str  # audit | finding | cap_item | interview | evidence | field
    id: str
    checkpoint: str = ""  # a finding's or CAP row's checkpoint; an interview's code; a photo's name
    grade: str = ""  # a finding's grade code
    text: str = ""  # what the item says (a finding's description, a CAP row's action, a field's value)
    field: str = ""  # a field item's field


@dataclass(frozen=True)
class NewRevision:
    id: str
    revision: int
    state: str  # draft | finalized | ...


@dataclass(frozen=True)
class ReviewSnapshot:
    audit_id: str  # the revision shown: the one under review
    revision: int
    factory: str
    status: ReviewStatus
    side: str  # "lead": this installation reviews it; "auditor": it sealed the revision under review
    items: tuple[Item, ...]
    comments: tuple[Comment, ...]
    history: ChangeHistory
    diff: RevisionDiff | None = None  # from the revision before, when there is one here
    new_revision: NewRevision | None = None  # the auditor's correction of a returned audit
    counts: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # item -> (comments, unanswered)

    def comments_on(self, kind: str, item_id: str) -> list[Comment]:
        return [c for c in self.comments if c.target_kind == kind and c.target_id == item_id]


def _items(document: dict) -> list[Item]:
    findings = {f["id"]: f for f in rows(document, "finding")}
    order = sorted(findings.values(), key=lambda f: [int(p) if p.isdigit() else 0
                                                     for p in str(f["checkpoint_id"]).split(".")])
    out = [Item("audit", document["audit"]["id"])]
    out += [Item("finding", f["id"], f["checkpoint_id"], f["grade"], f.get("description") or "") for f in order]
    caps = {c["finding_id"]: c for c in rows(document, "cap_item")}
    out += [Item("cap_item", caps[f["id"]]["id"], f["checkpoint_id"], f["grade"],
                 caps[f["id"]].get("corrective_action") or "") for f in order if f["id"] in caps]
    out += [Item("interview", i["id"], i["code"], text=i.get("kind") or "")
            for i in sorted(rows(document, "interview"), key=lambda i: i["code"])]
    out += [Item("evidence", e["id"], e["original_name"], text=e.get("caption") or "")
            for e in rows(document, "evidence")]
    profile = document.get("factory_profile") or {}
    out += [Item("field", f"factory_profile.{name}", text=str(profile.get(name) or ""), field=name)
            for name in PROFILE_FIELDS if name in profile]
    return out


def _newer(session, audit_id: str) -> NewRevision | None:
    """The newest revision here that supersedes `audit_id` (the auditor's correction)."""
    found = session.scalars(select(Audit).where(Audit.supersedes_id == audit_id)
                            .order_by(Audit.revision.desc())).first()
    return NewRevision(found.id, found.revision, found.state) if found else None


def read_review(store, audit_id: str) -> ReviewSnapshot | None:
    """The review that `audit_id` (any of its revisions) is part of, or None when it is in none."""
    mine = load_or_create(store.folder).key_id
    with store.session(read_only=True) as session:
        status = review_status(session, audit_id)
        if status is None:  # a new revision not resubmitted yet: the review of the one it corrects
            audit = session.get(Audit, audit_id)
            status = review_status(session, audit.supersedes_id) if audit and audit.supersedes_id else None
        if status is None or status.under_review is None:
            return None
        shown = status.under_review
        records = thread.entries(session, status.thread_id)
        pin = next(e["audit"] for e in reversed(records) if e["audit"]["id"] == shown)
        document = audit_document(session, shown)
        comments = comments_for(session, shown)
        history = change_history(audit_events(session, shown))
        diff = None
        if len(status.revisions) > 1 and session.get(Audit, status.revisions[-2]) is not None:
            diff = revision_diff(audit_document(session, status.revisions[-2]), document)
        newer = _newer(session, shown)
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for c in comments:
        if c.target_id is not None:
            total, open_ = counts.get((c.target_kind, c.target_id), (0, 0))
            counts[(c.target_kind, c.target_id)] = (total + 1, open_ + (not c.answered))
    profile = document.get("factory_profile") or {}
    return ReviewSnapshot(shown, document["audit"]["revision"], str(profile.get("name") or ""), status,
                          "auditor" if pin["sealed_by"]["key_id"] == mine else "lead", tuple(_items(document)),
                          tuple(comments), history, diff, newer, counts)
