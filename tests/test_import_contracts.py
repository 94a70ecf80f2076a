"""House rules checked mechanically: only auditor_app.ui imports Qt; the store never imports upward."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "auditor_app"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_outside(folder: str):
    for path in PACKAGE.rglob("*.py"):
        if folder not in path.relative_to(PACKAGE).parts[:1]:
            yield path


def test_only_ui_imports_qt():
    offenders = [str(p.relative_to(PACKAGE)) for p in modules_outside("ui")
                 if any(name.split(".")[0] in QT for name in imports_of(p))]
    assert offenders == []


def test_store_and_checklist_do_not_import_upward():
    upward = ("auditor_app.ui", "auditor_app.audits", "auditor_app.reports", "auditor_app.sync",
              "auditor_app.commands", "auditor_app.cli")
    offenders = []
    for layer in ("store", "checklist"):
        for path in (PACKAGE / layer).rglob("*.py"):
            bad = [n for n in imports_of(path) if n.startswith(upward)]
            if bad:
                offenders.append(f"{path.relative_to(PACKAGE)}: {bad}")
    assert offenders == []


def test_headless_commands_never_load_qt(tmp_path):
    code = ("import sys; from auditor_app.cli import main; main(['list']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"AUDITOR_APP_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
