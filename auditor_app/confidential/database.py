"""The audit database encrypted at rest: SQLCipher (through `sqlcipher3`), keyed from the folder's key.

Every page of the database, its WAL and every backup (made with the backup API into a file keyed the
same way) is AES-256 encrypted with an HMAC per page; the key is set (`PRAGMA key`, raw key form) before
anything else is read on each connection.

A data folder from before this version holds a plaintext database: `encrypt_plaintext` converts it on
the first start, under the schema lock. The WAL is checkpointed into the file, `sqlcipher_export` copies
every table, index, trigger and the schema version into a new encrypted file, which is checked
(`cipher_integrity_check`, `integrity_check`, the row count of every table compared) and made durable
before it replaces the plaintext file by an atomic rename; plaintext backups are converted the same way,
each plaintext copy overwritten and removed once its encrypted twin is verified. A kill at any moment
leaves either the plaintext database or the encrypted one under the real name, both whole.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from auditor_app.confidential.folder_key import FolderKey

PLAIN_HEADER = b"SQLite format 3\x00"
Error = sqlcipher.Error
DRIVER = sqlcipher


class EncryptionFailed(Exception):
    """The encrypted copy did not match the plaintext database: nothing was replaced."""


def connect(path: Path | str, key: FolderKey, *, timeout: float = 10.0, uri: bool = False):
    """A sqlcipher3 connection with the folder's key set before any page is read."""
    con = sqlcipher.connect(str(path), timeout=timeout, check_same_thread=False, uri=uri)
    con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to word, not a line on stderr
    con.execute(f'PRAGMA key = "{key.database_key}"')
    return con


def is_plaintext(path: Path) -> bool:
    """True for a database file written by plain SQLite (an earlier version of the app)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def encrypt_plaintext(path: Path, key: FolderKey, *, timeout: float = 10.0) -> bool:
    """Convert the plaintext database at `path` (see the module's doc); False when there was nothing to do.

    The encrypted copy is the verified backup: the plaintext goes only once it has been checked."""
    doomed = path.with_name(path.name + ".plaintext")
    if not path.exists() and doomed.exists():  # killed between moving it aside and renaming the new one
        os.replace(doomed, path)
    if not is_plaintext(path):
        _shred(doomed)
        return False
    partial = path.with_name(path.name + ".encrypting")
    counts = _export(path, partial, key, timeout)
    _verify(partial, key, counts)
    for side in ("-wal", "-shm", "-journal"):  # empty after the export's checkpoint; plaintext if anything
        _shred(path.with_name(path.name + side))
    _shred_then(path, lambda: os.replace(partial, path))
    return True


def encrypt_backups(folder: Path, key: FolderKey, *, timeout: float = 10.0) -> int:
    """Convert every plaintext `*.sqlite3` in the backups folder; returns how many."""
    done = 0
    for backup in sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []:
        if is_plaintext(backup):
            partial = backup.with_name(backup.name + ".encrypting")
            counts = _export(backup, partial, key, timeout)
            _verify(partial, key, counts)
            _shred_then(backup, lambda b=backup, p=partial: os.replace(p, b))
            done += 1
    return done


def _export(plain: Path, target: Path, key: FolderKey, timeout: float) -> dict[str, int]:
    """`sqlcipher_export` of the plaintext file into `target` (durable), under the plaintext file's write
    lock (another program writing to it makes this wait, then fail as "locked"); returns its row counts."""
    target.unlink(missing_ok=True)
    needed = plain.stat().st_size + _size(plain.with_name(plain.name + "-wal")) + (1 << 20)
    if shutil.disk_usage(target.parent).free < needed:  # sqlcipher_export would fail with a bare SQLITE_ERROR
        raise OSError(errno.ENOSPC, "No space left on device to encrypt the database", str(target))
    # The plaintext file's write lock, held by a second connection while this one reads: another
    # program writing makes this wait (busy timeout), then fail as "locked"; readers are not stopped.
    import sqlite3  # only to convert an earlier version's database: not on the window's start

    holder = sqlite3.connect(str(plain), timeout=timeout, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        con = sqlcipher.connect(str(plain), timeout=timeout, isolation_level=None)
        try:
            con.execute("PRAGMA cipher_log_level = NONE")
            con.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), key.database_key))
            counts = _row_counts(con, close=False)
            # sqlcipher_export copies schema and rows, not the header's user_version: carry it over.
            version = con.execute("PRAGMA main.user_version").fetchone()[0]
            con.execute("SELECT sqlcipher_export('encrypted')")
            con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            con.execute("DETACH DATABASE encrypted")
        finally:
            con.close()
        holder.execute("ROLLBACK")
        holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL, if any, emptied into the file
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        holder.close()
    with open(target, "rb+") as f:
        os.fsync(f.fileno())
    return counts


def _verify(target: Path, key: FolderKey, counts: dict[str, int]) -> None:
    con = connect(target, key)
    try:
        problems = [row[0] for row in con.execute("PRAGMA cipher_integrity_check")]
        checked = [row[0] for row in con.execute("PRAGMA integrity_check")]
        if checked != ["ok"]:
            problems += checked
        if _row_counts(con, close=False) != counts:
            problems.append("the row counts differ")
    finally:
        con.close()
    if problems:
        target.unlink(missing_ok=True)
        raise EncryptionFailed("; ".join(str(p) for p in problems[:5]))


def _row_counts(con, close: bool = True) -> dict[str, int]:
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        if close:
            con.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _shred(path: Path) -> None:
    """Overwrite, then remove (best effort: an SSD or a copy-on-write disk may keep old blocks)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        with open(path, "r+b") as f:
            f.write(b"\0" * size)
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def _shred_then(path: Path, replace) -> None:
    """Overwrite the plaintext file's bytes in place by renaming the encrypted one over it: the rename is
    atomic, so the name always holds a whole database; the old inode is zeroed first through a second
    name, which is then removed."""
    doomed = path.with_name(path.name + ".plaintext")
    doomed.unlink(missing_ok=True)
    try:
        os.link(path, doomed)
    except OSError:  # no hard links (FAT on a USB stick): move it aside; restored at start if need be
        os.replace(path, doomed)
    replace()
    if doomed.exists():
        _shred(doomed)
