"""A finalized or received audit is shown as text, not as greyed-out widgets.

`set_read_only(container, True)` makes every field under `container` read-only instead of disabled:
text stays at full contrast, selectable and copyable; ticks and choices keep showing their state but
take no clicks or keys; buttons that would change something are disabled (that grey says "no action
here", which is true). Calling it again with False gives everything back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QWidget,
)

_FOCUS = "_read_only_focus"  # the focus policy a choice had before it was made read-only
_EATEN = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
          QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel}


class _Inert(QObject):
    """Swallows clicks, keys and the wheel of a read-only choice (its look is left alone)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() in _EATEN


_INERT = _Inert()


def set_read_only(container: QWidget, read_only: bool) -> None:
    for widget in container.findChildren(QWidget):
        _apply(widget, read_only)


def _apply(widget: QWidget, read_only: bool) -> None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
        widget.setReadOnly(read_only)
        if isinstance(widget, (QPlainTextEdit, QTextEdit)) and read_only:
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    elif isinstance(widget, (QCheckBox, QRadioButton, QComboBox)):
        _inert(widget, read_only)
    elif isinstance(widget, QAbstractButton) and isinstance(widget, QPushButton):
        if widget.property("keeps_enabled") is not True:  # e.g. "Open photo": reading, not changing
            widget.setEnabled(not read_only)
    elif isinstance(widget, QAbstractItemView):
        if read_only:
            widget.setProperty("_edit_triggers", int(widget.editTriggers().value))
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif widget.property("_edit_triggers") is not None:
            widget.setEditTriggers(QAbstractItemView.EditTrigger(widget.property("_edit_triggers")))


def _inert(widget: QWidget, read_only: bool) -> None:
    """Shows its state at full contrast; no mouse, no keyboard focus."""
    if read_only:
        widget.installEventFilter(_INERT)
    else:
        widget.removeEventFilter(_INERT)
    if read_only:
        if widget.property(_FOCUS) is None:
            widget.setProperty(_FOCUS, int(widget.focusPolicy().value))
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    elif widget.property(_FOCUS) is not None:
        widget.setFocusPolicy(Qt.FocusPolicy(widget.property(_FOCUS)))
