"""Errors that reach people: one sentence saying what is wrong, and a hint saying what to do.

Every layer raises these (or a subclass) for problems a user can understand and act on; the
window shows `message` and `hint` in a dialog, the command line prints them and exits non-zero.
`as_user_error` turns the failures of the machine itself (a locked or read-only database, a full
disk, a missing folder) into such sentences. Anything else is a bug: it is logged with its
traceback and shown as "an unexpected error".
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from typing import Any


class UserFacingError(Exception):
    """A problem told to the user as a sentence (`message`) and what to do about it (`hint`).

    `message` may be given as a core message (an id and parameters, checklist/messages.py): then
    `message` is its English and `said` the message itself, which the window renders in its language
    (`in_language`); logs and the command line keep the English. `hint` likewise: given as a message,
    `hint` is its English and `hint_said` the message (`hint_in_language`)."""

    def __init__(self, message: Any, hint: Any = ""):
        said = _said(message)
        text = said.text if said is not None else str(message)
        super().__init__(text)
        self.message = text
        self.said = said
        self.hint_said = _said(hint)
        self.hint: str = self.hint_said.text if self.hint_said is not None else str(hint or "")

    @property
    def text(self) -> str:
        """The English sentence (as `message`)."""
        return self.message

    def in_language(self, lang: str | None) -> str:
        """The sentence in `lang` ("en", "zh"); the English when it was given as plain text."""
        return self.said.render(lang) if self.said is not None else self.message

    def hint_in_language(self, lang: str | None) -> str:
        """The hint in `lang`; the English when it was given as plain text."""
        return self.hint_said.render(lang) if self.hint_said is not None else self.hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip() if self.hint else self.message


def _said(value: Any) -> Any:
    """`value` if it is a core message (it renders itself in a language), else None."""
    return value if callable(getattr(value, "render", None)) else None


class UserError(UserFacingError):
    """A request that cannot be done as asked (a missing file, an unknown audit): exit code 2."""


class AuditIdError(UserFacingError, LookupError):
    """Text given as an audit id that names no audit, several audits, or is not an id at all.

    Also a LookupError, so callers that only ask "was it found?" need not know this module.
    `matches` is how many audits the text matched (0 or several), None when it is no id at all."""

    def __init__(self, message: str, hint: str = "", *, matches: int | None = None):
        super().__init__(message, hint)
        self.matches = matches


# SQLite's primary result codes (extended codes carry them in the low byte).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26

# When the driver gives no code (other drivers, wrapped errors), its fixed message says the same.
_SQLITE_MESSAGES = {
    "database is locked": _SQLITE_BUSY,
    "database table is locked": _SQLITE_LOCKED,
    "attempt to write a readonly database": _SQLITE_READONLY,
    "database or disk is full": _SQLITE_FULL,
    "unable to open database file": _SQLITE_CANTOPEN,
    "disk i/o error": _SQLITE_IOERR,
    "database disk image is malformed": _SQLITE_CORRUPT,
    "file is not a database": _SQLITE_NOTADB,
}

_TRY_AGAIN = "then try again"


def as_user_error(exc: BaseException, *, where: str | os.PathLike = "") -> UserFacingError | None:
    """`exc` as a sentence and a hint if it is a known failure of the machine, else None.

    `where` names the file or folder the caller was working on (the audit database, the data
    folder); a sentence about an OSError names the file the error itself names, if any. The
    sentence never quotes SQL or the values being written: SQLAlchemy's own message holds both.
    """
    for cause in _causes(exc):
        if isinstance(cause, UserFacingError):
            return cause
        code = _sqlite_code(cause)
        if code is not None:
            return _sqlite_sentence(code, str(where) or "the audit database")
        if isinstance(cause, OSError) and cause.errno is not None:
            found = _os_sentence(cause, str(cause.filename or where or "a file"))
            if found is not None:
                return found
    return None


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, the driver error SQLAlchemy wraps (`orig`), and the chain of causes; each once."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        cause = todo.pop(0)
        if cause is None or id(cause) in seen or len(seen) > 20:
            continue
        seen.add(id(cause))
        yield cause
        todo += [getattr(cause, "orig", None), cause.__cause__, cause.__context__]


def _sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a sqlite3 error, None for anything else."""
    import sqlite3  # the standard library's; cheap, and only asked once an error happened

    # sqlcipher3 (the encrypted audit database) is pysqlite's twin: same codes, its own classes.
    if not isinstance(exc, sqlite3.Error) and type(exc).__module__ != "sqlcipher3.dbapi2":
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_MESSAGES.values():
        return code & 0xFF
    text = str(exc.args[0] if exc.args else "").strip().lower()
    return _SQLITE_MESSAGES.get(text)


def _sqlite_sentence(code: int, where: str) -> UserFacingError:
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return UserFacingError(f"{where} is busy: another program is writing to it",
                               "Close the other ESCP Field Auditor window or command that uses this data "
                               f"folder, {_TRY_AGAIN}.")
    if code == _SQLITE_READONLY:
        return UserFacingError(f"{where} cannot be written: the file or its folder is read-only",
                               "Allow writing to the data folder (or set AUDITOR_APP_HOME to a folder you "
                               f"may write to), {_TRY_AGAIN}.")
    if code == _SQLITE_FULL:
        return UserFacingError(f"the disk holding {where} is full; the change in progress was not saved",
                               f"Free some space on that disk, {_TRY_AGAIN}.")
    if code == _SQLITE_CANTOPEN:
        return UserFacingError(f"{where} cannot be opened",
                               "Check that its folder exists, that its drive is connected and that you may "
                               f"write to it, {_TRY_AGAIN}.")
    if code == _SQLITE_IOERR:
        return UserFacingError(f"reading or writing {where} failed (disk input/output error)",
                               f"Check the drive (a USB stick may have been pulled out), {_TRY_AGAIN}.")
    return UserFacingError(f"{where} is damaged or is not an audit database",
                           "Restore the newest copy from the backups folder of the data folder.")


def _os_sentence(exc: OSError, name: str) -> UserFacingError | None:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return UserFacingError(f"the disk holding {name} is full; the change in progress was not saved",
                               f"Free some space on that disk, {_TRY_AGAIN}.")
    if exc.errno == errno.EROFS:
        return UserFacingError(f"{name} is on a read-only disk",
                               "Use a data folder on a disk you may write to (AUDITOR_APP_HOME chooses "
                               "it).")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UserFacingError(f"permission denied for {name}",
                               f"Allow your user to read and write that file or folder, {_TRY_AGAIN}.")
    if exc.errno == errno.ENOENT:
        return UserFacingError(f"{name} does not exist",
                               "Check the path; a removable drive may have been disconnected.")
    if exc.errno == errno.EIO:
        return UserFacingError(f"reading or writing {name} failed (disk input/output error)",
                               f"Check the drive (a USB stick may have been pulled out), {_TRY_AGAIN}.")
    return None
