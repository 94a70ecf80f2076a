"""The grey, centred hint shown where a list has nothing yet (its own module: the audit list at start
needs it without the stage pages' imports)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def empty_state(text: str, parent: QWidget | None = None) -> QLabel:
    """The grey, centred hint shown where a list has nothing yet, saying what to do."""
    label = QLabel(text, parent)
    label.setObjectName("empty-state")
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(mid); padding: 24px; font-size: 11pt;")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
