"""The CAP table of the closing meeting: one row per live NC, filled in with the factory.

Checkpoint, grade and description come from the finding (edit those in the NC editor); the rest is
the CAP item: root cause, corrective and preventive action, responsible person, due date (from the
policy, editable), the factory's position (agree / dispute) and its comment. Each edit is reported
through `edited(cap_id, field, value)`; the page saves it.

Rows grow to their text (word wrap, recomputed whenever a column is resized or a cell edited), up to
`MAX_ROW_LINES` lines and never so tall that fewer than `MIN_ROWS_SHOWN` rows fit the table's height
(on a 720p or 600p laptop rows stay short); the closing page shows the selected row whole below the
table (`ui/cap_detail.py`), and every cell's tooltip has its full text.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QHeaderView, QTableWidget, QTableWidgetItem

from auditor_app.ui.drafts import CellTyping
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, grade_label, translate

COLUMNS = (
    ("checkpoint", QT_TRANSLATE_NOOP("CapTable", "Checkpoint"), False),
    ("grade", QT_TRANSLATE_NOOP("CapTable", "Grade"), False),
    ("description", QT_TRANSLATE_NOOP("CapTable", "Finding"), False),
    ("root_cause", QT_TRANSLATE_NOOP("CapTable", "Root cause"), True),
    ("corrective_action", QT_TRANSLATE_NOOP("CapTable", "Corrective action"), True),
    ("preventive_action", QT_TRANSLATE_NOOP("CapTable", "Preventive action"), True),
    ("responsible_person", QT_TRANSLATE_NOOP("CapTable", "Responsible"), True),
    ("due_date", QT_TRANSLATE_NOOP("CapTable", "Due"), True),
    ("factory_position", QT_TRANSLATE_NOOP("CapTable", "Factory"), True),
    ("factory_comment", QT_TRANSLATE_NOOP("CapTable", "Factory comment"), True),
)
FIELD_COLUMN = {key: i for i, (key, _, _) in enumerate(COLUMNS)}
ID_ROLE = Qt.ItemDataRole.UserRole
MAX_ROW_LINES = 7
MIN_ROW_LINES = 2
MIN_ROWS_SHOWN = 4


def _values(finding, cap) -> dict:
    """What each column shows of one (finding, CAP item) row."""
    return {"checkpoint": finding.checkpoint_id, "grade": grade_label(finding.grade), "description": finding.description,
            **{key: getattr(cap, key) for key, _, editable in COLUMNS if editable}}


class CapTable(QTableWidget):
    edited = Signal(str, str, object)  # cap item id, field, new value
    typing = Signal(str, str, str)  # cap item id, field, the cell's text before it is committed

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("cap-table")
        self.setHorizontalHeaderLabels([translate("CapTable", label) for _, label, _ in COLUMNS])
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        # The whole row shows as selected (the pane below shows it); cells still edit one by one.
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.horizontalHeader()
        for i, width in enumerate((72, 70, 220, 130, 150, 130, 100, 104, 86, 130)):
            self.setColumnWidth(i, width)
        # The text columns share the width (none shrinks to a sliver on a 1280-pixel screen).
        for key in ("description", "root_cause", "corrective_action", "preventive_action", "factory_comment"):
            header.setSectionResizeMode(FIELD_COLUMN[key], QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)  # whole-row selection would make every header bold
        rows = self.verticalHeader()
        rows.setVisible(False)
        # Heights follow the text at the current column widths (Qt recomputes them on resize and edit).
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._fit_row_height()
        self.cap_ids: list[str] = []
        self._filling = False
        self.read_only = False
        self.itemChanged.connect(self._item_changed)
        typing = CellTyping(self)  # a kill while a cell is open must not lose its text
        typing.typed.connect(self._typed)
        self.setItemDelegate(typing)

    def _fit_row_height(self) -> None:
        """The tallest a row may grow: its text up to MAX_ROW_LINES, less where the table is short."""
        line = self.fontMetrics().lineSpacing()
        fits = (self.viewport().height() // MIN_ROWS_SHOWN - 10) // line
        lines = max(MIN_ROW_LINES, min(MAX_ROW_LINES, fits))
        rows = self.verticalHeader()
        if rows.maximumSectionSize() != line * lines + 10:
            rows.setMaximumSectionSize(line * lines + 10)
            rows.setMinimumSectionSize(min(rows.minimumSectionSize(), line + 10))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_row_height()

    def fill(self, rows: list[tuple], read_only: bool) -> None:
        """rows: (finding, cap_item) pairs in finding order."""
        self._filling = True
        was_read_only, self.read_only = self.read_only, read_only
        try:
            ids = [cap.id for _, cap in rows]
            editing = self.state() == QAbstractItemView.State.EditingState
            if editing and ids == self.cap_ids:
                return  # do not pull the cell out from under the auditor's typing; the next refresh will do
            if ids != self.cap_ids or read_only != was_read_only or self.rowCount() != len(ids):
                self._make_cells(ids)
            # A refresh of the same rows (after each save) only sets what changed, no cell is made again:
            # making them all (an editor and a drop-down a row) was 150-250 ms at 100 NCs, each save.
            for r, row in enumerate(rows):
                self._show_row(r, _values(*row))
        finally:
            self._filling = False

    def _make_cells(self, ids: list[str]) -> None:
        """Empty cells for these rows (editable or not as `read_only` says); `_show_row` fills them."""
        self.setRowCount(len(ids))
        self.cap_ids = ids
        for r in range(len(ids)):
            for key, _, editable in COLUMNS:
                if key == "due_date":
                    self._date_cell(r)
                elif key == "factory_position":
                    self._position_cell(r)
                else:
                    item = QTableWidgetItem()
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if editable and not self.read_only:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    item.setFlags(flags)
                    self.setItem(r, FIELD_COLUMN[key], item)

    def _show_row(self, row: int, values: dict) -> None:
        """Each cell of the row shows its value; set only where it differs (each set repaints)."""
        for key, _, _ in COLUMNS:
            col, value = FIELD_COLUMN[key], values[key]
            if key == "due_date":
                edit = self.cellWidget(row, col)
                if value is not None and edit.date().toPython() != value:
                    edit.setDate(QDate(value.year, value.month, value.day))
            elif key == "factory_position":
                combo = self.cellWidget(row, col)
                if combo.currentData() != value:
                    combo.setCurrentIndex(max(0, combo.findData(value)))
            else:
                item, text = self.item(row, col), str(value or "")
                if item.text() != text:
                    item.setText(text)
                    item.setToolTip(text)

    def cap_id_at(self, row: int) -> str | None:
        return self.cap_ids[row] if 0 <= row < len(self.cap_ids) else None

    def _date_cell(self, row: int) -> None:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(not self.read_only)
        edit.setToolTip(self.tr("From the CAP policy for this grade; change it if agreed with the factory"))
        edit.dateChanged.connect(lambda d, r=row: self._emit(r, "due_date", d.toPython()))
        self.setCellWidget(row, FIELD_COLUMN["due_date"], edit)

    def _position_cell(self, row: int) -> None:
        combo = QComboBox()
        combo.addItem(self.tr("Agree"), "agree")
        combo.addItem(self.tr("Dispute"), "dispute")
        combo.setEnabled(not self.read_only)
        combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self._emit(r, "factory_position", c.currentData()))
        self.setCellWidget(row, FIELD_COLUMN["factory_position"], combo)

    def _typed(self, row: int, column: int, text: str) -> None:
        if COLUMNS[column][2] and row < len(self.cap_ids) and not self.read_only:
            self.typing.emit(self.cap_ids[row], COLUMNS[column][0], text)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        key = COLUMNS[item.column()][0]
        if COLUMNS[item.column()][2]:
            item.setToolTip(item.text())
            self._emit(item.row(), key, item.text().strip())

    def _emit(self, row: int, key: str, value) -> None:
        if not self._filling and not self.read_only and row < len(self.cap_ids):
            self.edited.emit(self.cap_ids[row], key, value)
