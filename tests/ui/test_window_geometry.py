"""The window opens where it was closed, fitted to the screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from auditor_app.ui import window_geometry
from auditor_app.ui.window_geometry import fit


def test_fit_moves_and_shrinks_only_as_needed():
    screen = QRect(0, 0, 1280, 680)  # 1280x720 less a 40-pixel task bar
    assert fit(QRect(10, 10, 800, 600), screen) == QRect(10, 10, 800, 600)
    assert fit(QRect(0, 0, 1366, 768), screen) == QRect(0, 0, 1280, 680)
    assert fit(QRect(2000, 900, 800, 600), screen) == QRect(480, 80, 800, 600)  # from a second monitor
    assert fit(QRect(-300, -50, 800, 600), screen) == QRect(0, 0, 800, 600)


def test_closed_and_reopened_where_it_was(window, store, qtbot):
    window_geometry.restore(window, store.folder.root)  # nothing stored: centred, within the screen
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert available.contains(window.geometry())
    window.show()
    window.close()  # closing remembers
    stored = window_geometry.settings(store.folder.root).value("geometry")
    assert stored == window.geometry()
    window.setGeometry(QRect(available.x() + 5, available.y() + 5, 100, 100))
    window_geometry.restore(window, store.folder.root)
    assert window.geometry() == fit(stored, available)


def test_a_geometry_from_a_bigger_monitor_is_fitted_to_this_screen(window, store):
    available = QGuiApplication.primaryScreen().availableGeometry()
    stored = window_geometry.settings(store.folder.root)
    stored.setValue("geometry", QRect(3000, 2000, 2560, 1440))
    stored.sync()
    window_geometry.restore(window, store.folder.root)
    assert available.contains(window.geometry())
