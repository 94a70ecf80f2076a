"""Opening the audit database: pragmas on every connection, real transactions, atomic migrations.

Python's sqlite3 driver does not BEGIN before DDL (or SELECT), so under SQLAlchemy each CREATE and
ALTER of a migration committed on its own and a kill mid-upgrade left a half-migrated file. Here the
driver's transaction handling is switched off and every SQLAlchemy transaction emits its own BEGIN:
deferred for reading sessions, IMMEDIATE for `Store.transaction()` and migrations, so a writer takes
the write lock before its first statement and waits (busy timeout) rather than failing half-way.

Schema creation and each upgrade commit whole or not at all, after a backup of existing data. A
database written by a newer version of the app is refused, never "upgraded" backwards. Processes
starting together take turns through a lock file while the schema is prepared. Whatever goes wrong
at open reaches the user as a `StoreError`: a sentence and a hint, never SQL or a traceback.
"""

from __future__ import annotations

import errno
import getpass
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import portalocker
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

from auditor_app.confidential import database as cipher
from auditor_app.confidential.audit_keys import AuditKeys
from auditor_app.confidential import folder_key
from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.store import eventlog, migrations
from auditor_app.store.derived_files import encrypt_plaintext_derived
from auditor_app.store.dir_sync import fsync_dir
from auditor_app.store.evidence_files import encrypt_plaintext_files
from auditor_app.store.types import utcnow

MIGRATIONS = migrations.MIGRATIONS
BUSY_TIMEOUT_MS = 10_000
# Held while one process checks, backs up and migrates the schema; the others wait this long.
SCHEMA_LOCK = "schema.lock"
SCHEMA_LOCK_TIMEOUT_S = 120.0
# Execution option read by the "begin" listener: which BEGIN a connection's transactions start with.
BEGIN_MODE = "sqlite_begin"
BEGIN_MODES = ("DEFERRED", "IMMEDIATE")


class StoreError(UserFacingError):
    """The database cannot be opened as it is: `message` says why, `hint` what to do."""


def _on_connect(dbapi_conn, _record) -> None:
    # Take BEGIN away from the driver (it would autocommit every DDL statement); _on_begin emits it.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # Outside any transaction, as these pragmas must be.
    # WAL: readers never block the writer; FULL: a committed audit survives power loss.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_MODE, "DEFERRED")
    if mode not in BEGIN_MODES:
        raise ValueError(f"{BEGIN_MODE} must be one of {BEGIN_MODES}, not {mode!r}")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path, key: folder_key.FolderKey | None = None) -> Engine:
    """The engine of an encrypted audit database (SQLCipher): each connection is opened by sqlcipher3
    and keyed (`PRAGMA key`) before anything else; `key` defaults to the data folder's (`folder_key`)."""
    key = key or folder_key.unlock(DataFolder(Path(path).parent))
    # hide_parameters: an error or a log line never carries an audit's values. The URL keeps the path
    # (`confidential.audit_values.for_session` finds the data folder by it); `module` makes SQLAlchemy
    # wrap sqlcipher3's errors as it wraps sqlite3's.
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True, module=cipher.DRIVER,
                           creator=lambda: cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def immediate(engine: Engine) -> Engine:
    """The same engine (pool, listeners), whose transactions take the write lock at BEGIN."""
    return engine.execution_options(**{BEGIN_MODE: "IMMEDIATE"})


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic only when a migration runs: a third of a second

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration's revision, read from the version files (`migrations.head`), not Alembic."""
    return migrations.head()


def known_revisions() -> set[str]:
    return set(migrations.known())


def current_revision(engine: Engine) -> str | None:
    """The schema version the database is at (Alembic's `alembic_version` row), None before the first."""
    with engine.connect() as conn:
        return _version_row(conn.exec_driver_sql)


def _version_row(execute) -> str | None:
    # What Alembic's MigrationContext.get_current_revision reads, without importing Alembic.
    has_table = execute("select 1 from sqlite_master where type = 'table' and name = 'alembic_version'").fetchone()
    if not has_table:
        return None
    rows = execute("select version_num from alembic_version").fetchall()
    if len(rows) > 1:  # Alembic keeps one row per head; the app's migrations are one line
        raise StoreError(f"The audit database has {len(rows)} schema versions at once, so it was not opened.",
                         "Restore the latest copy from the backups folder; nothing was changed.")
    return rows[0][0] if rows else None


