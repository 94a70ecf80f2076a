"""Schema versions: a new folder gets the head schema, old files upgrade (with a backup), newer are refused.

Creation and upgrades are one transaction each (cut short, they leave the file as it was), and every
transaction begins for real: IMMEDIATE for writes, so a second writer waits instead of failing.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from auditor_app.confidential.database import is_plaintext
from auditor_app.store.db import raw_connection
from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.store import db
from auditor_app.store.db import StoreError, current_revision, head_revision, open_store
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.models import (
    Audit,
    Base,
    Event,
    FactoryProfile,
    Finding,
    FindingInterview,
    SampleDraw,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_empty_folder_migrates_to_head_matching_the_models(store):
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_pragmas_on_every_connection(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_database_from_revision_0001_upgrades_with_backup(tmp_path):
    folder = DataFolder(tmp_path / "old").ensure()
    shutil.copy(FIXTURES / "store-0001.sqlite3", folder.database)
    store = open_store(folder)
    try:
        assert store.backup is not None and store.backup.exists()
        # The backup is the untouched old file: still at 0001 with the same audit.
        backup = raw_connection(folder, store.backup)  # encrypted like the database
        assert backup.execute("select version_num from alembic_version").fetchone() == ("0001",)
        backup.close()
        assert current_revision(store.engine) == head_revision()
        with store.session() as session:
            profile = session.scalars(select(FactoryProfile)).one()
            assert profile.name_local == "深圳明星玩具有限公司"
            # Table rebuilds must not cascade-delete an audit's rows.
            assert [f.description for f in session.scalars(select(Finding))] == ["Exit on 3F blocked by cartons"]
            audit = session.scalars(select(Audit)).one()
            assert chain_problems(audit_events(session, audit.id)) == []
            assert session.scalars(select(SampleDraw)).all() == []
            assert session.scalars(select(FindingInterview)).all() == []  # 0005: no citations yet
    finally:
        store.close()


def test_database_from_a_newer_version_is_refused_unchanged(tmp_path):
    folder = DataFolder(tmp_path / "newer").ensure()
    shutil.copy(FIXTURES / "store-0001.sqlite3", folder.database)
    con = sqlite3.connect(folder.database)
    con.execute("update alembic_version set version_num = '9999_future'")
    con.commit()
    con.close()
    before = folder.database.read_bytes()
    with pytest.raises(StoreError, match="newer version.*9999_future.*nothing was changed"):
        open_store(folder)
    assert folder.database.read_bytes() == before
    assert list(folder.backups.iterdir()) == []


def test_foreign_database_is_refused(tmp_path):
    folder = DataFolder(tmp_path / "foreign").ensure()
    con = sqlite3.connect(folder.database)
    con.execute("create table customers (id integer)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not made by ESCP Field Auditor"):
        open_store(folder)


def test_reopening_at_head_takes_no_backup(data_folder):
    open_store(data_folder).close()
    store = open_store(data_folder)
    assert store.backup is None
    store.close()


# --- atomic start-up and upgrades; how transactions begin ---------------------------------------

def _schema_and_rows(path: Path) -> tuple[list, dict]:
    # Before the first start the 0001 file is plaintext; after it, encrypted (same schema and rows).
    con = (sqlite3.connect(f"file:{path}?mode=ro", uri=True) if is_plaintext(path)
           else raw_connection(DataFolder(path.parent), path, read_only=True))
    try:
        schema = con.execute("select type, name, sql from sqlite_master order by type, name").fetchall()
        tables = [name for kind, name, _sql in schema if kind == "table"]
        return schema, {t: sorted(con.execute(f"select * from {t}").fetchall()) for t in tables}
    finally:
        con.close()


def _fail_at(monkeypatch, picks) -> None:
    """Engines whose connections fail, like a crash, at the first statement `picks` chooses."""
    real = db.make_engine

    def make_engine(path):
        engine = real(path)

        @event.listens_for(engine, "before_cursor_execute")
        def fail(conn, cursor, statement, *args):
            if picks(statement):
                raise RuntimeError("injected failure")
        return engine
    monkeypatch.setattr(db, "make_engine", make_engine)


def test_an_upgrade_cut_short_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path / "old").ensure()
    shutil.copy(FIXTURES / "store-0001.sqlite3", folder.database)
    before = _schema_and_rows(folder.database)
    # By the time 0003 is stamped, 0002 has created a table and 0003 has rebuilt `audit`.
    _fail_at(monkeypatch, lambda statement: "SET version_num='0003'" in statement)
    with pytest.raises(RuntimeError, match="injected"):
        open_store(folder)
    assert _schema_and_rows(folder.database) == before  # no sample_draw, no rebuilt audit: 0001 whole
    monkeypatch.undo()
    store = open_store(folder)
    try:
        assert current_revision(store.engine) == head_revision()
        with store.session() as session:
            assert [f.description for f in session.scalars(select(Finding))] == ["Exit on 3F blocked by cartons"]
    finally:
        store.close()


def test_a_first_start_cut_short_leaves_no_tables(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path / "new")
    creates = []
    _fail_at(monkeypatch, lambda statement: statement.lstrip().startswith("CREATE TABLE")
             and len(creates.append(statement) or creates) == 8)
    with pytest.raises(RuntimeError, match="injected"):
        open_store(folder)
    assert len(creates) == 8
    assert _schema_and_rows(folder.database) == ([], {})
    monkeypatch.undo()
    store = open_store(folder)
    assert current_revision(store.engine) == head_revision()
    store.close()


def test_references_are_checked_before_the_upgrade_commits(tmp_path):
    folder = DataFolder(tmp_path / "old").ensure()
    shutil.copy(FIXTURES / "store-0001.sqlite3", folder.database)
    con = sqlite3.connect(folder.database)  # foreign keys off: as a faulty migration could leave it
    con.execute("update finding set audit_id = 'no-such-audit'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="would point to nothing, so it was not made"):
        open_store(folder)
    assert db.peek_revision(folder.database) == "0001"


def test_writes_begin_immediate_and_reads_deferred(store):
    statements = []
    event.listen(store.engine, "before_cursor_execute", lambda conn, cursor, statement, *args:
                 statements.append(statement))
    with store.session() as session:
        session.scalars(select(Audit)).all()
    with store.transaction() as session:
        session.add(Audit(audit_type="ICA", checklist_version="4.0"))
    assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN DEFERRED", "BEGIN IMMEDIATE"]


def _count_audits(session) -> int:
    return session.scalar(select(func.count()).select_from(Audit))


def test_a_second_writer_waits_for_the_first_instead_of_failing_half_way(data_folder):
    first = open_store(data_folder, actor="first")
    second = open_store(data_folder, actor="second")  # its own engine and connections, as in another process
    holding = threading.Event()

    def first_writer():
        with first.transaction() as session:
            session.add(Audit(audit_type="ICA", checklist_version="4.0"))
            session.flush()  # the write lock is taken
            holding.set()
            time.sleep(0.5)

    def while_first_writes(second_writer):
        holding.clear()
        thread = threading.Thread(target=first_writer)
        thread.start()
        try:
            assert holding.wait(5)
            second_writer()
        finally:
            thread.join()

    try:
        # How every transaction began before: deferred. The second reads (a snapshot), then its
        # first write waits for the lock, and fails once the first commits: the snapshot is stale.
        def deferred_writer():
            with second.session() as session:
                _count_audits(session)
                session.add(Audit(audit_type="ICA", checklist_version="4.0"))
                with pytest.raises(OperationalError, match="database is locked"):
                    session.flush()
        while_first_writes(deferred_writer)

        # Store.transaction(): BEGIN IMMEDIATE waits (busy timeout) for the first to commit, then
        # reads the first's row and writes after it.
        with second.session() as session:
            before = _count_audits(session)
        seen = []

        def immediate_writer():
            started = time.monotonic()
            with second.transaction() as session:
                seen.append(_count_audits(session))
                session.add(Audit(audit_type="ICA", checklist_version="4.0"))
            seen.append(time.monotonic() - started)
        while_first_writes(immediate_writer)
        assert seen[0] == before + 1  # it began after the first committed
        assert seen[1] >= 0.3  # ...because it waited for it
        with second.session() as session:
            assert _count_audits(session) == before + 2
    finally:
        first.close()
        second.close()


def test_a_reading_session_sees_one_state_and_holds_up_no_writer(store):
    with store.session() as reader:
        before = _count_audits(reader)
        started = time.monotonic()
        with store.transaction() as session:
            session.add(Audit(audit_type="ICA", checklist_version="4.0"))
        assert time.monotonic() - started < 1  # WAL: the reader does not block the writer
        assert _count_audits(reader) == before  # one snapshot for the session's life
    with store.session() as reader:
        assert _count_audits(reader) == before + 1


def test_a_failed_transaction_leaves_neither_its_rows_nor_their_events(store):
    with store.session() as session:
        events = session.scalar(select(func.count()).select_from(Event))
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.add(Audit(audit_type="ICA", checklist_version="4.0"))
        session.flush()
        raise RuntimeError("the auditor's laptop said no")
    with store.session() as session:
        assert _count_audits(session) == 0
        assert session.scalar(select(func.count()).select_from(Event)) == events


def test_store_errors_are_user_facing():
    assert issubclass(StoreError, UserFacingError)
