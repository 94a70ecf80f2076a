"""Undo and redo of the checklist's changes (answers, clears, grades, NC edits and deletions) with Qt's
QUndoStack: each change is a command whose redo and undo are audit operations run through the writer,
so an undo is itself a logged change (the event log shows the answer, then its undo)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand


class WriteCommand(QUndoCommand):
    """`do()` on push and on redo, `undo()` on undo; both only queue operations through the writer."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None], already_done: bool = False):
        super().__init__(text)
        self._do, self._undo = do, undo
        # A change saved by its own dialog (the NC editor's Save) is pushed after the fact: skip the first redo.
        self._skip_redo = already_done

    def redo(self) -> None:  # noqa: D102 - Qt override
        if self._skip_redo:
            self._skip_redo = False
            return
        self._do()

    def undo(self) -> None:  # noqa: D102 - Qt override
        self._undo()
