"""The processes test_startup_kill kills: each opens a data folder (a first start or an upgrade) once.

Usage: startup_child.py
Imports the app once (most of a second), prints "ready", then reads commands on stdin, one a line,
and forks a fresh process for each open, so a kill can land inside `open_store` many times a second:

  open <folder> [<kill after seconds>]   one process opens the folder; SIGKILL it after that delay
  race <folder> <n>                      n processes open the same folder at the same moment

This process sends the kill itself, before reaping its child, so the pid cannot belong to anyone
else yet. A forked process prints "opening <pid>" just before `open_store` and "opened <pid>
<seconds in open_store>" once it returns, or "failed <pid> <error>"; inside, "backup",
"backed-up", "migrating" and "migrated" mark where the backup and the migration transaction begin
and end (wrappers around db.backup_database and db.upgrade), so the parent can tell where a kill
landed. Then "ended <pid> <exit code>" (-9: killed) for each process, and "done". POSIX only.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from auditor_app.paths import DataFolder
from auditor_app.store import db
from auditor_app.store.db import open_store


def say(line: str) -> None:
    # os.write, not print: forked processes must not share a buffered stdout (or flush it twice).
    os.write(1, (line.replace("\n", " ") + "\n").encode())


def marked(fn, before: str, after: str):
    def wrapper(*args, **kwargs):
        say(before)
        result = fn(*args, **kwargs)
        say(after)
        return result
    return wrapper


def open_once(root: str, start_at: float) -> None:
    while time.time() < start_at:  # racers start together, not one fork apart
        pass
    say(f"opening {os.getpid()}")
    t0 = time.perf_counter()
    try:
        store = open_store(DataFolder(Path(root)), actor="startup-child")
    except Exception as exc:  # noqa: BLE001 - any error is reported; the parent fails the test on it
        say(f"failed {os.getpid()} {type(exc).__name__}: {exc}")
        os._exit(1)
    say(f"opened {os.getpid()} {time.perf_counter() - t0:.6f}")
    store.close()
    os._exit(0)


def fork(root: str, start_at: float) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            open_once(root, start_at)
        finally:
            os._exit(2)  # never return into the command loop
    return pid


def main() -> None:
    db.backup_database = marked(db.backup_database, "backup", "backed-up")
    db.upgrade = marked(db.upgrade, "migrating", "migrated")
    # A plaintext database from before encryption is converted first (issue 16): kills land there too.
    db.encrypt_plaintext = marked(db.encrypt_plaintext, "encrypting", "encrypted")
    say("ready")
    for line in sys.stdin:
        command, root, *rest = line.split()
        count = int(rest[0]) if command == "race" else 1
        start_at = time.time() + (0.05 if count > 1 else 0)
        pids = [fork(root, start_at) for _ in range(count)]
        if command == "open" and rest:
            time.sleep(float(rest[0]))
            os.kill(pids[0], signal.SIGKILL)  # not reaped yet: still our child, even if it has exited
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            say(f"ended {pid} {os.waitstatus_to_exitcode(status)}")
        say("done")


if __name__ == "__main__":
    main()
