"""The window opens where it was, never larger than the screen it opens on.

Size, position and maximized state are kept with QSettings in the data folder (`ui-window.ini`), so
each data folder (a test's, a USB stick's) has its own. A remembered geometry from a bigger monitor,
or from a screen no longer attached, is fitted into the available geometry (the screen less the
task bar), so the status bar stays on screen on a 1280x720 laptop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SETTINGS_FILE = "ui-window.ini"
PREFERRED = (1366, 768)
MINIMUM = (1024, 600)


def settings(data_root: Path) -> QSettings:
    return QSettings(str(Path(data_root) / SETTINGS_FILE), QSettings.Format.IniFormat)


def fit(rect: QRect, available: QRect) -> QRect:
    """`rect` moved and shrunk as little as needed to lie inside `available`."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    x = min(max(rect.x(), available.left()), available.right() - width + 1)
    y = min(max(rect.y(), available.top()), available.bottom() - height + 1)
    return QRect(x, y, width, height)


def _available(window: QWidget, at: QRect | None = None) -> QRect:
    screen = QGuiApplication.screenAt(at.center()) if at is not None else None
    screen = screen or window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def restore(window: QWidget, data_root: Path) -> None:
    """Place the window as it was last closed, fitted to the screen; else centred at 1366x768 or less."""
    screen = _available(window)
    window.setMinimumSize(min(MINIMUM[0], screen.width()), min(MINIMUM[1], screen.height()))
    stored = settings(data_root)
    rect = stored.value("geometry")
    if isinstance(rect, QRect) and rect.isValid():
        window.setGeometry(fit(rect, _available(window, rect)))
    else:
        available = _available(window)
        rect = QRect(0, 0, *PREFERRED)
        rect.moveCenter(available.center())
        window.setGeometry(fit(rect, available))
    if str(stored.value("maximized", "false")).lower() == "true":
        window.setWindowState(window.windowState() | window.windowState().WindowMaximized)


def remember(window: QWidget, data_root: Path) -> None:
    stored = settings(data_root)
    stored.setValue("geometry", window.normalGeometry() if window.isMaximized() else window.geometry())
    stored.setValue("maximized", window.isMaximized())
    stored.sync()
