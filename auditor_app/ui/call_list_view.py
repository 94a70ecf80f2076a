"""The call list on screen: who to call for each drawn code (worker id, name, department, shift, line),
why they were drawn and where their interview stands; a worker absent or refusing is marked here and
replaced from the same stratum; the list prints as a PDF for the working papers.

Names come from the roster kept on this laptop, never from the audit record; without that roster the
list shows codes and strata and says what to import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits.replacements import replace_drawn_worker, undo_replacement
from auditor_app.checklist.call_list import CallEntry
from auditor_app.checklist.messages import message
from auditor_app.checklist.roster_analysis import RosterAnalysis
from auditor_app.reports.call_list import CallListHeader
from auditor_app.ui.call_list_export import CallListExporter
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, message_text, translate
from auditor_app.ui.replace_dialog import ReplaceDialog

COLUMNS = (
    QT_TRANSLATE_NOOP("CallListView", "Code"),
    QT_TRANSLATE_NOOP("CallListView", "Worker id"),
    QT_TRANSLATE_NOOP("CallListView", "Name"),
    QT_TRANSLATE_NOOP("CallListView", "Department"),
    QT_TRANSLATE_NOOP("CallListView", "Shift"),
    QT_TRANSLATE_NOOP("CallListView", "Line"),
    QT_TRANSLATE_NOOP("CallListView", "Status"),
    QT_TRANSLATE_NOOP("CallListView", "Why drawn"),
)
STATUS = 6  # the Status column
FLAGGED = QColor("#fde7e4")
REASON_WORDS = {"absent": QT_TRANSLATE_NOOP("CallListView", "{code} is marked absent."),
                "refused": QT_TRANSLATE_NOOP("CallListView", "{code} is marked as refusing."),
                "other": QT_TRANSLATE_NOOP("CallListView", "{code} is marked as not interviewed.")}
DONE = QColor("#5f6b7a")


def match_text(result: dict) -> str:
    """How a replacement matches the worker it replaces (`replace_drawn_worker`), in the window's language."""
    level = result.get("match_level")
    if isinstance(level, int):
        return message_text(message(f"call.match.{level}"))
    return str(result.get("match") or "")

