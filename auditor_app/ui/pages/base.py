"""The base of every stage page: refresh from the store, autosave edits, report completion.

A page builds its widgets in `__init__` and ends it with `self.refresh(set(ALL_TABLES))` to load.
After that `ctx.changed` calls `refresh(changed)` whenever a committed write touched one of
`watched_tables` (all tables when empty). Widgets are filled inside `with self.loading():` so that
filling them does not look like the user editing them; `save_later`/`save_now` ignore that noise.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from auditor_app.store.models import AUDIT_TABLES

if TYPE_CHECKING:  # annotations only: the context loads the rating rules
    from auditor_app.ui.context import AuditContext

ALL_TABLES = frozenset(model.__tablename__ for model in AUDIT_TABLES)


class StagePage(QWidget):
    stage: str = ""  # one of auditor_app.store.vocab.STAGES
    title: str = ""
    watched_tables: frozenset[str] = frozenset()  # empty: every change refreshes the page

    # Emitted after refresh; the stage rail re-reads completion() from it.
    completion_changed = Signal()

    def __init__(self, ctx: AuditContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._loading = 0
        ctx.changed.connect(self._on_changed)

    # ---- to override ----
    def refresh(self, changed: set[str]) -> None:
        """Re-read what this page shows from the store; `changed` names the tables that changed."""

    def completion(self) -> tuple[int, int]:
        """(done, total) for the stage rail."""
        return (0, 0)

    # ---- helpers ----
    def _on_changed(self, tables: set[str]) -> None:
        if not self.watched_tables or tables & self.watched_tables:
            self.refresh(tables)
            self.completion_changed.emit()

    @contextmanager
    def loading(self):
        """Fill widgets from the store without triggering saves."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    @property
    def is_loading(self) -> bool:
        return self._loading > 0

    def save_later(self, key: Any, op: Callable, *args, on_done: Callable | None = None, **kwargs) -> None:
        """Debounced audit operation for typing: one commit per pause, the latest value wins."""
        if not self.is_loading:
            self.ctx.write(op, *args, key=(self.stage, key), on_done=on_done, **kwargs)

    def is_editing(self, key: Any) -> bool:
        """The auditor's latest edit under `key` is not committed yet: refresh must not overwrite it."""
        return self.ctx.is_pending((self.stage, key))

    def save_now(self, op: Callable, *args, on_done: Callable | None = None, **kwargs) -> None:
        """Run an audit operation through the writer now (a click, a tick, a choice)."""
        if not self.is_loading:
            self.ctx.write(op, *args, on_done=on_done, **kwargs)


def set_text(widget: QWidget, text: str, editing: bool = False) -> None:
    """Show the stored text, unless the auditor is typing in that very field (keep the cursor) or
    `editing` says an edit of it is still on its way to the store."""
    if editing:
        return
    text = text or ""
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        if widget.toPlainText() != text and not widget.hasFocus():
            widget.setPlainText(text)
    elif isinstance(widget, QLineEdit):
        if widget.text() != text and not widget.hasFocus():
            widget.setText(text)
            widget.setCursorPosition(0)  # show the start of a long value, not its end
    elif isinstance(widget, QLabel):
        widget.setText(text)


def set_checked(button: QAbstractButton, value: bool) -> None:
    if button.isChecked() != bool(value):
        button.setChecked(bool(value))


