"""Draining the outbox: `sync_once(store, folder, progress=callback)`, safe to run off the GUI thread.

Alerts go first (the 24-hour notice), then submissions. Each item is tried with backoff on network
errors, timeouts, 5xx and "busy" (0.5 s, 1 s, 2 s, ... up to 30 s, a few times per run; after that it
stays pending with `next_attempt_at`), and stopped with the platform's reason on any other 4xx
(conflict, refused package, sign-in). A submission is: the frozen manifest (PUT, idempotent), the
blobs the platform lacks from the offset it already has, "complete", and the receipt checked against
the platform's key pinned at sign-in. Only then is the item "sent".
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from auditor_app.confidential.file_cipher import Damaged
from auditor_app.package.limits import AUDIT, EVENTS, SEALED
from auditor_app.paths import DataFolder
from auditor_app.signing.device_key import load_or_create
from auditor_app.store.models import Evidence, OutboxItem
from auditor_app.store.types import utcnow
from auditor_app.sync import outbox
from auditor_app.sync.chunk_body import ChunkBody, ReadFailed
from auditor_app.sync.client import ConnectClient, Refused, SyncError, Transient
from auditor_app.sync.credentials import load_token, require_link, save_token
from auditor_app.sync.protocol import CHUNK_BYTES, alert_receipt_problems, receipt_problems
from auditor_app.sync.zt_notice import record_zt_notice

log = logging.getLogger("auditor_app.sync")

RETRIES = 5
BASE_DELAY_S = 0.5
MAX_DELAY_S = 30.0
MAX_RESYNCS = 50  # offset corrections within one upload before it counts as a transient failure


@dataclass
class Progress:
    """What the sync panel shows for one item: `phase` is alert, manifest, upload, verify, sent, waiting or
    failed; `done`/`total` are bytes for uploads."""

    audit_id: str
    kind: str
    phase: str
    done: int = 0
    total: int = 0
    message: str = ""


@dataclass
class ItemResult:
    item_id: str
    audit_id: str
    kind: str
    state: str  # sent | pending | failed
    message: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class SyncReport:
    results: list[ItemResult] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for r in self.results if r.state == state)


class Cancelled(Exception):
    pass


ProgressCallback = Callable[[Progress], None]


def connect_client(folder: DataFolder) -> tuple[ConnectClient, dict[str, str]]:
    """A client for the platform this installation signed in to, and the platform's pinned key."""
    link = require_link(folder)
    def keep(token: str) -> None:
        save_token(folder, link, token)

    client = ConnectClient(link.url, load_token(folder, link), device_key=load_or_create(folder), on_new_token=keep)
    return client, link.server_key


def sync_once(store, folder: DataFolder | None = None, progress: ProgressCallback | None = None, *,
              client: ConnectClient | None = None, server_key: dict[str, str] | None = None,
              cancel: threading.Event | None = None, sleep: Callable[[float], None] = time.sleep,
              retries: int = RETRIES, base_delay: float = BASE_DELAY_S, only_alerts: bool = False) -> SyncReport:
    """Send every pending alert and submission once (only the alerts with `only_alerts`: the window's
    "send the alert now"); returns what happened to each."""
    folder = folder or store.folder
    if client is None:
        client, server_key = connect_client(folder)
    assert server_key is not None
    report = SyncReport()
    notify = progress or (lambda _p: None)
    outbox.queue_zt_alerts(store)
    for item in outbox.open_items(store):
        if only_alerts and not item.kind.startswith(outbox.ZT_PREFIX):
            continue
        if cancel is not None and cancel.is_set():
            break
        result = _drain_item(store, folder, client, server_key, item, notify, cancel, sleep, retries, base_delay)
        report.results.append(result)
    return report