class CallListView(QWidget):
    selected_interview = Signal(str)   # the interview id of the row the auditor selected

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[CallEntry] = []
        self.analysis: RosterAnalysis | None = None
        self.header: Callable[[], CallListHeader] | None = None
        self.day = ""
        self.frozen = False
        self.exporter = CallListExporter(ctx, self)

        self.problem = QLabel()
        self.problem.setObjectName("call-list-problem")
        self.problem.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("call-list")
        self.table.setHorizontalHeaderLabels([self.tr(word) for word in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line a worker; the whole text is in each cell's tooltip
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS) - 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)  # long ones elide: tooltip
        header.resizeSection(STATUS, 120)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.absent_button = QPushButton(self.tr("Absent or refused…"))
        self.absent_button.setToolTip(self.tr("Mark the selected worker and draw the next worker of the same stratum"))
        self.absent_button.clicked.connect(self.mark_selected)
        self.undo_button = QPushButton(self.tr("Came after all"))
        self.undo_button.setToolTip(self.tr("Take back the mark; an untouched replacement form is removed"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.print_button = QPushButton(self.tr("Print call list (PDF)…"))
        self.print_button.clicked.connect(self.print_list)
        self.result = QLabel()
        self.result.setObjectName("call-list-result")
        self.result.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.absent_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch()
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result)

    # ---- model -> widgets ----
    def show_entries(self, entries: Sequence[CallEntry], analysis: RosterAnalysis | None, problem: str,
                     frozen: bool, header: Callable[[], CallListHeader], day: str) -> None:
        """`analysis`: the roster worked out for this very draw (names the workers), else None and
        `problem` says why the list has no names."""
        entries = list(entries)
        same = (entries == self.entries and analysis is self.analysis and frozen == self.frozen
                and problem == self.problem.text() and self.table.rowCount() == len(entries))
        self.entries, self.analysis, self.frozen, self.header, self.day = entries, analysis, frozen, header, day
        if same:
            return  # a refresh for another reason (typing in a form): keep the selection and the scroll
        self.problem.setText(problem)
        self.problem.setStyleSheet("color: #b71c1c;" if problem and self.entries else "")
        self.problem.setVisible(bool(problem))
        selected = self.selected()
        keep = selected.code if selected is not None else None
        scrolled = self.table.verticalScrollBar().value()
        self.table.setRowCount(0)
        for entry in self.entries:
            self._add_row(entry)
            if entry.code == keep:
                self.table.selectRow(self.table.rowCount() - 1)
        self.table.verticalScrollBar().setValue(scrolled)
        self.print_button.setEnabled(analysis is not None and bool(self.entries))
        self._enable()

    def _add_row(self, entry: CallEntry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        worker = entry.worker
        code = f"↳ {entry.code}" if entry.replaces else entry.code  # under the worker it replaces
        cells = (code, worker.worker_id if worker else "—", worker.name if worker else "—",
                 worker.department if worker else entry.stratum.get("department", ""),
                 worker.shift if worker else entry.stratum.get("shift", ""), entry.line or "—",
                 message_text(entry.status_message) if entry.status_message else entry.status,
                 message_text(entry.why_message) if entry.why_message else entry.why)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(self.tr("{code} replaces {other}").format(code=entry.code, other=entry.replaces)
                            if col == 0 and entry.replaces else text)
            if entry.flagged:
                item.setBackground(QBrush(FLAGGED))
            if entry.held or entry.closed:
                item.setForeground(QBrush(DONE))
            self.table.setItem(row, col, item)

    def selected(self) -> CallEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return self.entries[rows[0].row()]

    def _selection_changed(self) -> None:
        self._enable()
        entry = self.selected()
        if entry is not None and entry.interview_id:
            self.selected_interview.emit(entry.interview_id)

    def _enable(self) -> None:
        entry = self.selected()
        self.absent_button.setEnabled(bool(entry and self.analysis is not None and not self.frozen and entry.interview_id
                                           and not entry.held and not entry.closed))
        self.undo_button.setEnabled(bool(entry and not self.frozen and entry.closed))

    # ---- actions ----
    def _who(self, entry: CallEntry) -> str:
        worker = entry.worker
        if worker is None:
            return entry.code
        where = ", ".join(p for p in (worker.department, worker.shift, entry.line) if p)
        name = worker.name or self.tr("no name given")  # not inside the f-string: lupdate would not see it
        return f"{entry.code}: {name} ({worker.worker_id}), {where}."

    def mark_selected(self) -> None:
        entry, analysis = self.selected(), self.analysis
        if entry is None or analysis is None or analysis.key is None or not self.absent_button.isEnabled():
            return
        dialog = ReplaceDialog(entry.code, self._who(entry), self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            reason, note = dialog.reason(), dialog.note.text()
        finally:
            dialog.deleteLater()
        self.ctx.write(replace_drawn_worker, entry.interview_id, reason, note, roster=analysis.roster,
                       roster_sha256=analysis.roster_sha256,
                       on_done=lambda result, key=analysis.key: self._replaced(result, key, reason))

    def _replaced(self, result: dict, key, reason: str) -> None:
        marked = translate("CallListView", REASON_WORDS.get(reason, REASON_WORDS["other"])).format(
            code=result["replaced"])
        if result.get("code") is None:
            self.result.setText(marked + " " + self.tr("Nobody is left in the roster to replace them: every worker "
                                                       "is drawn already."))
            return
        rank = result.get("rank")
        worker = key.workers.get(key.reserve[rank]) if isinstance(rank, int) and 0 <= rank < len(key.reserve) else None
        name = (worker.name if worker else "") or self.tr("no name given")
        who = f": {name} ({worker.worker_id}), {worker.department}" if worker else ""
        self.result.setText(marked + " " + self.tr("{code} replaces them, drawn {match}{who}: call them next.")
                            .format(code=result["code"], match=match_text(result), who=who))

    def undo_selected(self) -> None:
        entry = self.selected()
        if entry is None or not self.undo_button.isEnabled():
            return
        self.ctx.write(undo_replacement, entry.interview_id, on_done=self._undone)

    def _undone(self, result: dict) -> None:
        text = self.tr("{code} is to be interviewed again.").format(code=result["reopened"])
        if result.get("removed"):
            text += " " + self.tr("Its replacement {code} was removed (nothing was recorded for it).").format(
                code=result["removed"])
        elif result.get("kept"):
            text += " " + self.tr("Its replacement {code} stays: something was recorded for it.").format(
                code=result["kept"])
        self.result.setText(text)

    def print_list(self) -> None:
        if self.header is not None and self.print_button.isEnabled():
            self.exporter.export(self.entries, self.header(), self.day)
