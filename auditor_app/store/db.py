"""Opening the audit database: pragmas on every connection, migrations with a backup first.

A database written by a newer version of the app is refused, never "upgraded" backwards.
"""

from __future__ import annotations

import getpass
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from auditor_app.paths import DataFolder
from auditor_app.store import eventlog
from auditor_app.store.types import utcnow

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be opened as it is; the message says why and what to do."""


def _set_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers never block the writer; FULL: a committed audit survives power loss.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_database(engine: Engine, folder: DataFolder, label: str) -> Path:
    """A consistent copy through SQLite's backup API (safe with WAL), before a migration."""
    folder.backups.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    target = folder.backups / f"audits-{label}-{stamp}.sqlite3"
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(target)
        with dest:
            raw.driver_connection.backup(dest)
        dest.close()
    finally:
        raw.close()
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run migrations with foreign keys off: SQLite's table rebuilds (batch mode) drop and recreate
    tables, and with foreign keys on, dropping `audit` would cascade-delete every finding."""
    cfg = alembic_config()
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()  # the pragma only works outside a transaction; end SQLAlchemy's autobegin
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"migration to {revision} left {len(broken)} broken references; "
                                 "restore the backup in the backups folder")
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def prepare_schema(engine: Engine, folder: DataFolder) -> Path | None:
    """Bring the schema to head; returns the backup taken, if a migration ran on existing data."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is None:
        if inspect(engine).get_table_names():
            raise StoreError(f"{folder.database} holds tables but no schema version: it was not made "
                             "by ESCP Field Auditor; nothing was changed")
        upgrade(engine)
        return None
    backup = backup_database(engine, folder, f"before-{head}-from-{current}")
    upgrade(engine)
    return backup


def peek_revision(path: Path) -> str | None:
    """The schema revision of a database file, read-only, without touching it (no WAL switch)."""
    if not path.exists():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_table = con.execute(
            "select 1 from sqlite_master where type='table' and name='alembic_version'").fetchone()
        return con.execute("select version_num from alembic_version").fetchone()[0] if has_table else None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be read as an audit database ({exc}); nothing was changed") from None
    finally:
        con.close()


def refuse_newer(folder: DataFolder) -> None:
    current = peek_revision(folder.database)
    if current is not None and current not in known_revisions():
        raise StoreError(f"{folder.database} was saved by a newer version of ESCP Field Auditor "
                         f"(schema {current}); this version knows up to {head_revision()}. Install the "
                         "newer version to open it; nothing was changed")


class Store:
    """One open data folder: the engine, a session factory that logs events, the folder layout."""

    def __init__(self, folder: DataFolder, actor: str | None = None):
        self.folder = folder.ensure()
        refuse_newer(folder)
        self.engine = make_engine(folder.database)
        self.backup = prepare_schema(self.engine, folder)
        self.actor = actor or default_actor()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        eventlog.install(self._sessions)

    def session(self, **info) -> Session:
        session = self._sessions()
        session.info["actor"] = self.actor
        session.info.update(info)
        return session

    @contextmanager
    def transaction(self, **info):
        """A session that commits on success and rolls back on any error."""
        with self.session(**info) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes; the actor is informative only
        return "auditor"


def open_store(folder: DataFolder | None = None, actor: str | None = None) -> Store:
    return Store(folder or DataFolder.default(), actor)
