"""Comments where they belong: each on the item it concerns, in the revision being looked at.

A comment names a row of the revision the lead commented on. The auditor corrects the audit in a new
revision, whose rows have new ids; `comments_for` follows each comment to the same item in a later
revision (`matching`), so the finding, CAP row or interview shows its comments and their answers
whichever revision is open. A comment whose item is gone from that revision (a finding removed) is
still listed for the audit, with `target_id` None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from auditor_app.package.document import audit_document
from auditor_app.review import thread
from auditor_app.review.matching import row_map
from auditor_app.review.targets import carried
from auditor_app.store.models import Audit
from auditor_app.store.types import parse_utc


@dataclass
class Answer:
    id: str
    text: str
    author: str
    at: str


@dataclass
class Comment:
    id: str
    audit_id: str  # the revision it was made on
    revision: int
    target_kind: str
    target_id: str | None  # the item's id in the revision asked about; None when it is gone from it
    label: str  # what it was about, as the lead saw it ("finding 11.1 (critical)")
    text: str
    author: str
    at: str
    answers: list[Answer] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return bool(self.answers)


def _revisions(session: Session, audit_id: str) -> list[str]:
    """This revision and those it supersedes that are held here, newest first."""
    out: list[str] = []
    current: str | None = audit_id
    while current and current not in out:
        audit = session.get(Audit, current)
        if audit is None:
            break
        out.append(current)
        current = audit.supersedes_id
    return out


def _mappings(session: Session, revisions: list[str]) -> dict[str, dict[str, str]]:
    """For each older revision, its row ids -> the row ids of the newest (composed step by step)."""
    documents = {rid: audit_document(session, rid) for rid in revisions}
    maps: dict[str, dict[str, str]] = {revisions[0]: {}}
    composed: dict[str, str] | None = None
    for newer, older in zip(revisions, revisions[1:]):
        step = row_map(documents[older], documents[newer])
        composed = step if composed is None else {old: composed[mid] for old, mid in step.items() if mid in composed}
        maps[older] = composed
    return maps


def comments_for(session: Session, audit_id: str, target_kind: str | None = None,
                 target_id: str | None = None) -> list[Comment]:
    """The comments (with their answers) on an item of this revision, or on the whole revision when no
    target is given; made on it or on a revision it supersedes, oldest first."""
    thread_id = thread.thread_of(session, audit_id)
    if thread_id is None:
        return []
    revisions = _revisions(session, audit_id)
    records = thread.entries(session, thread_id)
    made_on = {e["audit"]["id"] for e in records if e["kind"] == "comment"}
    if not made_on & set(revisions):
        return []
    maps = _mappings(session, revisions)
    out: dict[str, Comment] = {}
    for entry in records:
        if entry["kind"] == "comment" and entry["audit"]["id"] in maps:
            target = entry["target"]
            here = target["id"] if entry["audit"]["id"] == audit_id else carried(
                target["kind"], target["id"], maps[entry["audit"]["id"]])
            if target_kind is not None and (target["kind"] != target_kind or here != target_id):
                continue
            out[entry["id"]] = Comment(entry["id"], entry["audit"]["id"], entry["audit"]["revision"], target["kind"],
                                       here, target["label"], entry["text"], entry["author"]["name"], entry["at"])
        elif entry["kind"] == "answer" and entry["reply_to"] in out:
            out[entry["reply_to"]].answers.append(Answer(entry["id"], entry["text"], entry["author"]["name"],
                                                         entry["at"]))
    return sorted(out.values(), key=lambda c: parse_utc(c.at))


def comments_by_item(session: Session, audit_id: str) -> dict[tuple[str, str | None], list[Comment]]:
    """Every comment of this revision grouped by (target kind, target id here): one read for a page
    that marks each item with its comments."""
    grouped: dict[tuple[str, str | None], list[Comment]] = {}
    for c in comments_for(session, audit_id):
        grouped.setdefault((c.target_kind, c.target_id), []).append(c)
    return grouped
