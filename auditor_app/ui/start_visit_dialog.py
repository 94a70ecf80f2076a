"""Starting a visit from a previous audit: what it is (Progress Visit, follow-up audit, desktop review,
surveillance …), its dates, who leads it, announced or not as the program defines the type (changeable).
The open NCs and their CAP come along to be verified (`audits.start_follow_up`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.ui import i18n
from auditor_app.store.vocab import AUDIT_TYPES


class StartVisitDialog(QDialog):
    def __init__(self, factory_name: str, previous_label: str, lead: str, parent=None, today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a visit from a previous audit"))
        self.setObjectName("start-visit-dialog")
        self.types = load_visit_types()
        intro = QLabel(self.tr("%1: a new visit after %2. Its open NCs and their CAP come along, to be verified "
                               "item by item.").replace("%1", factory_name).replace("%2", previous_label))
        intro.setWordWrap(True)
        self.kind = QComboBox()
        for key in self.types:
            self.kind.addItem(f"{key} – {self.tr(AUDIT_TYPES.get(key, key))}", key)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.what.setStyleSheet("color: palette(dark);")
        self.announced = QCheckBox(self.tr("Announced to the factory"))
        start = QDate(today) if today else QDate.currentDate()
        self.planned_start, self.planned_end = QDateEdit(start), QDateEdit(start)
        for edit in (self.planned_start, self.planned_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.planned_start.dateChanged.connect(lambda d: self.planned_end.setDate(max(d, self.planned_end.date())))
        self.lead = QLineEdit(lead)
        self.lead.setPlaceholderText(self.tr("Full name"))
        form = QFormLayout()
        form.addRow(self.tr("&Visit"), self.kind)
        form.addRow("", self.what)
        form.addRow("", self.announced)
        form.addRow(self.tr("First &day"), self.planned_start)
        form.addRow(self.tr("&Last day"), self.planned_end)
        form.addRow(self.tr("Lead (auditor or PV specialist)"), self.lead)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #cf222e;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start visit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self._kind_chosen()
        self.resize(560, 0)

    def _kind_chosen(self) -> None:
        kind = self.types[self.kind.currentData()]
        self.what.setText(kind.text(i18n.lang()))
        self.announced.setChecked(kind.announced)  # the program's default for this type

    def accept(self) -> None:
        if not self.lead.text().strip():
            self.problem.setText(self.tr("Name who leads the visit."))
            self.problem.show()
            self.lead.setFocus()
            return
        super().accept()

    def values(self) -> dict:
        key = self.kind.currentData()
        role = "PV specialist" if key == "PV" else "lead auditor"
        return {"audit_type": key, "announced": self.announced.isChecked(),
                "planned_start": self.planned_start.date().toPython(),
                "planned_end": self.planned_end.date().toPython(),
                "team": [{"name": self.lead.text().strip(), "role": role}]}
