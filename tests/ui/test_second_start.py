"""A second `auditor-app run` on a data folder another process owns, with real processes.

The folder's owner is either a plain process holding the lock (tests/store/lock_child.py) or a real
window (`python -m auditor_app run`, offscreen). The second start answers its dialog through
AUDITOR_APP_SECOND_START, so nothing waits for a click.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from auditor_app.store.folder_lock import LOCK_NAME, FolderLock
from auditor_app.ui.single_instance import ANSWER_ENV, ask_owner_to_show, server_name

REPO = Path(__file__).resolve().parents[2]
LOCK_CHILD = REPO / "tests" / "store" / "lock_child.py"
NO_DISPLAY_VARS = ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")


def _env(root: Path, **extra) -> dict:
    env = dict(os.environ, AUDITOR_APP_HOME=str(root),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def _second_run(root: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "auditor_app", "run"], cwd=REPO, env=_env(root, **env),
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def lock_holder(tmp_path):
    root = tmp_path / "data"
    child = subprocess.Popen([sys.executable, str(LOCK_CHILD), str(root), "window"], env=_env(root),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line == f"locked {child.pid}\n", f"{line!r} {child.stderr.read()}"
        yield child, root
    finally:
        child.kill()
        child.wait(10)
        for pipe in (child.stdin, child.stdout, child.stderr):
            pipe.close()


def test_a_second_run_is_told_the_folder_is_open_elsewhere(lock_holder):
    child, root = lock_holder
    result = _second_run(root, QT_QPA_PLATFORM="offscreen", **{ANSWER_ENV: "show"})
    assert result.returncode == 0, result.stderr
    assert (f"The data folder {root} is already open in an ESCP Field Auditor window (process {child.pid}, "
            "since ") in result.stderr
    assert "Switch to that window" in result.stderr
    # The holder here is no window: nobody answers, and the second start says so instead of hanging.
    assert "The other window did not answer" in result.stderr
    assert child.poll() is None  # the owner is untouched


def test_without_a_display_the_second_run_prints_the_sentence_and_fails(lock_holder):
    child, root = lock_holder
    result = _second_run(root, **dict.fromkeys(NO_DISPLAY_VARS))
    assert result.returncode == 1
    assert result.stderr.startswith(f"The data folder {root} is already open in an ESCP Field Auditor "
                                    f"window (process {child.pid}, since ")
    assert "No display found" not in result.stderr


def test_without_a_display_and_no_owner_it_asks_for_a_display(tmp_path):
    root = tmp_path / "data"
    result = _second_run(root, **dict.fromkeys(NO_DISPLAY_VARS))
    assert result.returncode == 1 and result.stderr.startswith("No display found:")
    assert not (root / LOCK_NAME).exists()  # no owner was made up for a folder this run did not use


@pytest.mark.slow
def test_a_second_run_brings_the_first_window_forward(tmp_path, qapp):
    root = tmp_path / "data"
    first = subprocess.Popen([sys.executable, "-m", "auditor_app", "run"], cwd=REPO,
                             env=_env(root, QT_QPA_PLATFORM="offscreen"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Ready when its window answers (it owns the folder before the window opens).
        deadline = time.monotonic() + 60
        while not ask_owner_to_show(root, timeout_ms=500):
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first window never listened"
            time.sleep(0.2)
        assert FolderLock(root).owner_info().pid == first.pid

        result = _second_run(root, QT_QPA_PLATFORM="offscreen", **{ANSWER_ENV: "show"})
        assert result.returncode == 0, result.stderr
        assert f"The data folder {root} is already open in an ESCP Field Auditor window" in result.stderr
        assert "The other window was brought forward." in result.stderr
        assert first.poll() is None  # one window, still running
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
        QLocalServer.removeServer(server_name(root))  # the killed window's socket file
    # Killed, it released the folder: the next start owns it.
    with FolderLock(root) as lock:
        assert lock.owner_info().pid == os.getpid()
