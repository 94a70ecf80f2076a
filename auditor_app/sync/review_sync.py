"""The lead's review through the platform (docs/review.md, "The platform route"): the same signed record
as the file route, carried by Connect instead of `.escp` files. No Qt; safe off the GUI thread.

- `account_name(folder)`: the platform account's name and firm, to sign entries with;
- `inbox(store)`: what the platform has for this account (a lead: its firm's submitted audits, received or
  waiting; an auditor: its audits in review), with the state here beside it;
- `open_from_platform(store, audit_id, author=...)`: a lead downloads a submitted audit's package, opens it
  for review (`review.files.open_for_review`: imported and received) and posts the receipt;
- `pull(store)`: the platform's entries of every review held here (or of the audits sealed here) taken in
  with `actions.take_in`, after importing any revision not here yet (a lead gets the corrected revision
  this way);
- `push(store)`: the entries made here that the platform lacks (comments, answers, decisions). A
  resubmission waits for its revision's submission: the outbox is sent first (`worker.sync_once`).

Who may write what is the platform's to check (and `records.chain_problems` on both sides); a refusal
comes back as a `UserFacingError` with the platform's sentence.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from auditor_app.audits.operation import run_operation
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.confidential.recipients import PrivateKey
from auditor_app.errors import UserFacingError
from auditor_app.package.errors import PackageError
from auditor_app.package.importer import import_package
from auditor_app.paths import DataFolder
from auditor_app.review import actions, thread
from auditor_app.review.files import OpenedForReview, open_for_review
from auditor_app.store.models import Audit, OutboxItem, ReviewEntry
from auditor_app.sync import outbox
from auditor_app.sync.client import ConnectClient, Refused, Transient
from auditor_app.sync.credentials import folder_of, load_link
from auditor_app.sync.protocol import REVIEW_ENTRIES_MAX, ReviewSummary
from auditor_app.sync.worker import connect_client, sync_once


@dataclass(frozen=True)
class InboxItem:
    audit_id: str  # the revision under review, or the submitted audit waiting to be received
    thread_id: str | None
    state: str | None  # on the platform; None: submitted, not received yet
    state_here: str | None  # in this data folder's copy of the record; None: not in review here
    factory_name: str
    audit_type: str
    revision: int
    submitted_by: str
    entries: int  # on the platform
    entries_here: int
    held_here: bool  # the revision is in this data folder


@dataclass(frozen=True)
class ThreadResult:
    thread_id: str
    audit_id: str  # the revision under review after the exchange
    state: str | None
    pulled: int = 0  # entries taken in here
    pushed: int = 0  # entries the platform added
    imported: tuple[str, ...] = ()  # revisions downloaded and imported here


def account_name(folder: DataFolder) -> tuple[str, str]:
    """The name and firm of the platform account this installation signed in with ("", "" if none): what
    its review entries are signed with unless the person says otherwise."""
    link = load_link(folder)
    user = link.user if link is not None else {}
    return str(user.get("name") or ""), str(user.get("firm_name") or "")


@contextmanager
def _client(folder: DataFolder, client: ConnectClient | None) -> Iterator[ConnectClient]:
    if client is not None:
        yield client
        return
    made, _key = connect_client(folder)
    try:
        yield made
    finally:
        made.close()


def _refusal(exc: Refused | Transient, doing: str, ref: str = "") -> UserFacingError:
    """`doing` names what was being exchanged (a `review_sync.doing.*` fragment, with `ref`)."""
    if isinstance(exc, Transient):
        return UserFacingError(message("review_sync.unreachable", doing=doing, ref=ref, detail=exc.message),
                               "Try again later.")
    detail = exc.message + "".join(f"\n  - {p}" for p in exc.problems[:10])
    hint = "Sign in again with `auditor-app connect login URL --token T`." if exc.code == "auth" else ""
    return UserFacingError(message("review_sync.refused", doing=doing, ref=ref, detail=detail), hint)


@prepares("review_sync.unreachable")
@prepares("review_sync.refused")
def _doing(p, w: Words) -> dict:
    return {**p, "doing": w.t(f"review_sync.doing.{p['doing']}", ref=p["ref"])}


@prepares("review_sync.revision_not_sent")
def _not_sent(p, w: Words) -> dict:
    return {**p, "error": w.t("review_sync.error", error=p["error"]) if p["error"] else ""}


def _held(store, audit_ids) -> set[str]:
    ids = [a for a in audit_ids if a]
    with store.session(read_only=True) as session:
        return set(session.scalars(select(Audit.id).where(Audit.id.in_(ids)))) if ids else set()


def _local_entries(store, thread_id: str) -> list[dict]:
    with store.session(read_only=True) as session:
        return thread.entries(session, thread_id)


def inbox(store, folder: DataFolder | None = None, *, client: ConnectClient | None = None) -> list[InboxItem]:
    """The platform's list for this account, with this data folder's side of each."""
    folder = folder or store.folder
    with _client(folder, client) as c:
        try:
            found = c.reviews()
        except (Refused, Transient) as exc:
            raise _refusal(exc, "reviews") from None
    held = _held(store, [s.audit_id for s in found])
    items = []
    for s in found:
        here = _local_entries(store, s.thread_id) if s.thread_id else []
        items.append(InboxItem(audit_id=s.audit_id, thread_id=s.thread_id, state=s.state,
                               state_here=thread.state_of(here) if here else None,
                               factory_name=s.factory_name or "", audit_type=s.audit_type, revision=s.revision,
                               submitted_by=s.submitted_by, entries=s.head_seq, entries_here=len(here),
                               held_here=s.audit_id in held))
    return items


@contextmanager
def _downloaded(folder: DataFolder, client: ConnectClient, audit_id: str) -> Iterator[Path]:
    """The revision's package in a temporary file under `<data folder>/connect`, removed afterwards."""
    where = folder_of(folder)
    where.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{audit_id}.", suffix=".escp", dir=where)
    os.close(fd)
    path = Path(name)
    try:
        try:
            client.download_package(audit_id, path)
        except (Refused, Transient) as exc:
            raise _refusal(exc, "package", audit_id[:8]) from None
        yield path
    finally:
        path.unlink(missing_ok=True)


