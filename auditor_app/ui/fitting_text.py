"""Long text in a narrow side pane, readable and never past its right edge.

- `ElidedLabel`: one line shortened to the width it is given (…), the full text in its tooltip; for
  values that cannot wrap (a SHA-256, a long file name), which a plain QLabel would show at their
  whole width, pushing the rest of the pane out of sight.
- `wrapping_list`: a QListWidget whose items wrap to the pane's width instead of scrolling sideways.
- `shortened`: the start of a long text, cut at a word, with "…".
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QSizePolicy, QWidget


def shortened(text: str, limit: int) -> str:
    """The start of a long text, cut at a word, with "…" saying there is more."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def wrapping_list(name: str) -> QListWidget:
    """A list whose items wrap to its width and re-wrap when the pane is resized."""
    items = QListWidget()
    items.setObjectName(name)
    items.setWordWrap(True)
    items.setResizeMode(QListWidget.ResizeMode.Adjust)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    items.setTextElideMode(Qt.TextElideMode.ElideRight)
    return items


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.mode = mode
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self.full_text = text or ""
        self.setToolTip(self.full_text)
        self._elide()

    def text_shown(self) -> str:
        return super().text()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 0)
        shown = self.fontMetrics().elidedText(self.full_text, self.mode, width) if width else self.full_text
        super().setText(shown)
