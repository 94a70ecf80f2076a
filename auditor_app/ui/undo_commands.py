"""Undo and redo of the checklist's quick changes (answers, clears, grades, NC deletions) with Qt's
QUndoStack: each change is a command whose redo and undo are audit operations run through the writer,
so an undo is itself a logged change (the event log shows the answer, then its undo)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand


class WriteCommand(QUndoCommand):
    """`do()` on push and on redo, `undo()` on undo; both only queue operations through the writer."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None]):
        super().__init__(text)
        self._do, self._undo = do, undo

    def redo(self) -> None:  # noqa: D102 - Qt override
        self._do()

    def undo(self) -> None:  # noqa: D102 - Qt override
        self._undo()
