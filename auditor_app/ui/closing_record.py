"""The closing meeting's record, beside the CAP: when it was held, who attended, what was explained,
the factory's overall position and disagreements, and the Zero Tolerance notice to the program.

Like the opening meeting, every edit is saved as it is made (through `audits.update_meeting`);
recording the time the meeting was held also starts the CAP's deadlines from that day.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem, QWidget,
)

from auditor_app.audits.meetings import SIDES
from auditor_app.store.vocab import CLOSING_POSITIONS
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, translate

POSITION_LABELS = {"agree": QT_TRANSLATE_NOOP("ClosingRecord", "Agrees with all findings"),
                   "partly": QT_TRANSLATE_NOOP("ClosingRecord", "Agrees with some"),
                   "dispute": QT_TRANSLATE_NOOP("ClosingRecord", "Disputes the findings")}
SIDE_LABELS = {"factory": QT_TRANSLATE_NOOP("OpeningPage", "factory"),
               "audit": QT_TRANSLATE_NOOP("OpeningPage", "audit team")}


class ClosingRecord(QWidget):
    """Fields of the closing meeting; `edited(field, value)` for each change (the page saves it)."""

    def __init__(self, page, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self._filling = 0
        form = QFormLayout(self)
        held_row = QHBoxLayout()
        self.held = QCheckBox(self.tr("Held at"))
        self.held_at = QDateTimeEdit()
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.held_at.setToolTip(self.tr("In the factory's time; the CAP's deadlines count from this day"))
        self.held.toggled.connect(self._held_toggled)
        self.held_at.dateTimeChanged.connect(lambda _d: self._save_time("held_at", self.held, self.held_at))
        held_row.addWidget(self.held)
        held_row.addWidget(self.held_at)
        held_row.addStretch(1)
        form.addRow(held_row)

        self.attendees = QTableWidget(0, 3)
        self.attendees.setObjectName("closing-attendees")
        self.attendees.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Title"), self.tr("Side")])
        self.attendees.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.attendees.verticalHeader().hide()
        self.attendees.setMaximumHeight(110)
        self.attendees.itemChanged.connect(lambda _i: self._save_attendees())
        self.copy_button = QPushButton(self.tr("Same as the opening meeting"))
        self.copy_button.setToolTip(self.tr("Copy the opening meeting's attendees, then correct them"))
        self.copy_button.clicked.connect(self.copy_opening)
        self.add_button = QPushButton(self.tr("Add attendee"))
        self.add_button.clicked.connect(self.add_attendee)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        form.addRow(self.tr("Attendees"), self.attendees)
        form.addRow(buttons)

        self.explained = QPlainTextEdit()
        self.explained.setObjectName("closing-explained")
        self.explained.setPlaceholderText(self.tr("What was presented and explained: the findings, the CAP process, "
                                          "20 working days for the final CAP, the next audit…"))
        self.explained.setMaximumHeight(70)
        self.explained.textChanged.connect(lambda: self._save_later("notes", self.explained.toPlainText()))
        form.addRow(self.tr("Explained"), self.explained)

        positions = QHBoxLayout()
        self.position_buttons = QButtonGroup(self)
        for key in CLOSING_POSITIONS:
            radio = QRadioButton(self.tr(POSITION_LABELS[key]))
            radio.setProperty("position", key)
            self.position_buttons.addButton(radio)
            positions.addWidget(radio)
        positions.addStretch(1)
        self.position_buttons.buttonToggled.connect(self._position_toggled)
        form.addRow(self.tr("Factory's position"), positions)
        self.disagreements = QPlainTextEdit()
        self.disagreements.setObjectName("closing-disagreements")
        self.disagreements.setPlaceholderText(self.tr("What the factory disagrees with, in its words (also in the CAP's "
                                              "factory comments)"))
        self.disagreements.setMaximumHeight(60)
        self.disagreements.textChanged.connect(
            lambda: self._save_later("disagreements", self.disagreements.toPlainText()))
        form.addRow(self.tr("Disagreements"), self.disagreements)

        notice = QHBoxLayout()
        self.notice_to = QLineEdit()
        self.notice_to.setObjectName("zt-notice-to")
        self.notice_to.setPlaceholderText(self.tr("To whom (e.g. ESCP program office, by e-mail)"))
        self.notice_to.textEdited.connect(lambda text: self._save_later("zt_notice_to", text.strip()))
        self.notice_sent = QCheckBox(self.tr("Sent at"))
        self.notice_at = QDateTimeEdit()
        self.notice_at.setCalendarPopup(True)
        self.notice_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.notice_sent.toggled.connect(lambda on: self._save_time("zt_notice_at", self.notice_sent, self.notice_at))
        self.notice_at.dateTimeChanged.connect(lambda _d: self._save_time("zt_notice_at", self.notice_sent,
                                                                          self.notice_at))
        notice.addWidget(self.notice_to, 1)
        notice.addWidget(self.notice_sent)
        notice.addWidget(self.notice_at)
        self.notice_label = QLabel(self.tr("Zero Tolerance notice"))
        form.addRow(self.notice_label, notice)

    # ---- model -> widgets ----
    def show_meeting(self, meeting, zone, has_zero_tolerance: bool, read_only: bool) -> None:
        self.zone = QTimeZone(str(zone).encode())
        self._filling += 1
        try:
            self._show_time(self.held, self.held_at, meeting.held_at)
            self._show_time(self.notice_sent, self.notice_at, meeting.zt_notice_at)
            if self.attendees.state() != QTableWidget.State.EditingState and not self.page.is_editing("closing.attendees"):
                self._show_attendees(meeting.attendees or [])
            self.page.show_text(self.explained, meeting.notes, "closing.notes")
            self.page.show_text(self.disagreements, meeting.disagreements, "closing.disagreements")
            self.page.show_text(self.notice_to, meeting.zt_notice_to, "closing.zt_notice_to")
            for button in self.position_buttons.buttons():
                button.setChecked(button.property("position") == meeting.factory_position)
        finally:
            self._filling -= 1
        for widget in (self.notice_label, self.notice_to, self.notice_sent, self.notice_at):
            widget.setVisible(has_zero_tolerance or bool(meeting.zt_notice_to or meeting.zt_notice_at))
        for widget in (self.held, self.held_at, self.copy_button, self.add_button, self.notice_sent, self.notice_at):
            widget.setEnabled(not read_only)
        for widget in (self.explained, self.disagreements, self.notice_to):
            widget.setReadOnly(read_only)  # read-only text stays readable and selectable
        for button in self.position_buttons.buttons():
            button.setEnabled(not read_only)
        self.attendees.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers if read_only
                                       else QTableWidget.EditTrigger.AllEditTriggers)

    def _show_time(self, box: QCheckBox, edit: QDateTimeEdit, moment: datetime | None) -> None:
        box.setChecked(moment is not None)
        edit.setEnabled(moment is not None)
        shown = QDateTime.fromSecsSinceEpoch(int((moment or datetime.now().astimezone()).timestamp()), self.zone)
        edit.setDateTime(shown)

    def _show_attendees(self, attendees: list[dict]) -> None:
        if attendees == self.attendee_rows():
            return
        self.attendees.blockSignals(True)
        self.attendees.setRowCount(0)
        for person in attendees:
            self._append(person.get("name", ""), person.get("title", ""), person.get("side", "factory"))
        self.attendees.blockSignals(False)

    def _append(self, name: str, title: str, side: str) -> int:
        row = self.attendees.rowCount()
        self.attendees.insertRow(row)
        self.attendees.setItem(row, 0, QTableWidgetItem(name))
        self.attendees.setItem(row, 1, QTableWidgetItem(title))
        combo = QComboBox()
        for code in SIDES:  # shown in the window's language; the code is what is stored
            combo.addItem(translate("OpeningPage", SIDE_LABELS.get(code, code)), code)
        combo.setCurrentIndex(max(combo.findData(side if side in SIDES else "factory"), 0))
        combo.currentIndexChanged.connect(lambda _i: self._save_attendees())
        self.attendees.setCellWidget(row, 2, combo)
        return row

    def attendee_rows(self) -> list[dict]:
        rows = []
        for row in range(self.attendees.rowCount()):
            name, title = (self.attendees.item(row, c).text().strip() if self.attendees.item(row, c) else ""
                           for c in range(2))
            combo = self.attendees.cellWidget(row, 2)
            if name or title:
                rows.append({"name": name, "title": title, "side": combo.currentData() if combo else "factory"})
        return rows

    # ---- widgets -> model ----
    def _held_toggled(self, on: bool) -> None:
        self.held_at.setEnabled(on)
        self._save_time("held_at", self.held, self.held_at)

    def _save_time(self, field: str, box: QCheckBox, edit: QDateTimeEdit) -> None:
        if self._filling:
            return
        edit.setEnabled(box.isChecked())
        value = edit.dateTime().toPython().replace(tzinfo=None) if box.isChecked() else None
        if value is not None:  # the edit shows the factory's time: read it back as such
            from zoneinfo import ZoneInfo

            value = value.replace(tzinfo=ZoneInfo(bytes(self.zone.id()).decode()))
        self.page.save_closing(field, value, later=True)

    def _save_later(self, field: str, value) -> None:
        if not self._filling:
            self.page.save_closing(field, value, later=True)

    def _position_toggled(self, button, checked: bool) -> None:
        if checked and not self._filling:
            self.page.save_closing("factory_position", button.property("position"))

    def _save_attendees(self) -> None:
        if not self._filling:
            self.page.save_closing("attendees", self.attendee_rows(), later=True)

    def copy_opening(self) -> None:
        self._filling += 1
        try:
            self._show_attendees(self.page.opening_attendees())
        finally:
            self._filling -= 1
        self._save_attendees()

    def add_attendee(self) -> None:
        row = self._append("", "", "factory")
        self.attendees.setCurrentCell(row, 0)
        self.attendees.editItem(self.attendees.item(row, 0))
