"""Files a command writes held back under temporary names until the whole of its work has passed.

`auditor-app report` from an `.escp` proves the package's remaining evidence only after the PDFs are
laid out (the photos are hash-checked as they are read, the rest at the end): a package that fails
must leave no PDF, and an earlier report at the same path as it was. So the PDFs are written beside
their destinations under hidden names and renamed onto them only when the block ends without error.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


def held_name(path: Path) -> Path:
    """The hidden name beside `path` that its content is written to first."""
    return path.with_name(f".{path.name}.held")


@contextlib.contextmanager
def held_back(*paths: Path | None) -> Iterator[list[Path | None]]:
    """The temporary path of each of `paths` (None stays None). On a clean exit each written file is
    renamed onto its destination; on any error, or for a file the block did not write, nothing is."""
    held = [held_name(path) if path is not None else None for path in paths]
    try:
        yield held
        for tmp, path in zip(held, paths):
            if tmp is not None and path is not None and tmp.exists():
                os.replace(tmp, path)
    except OSError as exc:  # a full disk is told with the file the user named, not its hidden name
        names = {str(tmp): str(path) for tmp, path in zip(held, paths) if tmp is not None}
        if isinstance(exc.filename, (str, os.PathLike)) and str(exc.filename) in names:
            exc.filename = names[str(exc.filename)]
        raise
    finally:
        for tmp in held:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
