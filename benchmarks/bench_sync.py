"""Sync of a large audit to a real Connect server over loopback: 200 photos of a 12-megapixel JPEG's size.

Figures:
  - upload ratio: a bare streaming `requests` upload of the same bytes to the same server (each file in one
    request to the blob endpoint), divided by the time of `sync_once` (manifest, chunked uploads, complete
    with the whole package checked, receipt verified). Target at least 0.8.
  - bytes sent again after the connection is cut at 50 % (a TCP proxy), compared with an uncut run through
    the same proxy. Target at most one chunk (8 MiB).
Each run uses a fresh server data folder. BENCH_SYNC_PHOTOS and BENCH_SYNC_MB change the size.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from benchmarks import ROOT, scratch_folder

PHOTOS = int(os.environ.get("BENCH_SYNC_PHOTOS", "200"))
PHOTO_MB = float(os.environ.get("BENCH_SYNC_MB", "4.5"))  # a 12-MP JPEG at the quality cameras use
TARGET_RATIO = 0.8


def _helpers():
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    os.environ.setdefault("AUDITOR_APP_KEYRING", "off")
    import connect_helpers

    return connect_helpers


def _signed_in(helpers, laptop, server):
    from auditor_app.sync.client import ConnectClient

    _login, token = server.user("auditor", "Bench Audits")
    client = ConnectClient(server.url)
    out = client.enrol(token, laptop.key)
    client.close()
    return out.session_token, out.server_key.model_dump()


def _reset_outbox(laptop, audit_id: str, manifest: dict) -> None:
    from sqlalchemy import select

    from auditor_app.store.models import Audit, OutboxItem

    with laptop.store.transaction() as s:
        item = s.scalars(select(OutboxItem).where(OutboxItem.audit_id == audit_id)).one()
        item.state, item.receipt, item.attempts = "pending", {}, 0
        item.payload = {"manifest": manifest}
    with laptop.store.session() as s:
        assert s.get(Audit, audit_id) is not None


def _sync(helpers, laptop, audit_id, manifest, work: Path, name: str, *, via_proxy=False, cut_at=None):
    """One sync to a fresh server; returns (seconds, upstream bytes through the proxy or 0)."""
    from auditor_app.sync.client import ConnectClient
    from auditor_app.sync.worker import sync_once

    server = helpers.ServerProcess(work / name).start()
    proxy = None
    try:
        token, server_key = _signed_in(helpers, laptop, server)
        _reset_outbox(laptop, audit_id, manifest)
        url = server.url
        if via_proxy:
            proxy = helpers.CuttingProxy(server.port, cut_after=cut_at)
            url = proxy.url
        client = ConnectClient(url, token, device_key=laptop.key)
        started = time.perf_counter()
        report = sync_once(laptop.store, laptop.folder, client=client, server_key=server_key, base_delay=0.2)
        seconds = time.perf_counter() - started
        client.close()
        assert [r.state for r in report.results] == ["sent"], report
        return seconds, (proxy.sent if proxy else 0)
    finally:
        if proxy is not None:
            proxy.close()
        server.stop()
        shutil.rmtree(work / name, ignore_errors=True)


def _bare(helpers, laptop, audit_id, manifest, work: Path) -> float:
    """The same bytes, each file streamed in one request to the same server's blob endpoint (an
    original decrypted as it is read, as the sync reads it: the bytes sent are the plaintext)."""
    import requests

    from auditor_app.sync.outbox import open_member
    from auditor_app.sync.protocol import API

    server = helpers.ServerProcess(work / "bare").start()
    try:
        token, _key = _signed_in(helpers, laptop, server)
        headers = {"Authorization": f"Bearer {token}"}
        http = requests.Session()
        assert http.put(f"{server.url}{API}/submissions/{audit_id}", json=manifest, headers=headers,
                        timeout=60).status_code == 201
        started = time.perf_counter()
        for member in manifest["members"]:
            with open_member(laptop.folder, member) as src:
                r = http.patch(f"{server.url}{API}/blobs/{member['sha256']}", params={"offset": 0}, data=src,
                               headers={**headers, "Content-Type": "application/octet-stream"}, timeout=600)
                assert r.status_code == 200 and r.json()["complete"], r.text
        return time.perf_counter() - started
    finally:
        server.stop()
        shutil.rmtree(work / "bare", ignore_errors=True)


def main() -> list[str]:
    helpers = _helpers()
    from auditor_app.sync.protocol import CHUNK_BYTES

    work = scratch_folder("bench-sync-")
    try:
        laptop = helpers.Laptop(work / "laptop")
        size = int(PHOTO_MB * 1024 * 1024)
        audit_id = laptop.sealed_audit(evidence_sizes=(size,) * PHOTOS)
        manifest = laptop.manifest(audit_id)
        total = sum(m["size"] for m in manifest["members"])
        print(f"   {PHOTOS} photos of {PHOTO_MB:g} MB, {total / 1e6:.0f} MB in all", flush=True)
        bare = _bare(helpers, laptop, audit_id, manifest, work)
        ours, _ = _sync(helpers, laptop, audit_id, manifest, work, "sync")
        print(f"   bare streaming upload {bare:.1f} s ({total / bare / 1e6:.0f} MB/s), sync_once {ours:.1f} s "
              f"({total / ours / 1e6:.0f} MB/s)", flush=True)
        _t, uncut = _sync(helpers, laptop, audit_id, manifest, work, "uncut", via_proxy=True)
        _t, cut = _sync(helpers, laptop, audit_id, manifest, work, "cut", via_proxy=True, cut_at=uncut // 2)
        laptop.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratio = bare / ours
    resent = cut - uncut
    return [f"sync upload: ratio {ratio:.2f} of a bare streaming upload (target >= {TARGET_RATIO}); "
            f"{total / ours / 1e6:.0f} MB/s over loopback",
            f"sync resume after a cut at 50 %: {resent:,} bytes sent again "
            f"({resent / CHUNK_BYTES:.3f} chunk; target <= 1 chunk of {CHUNK_BYTES:,})"]


if __name__ == "__main__":
    for line in main():
        print(line)
