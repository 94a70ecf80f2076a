"""One row per sampled worker and month: hours, overtime by kind of day, the longest run without a
day off, long days and weeks, overtime hours paid; a worker-month with a breach is red, with the
breaches in its tooltip and last column. Worker ids are roster ids (the files' names are not kept)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from auditor_app.hours.key_figures import rule_words
from auditor_app.hours.result import HoursResult, Violation, WorkerMonth
from auditor_app.ui import i18n
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP

COLUMNS = (
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Worker"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Month"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Days"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Hours"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "OT wkday"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "OT rest"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "OT hol."),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Run"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "> 11 h"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Max week"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "OT paid"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Breaches"),
)
TIPS = (
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Roster id"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "The month"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Days worked"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Hours worked"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Overtime on working days (150 %)"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Overtime on rest days (200 %)"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Hours on statutory holidays (300 %)"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Longest run of days without a day off touching this month"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Days over 11 hours"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Longest Monday-to-Sunday week counted in this month"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "Overtime hours in the payroll (if it has them)"),
    QT_TRANSLATE_NOOP("WorkerMonthTable", "The breaches of this worker-month"),
)
BREACH_BG = QColor("#FFEBE9")
BREACH_FG = QColor("#A40E26")
SIGNAL_FG = QColor("#9A6700")


class WorkerMonthTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("hours-table")
        self.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        for col, tip in enumerate(TIPS):
            header_item = self.horizontalHeaderItem(col)
            if header_item is not None:
                header_item.setToolTip(self.tr(tip))
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSortingEnabled(False)
        self.setAlternatingRowColors(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.breach_rows: list[int] = []

    def set_result(self, result: HoursResult | None, breaches_only: bool = False) -> None:
        months = list(result.months) if result is not None else []
        found: dict[tuple[str, str], list[Violation]] = {}
        for v in result.violations if result is not None else ():
            found.setdefault((v.worker_id, v.month), []).append(v)
        differ = {(s.worker_id, s.month) for s in result.signals} if result is not None else set()
        if breaches_only:
            months = [m for m in months if (m.worker_id, m.month) in found]
        self.breach_rows = []
        self.setUpdatesEnabled(False)
        self.setRowCount(len(months))
        for row, m in enumerate(months):
            breaches = found.get((m.worker_id, m.month), [])
            self._fill(row, m, breaches, (m.worker_id, m.month) in differ)
            if breaches:
                self.breach_rows.append(row)
        self.setUpdatesEnabled(True)
        self.show_first_breach()

    def show_first_breach(self) -> None:
        """Scroll the first red row to the top (again when shown: a hidden table does not scroll)."""
        first = self.item(self.breach_rows[0], 0) if self.breach_rows else None
        if first is not None:
            self.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtTop)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self.show_first_breach)

    def _fill(self, row: int, m: WorkerMonth, breaches: list[Violation], differs: bool) -> None:
        paid = m.pay.get("overtime_hours_paid") if m.pay else None
        rules = list(dict.fromkeys(v.rule for v in breaches))
        values = (m.worker_id, m.month, m.days_worked, m.hours, m.overtime_working_day, m.overtime_rest_day,
                  m.holiday_hours, m.longest_run, m.days_over_limit, m.max_week_hours,
                  "—" if paid is None else paid, "; ".join(rule_words(r, i18n.lang()) for r in rules))
        tip = "\n".join(_breach_text(v) for v in breaches)
        for col, value in enumerate(values):
            item = QTableWidgetItem(f"{value:g}" if isinstance(value, float) else str(value))
            if col not in (0, 1, len(values) - 1):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if breaches:
                item.setBackground(QBrush(BREACH_BG))
                item.setForeground(QBrush(BREACH_FG))
                item.setToolTip(tip)
            if col == 10 and differs:
                item.setForeground(QBrush(SIGNAL_FG))
                item.setToolTip(self.tr("Overtime hours paid differ from the hours recorded by more than 1 h: "
                                "a signal to triangulate (possible second set of records)."))
            self.setItem(row, col, item)

    def row_is_red(self, row: int) -> bool:
        item = self.item(row, 0)
        return item is not None and item.background().color() == BREACH_BG


def _breach_text(v: Violation) -> str:
    figures = ", ".join(f"{k.replace('_', ' ')} {val}" for k, val in v.figures.items()
                        if isinstance(val, (int, float)) and not isinstance(val, bool))
    return f"{rule_words(v.rule, i18n.lang()).capitalize()}" + (f" ({v.date})" if v.date else "") + (f": {figures}" if figures else "")
