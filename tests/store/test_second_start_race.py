"""The reported defect with real processes: reconcile run by a second start while the first imports.

Seen in the field: a second window started while the first was importing photos; its start-up
reconcile moved committed photos to quarantine (5 of 12 trials), leaving rows without files and an
audit that could not be exported. Here a child imports photos in a loop (crash_child.py: finding +
photo, a line per commit) while this process runs reconcile again and again, as a second start
would; the child is then killed. After every trial each photo the child reported committed must
still have its file, and no row may lack one.

Two ways to date the second start: this process's start (reconcile's default), and "just now" for
every reconcile (a second window opened in the middle of the import).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.models import Audit
from auditor_app.store.reconcile import reconcile

CHILD = Path(__file__).with_name("crash_child.py")
REPO = Path(__file__).resolve().parents[2]
TRIALS = 12
RECONCILE_FOR = 0.6  # seconds of repeated second starts per trial
COMMITTED = re.compile(r"committed ([0-9a-f-]{36}) ([0-9a-f]{64})")


def _second_start(store, mode: str):
    if mode == "process start":
        return reconcile(store)
    return reconcile(store, since=datetime.now(timezone.utc))


def _trial(folder: DataFolder, store, audit_id: str, first: int, work: Path, mode: str):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen([sys.executable, str(CHILD), str(folder.root), audit_id, str(first), str(work)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    try:
        assert child.stdout.readline() == "ready\n", child.stderr.read()
        reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)
        reader.start()
        runs = 0
        deadline = time.monotonic() + RECONCILE_FOR
        while time.monotonic() < deadline or not lines:  # at least one commit overlapped
            _second_start(store, mode)
            runs += 1
            if child.poll() is not None:
                break  # the import failed under it (its temp file taken away)
        died = child.poll() is not None
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        reader.join(10)
        errors = child.stderr.read().strip() if died else ""
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for pipe in (child.stdout, child.stderr):
            pipe.close()
    promised = [m.group(2) for line in lines if (m := COMMITTED.fullmatch(line.strip()))]
    return promised, runs, errors


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["process start", "just now"])
def test_a_second_start_never_takes_a_committed_photos_file(tmp_path, mode):
    folder = DataFolder(tmp_path / "data")
    store = open_store(folder, actor="second start")
    try:
        with store.transaction() as s:
            audit = Audit(audit_type="ICA", checklist_version="4.0")
            s.add(audit)
        files = EvidenceFiles(folder)
        lost_in: list[str] = []
        broken_in: list[str] = []
        commits = runs = 0
        for trial in range(TRIALS):
            promised, trial_runs, errors = _trial(folder, store, audit.id, trial * 10_000,
                                                  tmp_path / "card", mode)
            lost = [sha for sha in promised if not files.verify(sha)]
            if lost:
                lost_in.append(f"trial {trial}: {len(lost)} of {len(promised)} committed photos lost "
                               "their files")
            if errors:
                broken_in.append(f"trial {trial}: {errors.splitlines()[-1]}")
            commits += len(promised)
            runs += trial_runs
        assert not lost_in, f"in {len(lost_in)} of {TRIALS} trials: " + "; ".join(lost_in)
        # Nor may a second start break the import under way (it died when its temp file was taken).
        assert not broken_in, (f"the import failed in {len(broken_in)} of {TRIALS} trials: "
                               + "; ".join(broken_in))
        # The races really happened: many reconciles while many photos were committed.
        assert commits >= TRIALS and runs >= 10 * TRIALS, (commits, runs)
        # A genuinely later start (everything older than it) finds no row without its file.
        later = datetime.now(timezone.utc) + timedelta(seconds=5)
        assert reconcile(store, since=later).missing == []
        print(f"{mode}: {TRIALS} trials, {runs} second-start reconciles, {commits} commits, none lost")
    finally:
        store.close()
