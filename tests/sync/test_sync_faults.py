"""Sync under faults, against a real server process: the connection cut in the middle of a blob, the
server killed and restarted mid-sync, a response lost after the server committed, two retries at once,
a package signed with an unregistered key, a member changed on disk after sealing. Afterwards the
server holds exactly one copy of each submission and blob, every hash matches, and the outbox says
"sent" only with a verified receipt."""

from __future__ import annotations

import threading

import pytest

from connect_helpers import CuttingProxy, server_holdings

from auditor_app.audits.lifecycle import finalize
from auditor_app.package.limits import AUDIT
from auditor_app.paths import DataFolder
from auditor_app.signing.device_key import load_or_create
from auditor_app.store.db import open_store
from auditor_app.store.models import Audit
from auditor_app.sync.client import ConnectClient
from auditor_app.sync.credentials import load_token
from auditor_app.sync.protocol import CHUNK_BYTES, receipt_problems
from auditor_app.sync.worker import sync_once

FAST = {"base_delay": 0.2, "retries": 6}


def client_via(laptop, url: str) -> ConnectClient:
    return ConnectClient(url, load_token(laptop.folder, laptop.link), device_key=laptop.key)


def assert_exactly_once(server, laptop, audit_ids: list[str]) -> None:
    held = server_holdings(server)
    expected_blobs = set()
    for audit_id in audit_ids:
        item = laptop.outbox_item(audit_id)
        manifest = item.payload["manifest"]
        assert item.state == "sent", item.last_error
        assert receipt_problems(item.receipt, server_key=laptop.link.server_key, audit_id=audit_id,
                                manifest=manifest) == []
        assert held["submissions"][audit_id] == "verified" and held["rows_per_submission"][audit_id] == 1
        expected_blobs |= {m["sha256"] for m in manifest["members"]}
        with laptop.store.session() as s:
            assert s.get(Audit, audit_id).state == "submitted"
    assert held["bad_hashes"] == [] and held["partials"] == []
    assert len(held["blob_files"]) == len(set(held["blob_files"])) and set(held["blob_files"]) == expected_blobs
    assert held["blob_rows"] == sorted(expected_blobs)


