"""What the hours are computed from: the attendance and payroll files (chosen, never kept), the city
whose minimum wage applies, the period, and an approved comprehensive or flexible working-hour system
with its number and dates. `request()` turns the fields into the computation's arguments or says, in a
sentence, what is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from auditor_app.errors import UserFacingError
from auditor_app.hours.approval import CYCLES, Approval
from auditor_app.hours.minimum_wage import wage_table
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP

FILES = QT_TRANSLATE_NOOP("HoursInputs", "Attendance or payroll (*.csv *.txt *.xlsx);;All files (*)")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
SYSTEMS = (("standard", QT_TRANSLATE_NOOP("HoursInputs", "Standard (no approval)")),
           ("comprehensive", QT_TRANSLATE_NOOP("HoursInputs", "Comprehensive (综合计算工时制)")),
           ("flexible", QT_TRANSLATE_NOOP("HoursInputs", "Flexible (不定时工作制)")))
CYCLE_WORDS = {"week": QT_TRANSLATE_NOOP("HoursInputs", "per week"), "month": QT_TRANSLATE_NOOP("HoursInputs", "per month"),
               "quarter": QT_TRANSLATE_NOOP("HoursInputs", "per quarter"), "year": QT_TRANSLATE_NOOP("HoursInputs", "per year")}
KIND_WORDS = {"attendance": QT_TRANSLATE_NOOP("HoursInputs", "attendance"),
              "payroll": QT_TRANSLATE_NOOP("HoursInputs", "payroll")}


@dataclass(frozen=True)
class HoursRequest:
    attendance: Path
    payroll: Path
    city: str
    period: tuple[str, str] | None
    approval: Approval | None


class HoursInputs(QWidget):
    compute_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.paths: dict[str, Path | None] = {"attendance": None, "payroll": None}
        self.file_labels: dict[str, QLabel] = {}
        self.file_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, (kind, text) in enumerate((("attendance", self.tr("Attendance file…")),
                                            ("payroll", self.tr("Payroll file…")))):
            button = QPushButton(text)
            button.setObjectName(f"hours-{kind}-button")
            button.setToolTip(self.tr("Choose the {kind} export the factory handed over (CSV or XLSX, English or "
                                      "Chinese headers). It is read, not copied into the audit: only its name and "
                                      "SHA-256 are kept.").format(kind=self.tr(KIND_WORDS[kind])))
            button.clicked.connect(lambda _=False, k=kind: self.choose_file(k))
            label = QLabel(self.tr("no file chosen"))
            label.setObjectName(f"hours-{kind}-label")
            label.setStyleSheet("color: #5F6B7A;")
            self.file_buttons[kind], self.file_labels[kind] = button, label
            grid.addWidget(button, 0, col * 2)
            grid.addWidget(label, 0, col * 2 + 1)
        self.city = QComboBox()
        self.city.setObjectName("hours-city")
        self.city.setToolTip(self.tr("The city whose minimum wage applies (the factory's address)"))
        for key, city in sorted(wage_table().cities.items(), key=lambda kv: kv[1].name):
            self.city.addItem(f"{city.name} {city.name_local}", key)
        self.period_from, self.period_to = QLineEdit(), QLineEdit()
        for edit, name in ((self.period_from, "from"), (self.period_to, "to")):
            edit.setObjectName(f"hours-period-{name}")
            edit.setPlaceholderText(self.tr("YYYY-MM"))
            edit.setMaximumWidth(80)
            edit.setToolTip(self.tr("Leave empty for the months the attendance file covers"))
        self.system = QComboBox()
        self.system.setObjectName("hours-system")
        for key, text in SYSTEMS:
            self.system.addItem(self.tr(text), key)
        self.approval_number = QLineEdit()
        self.approval_number.setObjectName("hours-approval-number")
        self.approval_number.setPlaceholderText(self.tr("approval number"))
        self.valid_from, self.valid_to = QLineEdit(), QLineEdit()
        for edit in (self.valid_from, self.valid_to):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            edit.setMaximumWidth(96)
        self.cycle = QComboBox()
        for cycle in CYCLES:
            words = self.tr(CYCLE_WORDS[cycle]) if cycle in CYCLE_WORDS else self.tr("per {cycle}").format(cycle=cycle)
            self.cycle.addItem(words, cycle)
        self.cycle.setCurrentIndex(CYCLES.index("month"))
        self.approval_box = QWidget()
        approval = QHBoxLayout(self.approval_box)
        approval.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("No.")), self.approval_number, QLabel(self.tr("valid")), self.valid_from, QLabel(self.tr("to")),
                       self.valid_to, self.cycle):
            approval.addWidget(widget)
        self.system.currentIndexChanged.connect(self._system_changed)
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setObjectName("hours-compute")
        self.compute_button.setDefault(True)
        self.compute_button.setToolTip(self.tr("Read both files and compute every worker's months (runs in the "
                                       "background)"))
        self.compute_button.clicked.connect(self.compute_requested.emit)
        row = QHBoxLayout()
        for widget in (QLabel(self.tr("City")), self.city, QLabel(self.tr("Period")), self.period_from, QLabel(self.tr("to")),
                       self.period_to, QLabel(self.tr("System")), self.system, self.approval_box):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.compute_button)
        grid.addLayout(row, 1, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self._system_changed()

    def _system_changed(self) -> None:
        self.approval_box.setVisible(self.system.currentData() != "standard")
        self.cycle.setVisible(self.system.currentData() == "comprehensive")

    def choose_file(self, kind: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the {kind} file").format(
            kind=self.tr(KIND_WORDS.get(kind, kind))), "", self.tr(FILES))
        if path:
            self.set_file(kind, Path(path))

    def set_file(self, kind: str, path: Path) -> None:
        self.paths[kind] = path
        self.file_labels[kind].setText(path.name)
        self.file_labels[kind].setToolTip(str(path))
        self.file_labels[kind].setStyleSheet("")

    def set_city(self, key: str) -> None:
        index = self.city.findData(key)
        if index >= 0:
            self.city.setCurrentIndex(index)

    def guess_city(self, *texts: str | None) -> None:
        """Choose the city the factory's address names, if the wage table knows it."""
        joined = " ".join(t for t in texts if t).lower()
        for i in range(self.city.count()):
            city = wage_table().cities[self.city.itemData(i)]
            if city.name.lower() in joined or (city.name_local and city.name_local.removesuffix("市") in joined):
                self.city.setCurrentIndex(i)
                return

    def load(self, city: str, period: tuple[str, str], approval: dict) -> None:
        """Show what a stored review was computed with (the files must be chosen again to recompute)."""
        self.set_city(city)
        self.period_from.setText(period[0])
        self.period_to.setText(period[1])
        kind = approval.get("kind", "standard") if approval else "standard"
        self.system.setCurrentIndex(max(0, self.system.findData(kind)))
        if approval:
            self.approval_number.setText(approval.get("number", ""))
            self.valid_from.setText(approval.get("valid_from", ""))
            self.valid_to.setText(approval.get("valid_to", ""))
            self.cycle.setCurrentIndex(max(0, self.cycle.findData(approval.get("cycle", "month"))))

    def request(self) -> HoursRequest:
        for kind in ("attendance", "payroll"):
            if self.paths[kind] is None:
                raise UserFacingError(self.tr("Choose the {kind} file first.").format(kind=self.tr(KIND_WORDS[kind])),
                                      self.tr("The files are read again for each computation; they are not kept."))
        start, end = self.period_from.text().strip(), self.period_to.text().strip()
        period = None
        if start or end:
            if not (_MONTH.match(start) and _MONTH.match(end)) or end < start:
                raise UserFacingError(self.tr("The period is two months written YYYY-MM, the first not after the "
                                              "second."),
                                      self.tr("Leave both empty for the months the attendance file covers."))
            period = (start, end)
        approval = None
        if self.system.currentData() != "standard":
            try:
                valid = (date.fromisoformat(self.valid_from.text().strip()),
                         date.fromisoformat(self.valid_to.text().strip()))
            except ValueError:
                raise UserFacingError(self.tr("An approved working-hour system needs the dates it is valid, "
                                              "written YYYY-MM-DD.")) from None
            approval = Approval(self.system.currentData(), self.approval_number.text().strip(), *valid,
                                self.cycle.currentData())
        paths = self.paths
        assert paths["attendance"] is not None and paths["payroll"] is not None
        return HoursRequest(paths["attendance"], paths["payroll"], self.city.currentData(), period, approval)

    def set_frozen(self, frozen: bool) -> None:
        for widget in (*self.file_buttons.values(), self.city, self.period_from, self.period_to, self.system,
                       self.approval_box, self.compute_button):
            widget.setEnabled(not frozen)
