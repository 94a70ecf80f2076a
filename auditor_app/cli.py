"""One entry point: `auditor-app` opens the window; sub-commands do headless work.

Each sub-command lives in its own module under `auditor_app.commands` and exposes
`register(subparsers)`, which adds its parser and sets `func(args) -> int` (the exit code).
Modules are imported lazily by name so that `auditor-app verify` never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Order here is the order in `--help`.
COMMAND_MODULES = [
    "run",
    "list_audits",
    "demo",
    "export",
    "import_package",
    "verify",
    "checklist",
    "rate",
    "sample",
    "report",
]


class UserError(Exception):
    """A problem the user can fix; printed as one plain message, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor-app",
        description="ESCP Field Auditor. Without a command, opens the application window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"auditor_app.commands.{name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv or ["run"])
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"auditor-app: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