def test_a_connection_cut_in_the_middle_of_a_blob_resumes_without_resending_it(server, laptop):
    audit_id = laptop.sealed_audit(evidence_sizes=(3_000_000,))
    total = sum(m["size"] for m in laptop.manifest(audit_id)["members"])
    proxy = CuttingProxy(server.port, cut_after=total // 2)
    try:
        report = sync_once(laptop.store, laptop.folder, client=client_via(laptop, proxy.url),
                           server_key=laptop.link.server_key, **FAST)
    finally:
        proxy.close()
    assert proxy.cuts == 1
    assert [r.state for r in report.results] == ["sent"]
    resent = proxy.sent - total
    assert 0 < resent < min(CHUNK_BYTES, 200_000), resent  # headers and what was in flight, not the blob again
    assert_exactly_once(server, laptop, [audit_id])


def test_the_server_killed_and_restarted_mid_sync(server, laptop):
    first, second = laptop.sealed_audit(evidence_sizes=(2_500_000,)), laptop.sealed_audit(evidence_sizes=(2_000_000,))
    killed = threading.Event()

    def kill_mid_upload(p) -> None:
        if p.phase == "upload" and p.audit_id == second and not killed.is_set():
            killed.set()
            server.kill()
            threading.Timer(0.3, server.start).start()

    report = sync_once(laptop.store, laptop.folder, progress=kill_mid_upload, **FAST)
    assert killed.is_set()
    assert sorted(r.state for r in report.results) == ["sent", "sent"]
    assert_exactly_once(server, laptop, [first, second])


def test_a_response_lost_after_the_server_committed(server, laptop):
    audit_id = laptop.sealed_audit()
    proxy = CuttingProxy(server.port, drop_response_after=b"/complete")
    try:
        report = sync_once(laptop.store, laptop.folder, client=client_via(laptop, proxy.url),
                           server_key=laptop.link.server_key, **FAST)
    finally:
        proxy.close()
    assert proxy.dropped == 1  # the server verified and signed; the client never heard it
    assert [r.state for r in report.results] == ["sent"]
    assert laptop.outbox_item(audit_id).attempts == 2
    assert_exactly_once(server, laptop, [audit_id])


def test_two_concurrent_retries_of_the_same_submission(server, laptop):
    audit_id = laptop.sealed_audit(evidence_sizes=(1_500_000, 1_500_000))
    laptop.manifest(audit_id)  # frozen once: both retries send the same body
    other = open_store(laptop.folder, actor="li.wei")  # a second process's view of the same data folder
    results = {}

    def run(name, store) -> None:
        results[name] = sync_once(store, laptop.folder, **FAST)

    threads = [threading.Thread(target=run, args=(n, s)) for n, s in (("one", laptop.store), ("two", other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    other.close()
    states = [r.state for report in results.values() for r in report.results]
    assert states and set(states) == {"sent"}, [(r.state, r.message) for rep in results.values() for r in rep.results]
    assert_exactly_once(server, laptop, [audit_id])


def test_a_seal_signed_by_an_unregistered_key_is_refused_and_never_marked_sent(server, laptop, tmp_path):
    from complete_audit import complete_audit
    from package.crafting import build_audit

    elsewhere = DataFolder(tmp_path / "another-laptop")
    elsewhere.ensure()
    load_or_create(elsewhere)
    audit_id = build_audit(laptop.store)
    with laptop.store.transaction() as s:
        complete_audit(s, audit_id)
        finalize(s, audit_id, folder=elsewhere)  # sealed with a key the platform does not know
    report = sync_once(laptop.store, laptop.folder, **FAST)
    assert [r.state for r in report.results] == ["failed"]
    item = laptop.outbox_item(audit_id)
    assert item.state == "failed" and "not registered" in item.last_error and item.receipt == {}
    assert server_holdings(server)["submissions"][audit_id] == "rejected"
    with laptop.store.session() as s:
        assert s.get(Audit, audit_id).state == "finalized"
    # Nothing is retried on its own: the next sync leaves it alone until the user asks.
    assert sync_once(laptop.store, laptop.folder, **FAST).results == []


def _damage(laptop, audit_id: str, path_in_package: str | None, damage) -> dict:
    """The audit's member at `path_in_package` (else its 3 MB evidence original, kept encrypted), its
    stored file changed by `damage(path)`."""
    from auditor_app.sync.outbox import member_path

    members = laptop.manifest(audit_id)["members"]
    member = next(m for m in members if m["path"] == path_in_package or
                  (path_in_package is None and m["size"] == 3_000_000))
    damage(member_path(laptop.folder, member))
    return member


@pytest.mark.parametrize(("path_in_package", "damage", "says"), [
    (AUDIT, lambda path: path.write_bytes(path.read_bytes()[:-100]), "is shorter than when it was sealed"),
    (None, lambda path: path.write_bytes(path.read_bytes()[:-300_000]), "no longer decrypts"),
    (None, lambda path: _flip_byte(path, 1_500_000), "no longer decrypts"),
], ids=["shortened", "shortened-original", "changed-original"])
def test_a_member_changed_on_disk_is_not_sent_and_says_why(server, laptop, path_in_package, damage, says):
    # The chunk is read while it is sent (sync/chunk_body.py): a failure to read it must not pass for a
    # broken connection (retried for ever) but stop the item with the file named.
    audit_id = laptop.sealed_audit(evidence_sizes=(3_000_000,))
    member = _damage(laptop, audit_id, path_in_package, damage)
    report = sync_once(laptop.store, laptop.folder, client=client_via(laptop, server.url),
                       server_key=laptop.link.server_key, **FAST)
    [result] = report.results
    assert result.state == "failed" and member["path"] in result.message and says in result.message
    if path_in_package is None:  # a photo: named as it was imported, as the auditor knows it
        assert f"the photo IMG_0000.JPG ({member['path']}) in the data folder {says}" in result.message
    item = laptop.outbox_item(audit_id)
    assert item.state == "failed" and "nothing was marked sent" in item.last_error
    held = server_holdings(server)
    assert held["submissions"][audit_id] != "verified" and member["sha256"] not in held["blob_rows"]


def _flip_byte(path, at: int) -> None:
    with open(path, "r+b") as f:
        f.seek(at)
        byte = f.read(1)
        f.seek(at)
        f.write(bytes([byte[0] ^ 0xFF]))
