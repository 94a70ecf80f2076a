"""What the main window's status bar shows while a background operation runs: its label, a progress
bar and, when it can be stopped, Cancel.

The indicator is taller than a line of status text (a button and a bar): the status bar is kept as
tall as it is with one (`keep_room_for_indicator`), so an operation starting or ending never changes
the height of the pages above it. It did: the status bar grew 5 px when an import's indicator showed
and shrank when it went, and each time the whole window was laid out and painted again, in the middle
of the import and at its end (issue 17).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

PROGRESS_MS = 100  # the status bar's progress is repainted at most this often


class StatusIndicator(QWidget):
    """Label + bar (+ Cancel) shown in the main window's status bar while an operation runs."""

    def __init__(self, label: str, cancel: Callable[[], None] | None, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(label)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setRange(0, 0)  # busy until the first update says how much there is
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        if cancel is not None:
            self.cancel_button = QPushButton(self.tr("Cancel"))
            self.cancel_button.setToolTip(self.tr("Stop this task; what is already done is kept"))
            self.cancel_button.clicked.connect(cancel)
            layout.addWidget(self.cancel_button)
        self._latest: tuple[int, int, str] = (0, 0, "")
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setInterval(PROGRESS_MS)
        self._tick.timeout.connect(self._show_latest)

    def show_progress(self, done: int, total: int, text: str) -> None:
        """Shown at most every PROGRESS_MS: a bar's value repaints it at once, and an import reports
        every photo (100 repaints of the status bar in a few seconds were a good part of its GUI time)."""
        self._latest = (done, total, text or self._latest[2])
        if not self._tick.isActive():
            self._tick.start()

    def _show_latest(self) -> None:
        done, total, text = self._latest
        if total > 0:
            if self.bar.maximum() != total:
                self.bar.setRange(0, total)
            self.bar.setValue(done)
        if text and text != self.text.text():
            self.text.setText(text)


def keep_room_for_indicator(status_bar: QStatusBar) -> None:
    """Make the status bar as tall as it is holding a cancellable indicator, from now on (measured
    with one, in this style and font, then removed)."""
    sample = StatusIndicator("", cancel=lambda: None)
    status_bar.addPermanentWidget(sample)
    status_bar.setMinimumHeight(status_bar.sizeHint().height())
    status_bar.removeWidget(sample)
    sample.deleteLater()
