"""The selected CAP row in full, below the CAP table: the finding's whole description and every CAP
field in a full-size box, so the factory manager reads all of what they sign, however long.

Edits are reported like the table's, through `edited(cap_id, field, value)`; the page saves both
through the same debounced key, so the latest edit of a field wins wherever it was typed.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget,
)

from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, grade_label, translate
from auditor_app.ui.pages.base import set_text

TEXT_FIELDS = (("root_cause", QT_TRANSLATE_NOOP("CapTable", "Root cause")),
               ("corrective_action", QT_TRANSLATE_NOOP("CapTable", "Corrective action")),
               ("preventive_action", QT_TRANSLATE_NOOP("CapTable", "Preventive action")),
               ("factory_comment", QT_TRANSLATE_NOOP("CapTable", "Factory comment")))


class CapDetail(QGroupBox):
    edited = Signal(str, str, object)  # cap item id, field, new value

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Selected NC"))
        self.setObjectName("cap-detail")
        self.cap_id: str | None = None
        self.read_only = False
        self._filling = 0
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        self.description = QPlainTextEdit()
        self.description.setObjectName("cap-detail-finding")
        self.description.setReadOnly(True)  # the finding is edited in the NC editor (checklist page)
        self.description.setToolTip(self.tr("The finding as recorded; edit it on the checklist page"))
        self.description.setStyleSheet("QPlainTextEdit { background: palette(window); }")
        self.description.setMinimumHeight(34)  # two lines at least; the splitter above gives more
        grid.addWidget(QLabel(self.tr("Finding")), 0, 0)
        grid.addWidget(self.description, 1, 0)
        self.texts: dict[str, QPlainTextEdit] = {}
        for col, (key, label) in enumerate(TEXT_FIELDS, start=1):
            box = QPlainTextEdit()
            box.setObjectName(f"cap-detail-{key}")
            box.setTabChangesFocus(True)
            box.setMinimumHeight(34)  # a 720p laptop keeps four CAP rows above; drag the splitter for more
            box.textChanged.connect(lambda k=key, b=box: self._emit(k, b.toPlainText().strip()))
            grid.addWidget(QLabel(translate("CapTable", label)), 0, col)
            grid.addWidget(box, 1, col)
            self.texts[key] = box
        self.responsible = QLineEdit()
        self.responsible.setPlaceholderText(self.tr("Name and position at the factory"))
        self.responsible.textEdited.connect(lambda text: self._emit("responsible_person", text.strip()))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setToolTip(self.tr("From the CAP policy for this grade; change it if agreed with the factory"))
        self.due.dateChanged.connect(lambda d: self._emit("due_date", d.toPython()))
        self.position = QComboBox()
        self.position.addItem(self.tr("Agree"), "agree")
        self.position.addItem(self.tr("Dispute"), "dispute")
        self.position.currentIndexChanged.connect(lambda _i: self._emit("factory_position", self.position.currentData()))
        fields = QHBoxLayout()
        for label, widget, stretch in (("Responsible", self.responsible, 1), ("Due", self.due, 0),
                                       ("Factory", self.position, 0)):
            fields.addWidget(QLabel(translate("CapTable", label)))
            fields.addWidget(widget, stretch)
        grid.addLayout(fields, 2, 0, 1, len(TEXT_FIELDS) + 1)
        for col in range(len(TEXT_FIELDS) + 1):
            grid.setColumnStretch(col, 1)
        grid.setRowStretch(1, 1)

    @contextmanager
    def _loading(self):
        self._filling += 1
        try:
            yield
        finally:
            self._filling -= 1

    def show_row(self, finding, cap, read_only: bool, editing: Callable[[str], bool] = lambda _field: False) -> None:
        """Show one (finding, cap item); `editing(field)` is true while an edit of it is on its way."""
        moved = cap.id != self.cap_id
        self.cap_id, self.read_only = cap.id, read_only
        self.setTitle(self.tr("NC {cp} · {grade}: the whole CAP row").format(cp=finding.checkpoint_id,
                                                                          grade=grade_label(finding.grade)))
        with self._loading():
            self.description.setPlainText(finding.description or self.tr("(no description yet)"))
            for key, box in self.texts.items():
                if moved:  # another row: show it even where the focus is
                    box.setPlainText(getattr(cap, key) or "")
                else:
                    set_text(box, getattr(cap, key), editing(key))
                box.setReadOnly(read_only)  # read-only still scrolls and selects: the text stays readable
            if moved:
                self.responsible.setText(cap.responsible_person or "")
            else:
                set_text(self.responsible, cap.responsible_person, editing("responsible_person"))
            self.responsible.setReadOnly(read_only)
            if cap.due_date is not None:
                self.due.setDate(QDate(cap.due_date.year, cap.due_date.month, cap.due_date.day))
            self.position.setCurrentIndex(max(0, self.position.findData(cap.factory_position)))
            self.due.setEnabled(not read_only)
            self.position.setEnabled(not read_only)

    def _emit(self, key: str, value) -> None:
        if not self._filling and not self.read_only and self.cap_id is not None:
            self.edited.emit(self.cap_id, key, value)
