"""The items of the audit under review a comment can be about (the audit, each finding, CAP row,
interview, photo and a few factory-profile fields), each marked with its comments: a count, and how
many are not answered yet. Selecting a row is choosing what the next comment is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from auditor_app.ui.i18n import grade_label
from auditor_app.ui.review_snapshot import Item, ReviewSnapshot
from auditor_app.ui.review_words import field_name

ITEM_ROLE = Qt.ItemDataRole.UserRole
OPEN_COMMENTS = "#fff4e5"  # an item with a comment not answered yet


class ReviewItems(QTableWidget):
    """Emits `chosen(kind, id)` when the selected row changes."""

    chosen = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setObjectName("review-items")
        self.setHorizontalHeaderLabels([self.tr("Item"), self.tr("What it says"), self.tr("Comments")])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.itemSelectionChanged.connect(self._selected)

    # ---- model -> widget ----
    def show_snapshot(self, snapshot: ReviewSnapshot) -> None:
        keep = self.selected()
        self.blockSignals(True)
        self.setRowCount(len(snapshot.items))
        for row, item in enumerate(snapshot.items):
            total, unanswered = snapshot.counts.get((item.kind, item.id), (0, 0))
            cells = (self.label(item), self.says(item), self.marker(total, unanswered))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if total:
                    font = QFont(cell.font())
                    font.setBold(True)
                    cell.setFont(font)
                if unanswered:
                    cell.setBackground(QBrush(QColor(OPEN_COMMENTS)))
                self.setItem(row, column, cell)
            self.item(row, 0).setData(ITEM_ROLE, (item.kind, item.id))
        self.blockSignals(False)
        if keep is not None:
            self.select(*keep)

    def label(self, item: Item) -> str:
        if item.kind == "audit":
            return self.tr("The audit as a whole")
        if item.kind == "finding":
            return self.tr("Finding {checkpoint} ({grade})").format(checkpoint=item.checkpoint,
                                                                     grade=grade_label(item.grade))
        if item.kind == "cap_item":
            return self.tr("CAP row of finding {checkpoint}").format(checkpoint=item.checkpoint)
        if item.kind == "interview":
            return self.tr("Interview {code}").format(code=item.checkpoint)
        if item.kind == "evidence":
            return self.tr("Photo {name}").format(name=item.checkpoint)
        return self.tr("Factory profile: {field}").format(field=field_name(item.field))

    def says(self, item: Item) -> str:
        if item.kind == "interview":  # its kind, not its notes: those are confidential
            return {"individual": self.tr("individual interview"), "group": self.tr("group interview")}.get(
                item.text, item.text)
        return item.text

    def marker(self, total: int, unanswered: int) -> str:
        if not total:
            return ""
        text = self.tr("%n comment(s)", "", total)
        return text + (" · " + self.tr("%n not answered", "", unanswered) if unanswered else "")

    # ---- widget -> model ----
    def selected(self) -> tuple[str, str] | None:
        rows = self.selectionModel().selectedRows()
        return tuple(self.item(rows[0].row(), 0).data(ITEM_ROLE)) if rows else None  # type: ignore[return-value]

    def select(self, kind: str, item_id: str) -> bool:
        for row in range(self.rowCount()):
            if tuple(self.item(row, 0).data(ITEM_ROLE)) == (kind, item_id):
                self.selectRow(row)
                return True
        return False

    def row_of(self, kind: str, item_id: str) -> int:
        return next((r for r in range(self.rowCount()) if tuple(self.item(r, 0).data(ITEM_ROLE)) == (kind, item_id)),
                    -1)

    def _selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.chosen.emit(*chosen)