def _drain_item(store, folder, client, server_key, item: OutboxItem, notify: ProgressCallback, cancel, sleep,
                retries: int, base_delay: float) -> ItemResult:
    delay = base_delay
    for attempt in range(retries + 1):
        try:
            if item.kind == outbox.SUBMISSION:
                receipt = _send_submission(store, folder, client, server_key, item, notify, cancel)
            else:
                receipt = _send_alert(client, server_key, item, notify)
        except Transient as exc:
            log.info("sync of %s %s: %s (try %d)", item.kind, item.audit_id, exc.message, attempt + 1)
            outbox.record_attempt(store, item.id, error=exc.message, final=False,
                                  next_at=utcnow() + timedelta(seconds=min(delay, MAX_DELAY_S)))
            if attempt == retries or (cancel is not None and cancel.is_set()):
                notify(Progress(item.audit_id, item.kind, "waiting", message=exc.message))
                return ItemResult(item.id, item.audit_id, item.kind, "pending", exc.message)
            notify(Progress(item.audit_id, item.kind, "waiting", message=f"{exc.message}; trying again"))
            sleep(delay)
            delay = min(delay * 2, MAX_DELAY_S)
            continue
        except (Refused, outbox.NotSendable) as exc:
            message = exc.message if isinstance(exc, SyncError) else str(exc)
            problems = exc.problems if isinstance(exc, SyncError) else []
            text = message + ("".join(f"\n- {p}" for p in problems[:20]) if problems else "")
            outbox.record_attempt(store, item.id, error=text, final=True)
            notify(Progress(item.audit_id, item.kind, "failed", message=message))
            return ItemResult(item.id, item.audit_id, item.kind, "failed", message, problems)
        except Cancelled:
            return ItemResult(item.id, item.audit_id, item.kind, "pending", "cancelled")
        outbox.mark_sent(store, item.id, receipt)
        message = _notice(store, item, receipt)
        notify(Progress(item.audit_id, item.kind, "sent", message=message))
        return ItemResult(item.id, item.audit_id, item.kind, "sent", message)
    raise AssertionError("unreachable")


def _notice(store, item: OutboxItem, receipt: dict[str, Any]) -> str:
    """An alert's receipt becomes the closing meeting's record of the 24-hour notice (see zt_notice)."""
    if not item.kind.startswith(outbox.ZT_PREFIX):
        return ""
    try:
        recorded = record_zt_notice(store, item.audit_id, receipt)
    except Exception:  # the alert is sent whatever happens here; the auditor can still record it by hand
        log.exception("recording the Zero Tolerance notice of %s", item.audit_id)
        return "The alert was received, but the notice could not be recorded in the closing meeting."
    return "The platform's receipt is recorded as the 24-hour notice." if recorded else ""


def _send_alert(client: ConnectClient, server_key, item: OutboxItem, notify: ProgressCallback) -> dict[str, Any]:
    notify(Progress(item.audit_id, item.kind, "alert"))
    body = item.payload["body"]
    out = _parsed(lambda: client.put_alert(item.id, body))
    problems = alert_receipt_problems(out.receipt, server_key=server_key, alert_id=item.id, body=body)
    if problems:
        raise Refused("the platform's alert receipt does not verify: " + "; ".join(problems), code="receipt")
    return out.receipt


def _send_submission(store, folder: DataFolder, client: ConnectClient, server_key, item: OutboxItem,
                     notify: ProgressCallback, cancel) -> dict[str, Any]:
    audit_id = item.audit_id
    manifest = outbox.frozen_manifest(store, item.id)
    total = sum(m["size"] for m in manifest["members"])
    notify(Progress(audit_id, item.kind, "manifest", 0, total))
    status = _parsed(lambda: client.put_submission(audit_id, manifest))
    members = {m["sha256"]: m for m in manifest["members"]}
    for _round in range(3):
        if status.state != "verified":
            missing = {n.sha256: n for n in status.missing}
            done = total - sum(members[sha]["size"] for sha in missing if sha in members)
            for sha, need in missing.items():
                if sha not in members:
                    raise Refused("the platform asks for a file that is not in this package", code="protocol")
                done = _upload(folder, client, members[sha], need.received, done, total,
                               lambda d: notify(Progress(audit_id, item.kind, "upload", d, total)), cancel,
                               lambda member: _member_words(store, audit_id, member))
            notify(Progress(audit_id, item.kind, "verify", total, total))
            try:
                status = _parsed(lambda: client.complete(audit_id))
            except Refused as exc:
                if exc.code != "missing_blobs":
                    raise
                status = _parsed(lambda: client.submission(audit_id))
                continue
        problems = receipt_problems(status.receipt, server_key=server_key, audit_id=audit_id, manifest=manifest)
        if problems:
            raise Refused("the platform's receipt does not verify: " + "; ".join(problems), code="receipt")
        assert status.receipt is not None
        return status.receipt
    raise Transient("the platform still lacks files after three rounds of uploads")


