"""One process owns a data folder: a lock file held for as long as the window (or a writing command) runs.

Start-up reconcile moves evidence files without a row to quarantine; run by a second process while the
first is importing, it took committed photos away. So whoever writes takes `owner.lock` first, and a
second window or writing command is refused with a sentence naming the owner (read from the lock
file: program, pid, since when). Read-only commands do not take it.

The lock is an OS file lock (`os_file_lock`: flock on Linux/macOS, portalocker on Windows), so it dies with
its process: after a crash or SIGKILL the file stays behind with the dead owner's details but locks
nothing, and the next start takes it over. The file is never deleted: deleting it would let two
processes each lock a different file of the same name.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, NamedTuple

from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.store.os_file_lock import AlreadyHeld, lock_now, unlock

LOCK_NAME = "owner.lock"
WINDOW = "window"
COMMAND = "command"

__all__ = ["FolderInUse", "FolderLock", "OwnerInfo", "held_since", "owning", "process_started_at"]


class OwnerInfo(NamedTuple):  # not a dataclass: defined at every start (docs/architecture.md)
    """What the owner wrote into the lock file when it took the folder."""

    pid: int
    started_at: datetime  # aware, UTC
    program: str = ""  # "an ESCP Field Auditor window", "the command `auditor-app import`"
    kind: str = ""  # WINDOW or COMMAND: which advice to give
    host: str = ""

    def to_json(self) -> bytes:
        return json.dumps({"pid": self.pid, "started_at": self.started_at.isoformat(),
                           "program": self.program, "kind": self.kind, "host": self.host}).encode()

    @classmethod
    def from_json(cls, data: bytes) -> OwnerInfo | None:
        try:
            raw = json.loads(data)
            started = datetime.fromisoformat(raw["started_at"])
            if started.tzinfo is None:
                return None
            return cls(pid=int(raw["pid"]), started_at=started, program=_plain(raw.get("program", "")),
                       kind=_plain(raw.get("kind", "")), host=_plain(raw.get("host", "")))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # empty (being written, or released cleanly) or not ours


class FolderInUse(UserFacingError):
    """Another process owns the data folder: says which, since when, and what to do."""

    def __init__(self, root: Path, owner: OwnerInfo | None):
        self.root = root
        self.owner = owner
        if owner is None:
            # On Windows the owner's lock also blocks reading its details.
            who = "another program (it did not say which)"
        else:
            where = f" on {owner.host}" if owner.host and owner.host != this_host() else ""
            since = owner.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            who = f"{owner.program or 'another program'} (process {owner.pid}{where}, since {since})"
        kind = owner.kind if owner else ""
        verb = "is in use by" if kind == COMMAND else "is already open in"
        if kind == WINDOW:
            hint = ("Switch to that window and work there, or close it and try again: "
                    "only one program at a time may change a data folder.")
        elif kind == COMMAND:
            hint = "Wait for that command to finish, then try again."
        else:
            hint = "Close the other program, then try again."
        super().__init__(f"The data folder {root} {verb} {who}.", hint)


class FolderLock:
    """The lock on one data folder. `acquire()` never waits: it owns the folder or raises FolderInUse."""

    def __init__(self, folder: DataFolder | str | os.PathLike, program: str | None = None,
                 kind: str = COMMAND):
        self.root = Path(folder.root if isinstance(folder, DataFolder) else folder)
        self.path = self.root / LOCK_NAME
        self.program = program or _command_name()
        self.kind = kind
        self.started_at: datetime | None = None  # when this owner acquired the folder
        self._file: BinaryIO | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> FolderLock:
        if self._file is not None:
            raise RuntimeError(f"{self.path} is already held by this FolderLock")
        self.root.mkdir(parents=True, exist_ok=True)
        # Open without truncating: a refused process must not wipe the owner's details.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        handle = os.fdopen(fd, "r+b", buffering=0)
        try:
            lock_now(handle)
        except AlreadyHeld:
            handle.close()
            raise FolderInUse(self.root, self.owner_info()) from None
        except OSError as exc:
            # Not contention: a file system without locks (some network shares). Not "in use".
            handle.close()
            raise OSError(f"cannot lock {self.path} ({exc})") from exc
        except BaseException:
            handle.close()
            raise
        started = datetime.now(timezone.utc)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(OwnerInfo(os.getpid(), started, self.program, self.kind,
                                   this_host()).to_json())
            os.fsync(handle.fileno())
        except BaseException:
            unlock(handle)
            handle.close()
            raise
        self._file = handle
        self.started_at = started
        with _held_lock:
            _held[_key(self.root)] = self
        return self

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is None:
            return
        with _held_lock:
            if _held.get(_key(self.root)) is self:
                del _held[_key(self.root)]
        try:
            # Emptied while still locked: nobody reads a finished owner's details as current.
            handle.seek(0)
            handle.truncate()
        except OSError:
            pass
        finally:
            unlock(handle)
            handle.close()

    def owner_info(self) -> OwnerInfo | None:
        """The details in the lock file: the live owner's while it is held, else the last owner's."""
        try:
            with open(self.path, "rb") as f:
                return OwnerInfo.from_json(f.read(4096))
        except OSError:
            return None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


@contextmanager
def owning(folder: DataFolder | str | os.PathLike, program: str | None = None) -> Iterator[FolderLock]:
    """Own the data folder for a writing command's duration (raises FolderInUse when the window has it).

    Re-entrant within a process: if this process already owns the folder, that lock is used."""
    root = Path(folder.root if isinstance(folder, DataFolder) else folder)
    with _held_lock:
        mine = _held.get(_key(root))
    if mine is not None:
        yield mine
        return
    with FolderLock(root, program=program, kind=COMMAND) as lock:
        yield lock


def this_host() -> str:
    """This computer's name, as `socket.gethostname()` gives it."""
    if hasattr(os, "uname"):  # what gethostname() reads on POSIX; importing socket costs the start ~2 ms
        return os.uname().nodename
    import socket

    return socket.gethostname()


def held_since(folder: DataFolder | str | os.PathLike) -> datetime | None:
    """When this process took the folder's lock, or None when it does not hold it."""
    root = Path(folder.root if isinstance(folder, DataFolder) else folder)
    with _held_lock:
        lock = _held.get(_key(root))
    return lock.started_at if lock is not None else None


def process_started_at() -> datetime:
    """When this process started (Linux: from /proc; elsewhere: when this module was first imported)."""
    return datetime.fromtimestamp(_PROCESS_START, timezone.utc)


def _linux_process_start() -> float | None:
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: start time after boot
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _command_name() -> str:
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), "")
    return f"the command `auditor-app {command}`" if command else "the command `auditor-app`"


def _plain(value: object, limit: int = 80) -> str:
    # Shown to the user: text from a file anyone could edit carries no control characters.
    return "".join(c for c in str(value) if c.isprintable())[:limit]


def _key(root: Path) -> str:
    return os.path.normcase(os.path.abspath(root))


# Locks this process holds, by folder: reconcile's default "owner's start" and re-entrant `owning`.
_held: dict[str, FolderLock] = {}
_held_lock = threading.Lock()
# The earlier of the two: btime has one-second precision, and earlier only leaves more files alone.
_PROCESS_START = min(filter(None, (time.time(), _linux_process_start())))
