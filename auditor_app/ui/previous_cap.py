"""The previous CAP, verified item by item (a Progress Visit, a follow-up, a desktop review): each
carried NC with its grade, root cause, action, responsible person, due date and whether it is overdue,
and what this visit found (closed with evidence / progress made / still open / not verifiable) with a
note. Photos and documents are linked to the carried NC from the Evidence page, as for any NC.
Nothing here deletes an NC: `audits/verification.py` refuses it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits.verification import RESULTS, carried_items, verify_carried
from auditor_app.checklist.grades import grade as grade_of

COLUMNS = ("Checkpoint", "Grade", "Finding", "Root cause", "Corrective action", "Responsible", "Due",
           "Result", "What was seen")
RESULT_COLUMN, NOTE_COLUMN = 7, 8
ID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE = "#b71c1c"


class PreviousCapPanel(QWidget):
    counted = Signal(int, int)  # verified, carried: the tab's title follows

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.frozen = False
        self._filling = False
        self.intro = QLabel(self.tr("Every item of the previous CAP gets a result: closed with evidence, progress "
                                    "made, still open or not verifiable, with what was seen. Link photos and "
                                    "documents to the NC on the Evidence page. Nothing is deleted."))
        self.intro.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {OVERDUE};")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("previous-cap")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        for column in (2, 3, 4, NOTE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 80), (1, 80), (5, 110), (6, 110), (RESULT_COLUMN, 170)):
            self.table.setColumnWidth(column, width)
        self.table.itemChanged.connect(self._note_edited)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)

    # ---- model -> widget ----
    def refresh(self, frozen: bool) -> None:
        self.frozen = frozen
        aid = self.ctx.audit_id
        items = self.ctx.read(lambda s: carried_items(s, aid))
        self._filling = True
        try:
            self.table.setRowCount(len(items))
            for row, item in enumerate(items):
                f, cap = item.finding, item.cap
                due = cap.due_date.isoformat() if cap.due_date else ""
                if item.overdue:
                    due += self.tr(" (overdue)")
                values = (f.checkpoint_id, grade_of(f.grade).label, f.description, cap.root_cause,
                          cap.corrective_action, cap.responsible_person, due)
                for column, text in enumerate(values):
                    cell = QTableWidgetItem(text)
                    cell.setToolTip(text)
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    if column == 6 and item.overdue:
                        cell.setForeground(Qt.GlobalColor.darkRed)
                    self.table.setItem(row, column, cell)
                self.table.item(row, 0).setData(ID_ROLE, cap.id)
                self.table.setCellWidget(row, RESULT_COLUMN, self._result_box(row, cap.verification_result))
                note = QTableWidgetItem(cap.auditor_verification or "")
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                note.setFlags(flags if frozen else flags | Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, NOTE_COLUMN, note)
        finally:
            self._filling = False
        self.counted.emit(sum(1 for i in items if i.verified), len(items))

    def _result_box(self, row: int, result: str | None) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("Not verified yet"), None)
        for key, (label, _status) in RESULTS.items():
            box.addItem(self.tr(label), key)
        box.setCurrentIndex(max(0, box.findData(result)))
        box.setEnabled(not self.frozen)
        box.activated.connect(lambda _i, r=row: self._save(r))
        return box

    # ---- widget -> model ----
    def cap_id(self, row: int) -> str:
        return self.table.item(row, 0).data(ID_ROLE)

    def result_of(self, row: int) -> str | None:
        return self.table.cellWidget(row, RESULT_COLUMN).currentData()

    def _note_edited(self, cell: QTableWidgetItem) -> None:
        if not self._filling and cell.column() == NOTE_COLUMN:
            self._save(cell.row())

    def _save(self, row: int) -> None:
        result, note = self.result_of(row), self.table.item(row, NOTE_COLUMN).text().strip()
        if self.frozen or result is None:
            return
        if result in ("closed", "unverifiable") and not note:
            self.problem.setText(self.tr("Say what was seen in the last column: “%s” needs a note.")
                                 % self.tr(RESULTS[result][0]))
            self.problem.show()
            self.table.setCurrentCell(row, NOTE_COLUMN)
            self.table.editItem(self.table.item(row, NOTE_COLUMN))
            return
        self.problem.hide()
        self.ctx.write(verify_carried, self.cap_id(row), result, note)
