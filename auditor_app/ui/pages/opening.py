"""Opening meeting: who attended, the three forms signed (with time), consents, the documents list,
and the factory profile re-confirmed. Profile edits go to the store, whose event log records them."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits.stage_completion import opening_done
from auditor_app.audits.meetings import (
    SIDES,
    set_consent,
    sign_form,
    update_meeting,
    update_profile,
)
from auditor_app.audits.recovered_typing import ATTENDEES
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.store.models import FactoryProfile, Meeting
from auditor_app.store.types import parse_utc
from auditor_app.store.vocab import CONSENTS, FORMS
from auditor_app.ui.drafts import CellTyping
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, translate, vocab
from auditor_app.ui.read_only import set_read_only
from auditor_app.ui.pages.base import ALL_TABLES, StagePage, set_checked, set_text
from auditor_app.ui.pv_questionnaire import QuestionnairePanel

# The forms' names are those of resources/rules/labels.yaml ("forms"); these say what each one is for.
FORM_TIPS = {
    "integrity_declaration": QT_TRANSLATE_NOOP("OpeningPage", "The factory declares it will not offer anything "
                                               "to the auditors; bribery is Zero Tolerance"),
    "nda": QT_TRANSLATE_NOOP("OpeningPage", "The audit team keeps what it sees confidential"),
    "important_message": QT_TRANSLATE_NOOP("OpeningPage", "Transparency explained: e.g. overtime must not be "
                                           "hidden by inconsistent records"),
}
CONSENT_LABELS = {"visit": QT_TRANSLATE_NOOP("OpeningPage", "Management consents to the visit"),
                  "photos": QT_TRANSLATE_NOOP("OpeningPage", "Management consents to photos"),
                  "interviews": QT_TRANSLATE_NOOP("OpeningPage", "Management consents to worker interviews")}
SIDE_LABELS = {"factory": QT_TRANSLATE_NOOP("OpeningPage", "factory"),
               "audit": QT_TRANSLATE_NOOP("OpeningPage", "audit team")}
TEXT_FIELDS = (("name", QT_TRANSLATE_NOOP("OpeningPage", "Name")),
               ("name_local", QT_TRANSLATE_NOOP("OpeningPage", "Local name")),
               ("address", QT_TRANSLATE_NOOP("OpeningPage", "Address")),
               ("address_local", QT_TRANSLATE_NOOP("OpeningPage", "Local address")),
               ("connect_id", QT_TRANSLATE_NOOP("OpeningPage", "Connect id")),
               ("country", QT_TRANSLATE_NOOP("OpeningPage", "Country")),
               ("contact_name", QT_TRANSLATE_NOOP("OpeningPage", "Contact")),
               ("contact_title", QT_TRANSLATE_NOOP("OpeningPage", "Contact title")))
COUNT_FIELDS = (("headcount_male", QT_TRANSLATE_NOOP("OpeningPage", "Men")),
                ("headcount_female", QT_TRANSLATE_NOOP("OpeningPage", "Women")),
                ("headcount_migrant", QT_TRANSLATE_NOOP("OpeningPage", "Migrant")),
                ("headcount_young", QT_TRANSLATE_NOOP("OpeningPage", "Young workers")),
                ("shifts", QT_TRANSLATE_NOOP("OpeningPage", "Shifts")))


class OpeningPage(StagePage):
    stage = "opening"
    title = "Opening meeting"
    watched_tables = frozenset({"meeting", "factory_profile", "questionnaire_answer"})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.meeting_id = ctx.read(lambda s: s.query(Meeting.id).filter_by(
            audit_id=ctx.audit_id, kind="opening").scalar())
        content = QWidget()
        grid = QGridLayout(content)
        # A Progress Visit opens with Q&A on the questionnaire the factory sent beforehand: it comes first.
        kind = load_visit_types().get(ctx.audit().audit_type)
        self.questionnaire = QuestionnairePanel(ctx) if kind is not None and kind.questionnaire else None
        top = 0
        if self.questionnaire is not None:
            grid.addWidget(self.questionnaire, 0, 0, 1, 2)
            top = 1
        grid.addWidget(self._attendees_box(), top, 0)
        grid.addWidget(self._forms_box(), top + 1, 0)
        grid.addWidget(self._profile_box(), top, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Opening meeting – purpose and scope, forms, consents, documents list, "
                                 "profile. The audit is sample-based: say so."))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        self.refresh(set(ALL_TABLES))

    # ---- building ----
    def _attendees_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Attendees"))
        self.attendees = QTableWidget(0, 3)
        self.attendees.setObjectName("attendees")
        self.attendees.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Title"), self.tr("Side")])
        self.attendees.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.attendees.verticalHeader().hide()
        self.attendees.setToolTip(self.tr("Everyone at the opening meeting: factory management and the "
                                          "audit team"))
        self.attendees.itemChanged.connect(lambda _: self._save_attendees())
        typing = CellTyping(self.attendees)  # a kill while a name is typed must not lose it
        typing.typed.connect(self._attendee_typing)
        self.attendees.setItemDelegate(typing)
        self.add_attendee_button = QPushButton(self.tr("Add attendee"))
        self.add_attendee_button.setToolTip(self.tr("Add a row and start typing the name (Ctrl+Shift+A)"))
        self.add_attendee_button.setShortcut("Ctrl+Shift+A")
        self.add_attendee_button.clicked.connect(self.add_attendee)
        self.remove_attendee_button = QPushButton(self.tr("Remove"))
        self.remove_attendee_button.clicked.connect(self.remove_attendee)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_attendee_button)
        buttons.addWidget(self.remove_attendee_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.attendees)
        layout.addLayout(buttons)
        return box

    def _forms_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Forms, consents and confirmations"))
        form = QFormLayout(box)
        self.form_boxes: dict[str, QCheckBox] = {}
        self.form_times: dict[str, QLabel] = {}
        self.form_edits: dict[str, QDateTimeEdit] = {}
        for key in FORMS:
            check = QCheckBox(self.tr("{form} signed").format(form=vocab("forms", key)))
            check.setToolTip(translate("OpeningPage", FORM_TIPS[key]))
            when = QLabel()
            when.setObjectName(f"signed-{key}")
            # When it was signed, on site: the tick sets now; a form signed earlier is corrected here.
            edit = QDateTimeEdit()
            edit.setObjectName(f"signed-at-{key}")
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setToolTip(self.tr("When the form was signed (factory's local time); correct it if it was "
                                    "signed earlier"))
            edit.setKeyboardTracking(False)
            edit.editingFinished.connect(lambda k=key: self._set_form_time(k))
            edit.hide()
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(when)
            row.addWidget(edit)
            row.addStretch(1)
            form.addRow(row)
            check.toggled.connect(lambda on, k=key: self._set_form(k, on))
            self.form_boxes[key], self.form_times[key], self.form_edits[key] = check, when, edit
        self.consent_boxes: dict[str, QCheckBox] = {}
        for key in CONSENTS:
            check = QCheckBox(translate("OpeningPage", CONSENT_LABELS[key]))
            check.toggled.connect(lambda on, k=key: self._set_consent(k, on))
            form.addRow(check)
            self.consent_boxes[key] = check
        self.consent_boxes["photos"].setToolTip(self.tr("Without it, take no photos: record what you see in words"))
        self.documents_confirmed = QCheckBox(self.tr("Documents list confirmed with management"))
        self.documents_confirmed.setToolTip(self.tr("The request list is on the Document review page"))
        self.documents_confirmed.toggled.connect(lambda on: self._set_meeting("documents_confirmed", on))
        self.profile_confirmed = QCheckBox(self.tr("Factory profile re-confirmed"))
        self.profile_confirmed.setToolTip(self.tr("Correct the profile on the right first; every edit is logged"))
        self.profile_confirmed.toggled.connect(lambda on: self._set_meeting("profile_confirmed", on))
        form.addRow(self.documents_confirmed)
        form.addRow(self.profile_confirmed)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes from the meeting (scope, who explained what)…"))
        self.notes.setMaximumHeight(80)
        self.notes.textChanged.connect(self._save_notes)
        form.addRow(self.notes)
        return box

    def _profile_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Factory profile (re-confirm; edits are logged)"))
        form = QFormLayout(box)
        self.profile_edits: dict[str, QLineEdit] = {}
        for key, label in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"profile-{key}")
            edit.textEdited.connect(lambda text, k=key: self._save_profile(k, text.strip()))
            form.addRow(translate("OpeningPage", label), edit)
            self.profile_edits[key] = edit
        self.profile_counts: dict[str, QSpinBox] = {}
        for key, label in COUNT_FIELDS:
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            spin.setObjectName(f"profile-{key}")
            spin.valueChanged.connect(lambda value, k=key: self._save_profile(k, value))
            form.addRow(translate("OpeningPage", label), spin)
            self.profile_counts[key] = spin
        self.departments = QLineEdit()
        self.departments.setToolTip(self.tr("Comma separated"))
        self.departments.textEdited.connect(lambda text: self._save_profile(
            "departments", [d.strip() for d in text.split(",") if d.strip()]))
        form.addRow(self.tr("Departments"), self.departments)
        self.has_dormitory = QCheckBox(self.tr("Dormitory"))
        self.has_canteen = QCheckBox(self.tr("Canteen"))
        self.has_dormitory.toggled.connect(lambda on: self._save_profile("has_dormitory", on))
        self.has_canteen.toggled.connect(lambda on: self._save_profile("has_canteen", on))
        row = QHBoxLayout()
        row.addWidget(self.has_dormitory)
        row.addWidget(self.has_canteen)
        row.addStretch(1)
        form.addRow(self.tr("Facilities"), row)
        return box

    # ---- model -> widgets ----
    def refresh(self, changed: set[str]) -> None:
        def read(session):
            return (session.get(Meeting, self.meeting_id),
                    session.query(FactoryProfile).filter_by(audit_id=self.ctx.audit_id).one())
        meeting, profile = self.ctx.read(read)
        self._meeting = meeting
        with self.loading():
            if "meeting" in changed:
                self._show_meeting(meeting)
            if "factory_profile" in changed:
                self._show_profile(profile)
            if self.questionnaire is not None and "questionnaire_answer" in changed:
                self.questionnaire.refresh(self.ctx.is_frozen())
        set_read_only(self, self.ctx.is_frozen())  # a sealed audit reads as text, not greyed out

    def _show_meeting(self, meeting: Meeting) -> None:
        if not self.is_editing("attendees") and self.attendees.state() != QTableWidget.State.EditingState:
            self._show_attendees(meeting.attendees or [])
        for key in FORMS:
            signed = (meeting.forms_signed or {}).get(key)
            set_checked(self.form_boxes[key], bool(signed))
            self.form_times[key].setText(self.tr("at ({time})").format(time=self.ctx.time_text(parse_utc(signed), "")[1:])
                                         if signed else "")
            edit = self.form_edits[key]
            edit.setVisible(bool(signed))
            if signed and not edit.hasFocus():
                local = parse_utc(signed).astimezone(self.ctx.zone())
                edit.blockSignals(True)
                edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                           QTime(local.hour, local.minute, local.second)))
                edit.blockSignals(False)
        for key in CONSENTS:
            set_checked(self.consent_boxes[key], bool((meeting.consents or {}).get(key)))
        set_checked(self.documents_confirmed, meeting.documents_confirmed)
        set_checked(self.profile_confirmed, meeting.profile_confirmed)
        set_text(self.notes, meeting.notes, self.is_editing("notes"))

    def _show_attendees(self, attendees: list[dict]) -> None:
        if attendees == self.attendee_rows():
            return
        self.attendees.setRowCount(0)
        for person in attendees:
            self._append_row(person.get("name", ""), person.get("title", ""), person.get("side", "factory"))

    def _show_profile(self, profile: FactoryProfile) -> None:
        for key, edit in self.profile_edits.items():
            set_text(edit, getattr(profile, key) or "", self.is_editing(f"profile.{key}"))
        for key, spin in self.profile_counts.items():
            if spin.value() != getattr(profile, key) and not self.is_editing(f"profile.{key}"):
                spin.setValue(getattr(profile, key) or 0)
        set_text(self.departments, ", ".join(profile.departments or []), self.is_editing("profile.departments"))
        set_checked(self.has_dormitory, profile.has_dormitory)
        set_checked(self.has_canteen, profile.has_canteen)

    def completion(self) -> tuple[int, int]:
        return opening_done(getattr(self, "_meeting", None))

    # ---- attendees ----
    def _append_row(self, name: str, title: str, side: str) -> int:
        self.attendees.blockSignals(True)
        row = self.attendees.rowCount()
        self.attendees.insertRow(row)
        self.attendees.setItem(row, 0, QTableWidgetItem(name))
        self.attendees.setItem(row, 1, QTableWidgetItem(title))
        combo = QComboBox()
        for code in SIDES:  # shown in the window's language; the code is what is stored
            combo.addItem(translate("OpeningPage", SIDE_LABELS.get(code, code)), code)
        combo.setCurrentIndex(max(combo.findData(side if side in SIDES else "factory"), 0))
        combo.currentIndexChanged.connect(lambda _: self._save_attendees())
        self.attendees.setCellWidget(row, 2, combo)
        self.attendees.blockSignals(False)
        return row

    def attendee_rows(self, editing: tuple[int, int, str] | None = None) -> list[dict]:
        """The table's rows; `editing` (row, column, text) stands for a cell still being typed."""
        rows = []
        for row in range(self.attendees.rowCount()):
            cells = []
            for column in (0, 1):
                item = self.attendees.item(row, column)
                typed = editing is not None and editing[:2] == (row, column)
                cells.append((editing[2] if typed else item.text() if item else "").strip())
            name, title = cells
            side = self.attendees.cellWidget(row, 2).currentData()
            if name or title:
                rows.append({"name": name, "title": title, "side": side})
        return rows

    def add_attendee(self) -> None:
        row = self._append_row("", "", "factory")
        self.attendees.setCurrentCell(row, 0)
        self.attendees.setFocus()
        self.attendees.editItem(self.attendees.item(row, 0))

    def remove_attendee(self) -> None:
        row = self.attendees.currentRow()
        if row >= 0:
            self.attendees.removeRow(row)
            self._save_attendees()

    def _attendee_typing(self, row: int, column: int, text: str) -> None:
        rows = self.attendee_rows(editing=(row, column, text))
        self.ctx.drafts.keep(f"attendees:{self.meeting_id}", ATTENDEES, self.ctx.audit_id,
                             self.tr("Attendees of the opening meeting"), {"meeting_id": self.meeting_id, "rows": rows})

    def _save_attendees(self) -> None:
        key = f"attendees:{self.meeting_id}"
        self.save_later("attendees", update_meeting, self.meeting_id, attendees=self.attendee_rows(),
                        on_done=lambda _r: self.ctx.drafts.drop(key))

    # ---- widgets -> model ----
    def _set_form(self, key: str, on: bool) -> None:
        self.save_now(sign_form, self.meeting_id, key, on)

    def _set_form_time(self, key: str) -> None:
        if not self.form_boxes[key].isChecked():
            return
        value = self.form_edits[key].dateTime()
        d, t = value.date(), value.time()
        local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), tzinfo=self.ctx.zone())
        self.save_now(sign_form, self.meeting_id, key, True, at=local.astimezone(timezone.utc))

    def _set_consent(self, key: str, on: bool) -> None:
        self.save_now(set_consent, self.meeting_id, key, on)

    def _set_meeting(self, field: str, value) -> None:
        self.save_now(update_meeting, self.meeting_id, **{field: value})

    def _save_notes(self) -> None:
        self.save_later("notes", update_meeting, self.meeting_id, notes=self.notes.toPlainText())

    def _save_profile(self, key: str, value) -> None:
        if key == "name" and not value:
            return  # a factory always has a name; keep the old one until a new one is typed
        self.save_later(f"profile.{key}", update_profile, self.ctx.audit_id, key, value)