def open_from_platform(store, audit_id: str, *, author: str, firm: str = "", key: PrivateKey | None = None,
                       folder: DataFolder | None = None, client: ConnectClient | None = None) -> OpenedForReview:
    """A lead takes a submitted audit into review: its package downloaded and opened for review here
    (imported, received), then the receipt posted so the platform and the auditor see it received. When
    another lead of the firm received it already, its record is taken in here instead (and the
    revisions it names imported)."""
    folder = folder or store.folder
    with _client(folder, client) as c:
        try:
            c.review(audit_id)
        except Refused as exc:
            if exc.status != 404:
                raise _refusal(exc, "audit_review", audit_id[:8]) from None
        except Transient as exc:
            raise _refusal(exc, "audit_review", audit_id[:8]) from None
        else:  # another lead of the firm received it already: join that record rather than start another
            held = bool(_held(store, [audit_id]))
            joined = _pull_thread(store, folder, c, audit_id, key)
            return OpenedForReview(audit_id, audit_id, joined.state, not held, joined.pulled, "lead")
        with _downloaded(folder, c, audit_id) as path:
            opened = open_for_review(store, path, author=author, firm=firm, key=key)
        _push_thread(store, folder, c, opened.thread_id)
    return opened


def _relevant(store, summaries: list[ReviewSummary]) -> list[ReviewSummary]:
    """The reviews this data folder takes part in: a record held here, or a revision held here."""
    held = _held(store, [a for s in summaries for a in (s.audit_id, s.thread_id)])
    with store.session(read_only=True) as session:
        threads = set(session.scalars(select(ReviewEntry.thread_id).distinct()))
    return [s for s in summaries if s.thread_id and (s.thread_id in threads or s.thread_id in held
                                                     or s.audit_id in held)]


def pull(store, folder: DataFolder | None = None, *, client: ConnectClient | None = None,
         thread_ids: list[str] | None = None, key: PrivateKey | None = None) -> list[ThreadResult]:
    """Take in the platform's entries of the reviews held here (or of `thread_ids`), importing first
    any revision they concern that is not here (a resubmitted one, for the lead)."""
    folder = folder or store.folder
    results = []
    with _client(folder, client) as c:
        if thread_ids is None:
            try:
                thread_ids = [s.thread_id for s in _relevant(store, c.reviews()) if s.thread_id]
            except (Refused, Transient) as exc:
                raise _refusal(exc, "reviews") from None
        for thread_id in thread_ids:
            results.append(_pull_thread(store, folder, c, thread_id, key))
    return results


