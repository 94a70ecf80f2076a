"""New audit: the factory profile and the assignment, checked field by field before anything is stored.

The dialog only collects and validates; `values()` gives the keyword arguments of
`auditor_app.audits.create_audit`, which the main window commits through the serial writer.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits.creation import TEAM_ROLES, new_audit_problems
from auditor_app.checklist.loader import edition_title, list_editions
from auditor_app.store.vocab import AUDIT_TYPES
from auditor_app.ui.drafts import CellTyping
from auditor_app.ui.i18n import (
    QT_TRANSLATE_NOOP,
    audit_type_name,
    lang,
    message_text,
    status_label,
    team_role_label,
    translate,
)

COUNTRIES = [("CN", QT_TRANSLATE_NOOP("Country", "China")),
             ("VN", QT_TRANSLATE_NOOP("Country", "Vietnam")),
             ("ID", QT_TRANSLATE_NOOP("Country", "Indonesia")),
             ("IN", QT_TRANSLATE_NOOP("Country", "India")),
             ("TH", QT_TRANSLATE_NOOP("Country", "Thailand")),
             ("MY", QT_TRANSLATE_NOOP("Country", "Malaysia")),
             ("KH", QT_TRANSLATE_NOOP("Country", "Cambodia")),
             ("BD", QT_TRANSLATE_NOOP("Country", "Bangladesh")),
             ("PH", QT_TRANSLATE_NOOP("Country", "Philippines")),
             ("MX", QT_TRANSLATE_NOOP("Country", "Mexico")),
             ("BR", QT_TRANSLATE_NOOP("Country", "Brazil")),
             ("TR", QT_TRANSLATE_NOOP("Country", "Türkiye")),
             ("LK", QT_TRANSLATE_NOOP("Country", "Sri Lanka")),
             ("US", QT_TRANSLATE_NOOP("Country", "United States"))]
STATUSES = [(None, QT_TRANSLATE_NOOP("NewAuditDialog", "Not certified / first audit"))] + [
    (code, code) for code in ("certified", "progressing", "assessed", "probation", "remediation")]


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #cf222e;")
    label.setWordWrap(True)
    label.hide()
    return label


class NewAuditDialog(QDialog):
    typed = Signal()  # anything changed: the window keeps it as a draft until the audit is created
    discarded = Signal()  # the auditor chose to throw what was typed away
    def __init__(self, parent=None, editions: list | None = None, known: list | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New audit"))
        self.setObjectName("new-audit-dialog")
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.known = list(known or [])  # KnownFactory: factories audited before on this laptop
        self.base_profile: dict = {}    # the known factory's profile the fields were filled from
        self.tabs = QTabWidget()
        self.tabs.addTab(self._factory_tab(), self.tr("&Factory"))
        self.tabs.addTab(self._audit_tab(editions if editions is not None else list_editions()), self.tr("&Audit"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create audit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(760, 620)
        self._watch_typing()

    def _watch_typing(self) -> None:
        """`typed` on every change, a team name included while its cell is still being typed."""
        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(lambda *_: self.typed.emit())
        for widget in (self.male, self.female):
            widget.valueChanged.connect(lambda *_: self.typed.emit())
        for combo in (self.audit_type, self.edition, self.current_status, self.country):
            combo.currentIndexChanged.connect(lambda *_: self.typed.emit())
        for check in (self.dormitory, self.canteen, self.announced, self.previously_certified):
            check.toggled.connect(lambda *_: self.typed.emit())
        for date in (self.planned_start, self.planned_end):
            date.dateChanged.connect(lambda *_: self.typed.emit())
        self.other_sites.textChanged.connect(self.typed.emit)
        self.team.itemChanged.connect(lambda *_: self.typed.emit())
        typing = CellTyping(self.team)
        typing.typed.connect(self._team_typing)
        self.team.setItemDelegate(typing)
        self._team_editing: tuple[int, str] | None = None

    def _team_typing(self, row: int, column: int, text: str) -> None:
        self._team_editing = (row, text) if column == 0 else None
        self.typed.emit()
        self._team_editing = None

    def draft_values(self) -> dict:
        """Everything typed so far as JSON values (for the drafts journal), an open team cell included."""
        values = self.values()
        for key in ("planned_start", "planned_end"):
            values[key] = values[key].isoformat()
        values["other_sites_text"] = self.other_sites.toPlainText()
        values["departments_text"] = self.departments.text()
        values["country_text"] = self.country.currentText()
        return values

    def restore(self, values: dict) -> None:
        """Fill the dialog with `draft_values()` of an earlier run."""
        factory = values.get("factory", {})
        self.base_profile = dict(factory)  # fields the dialog does not show (contact, shifts) are kept
        for key, edit in (("name", self.name), ("name_local", self.name_local), ("address", self.address),
                          ("address_local", self.address_local), ("connect_id", self.connect_id)):
            edit.setText(factory.get(key, ""))
        self.country.setEditText(values.get("country_text", factory.get("country", "CN")))
        self.male.setValue(int(factory.get("headcount_male", 0)))
        self.female.setValue(int(factory.get("headcount_female", 0)))
        self.departments.setText(values.get("departments_text", ", ".join(factory.get("departments", []))))
        self.dormitory.setChecked(bool(factory.get("has_dormitory")))
        self.canteen.setChecked(bool(factory.get("has_canteen")))
        self.other_sites.setPlainText(values.get("other_sites_text", ""))
        for combo, key in ((self.audit_type, "audit_type"), (self.edition, "checklist_version"),
                           (self.current_status, "current_status")):
            combo.setCurrentIndex(max(0, combo.findData(values.get(key))))
        self.announced.setChecked(bool(values.get("announced")))
        self.previously_certified.setChecked(bool(values.get("previously_certified")))
        for edit, key in ((self.planned_start, "planned_start"), (self.planned_end, "planned_end")):
            if values.get(key):
                edit.setDate(QDate.fromString(values[key], "yyyy-MM-dd"))
        self.audit_firm.setText(values.get("audit_firm", ""))
        self.team.setRowCount(0)
        for member in values.get("team", []) or [{"name": "", "role": "lead auditor"}]:
            self.add_team_member(member.get("name", ""), member.get("role", "auditor"))

    # ---- building ----
    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget, tip: str = "") -> QWidget:
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        self.errors[key] = _error_label()
        inner.addWidget(self.errors[key])
        # Rows never take the dialog's spare height: spare space stays at the bottom of the form.
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        if tip:
            widget.setToolTip(tip)
        form.addRow(label, box)
        self.fields[key] = widget
        return widget

    def _factory_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.known_factory = QComboBox()
        self.known_factory.addItem(self.tr("A factory not audited on this laptop"), None)
        for factory in self.known:
            last = (self.tr("{date}, {audit_type}").format(date=factory.last_date,
                                                           audit_type=audit_type_name(factory.last_type))
                    if factory.last_type else factory.last_audit)
            self.known_factory.addItem(self.tr("{factory}: last audit {date}").format(
                factory=factory.label, date=last), factory)
        self.known_factory.setEnabled(bool(self.known))
        self.known_factory.activated.connect(self._start_from_known)
        self._row(form, "known_factory", self.tr("&Start from"), self.known_factory,
                  self.tr("A factory audited before: its profile is copied from its latest audit; correct what changed"))
        self.name = self._row(form, "name", self.tr("Factory &name*"), QLineEdit(), self.tr("The registered English name"))
        self.name_local = self._row(form, "name_local", self.tr("Local name"), QLineEdit(),
                                    self.tr("As on the business licence, e.g. 东莞市…玩具有限公司"))
        self.address = self._row(form, "address", self.tr("Address"), QLineEdit())
        self.address_local = self._row(form, "address_local", self.tr("Local address"), QLineEdit())
        self.connect_id = self._row(form, "connect_id", self.tr("Connect id"), QLineEdit(),
                                    self.tr("The factory's id on the ESCP Connect platform, if registered"))
        self.country = QComboBox()
        self.country.setEditable(True)
        for code, name in COUNTRIES:
            self.country.addItem(f"{code} – {translate('Country', name)}", code)
        self._row(form, "country", self.tr("Country"), self.country, self.tr("Two-letter ISO code; type another if missing"))
        heads = QHBoxLayout()
        self.male, self.female = QSpinBox(), QSpinBox()
        for spin, text in ((self.male, self.tr(" men")), (self.female, self.tr(" women"))):
            spin.setRange(0, 100_000)
            spin.setSuffix(text)
            spin.setAccelerated(True)
            heads.addWidget(spin)
        self.total_label = QLabel(self.tr("total {count}").format(count=0))
        heads.addWidget(self.total_label)
        heads_box = QWidget()
        heads_box.setLayout(heads)
        heads.setContentsMargins(0, 0, 0, 0)
        self._row(form, "headcount", self.tr("&Headcount*"), heads_box,
                  self.tr("Workers on the payroll today, by gender; sets the interview sample size"))
        for spin in (self.male, self.female):
            spin.valueChanged.connect(
                lambda _: self.total_label.setText(self.tr("total {count}").format(
                    count=self.male.value() + self.female.value())))
        self.departments = self._row(form, "departments", self.tr("Departments"), QLineEdit(),
                                     self.tr("Comma separated, e.g. injection moulding, assembly, packing, warehouse"))
        facilities = QHBoxLayout()
        self.dormitory, self.canteen = QCheckBox(self.tr("Dormitory")), QCheckBox(self.tr("Canteen"))
        facilities.addWidget(self.dormitory)
        facilities.addWidget(self.canteen)
        facilities.addStretch(1)
        fac_box = QWidget()
        fac_box.setLayout(facilities)
        facilities.setContentsMargins(0, 0, 0, 0)
        self._row(form, "facilities", self.tr("Facilities"), fac_box, self.tr("Both are toured and checked (section Safety)"))
        self.other_sites = QPlainTextEdit()
        self.other_sites.setPlaceholderText(self.tr("One site per line: name; address; activity"))
        self.other_sites.setFixedHeight(64)
        self._row(form, "other_sites", self.tr("Other sites"), self.other_sites,
                  self.tr("Other production sites that could be relevant (subcontractors, a second building)"))
        return page

    def _audit_tab(self, editions: list) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.audit_type = QComboBox()
        for code in AUDIT_TYPES:
            self.audit_type.addItem(f"{code} – {audit_type_name(code)}", code)
        self._row(form, "audit_type", self.tr("Audit &type"), self.audit_type)
        self.announced = QCheckBox(self.tr("Announced visit"))
        self._row(form, "announced", self.tr("Announcement"), self.announced,
                  self.tr("Progress Visits are announced; every other audit is unannounced unless agreed otherwise"))
        self.audit_type.currentIndexChanged.connect(
            lambda _: self.announced.setChecked(self.audit_type.currentData() == "PV"))
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        self.planned_start, self.planned_end = QDateEdit(), QDateEdit()
        today = QDate.currentDate()
        for edit, day in ((self.planned_start, today), (self.planned_end, today.addDays(1))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            dates.addWidget(edit)
        dates.addStretch(1)
        dates_box = QWidget()
        dates_box.setLayout(dates)
        self._row(form, "dates", self.tr("Planned &dates"), dates_box, self.tr("First and last audit day on site"))
        self.team = QTableWidget(0, 2)
        self.team.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.team.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.team.verticalHeader().hide()
        self.team.setFixedHeight(110)
        team_box = QWidget()
        team_layout = QHBoxLayout(team_box)
        team_layout.setContentsMargins(0, 0, 0, 0)
        team_layout.addWidget(self.team, 1)
        team_buttons = QVBoxLayout()
        self.add_member = QPushButton(self.tr("Add"))
        self.remove_member = QPushButton(self.tr("Remove"))
        self.add_member.clicked.connect(lambda: self.add_team_member("", "auditor" if self.team.rowCount() else
                                                                      "lead auditor"))
        self.remove_member.clicked.connect(lambda: self.team.removeRow(self.team.currentRow()))
        team_buttons.addWidget(self.add_member)
        team_buttons.addWidget(self.remove_member)
        team_layout.addLayout(team_buttons)
        team_layout.setAlignment(team_buttons, Qt.AlignmentFlag.AlignTop)
        self._row(form, "team", self.tr("Audit t&eam*"), team_box, self.tr("The first row is normally the lead auditor"))
        self.add_team_member("", "lead auditor")
        self.audit_firm = self._row(form, "audit_firm", self.tr("Audit firm"), QLineEdit())
        self.edition = QComboBox()
        for version, title, effective in editions:
            self.edition.addItem(self.tr("{title} {version} (from {date})").format(
                title=edition_title(version, lang(), default=title), version=version, date=effective.isoformat()),
                version)
        self.edition.setCurrentIndex(self.edition.count() - 1)  # newest; list_editions is oldest first
        self._row(form, "checklist_version", self.tr("Checklist &edition"), self.edition,
                  self.tr("The audit is pinned to this edition for good; the newest is the default"))
        self.previously_certified = QCheckBox(self.tr("Previously certified"))
        self._row(form, "previously_certified", self.tr("History"), self.previously_certified,
                  self.tr("Probation and Remediation are only open to previously certified factories"))
        self.current_status = QComboBox()
        for value, label in STATUSES:
            self.current_status.addItem(status_label(value) if value else translate("NewAuditDialog", label), value)
        self._row(form, "current_status", self.tr("Current status"), self.current_status)
        return page

    def add_team_member(self, name: str, role: str) -> None:
        row = self.team.rowCount()
        self.team.insertRow(row)
        self.team.setItem(row, 0, QTableWidgetItem(name))
        combo = QComboBox()
        for code in TEAM_ROLES:
            combo.addItem(team_role_label(code), code)
        combo.setCurrentIndex(max(0, combo.findData(role)))
        self.team.setCellWidget(row, 1, combo)

    # ---- values and validation ----
    def team_members(self) -> list[dict]:
        out = []
        for row in range(self.team.rowCount()):
            item = self.team.item(row, 0)
            editing = getattr(self, "_team_editing", None)
            name = (editing[1] if editing and editing[0] == row else item.text() if item else "").strip()
            if name:
                out.append({"name": name, "role": self.team.cellWidget(row, 1).currentData()})
        return out

    def country_code(self) -> str:
        data = self.country.currentData()
        text = self.country.currentText().strip()
        if data and text == self.country.itemText(self.country.currentIndex()):
            return data
        return text.split("–")[0].strip().upper()

    def _start_from_known(self, index: int) -> None:
        known = self.known_factory.itemData(index)
        self.base_profile = dict(known.profile) if known is not None else {}
        profile = self.base_profile
        for key, edit in (("name", self.name), ("name_local", self.name_local), ("address", self.address),
                          ("address_local", self.address_local), ("connect_id", self.connect_id)):
            edit.setText(profile.get(key, ""))
        self.country.setCurrentIndex(max(0, self.country.findData(profile.get("country", "CN"))))
        self.male.setValue(int(profile.get("headcount_male", 0)))
        self.female.setValue(int(profile.get("headcount_female", 0)))
        self.departments.setText(", ".join(profile.get("departments", [])))
        self.dormitory.setChecked(bool(profile.get("has_dormitory")))
        self.canteen.setChecked(bool(profile.get("has_canteen")))
        self.other_sites.setPlainText("\n".join("; ".join((s.get("name", ""), s.get("address", ""),
                                                             s.get("activity", ""))).rstrip("; ")
                                                  for s in profile.get("other_sites", [])))
        self.typed.emit()

    def values(self) -> dict:
        sites = []
        for line in self.other_sites.toPlainText().splitlines():
            if line.strip():
                parts = [p.strip() for p in line.split(";")] + ["", ""]
                sites.append({"name": parts[0], "address": parts[1], "activity": parts[2]})
        # The known factory's other fields (contact, shifts, migrant workers, time zone) come along.
        factory = {
            **self.base_profile,
            "name": self.name.text().strip(), "name_local": self.name_local.text().strip(),
            "address": self.address.text().strip(), "address_local": self.address_local.text().strip(),
            "connect_id": self.connect_id.text().strip(), "country": self.country_code(),
            "headcount_male": self.male.value(), "headcount_female": self.female.value(),
            "departments": [d.strip() for d in self.departments.text().split(",") if d.strip()],
            "has_dormitory": self.dormitory.isChecked(), "has_canteen": self.canteen.isChecked(),
            "other_sites": sites,
        }
        return {
            "audit_type": self.audit_type.currentData(), "factory": factory,
            "checklist_version": self.edition.currentData(), "announced": self.announced.isChecked(),
            "planned_start": self.planned_start.date().toPython(),
            "planned_end": self.planned_end.date().toPython(), "team": self.team_members(),
            "audit_firm": self.audit_firm.text().strip(),
            "previously_certified": self.previously_certified.isChecked(),
            "current_status": self.current_status.currentData(),
        }

    def problems(self) -> dict[str, str]:
        """Field key -> what is wrong: the same rules `create_audit` applies (one place for them)."""
        values = self.values()
        if values["checklist_version"] is None:
            return {"checklist_version": self.tr("No checklist edition is installed (resources/checklists).")}
        return {key: message_text(problem) for key, problem in new_audit_problems(**values).items()}

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        if problems:
            first = next(k for k in self.fields if k in problems)
            widget = self.fields[first]
            self.tabs.setCurrentIndex(0 if self.tabs.widget(0).isAncestorOf(widget) else 1)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        problems = self.problems()
        self.show_problems(problems)
        if not problems:
            super().accept()

    def reject(self) -> None:
        # Confirm before throwing away a typed-in profile.
        if self.name.text().strip() or self.name_local.text().strip():
            answer = QMessageBox.question(self, self.tr("Discard new audit?"),
                                          self.tr("The factory profile you typed will be lost."))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.discarded.emit()
        super().reject()
