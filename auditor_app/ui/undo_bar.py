"""A slim bar that says what was just removed and offers Undo (Ctrl+Z) for a few seconds.

Deletes in the audit are soft (the row keeps a `deleted_at`), so undo is a real restore, not a
re-creation: the event log shows delete then restore.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

UNDO_VISIBLE_MS = 15_000


class UndoBar(QFrame):
    def __init__(self, parent: QWidget | None = None, with_shortcut: bool = True):
        super().__init__(parent)
        self.setObjectName("undo-bar")
        self.setStyleSheet("#undo-bar { background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.label = QLabel()
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.setToolTip(self.tr("Bring back what was just removed (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton("×")
        close.setFlat(True)
        close.setFixedWidth(24)
        close.setToolTip(self.tr("Hide"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        self._action: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        # The shortcut lives on the parent page so it works wherever the focus is inside it (a page
        # with its own undo stack binds Ctrl+Z itself and passes with_shortcut=False).
        if with_shortcut:
            self.shortcut = QShortcut(QKeySequence.StandardKey.Undo, parent or self)
            self.shortcut.activated.connect(self.undo)
        self.hide()

    def offer(self, text: str, action: Callable[[], None]) -> None:
        self.label.setText(text)
        self._action = action
        self.show()
        self._timer.start(UNDO_VISIBLE_MS)

    def undo(self) -> None:
        action, self._action = self._action, None
        self.dismiss()
        if action is not None:
            action()

    def dismiss(self) -> None:
        self._timer.stop()
        self._action = None
        self.hide()
