"""A process that owns a data folder until it is killed or its stdin closes (for the lock tests).

Usage: lock_child.py <data folder> <window|command>
Prints "locked <pid>" once it holds the folder's lock, then waits.
"""

from __future__ import annotations

import os
import sys

from auditor_app.store.folder_lock import FolderLock


def main(root: str, kind: str) -> None:
    program = "an ESCP Field Auditor window" if kind == "window" else "the command `auditor-app import`"
    with FolderLock(root, program=program, kind=kind):
        print(f"locked {os.getpid()}", flush=True)
        sys.stdin.read()  # until the parent closes our stdin (or kills us)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
