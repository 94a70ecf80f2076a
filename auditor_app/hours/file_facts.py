"""What the audit keeps of a file the factory handed over: its name, size and SHA-256, never its rows
(attendance and payroll files name workers). The hash lets anyone check later that a file is the one
the computation read."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

CHUNK = 1 << 20


def file_facts(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"name": path.name, "size": size, "sha256": digest.hexdigest()}
