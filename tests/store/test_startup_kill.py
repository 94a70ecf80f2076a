"""Kill -9 during start-up: a first start or an upgrade cut off at any moment leaves a folder that
opens, at head, with all its data; two processes starting together on a new folder both open it.

The killed processes are forks of one child (startup_child.py) that imported the app once, so a
kill costs a fork, not a second of imports. Kill delays are spread over the time the work takes,
measured first by runs that are not killed; each kill is then placed by the child's last marker
(before the migration, inside its transaction, after the commit), and enough must land inside.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from auditor_app.store.db import raw_connection
from auditor_app.paths import DataFolder
from auditor_app.store.db import current_revision, head_revision, open_store
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.models import Base

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills forked processes (POSIX)")

CHILD = Path(__file__).with_name("startup_child.py")
REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "store-0001.sqlite3"
KILLS = 30
RACES = 10
SEED = 20261201


class Forker:
    """The child that forks one process per open; commands in, its lines out."""

    def __init__(self):
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, str(CHILD)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1, env=env)
        ready = self.proc.stdout.readline()
        assert ready == "ready\n", f"child did not start: {ready!r}"

    def run(self, command: str) -> list[str]:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        lines = []
        while (line := self.proc.stdout.readline()) != "done\n":
            assert line, f"child ended during {command!r} after {lines}"
            lines.append(line.rstrip("\n"))
        return lines

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def forker():
    child = Forker()
    yield child
    child.close()


def _seconds_in_open(lines: list[str]) -> float:
    opened = [line.split() for line in lines if line.startswith("opened ")]
    assert len(opened) == 1, lines
    return float(opened[0][2])


def _landed(lines: list[str]) -> str:
    """Where the kill landed, by the last marker the killed process printed."""
    words = [line.split()[0] for line in lines]
    assert words[-1].startswith("ended"), lines
    if not any(w.startswith("ended") and line.endswith(" -9") for w, line in zip(words, lines)):
        return "after the work (exited before the kill)"
    for marker, place in (("opened", "after open_store returned"), ("migrated", "after the commit"),
                          ("migrating", "inside the migration transaction"), ("backed-up", "after the backup"),
                          ("backup", "inside the backup"), ("encrypted", "after the encryption"),
                          ("encrypting", "inside the encryption"), ("opening", "before the migration")):
        if marker in words:
            return place
    return "before open_store"


def _kill_loop(forker: Forker, tmp_path: Path, kind: str, prepare, check) -> Counter:
    """Measure the work, then kill it KILLS times at seeded moments across it, checking after each."""
    times = []
    name = kind.replace(" ", "-")  # the child splits its commands on spaces
    for i in range(3):
        folder = prepare(tmp_path / f"{name}-calibrate-{i}")
        times.append(_seconds_in_open(forker.run(f"open {folder.root}")))
        check(folder, compare_with_models=i == 0)
    window = sorted(times)[1] * 1.05  # the median, a little past it: late kills are tried too
    rnd = random.Random(f"{SEED}-{kind}")
    landed: Counter = Counter()
    for i in range(KILLS):
        folder = prepare(tmp_path / f"{name}-{i}")
        delay = rnd.uniform(0, window)
        lines = forker.run(f"open {folder.root} {delay:.4f}")
        assert not any(line.startswith("failed") for line in lines), lines
        landed[_landed(lines)] += 1
        check(folder)
    print(f"\n{kind}: open_store took {', '.join(f'{t * 1000:.0f}' for t in times)} ms; "
          f"{KILLS} kills over 0-{window * 1000:.0f} ms landed: {dict(landed)}")
    # Delays that miss the work test nothing: most kills must cut a migration (or the conversion of a
    # plaintext database to an encrypted one, which comes first on an upgrade) short.
    assert landed["inside the migration transaction"] + landed["inside the encryption"] >= KILLS // 3, landed
    assert landed["inside the migration transaction"] >= KILLS // 10, landed
    return landed


def _at_head_and_whole(store, compare_with_models: bool = False) -> None:
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        if compare_with_models:  # 40 ms: once per test; the revision stands for the schema after a kill
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def _rows(con, tables: list[str], columns: dict[str, list[str]]) -> dict:
    return {t: sorted(con.execute(f"select {', '.join(columns[t])} from {t}").fetchall()) for t in tables}


def _fixture_contents() -> tuple[list[str], dict[str, list[str]], dict]:
    """Every row of every table of the 0001 file, by the columns it had then."""
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        tables = [t for (t,) in con.execute("select name from sqlite_master where type='table' "
                                            "and name != 'alembic_version' order by name")]
        columns = {t: [c[1] for c in con.execute(f"pragma table_info({t})")] for t in tables}
        return tables, columns, _rows(con, tables, columns)
    finally:
        con.close()


@pytest.mark.slow
def test_first_start_killed_at_any_moment_opens_at_head(forker, tmp_path):
    def prepare(root: Path) -> DataFolder:
        return DataFolder(root)  # an empty folder: the child creates everything

    def check(folder: DataFolder, compare_with_models: bool = False) -> None:
        store = open_store(folder, actor="checker")
        try:
            _at_head_and_whole(store, compare_with_models)
        finally:
            store.close()

    _kill_loop(forker, tmp_path, "first start", prepare, check)


@pytest.mark.slow
def test_upgrade_killed_at_any_moment_opens_at_head_with_all_its_data(forker, tmp_path):
    tables, columns, before = _fixture_contents()
    assert before["audit"] and before["finding"] and len(before["event"]) >= 2  # the fixture is real

    def prepare(root: Path) -> DataFolder:
        folder = DataFolder(root).ensure()
        shutil.copy(FIXTURE, folder.database)
        return folder

    def check(folder: DataFolder, compare_with_models: bool = False) -> None:
        store = open_store(folder, actor="checker")
        try:
            _at_head_and_whole(store, compare_with_models)
            with store.engine.connect() as conn:
                assert _rows(conn.connection.driver_connection, tables, columns) == before
            with store.session() as session:
                for (audit_id, *_rest) in before["audit"]:
                    assert chain_problems(audit_events(session, audit_id)) == []
        finally:
            store.close()
        # The backup taken before the upgrade stays: whole, at 0001 (the kill's, or the reopen's).
        assert list(folder.backups.glob("*.partial")) == []
        backups = list(folder.backups.glob("audits-before-*.sqlite3"))
        assert backups, "no backup of the 0001 file"
        for backup in backups:
            con = raw_connection(folder, backup, read_only=True)  # encrypted like the database
            try:
                assert con.execute("select version_num from alembic_version").fetchone() == ("0001",)
                assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            finally:
                con.close()

    _kill_loop(forker, tmp_path, "upgrade", prepare, check)


@pytest.mark.slow
def test_two_processes_starting_together_on_a_new_folder_both_open_it(forker, tmp_path):
    overlapped = 0
    for i in range(RACES):
        folder = DataFolder(tmp_path / f"race-{i}")
        lines = forker.run(f"race {folder.root} 2")
        words = [line.split()[0] for line in lines]
        assert words.count("opened") == 2 and "failed" not in words, lines
        assert sorted(line.split()[-1] for line in lines if line.startswith("ended")) == ["0", "0"], lines
        # The schema lock: one of them creates the schema, the other waits and finds it made.
        assert words.count("migrating") == 1, lines
        overlapped += words.index("opened") > max(n for n, w in enumerate(words) if w == "opening")
        store = open_store(folder, actor="checker")
        try:
            _at_head_and_whole(store, compare_with_models=i == 0)
        finally:
            store.close()
    print(f"\n{RACES} races of two processes, {overlapped} with both inside open_store at once")
    assert overlapped >= RACES // 2, "the processes did not start together"
