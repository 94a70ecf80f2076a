"""The "History" tab of the review: who changed what, and when, from the audit's event log, with every
change made after the factory manager signed the CAP shown plainly (a warning strip above, the rows
highlighted; darker for a change to what the factory signed)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.review.history import ChangeHistory, HistoryEntry
from auditor_app.ui.review_words import field_name

AFTER_SIGNED = "#fde2e1"  # changed after the factory signed
ON_SIGNED = "#f8b4b0"  # ... and it changed what the factory signed
STRIP = "background: #82071e; color: white; padding: 6px 10px; border-radius: 4px; font-weight: 600;"


def _value(value) -> str:
    return "—" if value is None or value == "" else str(value)


class HistoryPane(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.history: ChangeHistory | None = None
        self.warning = QLabel()
        self.warning.setObjectName("after-signed-warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(STRIP)
        self.warning.hide()
        self.signed = QLabel()
        self.signed.setWordWrap(True)
        self.only_flagged = QCheckBox(self.tr("Only the changes after the factory signed"))
        self.only_flagged.toggled.connect(lambda _: self._fill())
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("review-history")
        self.table.setHorizontalHeaderLabels([self.tr("When (UTC)"), self.tr("Who"), self.tr("What"),
                                              self.tr("Fields changed")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.signed)
        layout.addWidget(self.only_flagged)
        layout.addWidget(self.table, 1)

    # ---- model -> widget ----
    def show_history(self, history: ChangeHistory) -> None:
        self.history = history
        flagged = history.flagged
        on_signed = sum(1 for e in flagged if e.on_signed_content)
        if flagged:
            self.warning.setText(self.tr("%n change(s) made after the factory signed the CAP", "", len(flagged))
                                 + (" · " + self.tr("%n of them to what it signed", "", on_signed) if on_signed else ""))
        self.warning.setVisible(bool(flagged))
        if history.factory_signed_at:
            self.signed.setText(self.tr("The factory manager signed the CAP at {at} UTC.").format(
                at=history.factory_signed_at[:16].replace("T", " ")))
        else:
            self.signed.setText(self.tr("The factory has not signed the CAP in this revision."))
        if history.supersedes:
            self.signed.setText(self.signed.text() + " " + self.tr(
                "This revision started as a copy of the one before (%n row(s), not listed).", "", history.copied))
        self._fill()

    def _fill(self) -> None:
        if self.history is None:
            return
        entries = self.history.flagged if self.only_flagged.isChecked() else self.history.entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (entry.at[:19].replace("T", " "), entry.actor, self.what(entry),
                     "; ".join(f"{field_name(c.field)}: {_value(c.old)} → {_value(c.new)}" for c in entry.fields))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if entry.after_factory_signed:
                    cell.setBackground(QBrush(QColor(ON_SIGNED if entry.on_signed_content else AFTER_SIGNED)))
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def what(self, entry: HistoryEntry) -> str:
        mark = "⚠ " if entry.after_factory_signed else ""
        return f"{mark}{entry.action} {entry.label}"

    def flagged_rows(self) -> list[int]:
        """Rows shown highlighted (tests and screenshots)."""
        return [r for r in range(self.table.rowCount()) if self.table.item(r, 2).text().startswith("⚠")]
