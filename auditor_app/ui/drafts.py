"""Keeping what an editor holds on disk while the auditor types (`store/drafts.py` writes it).

`DraftKeeper` is what widgets talk to: `keep(...)` at every change (written a quarter second after
the last one, off the GUI thread), `drop(key)` once the text is saved or knowingly thrown away.
`CellTyping` is a delegate for table widgets: the text of a cell being edited is reported at every
keystroke, long before the cell is committed (a kill in between would otherwise lose it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from auditor_app.store.drafts import Draft, DraftJournal

WRITE_AFTER_MS = 250  # well inside the promised second, and one write per pause in typing


class DraftKeeper(QObject):
    def __init__(self, journal: DraftJournal, parent: QObject | None = None):
        super().__init__(parent)
        self.journal = journal
        self._pending: dict[str, Draft] = {}
        self._timer = QTimer(self, singleShot=True, interval=WRITE_AFTER_MS)
        self._timer.timeout.connect(self.write_pending)

    def keep(self, key: str, kind: str, audit_id: str | None, label: str, values: dict[str, Any]) -> None:
        self._pending[key] = Draft(key=key, kind=kind, audit_id=audit_id, label=label, values=values)
        self._timer.start()

    def drop(self, key: str) -> None:
        self._pending.pop(key, None)
        self.journal.drop(key)

    def write_pending(self) -> None:
        for draft in self._pending.values():
            self.journal.keep(draft)
        self._pending.clear()

    def drafts(self, audit_id: str | None = None, kinds: frozenset[str] | set[str] | None = None) -> list[Draft]:
        """Drafts left on disk (by an earlier run), optionally for one audit and of some kinds."""
        return [d for d in self.journal.drafts()
                if (audit_id is None or d.audit_id == audit_id) and (kinds is None or d.kind in kinds)]

    def close(self) -> None:
        self.write_pending()
        self.journal.wait()


class CellTyping(QStyledItemDelegate):
    """Reports `typed(row, column, text)` while a cell's line editor is open."""

    typed = Signal(int, int, str)

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            row, column = index.row(), index.column()
            editor.textEdited.connect(lambda text: self.typed.emit(row, column, text))
        return editor
