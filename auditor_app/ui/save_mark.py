"""The header's save mark: "Saving…" while a change waits for its commit, "Saved 10:42" after, and
"Not saved" with the reason when a write was refused. There is no Save button: this is how the
auditor sees that what they typed is on disk."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget


class SaveMark(QLabel):
    def __init__(self, writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("save-mark")
        self.setMinimumWidth(110)
        self._failed = ""
        writer.committed.connect(self._committed)
        writer.failed.connect(self.show_failure)
        writer.pending_changed.connect(self.show_pending)
        self.show_pending(writer.pending())

    def show_pending(self, pending: int) -> None:
        if pending:
            self._set(self.tr("Saving…"), "#9a6700", self.tr("Changes are being written to the audit database"))
        elif self._failed:
            self._set(self.tr("Not saved"), "#cf222e", self._failed)
        else:
            now = datetime.now().strftime("%H:%M")
            self._set(self.tr("✓ Saved {time}").format(time=now), "#1a7f37",
                      self.tr("Every change is in the audit database (there is no Save button)"))

    def show_failure(self, error: BaseException) -> None:
        self._failed = self.tr("The last change was not saved: {error}").format(error=error)

    def _committed(self, _changes) -> None:
        self._failed = ""  # a later change went in: the store is writable again

    def _set(self, text: str, colour: str, tip: str) -> None:
        self.setText(text)
        self.setStyleSheet(f"color: {colour};")
        self.setToolTip(tip)