def _pull_thread(store, folder: DataFolder, client: ConnectClient, thread_id: str,
                 key: PrivateKey | None) -> ThreadResult:
    try:
        record = client.review(thread_id)
    except (Refused, Transient) as exc:
        raise _refusal(exc, "review", thread_id[:8]) from None
    imported = []
    for revision in record.revisions:
        if revision in _held(store, [revision]):
            continue
        with _downloaded(folder, client, revision) as path:
            try:
                import_package(store, path, key=key)
            except PackageError as exc:
                raise UserFacingError(message("review_sync.package_refused", ref=revision[:8],
                                              detail="; ".join(exc.problems[:5]))) from None
        imported.append(revision)
    new = run_operation(store, actions.take_in, record.entries).result if record.entries else 0
    here = _local_entries(store, thread_id)
    return ThreadResult(thread_id, thread.under_review(here) or thread_id, thread.state_of(here), pulled=new,
                        imported=tuple(imported))


def push(store, folder: DataFolder | None = None, *, client: ConnectClient | None = None,
         thread_ids: list[str] | None = None) -> list[ThreadResult]:
    """Post the entries made here that the platform lacks, for every review held here (or `thread_ids`).
    Reviews that exist only in files (their first revision never submitted) are left out."""
    folder = folder or store.folder
    if thread_ids is None:
        with store.session(read_only=True) as session:
            thread_ids = list(session.scalars(select(ReviewEntry.thread_id).distinct().order_by(ReviewEntry.thread_id)))
    results = []
    with _client(folder, client) as c:
        for thread_id in thread_ids:
            result = _push_thread(store, folder, c, thread_id)
            if result is not None:
                results.append(result)
    return results


def _push_thread(store, folder: DataFolder, client: ConnectClient, thread_id: str) -> ThreadResult | None:
    local = _local_entries(store, thread_id)
    if not local:
        raise UserFacingError(message("review_sync.not_held", ref=thread_id[:8]))
    try:
        remote = client.review(thread_id)
        held = remote.head_seq
        pulled = 0
        if held > len(local) or (held and local[held - 1]["hash"] != remote.head_hash):
            # The other side wrote since: theirs first (refused whole if the records went different ways).
            pulled = _pull_thread(store, folder, client, thread_id, None).pulled
            local = _local_entries(store, thread_id)
    except Refused as exc:
        if exc.status != 404:
            raise _refusal(exc, "review", thread_id[:8]) from None
        held, pulled = 0, 0  # not on the platform yet: it starts with the lead's receipt
    except Transient as exc:
        raise _refusal(exc, "review", thread_id[:8]) from None
    to_send = local[held:]
    if to_send and held == 0 and not _submitted(client, thread_id):
        return None  # a review by files only: its first revision is not on the platform
    _send_resubmitted(store, folder, client, [e["audit"]["id"] for e in to_send if e["kind"] == "resubmit"])
    pushed = 0
    for start in range(0, len(to_send), REVIEW_ENTRIES_MAX):
        try:
            posted = client.post_review_entries(thread_id, to_send[start:start + REVIEW_ENTRIES_MAX])
        except (Refused, Transient) as exc:
            raise _refusal(exc, "entries", thread_id[:8]) from None
        pushed += posted.added
    return ThreadResult(thread_id, thread.under_review(local) or thread_id, thread.state_of(local), pulled=pulled,
                        pushed=pushed)


def _submitted(client: ConnectClient, audit_id: str) -> bool:
    try:
        return client.submission(audit_id).state == "verified"
    except Refused as exc:
        if exc.status == 404:
            return False
        raise _refusal(exc, "submission", audit_id[:8]) from None
    except Transient as exc:
        raise _refusal(exc, "submission", audit_id[:8]) from None


def _send_resubmitted(store, folder: DataFolder, client: ConnectClient, audit_ids: list[str]) -> None:
    """A resubmission concerns a revision the platform must hold: its submission is sent first."""
    if not audit_ids:
        return
    with store.session(read_only=True) as session:
        items = {r.audit_id: r.state for r in session.scalars(select(OutboxItem).where(
            OutboxItem.audit_id.in_(audit_ids), OutboxItem.kind == outbox.SUBMISSION))}
    if any(items.get(a) != "sent" for a in audit_ids):
        sync_once(store, folder, client=client, server_key=_server_key(folder))
    with store.session(read_only=True) as session:
        states = {r.audit_id: (r.state, r.last_error) for r in session.scalars(select(OutboxItem).where(
            OutboxItem.audit_id.in_(audit_ids), OutboxItem.kind == outbox.SUBMISSION))}
    for audit_id in audit_ids:
        state, error = states.get(audit_id, ("missing", ""))
        if state != "sent":
            raise UserFacingError(message("review_sync.revision_not_sent", ref=audit_id[:8], state=state,
                                          error=error or ""), "`auditor-app sync` sends it; then push again")


def _server_key(folder: DataFolder) -> dict[str, str]:
    from auditor_app.sync.credentials import require_link

    return require_link(folder).server_key
