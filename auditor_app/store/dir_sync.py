"""Making a new or renamed name in a folder durable (the folder's own fsync).

Its own module: the folder key's first read at start (through `signing.atomic_files`) needs it, and
nothing else of the evidence files."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new name in `folder` durable. Windows cannot open a directory: skip there."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
