"""Writing files whole or not at all: a temp file beside the target, fsync, rename, fsync the folder.

Keys, certificates and signed PDFs are written this way so that a crash or a full disk leaves either
the old file or the new one, never half of one. `create_new` additionally refuses to replace a file
that is already there: a key file, once written, is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from auditor_app.store.dir_sync import fsync_dir

TEMP_SUFFIX = ".part"


def temp_path_for(target: Path) -> Path:
    """A unique temp name in the target's folder (same file system, so the rename is atomic).

    Hidden and ending in .part, so nobody mistakes it for the finished file."""
    return target.with_name(f".{target.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")


@contextlib.contextmanager
def _temp_file(target: Path, mode: int) -> Iterator[tuple[Path, BinaryIO]]:
    """An exclusive new temp file for `target`, removed again if the block fails."""
    tmp = temp_path_for(target)
    fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        # The mode is set at creation (the umask can only narrow it): a key file is 0600 from its
        # first byte, never briefly readable by others.
        with os.fdopen(fd, "w+b") as out:  # readable too: pyHanko reads back what it hashes
            fd = -1  # the file object owns it now
            yield tmp, out
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, data: bytes, *, mode: int = 0o666) -> None:
    """Write `data` to `target`, replacing any file there, in one step."""
    write_atomic_with(target, lambda out: out.write(data), mode=mode)


def write_atomic_with(target: Path, write: Callable[[BinaryIO], object], *, mode: int = 0o666) -> None:
    """Let `write` fill a temp file, then put it in place of `target` in one step.

    If `write` raises, the temp file is removed and `target` is left as it was."""
    with _temp_file(target, mode) as (tmp, out):
        write(out)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def create_new(target: Path, data: bytes, *, mode: int = 0o600) -> bool:
    """Write `data` to `target` only if no file has that name yet; True if this call created it.

    A hard link publishes the finished temp file under the new name and fails if the name exists,
    so even without a lock a second writer cannot replace the first one's file. File systems
    without hard links (FAT on a USB stick) fall back to check-then-rename, which the caller's
    lock makes safe."""
    with _temp_file(target, mode) as (tmp, out):
        out.write(data)
    try:
        try:
            os.link(tmp, target)
        except FileExistsError:
            return False
        except OSError:
            if target.exists():
                return False
            os.replace(tmp, target)
        fsync_dir(target.parent)
        return True
    finally:
        tmp.unlink(missing_ok=True)
