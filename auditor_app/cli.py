"""One entry point: `auditor-app` opens the window; sub-commands do headless work.

Each sub-command lives in its own module under `auditor_app.commands` and exposes
`register(subparsers)`, which adds its parser and sets `func(args) -> int` (the exit code).
Modules are imported lazily by name so that `auditor-app verify` never loads Qt.

Whatever goes wrong reaches the user as one sentence on stderr, never a traceback or SQL:
a problem they can fix (`UserFacingError`) exits 2, a failure of the machine (locked database,
full disk, read-only folder) exits 1, a bug exits 1 with its traceback in the log file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

from auditor_app.errors import UserError, UserFacingError, as_user_error
from auditor_app.logs import current_log_path, setup_logging, stop_logging
from auditor_app.paths import DataFolder
from auditor_app.text import printable

__all__ = ["COMMAND_MODULES", "UserError", "build_parser", "main"]  # UserError: older imports

# Order here is the order in `--help`.
COMMAND_MODULES = [
    "run",
    "list_audits",
    "demo",
    "export",
    "import_package",
    "verify",
    "keys",
    "open_sealed",
    "erase_confidential",
    "checklist",
    "rate",
    "check",
    "sample",
    "report",
    "hours",
    "connect",
    "assignments",
    "sync",
    "review",
]

log = logging.getLogger("auditor_app.cli")


def build_parser(commands: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `commands` only (their modules alone are imported)."""
    parser = argparse.ArgumentParser(
        prog="auditor-app",
        description="ESCP Field Auditor. Without a command, opens the application window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands or COMMAND_MODULES:
        module = importlib.import_module(f"auditor_app.commands.{name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Opening the window (no command, or `run`) needs only its own parser: the other commands'
    # modules are not imported on the way to the window.
    parser = build_parser(["run"] if not argv or argv[0] == "run" else None)
    args = parser.parse_args(argv or ["run"])
    if _uses_data_folder(args):
        _start_log()
    try:
        return _run(args)
    finally:
        # One command per process, but tests run many: the next may use another data folder.
        stop_logging()


def _run(args: argparse.Namespace) -> int:
    log.info("command %s started", args.command)
    try:
        code = int(args.func(args) or 0)
    except UserFacingError as exc:
        log.info("command %s refused: %s", args.command, type(exc).__name__)
        _tell(exc)
        return 2
    except KeyboardInterrupt:
        log.info("command %s interrupted", args.command)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns every failure into a sentence
        return _fail(args.command, exc)
    log.info("command %s finished with exit code %d", args.command, code)
    return code


def _uses_data_folder(args: argparse.Namespace) -> bool:
    """Commands working in the data folder log there from the start (their parser says so with
    `uses_data_folder`, a bool or a test of the arguments); the others (checklist, sample, verify,
    rate of a file) open the log only if they fail, so that they leave no folder behind otherwise."""
    uses = getattr(args, "uses_data_folder", args.command == "run")  # the window always does
    return bool(uses(args) if callable(uses) else uses)


def _data_folder() -> DataFolder:
    return DataFolder.default()


def _start_log() -> Path | None:
    """The log file in the data folder, or None where it cannot be written (read-only folder)."""
    root = _data_folder().root
    current = current_log_path()
    if current is not None and current.parent.parent == root:
        return current
    return setup_logging(root)


def _fail(command: str, exc: Exception) -> int:
    """A failure of the machine becomes its sentence; anything else is a bug, told as such."""
    path = _start_log()
    known = as_user_error(exc, where=_data_folder().database)
    # The traceback goes to the log in either case: it is how a support person finds the cause.
    log.error("command %s failed", command, exc_info=exc)
    if known is not None:
        _tell(known)
        return 1
    details = (f"details in {path}" if path is not None
               else f"no log could be written in {_data_folder().root}")
    _tell(UserFacingError(f"unexpected error ({type(exc).__name__}) while running `{command}`; {details}",
                          "Please send that file to whoever supports ESCP Field Auditor for you."
                          if path is not None else ""))
    return 1


def _tell(exc: UserFacingError) -> None:
    # Messages may quote a package (member names, factory names): shown, never obeyed.
    print(f"auditor-app: {printable(exc.message, keep_newlines=True)}", file=sys.stderr)
    if exc.hint:
        print(f"  {printable(exc.hint, keep_newlines=True)}", file=sys.stderr)
