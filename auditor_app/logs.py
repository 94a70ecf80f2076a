"""The app's log file: `<data folder>/logs/auditor-app.log`, rotated, with the tracebacks of bugs.

People see one sentence about a failure; the traceback behind it goes here, where a support person
can ask for it. Messages name ids and counts only, never audit content (names, findings, notes,
interview text): the log leaves the data folder more easily than the database does.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "auditor-app.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"

# Everything the app logs is under this logger; libraries keep their own (silent) defaults.
APP_LOGGER = "auditor_app"


# Without any handler, logging's "last resort" prints warnings and their tracebacks on stderr:
# exactly what the command line must never show when the log file cannot be opened.
logging.getLogger(APP_LOGGER).addHandler(logging.NullHandler())


class _QuietHandler(logging.FileHandler):
    """The log file, rotated by size: when a record would take it past `maxBytes`, it becomes
    `auditor-app.log.1` (`.1` becomes `.2`, and so on; the oldest beyond `backupCount` goes).

    What `logging.handlers.RotatingFileHandler` does, written out because importing that module
    brings `socket`, `pickle` and `queue` with it: ~6 ms of every start of the window (issue 17), for
    a handler that uses none of them. A record it cannot write (disk full, drive pulled out) is
    dropped instead of printing a traceback on stderr, which is what logging does by default."""

    def __init__(self, path: Path, maxBytes: int, backupCount: int) -> None:  # noqa: N803 (logging's names)
        super().__init__(path, encoding="utf-8")
        self.maxBytes = maxBytes
        self.backupCount = backupCount

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_pass_the_limit(record):
                self._rotate()
            super().emit(record)
        except Exception:  # noqa: BLE001 (a log line never stops the app)
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def _would_pass_the_limit(self, record: logging.LogRecord) -> bool:
        if self.stream is None:  # closed by a rotation that failed half way: open again
            self.stream = self._open()
        if not os.path.isfile(self.baseFilename):  # a device or pipe put there: never renamed
            return False
        self.stream.seek(0, os.SEEK_END)
        return self.stream.tell() + len(f"{self.format(record)}\n") >= self.maxBytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(self.backupCount - 1, 0, -1):
            older = f"{self.baseFilename}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{number + 1}")
        os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def log_path(folder: os.PathLike | str) -> Path:
    """Where the log of the data folder `folder` is written."""
    return Path(folder) / "logs" / LOG_NAME


def setup_logging(folder: os.PathLike | str, level: int = logging.INFO) -> Path | None:
    """Send the app's log records to the data folder's log file; returns its path.

    Returns None, and logs nowhere, when the file cannot be opened (a read-only folder): the
    app still works without its log. Calling it again (tests, a second command in one process)
    replaces the handler it installed before rather than adding another.
    """
    stop_logging()
    logger = logging.getLogger(APP_LOGGER)
    path = log_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Opened now (no `delay`), so that a folder we cannot write to is found here, not later.
        handler = _QuietHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def stop_logging() -> None:
    """Close the log file `setup_logging` opened (the end of a command)."""
    logger = logging.getLogger(APP_LOGGER)
    for old in [h for h in logger.handlers if isinstance(h, _QuietHandler)]:
        logger.removeHandler(old)
        try:
            old.close()
        except (OSError, ValueError):  # its last flush failed (disk full, drive gone): nothing to save
            pass


def current_log_path() -> Path | None:
    """The file `setup_logging` is writing to, if any."""
    for handler in logging.getLogger(APP_LOGGER).handlers:
        if isinstance(handler, _QuietHandler):
            return Path(handler.baseFilename)
    return None