def _member_words(store, audit_id: str, member: dict) -> str:
    """A package member as the auditor knows it: a photo by the name it was imported under, with where it is
    kept (`evidence/<sha-256>`); the audit's own files by their path in the package."""
    names: list[str] = []
    if member["path"] not in (AUDIT, EVENTS, SEALED):
        try:
            with store.session(read_only=True) as session:
                names = sorted(set(session.scalars(select(Evidence.original_name).where(
                    Evidence.audit_id == audit_id, Evidence.sha256 == member["sha256"]))))
        except Exception:  # noqa: BLE001 - the refusal is said anyway, with the path alone
            log.exception("naming the evidence %s of %s", member["sha256"], audit_id)
    return f"the photo {' / '.join(names)} ({member['path']})" if names else f"the file {member['path']}"


def _upload(folder: DataFolder, client: ConnectClient, member: dict, offset: int, done: int, total: int,
            report: Callable[[int], None], cancel, words: Callable[[dict], str]) -> int:
    """Send one blob from `offset` in chunks; returns the new count of bytes held by the platform. `words`
    names the member in a refusal (a photo by the name it was imported under)."""
    sha, size = member["sha256"], member["size"]
    path = outbox.member_path(folder, member)
    base = done - offset  # bytes of other blobs already held
    resyncs = 0
    try:
        src = outbox.open_member(folder, member)
    except FileNotFoundError:
        raise outbox.NotSendable(f"{member['path']} is missing from the data folder ({path})") from None
    with src:
        while offset < size:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            body = ChunkBody(src, offset, min(CHUNK_BYTES, size - offset))
            try:
                status = _parsed(lambda at=offset, piece=body: client.upload(sha, at, piece))
            except ReadFailed as exc:
                why = {EOFError: "is shorter than when it was sealed", Damaged: "no longer decrypts"}
                for kind, what in why.items():
                    if isinstance(exc.error, kind):
                        raise outbox.NotSendable(f"{words(member)} in the data folder {what} (damaged on disk?); "
                                                 "nothing was marked sent") from None
                raise exc.error from None  # a failure of the machine (an I/O error): as any other
            except Refused as exc:
                if exc.code == "offset_mismatch" and resyncs < MAX_RESYNCS:
                    resyncs += 1
                    told = _received(exc)
                    offset = told if told is not None else _parsed(lambda: client.blob_status(sha)).received
                    continue
                if exc.code == "hash_mismatch":
                    raise Refused(f"{words(member)} in the data folder no longer has its SHA-256 "
                                  "(damaged on disk?); nothing was marked sent", code="hash_mismatch") from None
                raise
            if status.complete:
                offset = size
                break
            offset = status.received
            report(base + offset)
    report(base + size)
    return base + size


def _received(exc: Refused) -> int | None:
    value = exc.body.get("received")
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _parsed(call):
    """The answer of `call()`, as its model; an answer that does not fit the protocol is transient (a proxy
    in the way, an upgrade half done) and is tried again."""
    try:
        return call()
    except ValidationError as exc:
        raise Transient(f"the platform's answer does not fit the protocol ({exc.error_count()} problem(s))") from None
