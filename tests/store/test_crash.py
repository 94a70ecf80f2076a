"""Kill -9 at random moments: nothing reported as committed is lost, nothing is half-written.

One data folder is reused across all kills (a real device sees many crashes over its life); the
child is restarted each time. After every kill: SQLite integrity, every reported finding and photo
present with its file hashing right, no evidence row without its file, the event chain intact.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor_app.store.db import raw_connection
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.models import Audit, Evidence, Finding, FindingEvidence
from auditor_app.store.reconcile import reconcile

CHILD = Path(__file__).with_name("crash_child.py")
REPO = Path(__file__).resolve().parents[2]
KILLS = 50
SEED = 20261122
COMMITTED = re.compile(r"committed ([0-9a-f-]{36}) ([0-9a-f]{64})")


def _run_and_kill(folder: DataFolder, audit_id: str, first: int, work: Path, delay: float) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen([sys.executable, str(CHILD), str(folder.root), audit_id, str(first), str(work)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        ready = child.stdout.readline()
        assert ready == "ready\n", f"child did not start: {ready!r} {child.stderr.read()}"
        time.sleep(delay)
        assert child.poll() is None, f"child died on its own: {child.stderr.read()}"
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    return out.splitlines()


def _check(folder: DataFolder, audit_id: str, promised: list[tuple[str, str]]) -> int:
    with raw_connection(folder) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store = open_store(folder, actor="checker")
    try:
        # Files before rows: whatever was interrupted, no row may lack its file.
        report = reconcile(store)
        assert report.missing == [], report.summary()
        files = EvidenceFiles(folder)
        with store.session() as s:
            findings = set(s.scalars(select(Finding.id).where(Finding.audit_id == audit_id)))
            evidence = dict(s.execute(select(Evidence.sha256, Evidence.id).where(Evidence.audit_id == audit_id)).all())
            links = set(s.execute(select(FindingEvidence.finding_id, FindingEvidence.evidence_id)).all())
            problems = chain_problems(audit_events(s, audit_id))
        assert problems == []
        for finding_id, sha in promised:
            assert finding_id in findings, f"committed finding {finding_id} was lost"
            assert sha in evidence, f"committed photo {sha} was lost"
            assert (finding_id, evidence[sha]) in links
            assert files.verify(sha), f"evidence file {sha} is missing or damaged"
        return len(report.quarantined) + len(report.orphaned_temp)
    finally:
        store.close()


@pytest.mark.slow
def test_sigkill_never_loses_a_commit_or_leaves_a_row_without_its_file(tmp_path):
    folder = DataFolder(tmp_path / "data")
    store = open_store(folder, actor="tester")
    with store.transaction() as s:
        audit = Audit(audit_type="ICA", checklist_version="4.0")
        s.add(audit)
    store.close()
    rnd = random.Random(SEED)
    promised: list[tuple[str, str]] = []
    tidied = 0
    for kill in range(KILLS):
        lines = _run_and_kill(folder, audit.id, kill * 10_000, tmp_path / "card", rnd.uniform(0.02, 0.3))
        # A line cut short by the kill promises nothing; a whole line is a promise.
        promised += [m.groups() for line in lines if (m := COMMITTED.fullmatch(line))]
        tidied += _check(folder, audit.id, promised)
    # The loop really ran: many commits survived many kills.
    assert len(promised) >= KILLS, f"only {len(promised)} commits in {KILLS} runs"
    print(f"{KILLS} kills, {len(promised)} commits checked, {tidied} interrupted files quarantined")
