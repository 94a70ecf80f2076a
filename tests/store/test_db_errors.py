"""Errors opening a store: one sentence and a hint (`StoreError`, a `UserFacingError`), never SQL,
a traceback or an audit's values; and the database is left as it was.

Made for real where this machine allows: a file that is not a database, a database another program
keeps locked through an upgrade, another start holding the schema lock, and, in a private mount
namespace with a tiny tmpfs, a read-only folder, a read-only file and a disk that fills up during
the backup or the migration. The translation itself is also tested on errors built by hand.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import portalocker
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.store import db
from auditor_app.store.db import (
    StoreError,
    head_revision,
    open_error,
    open_store,
    peek_revision,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "store-0001.sqlite3"
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|CREATE|ALTER|PRAGMA|BEGIN)\b|\[SQL|sqlalche\.me|Traceback")


def assert_told_plainly(error: BaseException) -> None:
    """A user-facing error: one sentence naming the problem, a hint, nothing from SQLite's insides."""
    assert isinstance(error, StoreError) and isinstance(error, UserFacingError)
    assert error.message.endswith(".") and error.hint, (error.message, error.hint)
    assert "\n" not in str(error)
    assert not re.search(r"[.!?]\s+[A-Z]", error.message), f"more than one sentence: {error.message}"
    assert not SQL_WORDS.search(str(error)), str(error)


# --- the translation, on errors built by hand ---------------------------------------------------

