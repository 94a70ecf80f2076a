"""Schema versions: a new folder gets the head schema, old files upgrade (with a backup), newer are refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from auditor_app.paths import DataFolder
from auditor_app.store.db import StoreError, current_revision, head_revision, open_store
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.models import Audit, Base, FactoryProfile, Finding, FindingInterview, SampleDraw

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
        backup = sqlite3.connect(store.backup)
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
