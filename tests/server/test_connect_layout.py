"""The server stays headless: it imports the app's Qt-free core (package, signing, store, sync) and
never the window or the command line."""

from __future__ import annotations

from pathlib import Path

from test_import_contracts import QT, imports_of

SERVER = Path(__file__).resolve().parents[2] / "connect_server"


def test_the_server_never_imports_qt_the_ui_or_the_cli():
    offenders = []
    for path in SERVER.rglob("*.py"):
        bad = [n for n in imports_of(path) if n.split(".")[0] in QT
               or n.startswith(("auditor_app.ui", "auditor_app.commands", "auditor_app.cli"))]
        if bad:
            offenders.append(f"{path.relative_to(SERVER)}: {bad}")
    assert offenders == []
