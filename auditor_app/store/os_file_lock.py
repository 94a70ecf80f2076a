"""An OS lock on an open file, taken without waiting, that dies with its process.

On Linux and macOS it is `fcntl.flock`, which is what portalocker calls there; elsewhere (Windows)
portalocker. The window takes the data folder's lock before anything else at start, and importing
portalocker costs about 40 ms of processor time (it reads its own package metadata): a quarter of a
bare window's whole start (issue 17)."""

from __future__ import annotations

import os
from typing import BinaryIO


class AlreadyHeld(Exception):
    """Another process holds the lock."""


if os.name == "posix":
    import fcntl

    def lock_now(handle: BinaryIO) -> None:
        """Lock `handle` or raise AlreadyHeld; an OSError is no contention (a file system without locks)."""
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyHeld() from None

    def unlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

else:  # pragma: no cover - Windows
    import portalocker

    def lock_now(handle: BinaryIO) -> None:
        try:
            portalocker.lock(handle, portalocker.LOCK_EX | portalocker.LOCK_NB)
        except portalocker.AlreadyLocked:
            raise AlreadyHeld() from None
        except portalocker.LockException as exc:
            raise OSError(str(exc)) from exc

    def unlock(handle: BinaryIO) -> None:
        portalocker.unlock(handle)
