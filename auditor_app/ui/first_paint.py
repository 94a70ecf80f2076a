"""Run something once a widget has been painted: work that may pause the GUI thread (a full garbage
collection) waits until the auditor sees what they asked for, instead of delaying it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

LATEST_MS = 1000  # a widget that is never painted (hidden, minimised) does not put the work off for ever


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self.widget = widget
        self.callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(LATEST_MS, self, self._run)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            QTimer.singleShot(0, self, self._run)  # after the paint has reached the screen
        return False

    def _run(self) -> None:
        callback, self.callback = self.callback, None
        if callback is None:
            return
        self.widget.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` on the GUI thread right after `widget`'s next paint (or within a second)."""
    _AfterPaint(widget, callback)
