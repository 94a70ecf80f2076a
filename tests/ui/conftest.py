"""Fixtures for the UI tests: a fresh data folder and store per test, the writer, and a check that
fails any test leaving a top-level widget open (napari style)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from auditor_app.paths import DataFolder  # noqa: E402
from auditor_app.store.db import Store  # noqa: E402

# Qt's own short-lived windows that are not ours to close.
_IGNORED_CLASSES = {"QTipLabel", "QComboBoxPrivateContainer"}


def _open_top_levels(app: QApplication) -> set:
    return {w for w in app.topLevelWidgets() if type(w).__name__ not in _IGNORED_CLASSES
            and w.metaObject().className() not in _IGNORED_CLASSES}


def _flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


@pytest.fixture(autouse=True, scope="session")
def english_catalogue(qapp):
    """The window in English, as `create_app` loads it (the English catalogue holds the plural forms:
    "1 photo", "3 photos"); a test of another language installs its own and puts this back."""
    from auditor_app.ui import i18n

    i18n.install(qapp, "en")
    yield
    i18n.uninstall(qapp)


@pytest.fixture(autouse=True)
def no_leaked_widgets(qapp, request):
    """Fail the test if it leaves a top-level widget (window, dialog, message box) behind.

    Autouse and not depending on qtbot, so pytest-qt has already closed the widgets registered with
    `qtbot.addWidget` when this runs."""
    before = _open_top_levels(qapp)
    yield
    _flush_deletes()
    leaked = _open_top_levels(qapp) - before
    if leaked:
        names = ", ".join(sorted(f"{type(w).__name__}({w.objectName() or w.windowTitle()!r})"
                                 for w in leaked))
        for widget in leaked:  # do not let one leak fail every later test
            widget.close()
            widget.deleteLater()
        _flush_deletes()
        if not request.node.get_closest_marker("allow_leaks"):
            pytest.fail(f"top-level widgets left open: {names}")


@pytest.fixture(autouse=True)
def no_unexpected_modal_questions(monkeypatch):
    """A blocking QMessageBox would hang an offscreen test forever: fail at once instead.

    Tests that expect a question monkeypatch it themselves (their patch replaces this one)."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **_kwargs):
        pytest.fail(f"unexpected modal message box: {args[1:3]!r}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def data_folder(tmp_path, monkeypatch) -> DataFolder:
    home = tmp_path / "data"
    monkeypatch.setenv("AUDITOR_APP_HOME", str(home))
    return DataFolder(home).ensure()


@pytest.fixture
def store(data_folder):
    store = Store(data_folder, actor="test-auditor")
    yield store
    store.close()


@pytest.fixture
def ops(store, qapp):
    from auditor_app.ui.operations import Operations

    ops = Operations(store)
    yield ops
    ops.close()


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_leaks: the leak check reports but does not fail")


FACTORY = {
    "name": "Bright Star Toys Ltd", "name_local": "东莞明星玩具有限公司", "address": "12 Industrial Rd, Dongguan",
    "headcount_male": 120, "headcount_female": 180, "departments": ["injection moulding", "assembly"],
    "has_dormitory": True, "has_canteen": False,
}


@pytest.fixture
def make_audit(store):
    """Create an audit through the core operation, as the app does; returns its id."""
    from auditor_app.audits import create_audit

    def make(audit_type: str = "ICA", **factory) -> str:
        with store.transaction() as session:
            audit = create_audit(session, audit_type=audit_type, factory={**FACTORY, **factory},
                                 team=[{"name": "Li Wei", "role": "lead auditor"}])
            return audit.id
    return make


@pytest.fixture
def window(store, qtbot):
    from auditor_app.ui.main_window import MainWindow

    win = MainWindow(store)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


try:  # two laptops, for the review tests (test_operations runs a copy of this file where they are not)
    from review_helpers import auditor_store, lead_store, sealed_audit  # noqa: E402, F401
except ImportError:
    pass
