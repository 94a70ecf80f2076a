"""One process owns a data folder: real processes hold the lock, are refused, and are killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from auditor_app.errors import UserFacingError
from auditor_app.store.folder_lock import (LOCK_NAME, FolderInUse, FolderLock, OwnerInfo, held_since,
                                           owning)

CHILD = Path(__file__).with_name("lock_child.py")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def holder(tmp_path):
    """Start a child process owning a folder; returns (process, folder)."""
    started = []

    def start(kind: str = "window", root: Path | None = None):
        root = root or tmp_path / "data"
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        child = subprocess.Popen([sys.executable, str(CHILD), str(root), kind], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        started.append(child)
        line = child.stdout.readline()
        assert line == f"locked {child.pid}\n", f"child did not lock: {line!r} {child.stderr.read()}"
        return child, root

    yield start
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait(10)
        for pipe in (child.stdin, child.stdout, child.stderr):
            pipe.close()


def test_a_second_process_is_refused_until_the_owner_is_killed(holder):
    child, root = holder("window")
    lock = FolderLock(root, program="a test")
    with pytest.raises(FolderInUse) as refused:
        lock.acquire()
    err = refused.value
    assert isinstance(err, UserFacingError) and not lock.held
    assert err.owner.pid == child.pid and err.owner.program == "an ESCP Field Auditor window"
    assert err.message.startswith(f"The data folder {root} is already open in an ESCP Field Auditor "
                                  f"window (process {child.pid}, since ")
    assert "Switch to that window" in err.hint
    # Being refused did not wipe the owner's details.
    assert lock.owner_info().pid == child.pid

    child.send_signal(signal.SIGKILL)
    child.wait(10)
    # The dead owner's file stays, naming it, but holds nothing: the next start takes over.
    assert (root / LOCK_NAME).exists() and lock.owner_info().pid == child.pid
    before = datetime.now(timezone.utc)
    with lock:
        assert lock.held and lock.owner_info().pid == os.getpid()
        assert before <= lock.started_at <= datetime.now(timezone.utc)
        assert lock.owner_info().started_at == lock.started_at
        assert held_since(root) == lock.started_at
    assert not lock.held and held_since(root) is None


def test_a_clean_exit_releases_and_empties_the_details(holder):
    child, root = holder("command")
    with pytest.raises(FolderInUse, match="the command `auditor-app import`") as refused:
        FolderLock(root).acquire()
    assert refused.value.hint == "Wait for that command to finish, then try again."
    child.stdin.close()
    assert child.wait(10) == 0
    assert FolderLock(root).owner_info() is None  # released: no owner to name
    with FolderLock(root) as lock:
        assert lock.held


def test_writing_commands_are_refused_while_the_window_owns_the_folder(holder):
    _child, root = holder("window")
    with pytest.raises(FolderInUse, match="already open in an ESCP Field Auditor window"):
        with owning(root):
            pytest.fail("a writing command ran while the window owned the folder")


def test_two_locks_in_one_process_also_exclude_each_other(tmp_path):
    first = FolderLock(tmp_path, program="the first")
    second = FolderLock(tmp_path, program="the second")
    with first:
        with pytest.raises(FolderInUse, match=f"the first \\(process {os.getpid()}, since "):
            second.acquire()
        with pytest.raises(RuntimeError):
            first.acquire()
    first.release()  # a second release does nothing
    with second:
        assert second.owner_info().program == "the second"


def test_owning_takes_and_gives_back_the_folder_and_nests(tmp_path):
    with owning(tmp_path, program="the command `auditor-app demo`") as lock:
        assert lock.held and held_since(tmp_path) == lock.started_at
        with owning(tmp_path) as inner:  # the same process writing more: the same lock
            assert inner is lock
        assert lock.held
        with pytest.raises(FolderInUse):
            FolderLock(tmp_path).acquire()
    assert not lock.held
    FolderLock(tmp_path).acquire().release()


def test_the_sentence_without_readable_details(tmp_path):
    (tmp_path / LOCK_NAME).write_bytes(b"not json")
    assert FolderLock(tmp_path).owner_info() is None
    err = FolderInUse(tmp_path, None)
    assert str(err) == (f"The data folder {tmp_path} is already open in another program (it did not say "
                        "which). Close the other program, then try again.")
    remote = OwnerInfo(42, datetime(2026, 11, 18, 0, 50, tzinfo=timezone.utc), "an ESCP Field Auditor window",
                       "window", "another-laptop")
    assert "(process 42 on another-laptop, since " in FolderInUse(tmp_path, remote).message


def test_the_owner_names_this_computer_as_the_network_does(tmp_path):
    # The record's host is the name socket gives (read without importing socket at start).
    lock = FolderLock(tmp_path, program="a test")
    lock.acquire()
    try:
        owner = lock.owner_info()
    finally:
        lock.release()
    assert owner.host == socket.gethostname() != ""
    assert " on " not in FolderInUse(tmp_path, owner).message  # this computer goes unsaid


def test_details_from_the_file_are_printed_plainly(tmp_path):
    (tmp_path / LOCK_NAME).write_text('{"pid": 7, "started_at": "2026-11-18T00:50:00+00:00", '
                                      '"program": "a window\\u001b[2J\\n", "kind": "window", "host": ""}')
    owner = FolderLock(tmp_path).owner_info()
    assert owner.pid == 7 and owner.program == "a window[2J"


def test_read_only_commands_work_while_the_window_owns_the_folder(holder):
    child, root = holder("window")
    env = dict(os.environ, AUDITOR_APP_HOME=str(root),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run([sys.executable, "-m", "auditor_app", "list"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert child.poll() is None and FolderLock(root).owner_info().pid == child.pid
