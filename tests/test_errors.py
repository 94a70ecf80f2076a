"""`auditor_app.errors.as_user_error`: failures of the machine as sentences, from real errors.

Each SQLite error here is produced by SQLite itself (a locked, read-only, full, missing or damaged
database), so the test follows the driver's real codes and messages, not our idea of them.
"""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError as SAOperationalError

from auditor_app.errors import UserFacingError, as_user_error

SECRET = "Factory manager 王伟 paid wages 12 days late"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "audits.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE finding (id INTEGER PRIMARY KEY, description TEXT)")
    con.commit()
    con.close()
    return path


def error_of(action):
    with pytest.raises(Exception) as info:
        action()
    return info.value


def locked_error(db):
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = sqlite3.connect(db, timeout=0.05)
        return error_of(lambda: other.execute("INSERT INTO finding (description) VALUES (?)", (SECRET,)))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_database_is_busy_and_named(db):
    exc = locked_error(db)
    assert isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
    found = as_user_error(exc, where=db)
    assert isinstance(found, UserFacingError)
    assert found.message == f"{db} is busy: another program is writing to it"
    assert "Close the other" in found.hint


def test_through_sqlalchemy_the_sentence_carries_neither_sql_nor_values(db):
    engine = create_engine(f"sqlite:///{db}", connect_args={"timeout": 0.05})
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with engine.begin() as conn:
            exc = error_of(lambda: conn.execute(text("INSERT INTO finding (description) VALUES (:d)"),
                                                {"d": SECRET}))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        engine.dispose()
    assert isinstance(exc, SAOperationalError)
    assert "INSERT INTO finding" in str(exc) and SECRET in str(exc)  # what used to be printed
    found = as_user_error(exc, where=db)
    assert found is not None and "busy" in found.message
    said = f"{found.message} {found.hint}"
    assert "INSERT" not in said and SECRET not in said and "finding" not in said


def test_a_read_only_database(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    exc = error_of(lambda: con.execute("INSERT INTO finding (description) VALUES ('x')"))
    con.close()
    assert "readonly" in str(exc)
    found = as_user_error(exc, where=db)
    assert found.message == f"{db} cannot be written: the file or its folder is read-only"


def test_a_full_database(db):
    con = sqlite3.connect(db)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count={pages}")  # SQLite's own SQLITE_FULL, without filling a disk
    exc = error_of(lambda: con.execute("INSERT INTO finding (description) VALUES (?)", ("x" * 100_000,)))
    con.close()
    assert "full" in str(exc)
    found = as_user_error(exc, where=db)
    assert found.message.startswith(f"the disk holding {db} is full")
    assert "Free some space" in found.hint


def test_a_database_that_cannot_be_opened(tmp_path):
    missing = tmp_path / "gone" / "audits.sqlite3"
    exc = error_of(lambda: sqlite3.connect(missing))
    assert "unable to open" in str(exc)
    assert as_user_error(exc, where=missing).message == f"{missing} cannot be opened"


def test_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "audits.sqlite3"
    bad.write_bytes(b"this was a spreadsheet, once" * 100)
    con = sqlite3.connect(bad)
    exc = error_of(lambda: con.execute("SELECT * FROM finding"))
    con.close()
    found = as_user_error(exc, where=bad)
    assert found.message == f"{bad} is damaged or is not an audit database"
    assert "backups" in found.hint


def test_a_disk_io_error_by_its_message():
    # SQLite cannot be made to fail its disk on demand; the driver's message is matched instead.
    found = as_user_error(sqlite3.OperationalError("disk I/O error"), where="/media/usb/audits.sqlite3")
    assert found.message == "reading or writing /media/usb/audits.sqlite3 failed (disk input/output error)"


def test_without_where_the_sentence_still_says_what(db):
    assert as_user_error(locked_error(db)).message == "the audit database is busy: another program is writing to it"


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "the disk holding /data/evidence/ab/abcd is full"),
    (errno.EROFS, "/data/evidence/ab/abcd is on a read-only disk"),
    (errno.EACCES, "permission denied for /data/evidence/ab/abcd"),
    (errno.EPERM, "permission denied for /data/evidence/ab/abcd"),
    (errno.ENOENT, "/data/evidence/ab/abcd does not exist"),
    (errno.EIO, "reading or writing /data/evidence/ab/abcd failed"),
])
def test_os_errors_name_the_file(code, words):
    exc = OSError(code, "strerror text", "/data/evidence/ab/abcd")
    found = as_user_error(exc, where="/data")
    assert found.message.startswith(words)
    assert found.hint


def test_os_error_without_a_file_names_where(tmp_path):
    exc = OSError(errno.ENOSPC, "No space left on device")
    assert as_user_error(exc, where=tmp_path).message.startswith(f"the disk holding {tmp_path} is full")


def test_a_real_missing_folder(tmp_path):
    exc = error_of(lambda: (tmp_path / "nowhere" / "x").write_text("x"))
    assert as_user_error(exc).message == f"{tmp_path / 'nowhere' / 'x'} does not exist"


def test_a_cause_further_down_the_chain_is_found():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/data/incoming/x.part")
        except OSError as inner:
            raise RuntimeError("copy failed") from inner
    except RuntimeError as outer:
        found = as_user_error(outer)
    assert found.message.startswith("the disk holding /data/incoming/x.part is full")


def test_a_user_facing_error_is_its_own_sentence():
    exc = UserFacingError("the folder is in use", "close the window")
    assert as_user_error(exc) is exc


@pytest.mark.parametrize("exc", [
    ValueError("bad"), KeyError("x"), OSError(errno.EBADF, "Bad file descriptor"),
    sqlite3.IntegrityError("UNIQUE constraint failed: finding.id"), sqlite3.OperationalError("no such table: x"),
])
def test_bugs_are_not_dressed_up_as_the_machines_fault(exc):
    assert as_user_error(exc) is None
