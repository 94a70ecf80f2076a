"""The command line sits on top: no core module imports it, and rating_source imports nothing above it.

Complements tests/test_import_contracts.py. Imports inside functions count too (ast.walk): a lazy
import is still a dependency, and the one from rating_source into audits/ was a cycle.
"""

from __future__ import annotations

from tests.test_import_contracts import PACKAGE, imports_of

CLI = ("auditor_app.cli", "auditor_app.commands")


def test_no_core_module_imports_the_command_line():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("commands", "cli.py", "__main__.py"):
            continue
        bad = [n for n in imports_of(path) if n.startswith(CLI)]
        if bad:
            offenders.append(f"{rel}: {bad}")
    assert offenders == []


def test_rating_source_imports_nothing_that_imports_it():
    # audits/ and reports/ import rating_source; it must need neither them nor the store.
    upward = ("auditor_app.audits", "auditor_app.store", "auditor_app.package", "auditor_app.reports",
              "auditor_app.ui", *CLI)
    assert [n for n in imports_of(PACKAGE / "rating_source.py") if n.startswith(upward)] == []


def test_the_errors_module_needs_nothing_of_the_app():
    assert [n for n in imports_of(PACKAGE / "errors.py") if n.startswith("auditor_app")] == []
    for name in ("text.py", "logs.py"):
        assert [n for n in imports_of(PACKAGE / name) if n.startswith("auditor_app")] == []