def backup_database(engine: Engine, folder: DataFolder, label: str) -> Path:
    """A consistent copy through SQLite's backup API (safe with WAL), before a migration.

    Written under a temporary name and renamed: a kill mid-copy never leaves a half backup that
    looks whole."""
    folder.backups.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    target = folder.backups / f"audits-{label}-{stamp}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    raw = engine.raw_connection()
    try:
        dest = cipher.connect(partial, folder_key.unlock(folder))  # a backup is encrypted like its database
        try:
            assert raw.driver_connection is not None  # None only once the connection is invalidated
            raw.driver_connection.backup(dest)
        finally:
            dest.close()
        os.replace(partial, target)
        fsync_dir(folder.backups)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
    return target


def _pragma_outside_transaction(conn: Connection, pragma: str) -> None:
    # SQLAlchemy would BEGIN before the statement, where foreign_keys is silently ignored.
    assert not conn.in_transaction()
    driver = conn.connection.driver_connection
    assert driver is not None  # None only once the connection is invalidated
    driver.execute(pragma)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations to `revision` in one IMMEDIATE transaction: all of them commit, or none.

    Foreign keys are off meanwhile: SQLite's table rebuilds (batch mode) drop and recreate tables,
    and with foreign keys on, dropping `audit` would cascade-delete every finding. References are
    checked before COMMIT, so a migration that breaks one is rolled back whole."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        conn.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
        _pragma_outside_transaction(conn, "PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:  # raised inside the transaction: the upgrade rolls back whole
                    raise StoreError(f"After the upgrade to schema {revision}, {len(broken)} references "
                                     "between audit records would point to nothing, so it was not made.",
                                     "Report this to the app's developers; your audits were not changed.")
        finally:
            try:
                _pragma_outside_transaction(conn, "PRAGMA foreign_keys=ON")
            except BaseException:
                conn.invalidate()  # never hand a connection without foreign keys back to the pool
                raise


def prepare_schema(engine: Engine, folder: DataFolder) -> Path | None:
    """Bring the schema to head; returns the backup taken, if a migration ran on existing data."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is None:
        if inspect(engine).get_table_names():
            raise StoreError(f"{folder.database} holds tables but no schema version, so it was not made "
                             "by ESCP Field Auditor.", "Choose another data folder; nothing was changed.")
        upgrade(engine)
        return None
    backup = backup_database(engine, folder, f"before-{head}-from-{current}")
    upgrade(engine)
    return backup


def check_writable(engine: Engine) -> None:
    """Fail at open, not at the first edit, if the database cannot be written: SQLite opens a
    read-only file for reading without a word. The write is rolled back."""
    with immediate(engine).connect() as conn, conn.begin() as tx:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
        tx.rollback()


def peek_revision(path: Path) -> str | None:
    """The schema revision of a database file, read without changing it (no WAL switch).

    Read-only first; a file left by a crash (a hot journal, a WAL to recover) cannot be read so, and
    is read again read-write: SQLite then rolls back or recovers it, as any reader must."""
    if not path.exists():
        return None
    key = None if cipher.is_plaintext(path) else folder_key.unlock(DataFolder(path.parent))
    try:
        return _read_revision(f"file:{path}?mode=ro", key)
    except (sqlite3.OperationalError, cipher.DRIVER.OperationalError) as exc:
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF != sqlite3.SQLITE_READONLY:
            raise
        return _read_revision(f"file:{path}?mode=rw", key)


def _read_revision(uri: str, key: folder_key.FolderKey | None) -> str | None:
    if key is None:  # a plaintext database from before encryption (read before it is converted)
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        con = cipher.connect(uri, key, timeout=BUSY_TIMEOUT_MS / 1000, uri=True)
    try:
        return _version_row(con.execute)
    finally:
        con.close()


def refuse_newer(folder: DataFolder) -> None:
    current = peek_revision(folder.database)
    if current is not None and current not in known_revisions():
        raise StoreError(f"{folder.database} was saved by a newer version of ESCP Field Auditor "
                         f"(schema {current}) than this one, which knows up to schema {head_revision()}.",
                         "Install the newer version to open it; nothing was changed.")


@contextmanager
def schema_lock(folder: DataFolder, timeout: float | None = None):
    """One process at a time prepares the schema; the others wait here, then find it at head."""
    with portalocker.Lock(folder.root / SCHEMA_LOCK, mode="a", check_interval=0.05,
                          timeout=SCHEMA_LOCK_TIMEOUT_S if timeout is None else timeout):
        # Left by a kill during a backup; no one else is writing one while we hold the lock.
        for stale in folder.backups.glob("*.partial"):
            stale.unlink(missing_ok=True)
        yield


def open_error(exc: BaseException, folder: DataFolder) -> StoreError:
    """What an error met while opening `folder` means to the user, as a sentence and a hint.

    SQLAlchemy's errors carry the SQL, so the driver's own error underneath is read instead."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    db, root = folder.database, folder.root
    unchanged = "your audits were not changed."
    if isinstance(exc, portalocker.AlreadyLocked):
        return StoreError(f"Another copy of ESCP Field Auditor was still preparing the data folder {root} "
                          f"after {SCHEMA_LOCK_TIMEOUT_S:g} seconds.",
                          f"Wait for it to finish or close it, then start again; {unchanged}")
    if isinstance(exc, portalocker.LockException) and isinstance(exc.__cause__, OSError):
        exc = exc.__cause__  # the lock file could not be locked at all (e.g. no locks on that disk)
    kind = _error_kind(exc)
    if kind == "read-only":
        return StoreError(f"The audit database {db} cannot be opened for writing: the data folder or the "
                          "file is read-only to you.", "Give yourself write permission on the folder, or "
                          f"copy it to a writable disk and open it there; {unchanged}")
    if kind == "locked":
        return StoreError(f"The audit database {db} is locked by another program and stayed locked for "
                          f"more than {BUSY_TIMEOUT_MS / 1000:g} seconds.", "Close other programs using it "
                          f"(another copy of the app, a backup or sync tool) and start again; {unchanged}")
    if kind == "full":
        return StoreError(f"The disk holding the data folder {root} is full.",
                          f"Free some space on it and start again; {unchanged}")
    if kind == "not a database":
        return StoreError(f"{db} cannot be read as an audit database: it is damaged or is not one.",
                          "Restore the latest copy from the backups folder, or choose another data "
                          "folder; nothing was changed.")
    if kind == "disk":
        return StoreError(f"The audit database {db} could not be read or written because of a disk error.",
                          "Check the disk (a removable drive may have been unplugged) and start again.")
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return StoreError(f"The audit database {db} could not be opened ({name}).",
                      "Start again; if this happens again, restore the latest copy from the backups folder.")


# SQLite's primary result codes (the low byte of an extended code) and what they mean at open.
_SQLITE_KINDS = {3: "read-only", 8: "read-only", 14: "read-only", 5: "locked", 6: "locked", 13: "full",
                 26: "not a database", 11: "not a database", 10: "disk"}
# The same, by the driver's message, for errors without a code (built by hand, older drivers).
_SQLITE_MESSAGES = {"readonly database": "read-only", "unable to open database file": "read-only",
                    "database is locked": "locked", "database table is locked": "locked",
                    "disk is full": "full", "not a database": "not a database",
                    "malformed": "not a database", "disk i/o error": "disk"}
_OS_KINDS = {errno.EACCES: "read-only", errno.EPERM: "read-only", errno.EROFS: "read-only",
             errno.ENOSPC: "full", getattr(errno, "EDQUOT", errno.ENOSPC): "full", errno.EIO: "disk"}


def _error_kind(exc: BaseException) -> str | None:
    if isinstance(exc, (sqlite3.Error, cipher.Error)):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _SQLITE_KINDS:
            return _SQLITE_KINDS[code & 0xFF]
        text = str(exc).lower()
        return next((kind for words, kind in _SQLITE_MESSAGES.items() if words in text), None)
    if isinstance(exc, OSError):
        return _OS_KINDS.get(exc.errno)
    return None


class Store:
    """One open data folder: the engine, a session factory that logs events, the folder layout."""

    def __init__(self, folder: DataFolder, actor: str | None = None, *, tighten_all: bool = True):
        self.folder = folder
        engine: Engine | None = None
        try:
            folder.ensure(tighten_all)
            with schema_lock(folder):
                key = folder_key.unlock(folder)  # once per process: a keyring, a passphrase or a key file
                refuse_newer(folder)
                self.encrypted_from_plaintext = encrypt_plaintext(folder, key)
                engine = make_engine(folder.database)  # keyed from the cache: unlocked above
                self.backup = prepare_schema(engine, folder)
                encrypt_plaintext_files(folder)  # originals an earlier version stored in the clear
                encrypt_plaintext_derived(folder)  # and the display copies, thumbnails and previews
                AuditKeys(folder).wrap_plain_keys()  # audits' keys an earlier version kept in the clear
            check_writable(engine)
        except BaseException as exc:
            if engine is not None:
                engine.dispose()
            if isinstance(exc, (OSError, sqlite3.Error, cipher.Error, DBAPIError, portalocker.LockException)):
                raise open_error(exc, folder) from exc
            raise
        self.engine: Engine = engine
        self._writer = immediate(self.engine)
        self.actor = actor or default_actor()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        eventlog.install(self._sessions)

    def session(self, **info) -> Session:
        """A session for reading: a deferred BEGIN, a consistent view until it ends. Write through
        `transaction()`, which takes the write lock first."""
        return self._session(self.engine, info)

    @contextmanager
    def transaction(self, **info):
        """A session that commits on success and rolls back on any error; its BEGIN IMMEDIATE takes
        the write lock up front, so it waits for another writer instead of failing half-way."""
        with self._session(self._writer, info) as session, session.begin():
            yield session

    def _session(self, bind: Engine, info: dict) -> Session:
        session = self._sessions(bind=bind)
        session.info["actor"] = self.actor
        session.info.update(info)
        return session

    def close(self) -> None:
        self.engine.dispose()


def encrypt_plaintext(folder: DataFolder, key: folder_key.FolderKey) -> bool:
    """A database (and backups) written before encryption, converted in place on the first start
    (`confidential.database`); True if the database was. A plaintext file the app did not make is
    refused as it is, never converted."""
    if cipher.is_plaintext(folder.database) and peek_revision(folder.database) is None:
        con = sqlite3.connect(f"file:{folder.database}?mode=ro", uri=True)
        try:
            tables = con.execute("select count(*) from sqlite_master where type = 'table'").fetchone()[0]
        finally:
            con.close()
        if tables:
            raise StoreError(f"{folder.database} holds tables but no schema version, so it was not made "
                             "by ESCP Field Auditor.", "Choose another data folder; nothing was changed.")
    converted = cipher.encrypt_plaintext(folder.database, key, timeout=BUSY_TIMEOUT_MS / 1000)
    if cipher.encrypt_backups(folder.backups, key, timeout=BUSY_TIMEOUT_MS / 1000):
        fsync_dir(folder.backups)
    if converted:
        fsync_dir(folder.root)
    return converted


def raw_connection(folder: DataFolder, path: Path | None = None, *, read_only: bool = False):
    """A keyed driver connection to the folder's database, or to one of its backups (`path`): for checks,
    tests and support, never for changes the store must see (those go through operations)."""
    target = Path(path or folder.database)
    return cipher.connect(f"file:{target}?mode={'ro' if read_only else 'rw'}", folder_key.unlock(folder),
                          timeout=BUSY_TIMEOUT_MS / 1000, uri=True)


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some sandboxes; the actor is informative only
        return "auditor"


def open_store(folder: DataFolder | None = None, actor: str | None = None, *, tighten_all: bool = True) -> Store:
    """`tighten_all=False`: the caller tightens the modes of the folder's files itself (`DataFolder.ensure`)."""
    return Store(folder or DataFolder.default(), actor, tighten_all=tighten_all)
