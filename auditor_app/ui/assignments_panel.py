"""The audits assigned on the platform, above the audit list: factory, type, window, and "Start audit"
(one not started yet on this laptop); hidden while there is none. The files are read off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from auditor_app.ui.i18n import QT_TRANSLATE_NOOP
from auditor_app.ui.operations import run_op

COLUMNS = (QT_TRANSLATE_NOOP("AssignmentsPanel", "Assigned factory"), QT_TRANSLATE_NOOP("AssignmentsPanel", "Type"),
           QT_TRANSLATE_NOOP("AssignmentsPanel", "Window"), "")


def _not_started(folder) -> list[dict[str, Any]]:
    # Imported here, in the worker, after the window is up, and the second only when assignments were
    # downloaded: it loads the audit creation rules (issue 17: a usable audit list first).
    from auditor_app.sync.account import saved_assignments

    saved = saved_assignments(folder)
    if not saved:
        return []
    from auditor_app.sync.assignments import started_audits

    started = started_audits(folder)
    return [a for a in saved if a.get("id") not in started]


class AssignmentsPanel(QFrame):
    """Emits `start_requested(assignment)` and `download_requested()`."""

    start_requested = Signal(dict)
    download_requested = Signal()

    def __init__(self, folder, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.assignments: list[dict[str, Any]] = []
        self.setObjectName("assignments-panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("Assigned to you on Connect"))
        self.title.setStyleSheet("font-weight: 600;")
        self.download_button = QPushButton(self.tr("Download assignments"))
        self.download_button.setToolTip(self.tr("Fetch the audits assigned to you, so they are here before going on site"))
        self.download_button.clicked.connect(self.download_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.download_button)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) if c else "" for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.hide()

    def reload(self) -> None:
        run_op(self, lambda _p: _not_started(self.folder), on_success=self.show_assignments,
               on_failure=lambda _e: self.show_assignments([]))

    def show_assignments(self, found: list[dict[str, Any]]) -> None:
        self.assignments = found
        self.table.setRowCount(len(found))
        for row, a in enumerate(found):
            factory = a.get("factory") or {}
            name = str(factory.get("name", "")) + (f"  {factory['name_local']}" if factory.get("name_local") else "")
            if a.get("previous_audit_id"):
                name += f"  (follows {str(a['previous_audit_id'])[:8]})"
            for col, text in enumerate((name, str(a.get("audit_type", "")),
                                        f"{a.get('window_start', '')} to {a.get('window_end', '')}")):
                item = QTableWidgetItem(text)
                if a.get("notes"):
                    item.setToolTip(str(a["notes"]))
                self.table.setItem(row, col, item)
            button = QPushButton(self.tr("Start audit"))
            button.setToolTip(self.tr("Create the draft audit from this assignment"))
            button.clicked.connect(lambda _=False, chosen=a: self.start_requested.emit(chosen))
            self.table.setCellWidget(row, 3, button)
        self.table.resizeRowsToContents()
        rows_height = sum(self.table.rowHeight(r) for r in range(min(len(found), 4)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows_height + 4)
        self.title.setText(self.tr("Assigned to you on Connect (%n not started)", "", len(found)))
        self.setVisible(bool(found))

    def start_button(self, row: int) -> QPushButton:
        widget = self.table.cellWidget(row, 3)
        assert isinstance(widget, QPushButton)
        return widget