TRANSLATED = {
    "disk full": (sqlite3.OperationalError("database or disk is full"), "is full"),
    "no space": (OSError(errno.ENOSPC, "No space left on device"), "is full"),
    "locked": (sqlite3.OperationalError("database is locked"), "locked by another program"),
    "read-only file": (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    "cannot open": (sqlite3.OperationalError("unable to open database file"), "read-only"),
    "permission": (PermissionError(errno.EACCES, "Permission denied"), "read-only"),
    "read-only disk": (OSError(errno.EROFS, "Read-only file system"), "read-only"),
    "not a database": (sqlite3.DatabaseError("file is not a database"), "cannot be read as an audit database"),
    "malformed": (sqlite3.DatabaseError("database disk image is malformed"), "cannot be read as an audit"),
    "disk error": (sqlite3.OperationalError("disk I/O error"), "disk error"),
    "schema lock": (portalocker.AlreadyLocked(), "Another copy of ESCP Field Auditor"),
    "anything else": (sqlite3.OperationalError("no such savepoint: sp"), "could not be opened"),
}


@pytest.mark.parametrize("case", sorted(TRANSLATED))
def test_errors_at_open_become_one_sentence(case, tmp_path):
    error, words = TRANSLATED[case]
    told = open_error(error, DataFolder(tmp_path / "data"))
    assert words in told.message
    assert str(tmp_path / "data") in told.message
    assert_told_plainly(told)


def test_sqlalchemys_error_is_read_underneath_its_sql_and_values(tmp_path):
    wrapped = sa_exc.OperationalError("INSERT INTO finding (description) VALUES (?)",
                                      ("Worker 17: fees paid to the agent",),
                                      sqlite3.OperationalError("database or disk is full"))
    told = open_error(wrapped, DataFolder(tmp_path / "data"))
    assert "is full" in told.message
    assert "Worker 17" not in str(told)
    assert_told_plainly(told)


def test_the_error_code_decides_before_the_words(tmp_path):
    # A real SQLite error carries its code: SQLITE_FULL read as such whatever the message says.
    error = sqlite3.OperationalError("something the driver phrased differently")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL
    assert "is full" in open_error(error, DataFolder(tmp_path)).message


# --- real failures, in this process -------------------------------------------------------------

def test_a_file_that_is_not_a_database_is_refused_unchanged(data_folder):
    data_folder.ensure()
    data_folder.database.write_bytes(b"Meeting notes: ask for the overtime records\n" * 200)
    before = data_folder.database.read_bytes()
    with pytest.raises(StoreError, match="cannot be read as an audit database") as caught:
        open_store(data_folder)
    assert_told_plainly(caught.value)
    assert data_folder.database.read_bytes() == before


def _fixture_in_wal(folder: DataFolder) -> None:
    folder.ensure()
    shutil.copy(FIXTURE, folder.database)
    con = sqlite3.connect(folder.database)
    con.execute("PRAGMA journal_mode=WAL")  # as the app leaves it: readers do not wait for the lock
    con.close()


def test_database_locked_by_another_program_through_the_upgrade(data_folder, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    _fixture_in_wal(data_folder)
    other = sqlite3.connect(data_folder.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock and does not let go
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="locked by another program.*0.3 seconds") as caught:
            open_store(data_folder)
        assert time.monotonic() - started >= 0.3  # it waited for the busy timeout first
        assert_told_plainly(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Nothing started: the file is at 0001, still plaintext (it is encrypted under the write lock first).
    assert peek_revision(data_folder.database) == "0001"
    assert list(data_folder.backups.iterdir()) == []
    store = open_store(data_folder)  # once the other program lets go, the upgrade goes through
    try:
        assert db.current_revision(store.engine) == head_revision()
    finally:
        store.close()


def test_another_start_preparing_the_schema_too_long(data_folder, monkeypatch):
    monkeypatch.setattr(db, "SCHEMA_LOCK_TIMEOUT_S", 0.3)
    data_folder.ensure()
    with portalocker.Lock(data_folder.root / db.SCHEMA_LOCK, timeout=0):
        started = time.monotonic()
        with pytest.raises(StoreError, match="Another copy of ESCP Field Auditor was still preparing") as caught:
            open_store(data_folder)
        assert time.monotonic() - started >= 0.3
    assert_told_plainly(caught.value)
    assert not data_folder.database.exists()
    open_store(data_folder).close()  # the lock released, the folder opens


def test_sql_errors_and_logs_never_carry_audit_values(store, caplog):
    secret = "Worker 17 paid 3000 to the agent"
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    with store.engine.connect() as conn:
        conn.execute(text("select :note"), {"note": secret})
        with pytest.raises(sa_exc.IntegrityError) as caught:
            conn.execute(text("insert into audit (id, audit_type) values (:id, :note)"),
                         {"id": "a1", "note": secret})
    assert "parameters hidden" in str(caught.value)
    assert secret not in str(caught.value)
    assert "select ?" in caplog.text  # the engine did log the statement...
    assert secret not in caplog.text  # ...without its values


# --- real failures of the disk, in a private mount namespace ------------------------------------

CHILD = textwrap.dedent(r'''
    import json, os, shutil, subprocess, sys
    from pathlib import Path
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import StoreError, open_store, peek_revision

    scenario, mount_point, fixture = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

    def sh(*args):
        subprocess.run(args, check=True, capture_output=True)

    def attempt(folder):
        try:
            open_store(folder, actor="mount-child").close()
            return None
        except StoreError as exc:
            return {"message": exc.message, "hint": exc.hint, "text": str(exc)}

    folder = DataFolder(mount_point / "data")
    size = fixture.stat().st_size
    if scenario.startswith("full"):
        # Room for the 0001 file and, for "full during migration", its backup, not for more.
        room = size + 64 * 1024 if scenario == "full during backup" else 2 * size + 96 * 1024
        sh("mount", "-t", "tmpfs", "-o", f"size={(room + 4095) // 4096 * 4}k", "tmpfs", str(mount_point))
        folder.ensure()
        # The 0001 file as this version keeps it, encrypted (outside the small disk: no room to convert there).
        from auditor_app.confidential import database, folder_key
        import tempfile
        plain = Path(tempfile.mkdtemp()) / "audits.sqlite3"
        shutil.copy(fixture, plain)
        database.encrypt_plaintext(plain, folder_key.unlock(folder))
        shutil.copy(plain, folder.database)
        error = attempt(folder)
        facts = {"revision": peek_revision(folder.database),
                 "backups": sorted(p.name for p in folder.backups.iterdir())}
        sh("mount", "-o", "remount,size=16m", str(mount_point))
    else:
        sh("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point))
        open_store(folder, actor="mount-child").close()
        if scenario == "read-only folder":
            sh("mount", "-o", "remount,ro", str(mount_point))
            error = attempt(folder)
            sh("mount", "-o", "remount,rw", str(mount_point))
        else:
            sh("mount", "--bind", str(folder.database), str(folder.database))
            sh("mount", "-o", "remount,bind,ro", str(folder.database))
            error = attempt(folder)
            sh("umount", str(folder.database))
        facts = {}
    facts["error"] = error
    facts["reopened"] = attempt(folder)  # None: it opened once the disk was writable, with room
    facts["revision after"] = peek_revision(folder.database)
    print(json.dumps(facts))
''')


def _namespace_command() -> list[str] | None:
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    command = [unshare, "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        command.append("--map-root-user")  # a user namespace: tmpfs mounts without root
    probe = subprocess.run(command + ["sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True, check=False)
    return command if probe.returncode == 0 else None


@pytest.fixture(scope="module")
def in_namespace():
    command = _namespace_command()
    if command is None:
        pytest.skip("needs a private mount namespace to mount a small tmpfs (Linux, root or user namespaces)")

    def run(scenario: str, mount_point: Path) -> dict:
        mount_point.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        done = subprocess.run(command + [sys.executable, "-c", CHILD, scenario, str(mount_point), str(FIXTURE)],
                              capture_output=True, text=True, env=env, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.splitlines()[-1])
    return run


@pytest.mark.parametrize("scenario", ["read-only folder", "read-only file"])
def test_read_only_data_folder_or_database_file(in_namespace, tmp_path, scenario):
    facts = in_namespace(scenario, tmp_path / "mnt")
    assert facts["error"] is not None, f"a {scenario} opened as if it could be written"
    assert "read-only" in facts["error"]["message"]
    assert_told_plainly(StoreError(facts["error"]["message"], facts["error"]["hint"]))
    assert not SQL_WORDS.search(facts["error"]["text"])
    assert facts["reopened"] is None and facts["revision after"] == head_revision()


@pytest.mark.parametrize("scenario", ["full during backup", "full during migration"])
def test_disk_full_during_an_upgrade(in_namespace, tmp_path, scenario):
    facts = in_namespace(scenario, tmp_path / "mnt")
    assert facts["error"] is not None, "the upgrade fitted: the disk was not full enough"
    assert "is full" in facts["error"]["message"]
    assert_told_plainly(StoreError(facts["error"]["message"], facts["error"]["hint"]))
    # Nothing half-done: the file is still at 0001; a backup is whole or absent, never partial.
    assert facts["revision"] == "0001"
    if scenario == "full during backup":
        assert facts["backups"] == []
    else:
        assert len(facts["backups"]) == 1 and facts["backups"][0].endswith(".sqlite3"), facts["backups"]
    assert facts["reopened"] is None and facts["revision after"] == head_revision()
