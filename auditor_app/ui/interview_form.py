"""The form of one interview: kind, group size, held; the usual structure (topics covered, interviewer,
language and interpreter, place, management present or not, ID seen); confidential notes and
anonymised quotes.

Every edit is saved through the audit's serial writer (debounced per interview). Until the edit is
committed, showing the stored row again must not put older values back under the auditor's typing,
so the form remembers which interviews have an edit on its way.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from auditor_app.audits.interviews import DETAIL_FLAGS, INTERVIEW_TOPICS, MAX_DETAIL_TEXT, update_interview
from auditor_app.audits.recovered_typing import INTERVIEW
from auditor_app.checklist.selection import DIMENSIONS
from auditor_app.store.models import Interview
from auditor_app.ui.drafts import CellTyping
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, stratum_value, translate
from auditor_app.ui.pages.base import set_text

# Suggestions in the window's language; what is chosen or typed is kept as text, as written.
LANGUAGES = (QT_TRANSLATE_NOOP("InterviewForm", "Mandarin (普通话)"), QT_TRANSLATE_NOOP("InterviewForm", "Cantonese (粤语)"),
             QT_TRANSLATE_NOOP("InterviewForm", "Sichuanese (四川话)"), QT_TRANSLATE_NOOP("InterviewForm", "Hakka (客家话)"),
             QT_TRANSLATE_NOOP("InterviewForm", "English"))
PLACES = (QT_TRANSLATE_NOOP("InterviewForm", "Private room on site, door closed"),
          QT_TRANSLATE_NOOP("InterviewForm", "Off site"), QT_TRANSLATE_NOOP("InterviewForm", "Dormitory"),
          QT_TRANSLATE_NOOP("InterviewForm", "Canteen"), QT_TRANSLATE_NOOP("InterviewForm", "By phone"))
INTERPRETERS = (QT_TRANSLATE_NOOP("InterviewForm", "None needed"),
                QT_TRANSLATE_NOOP("InterviewForm", "Independent (audit team)"),
                QT_TRANSLATE_NOOP("InterviewForm", "Worker chosen by the interviewee"))
YES_NO = ((QT_TRANSLATE_NOOP("InterviewForm", "Not recorded"), None), (QT_TRANSLATE_NOOP("InterviewForm", "No"), False),
          (QT_TRANSLATE_NOOP("InterviewForm", "Yes"), True))
# audits.interviews.INTERVIEW_TOPICS, in the window's language
TOPIC_LABELS = {"hours": QT_TRANSLATE_NOOP("InterviewForm", "Hours"),
                "pay": QT_TRANSLATE_NOOP("InterviewForm", "Pay and deductions"),
                "contracts": QT_TRANSLATE_NOOP("InterviewForm", "Contracts"),
                "fees": QT_TRANSLATE_NOOP("InterviewForm", "Fees"),
                "resignation": QT_TRANSLATE_NOOP("InterviewForm", "Freedom to resign"),
                "harassment": QT_TRANSLATE_NOOP("InterviewForm", "Harassment"),
                "grievance": QT_TRANSLATE_NOOP("InterviewForm", "Grievance"),
                "health_safety": QT_TRANSLATE_NOOP("InterviewForm", "Health and safety")}


def stratum_text(stratum: dict) -> str:
    return " / ".join(stratum_value(d, stratum[d]) for d in DIMENSIONS if stratum.get(d))


def _choice(items: tuple[str, ...], placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems([translate("InterviewForm", item) for item in items])
    combo.setCurrentIndex(-1)
    combo.lineEdit().setPlaceholderText(placeholder)
    combo.lineEdit().setMaxLength(MAX_DETAIL_TEXT)
    combo.setMinimumContentsLength(8)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def _yes_no() -> QComboBox:
    combo = QComboBox()
    for label, value in YES_NO:
        combo.addItem(translate("InterviewForm", label), value)
    return combo


class InterviewForm(QGroupBox):
    def __init__(self, ctx, stage: str = "interviews", parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Interview"))
        self.ctx = ctx
        self.stage = stage
        self.interview: Interview | None = None
        self.frozen = False
        self._loading = 0
        self._edits: dict[str, int] = {}  # interview id -> generation of its newest unsaved edit

        form = QFormLayout(self)
        form.setVerticalSpacing(5)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow pane: labels above
        self.code_label = QLabel()
        self.code_label.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Individual"), "individual")
        self.kind.addItem(self.tr("Group"), "group")
        self.kind.currentIndexChanged.connect(self.save)
        self.group_size = QSpinBox()
        self.group_size.setRange(1, 30)
        self.group_size.valueChanged.connect(self.save)
        self.conducted = QCheckBox(self.tr("Interview held"))
        self.conducted.toggled.connect(self.save)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addWidget(QLabel(self.tr("Group size")))
        kind_row.addWidget(self.group_size)
        kind_row.addSpacing(12)
        kind_row.addWidget(self.conducted)
        kind_row.addStretch()

        # ---- the usual structure ----
        self.topics: dict[str, QCheckBox] = {}
        topics = QGridLayout()
        topics.setContentsMargins(0, 0, 0, 0)
        topics.setVerticalSpacing(2)
        for n, (key, label) in enumerate(INTERVIEW_TOPICS):
            box = QCheckBox(translate("InterviewForm", TOPIC_LABELS.get(key, label)))
            box.setObjectName(f"topic-{key}")
            box.toggled.connect(self.save)
            self.topics[key] = box
            topics.addWidget(box, n // 2, n % 2)
        self.interviewer = _choice((), self.tr("Who asked the questions"))
        self.language = _choice(LANGUAGES, self.tr("Language of the interview"))
        self.interpreter = _choice(INTERPRETERS, self.tr("Interpreter: none, or who"))
        self.place = _choice(PLACES, self.tr("Where it took place"))
        for combo in (self.interviewer, self.language, self.interpreter, self.place):
            combo.currentTextChanged.connect(self.save)
        self.management_present = _yes_no()
        self.id_seen = _yes_no()
        for combo in (self.management_present, self.id_seen):
            combo.currentIndexChanged.connect(self.save)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Confidential notes: never shown in lists or reports"))
        self.notes.setMinimumHeight(90)
        self.notes.textChanged.connect(self.save)
        self.quotes = QTableWidget(0, 2)
        self.quotes.setHorizontalHeaderLabels([self.tr("Quote (anonymised)"), self.tr("Quotable")])
        self.quotes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.quotes.setMinimumHeight(90)
        self.quotes.itemChanged.connect(lambda *_: self.save())
        typing = CellTyping(self.quotes)  # a kill while a quote is typed must not lose it
        typing.typed.connect(self._quote_typing)
        self.quotes.setItemDelegate(typing)
        quote_buttons = QHBoxLayout()
        self.add_quote_button = QPushButton(self.tr("Add quote"))
        self.add_quote_button.clicked.connect(self.add_quote)
        self.remove_quote_button = QPushButton(self.tr("Remove quote"))
        self.remove_quote_button.clicked.connect(self.remove_quote)
        quote_buttons.addWidget(self.add_quote_button)
        quote_buttons.addWidget(self.remove_quote_button)
        quote_buttons.addStretch()
        form.addRow(self.tr("Code"), self.code_label)
        form.addRow(self.tr("Kind"), kind_row)
        form.addRow(self.tr("Topics covered"), topics)
        for label, widget in ((self.tr("Interviewer"), self.interviewer), (self.tr("Language"), self.language),
                              (self.tr("Interpreter"), self.interpreter), (self.tr("Place"), self.place),
                              (self.tr("Management present"), self.management_present),
                              (self.tr("ID seen"), self.id_seen)):
            form.addRow(label, widget)
        form.addRow(self.tr("Notes (confidential)"), self.notes)
        form.addRow(self.tr("Quotes"), self.quotes)
        form.addRow(quote_buttons)

    @contextmanager
    def _filling(self):
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    def set_team(self, names: list[str]) -> None:
        """The audit team's names, offered as interviewers."""
        if names == [self.interviewer.itemText(i) for i in range(self.interviewer.count())]:
            return  # unchanged: never disturb a name being typed
        with self._filling():
            text = self.interviewer.currentText()
            self.interviewer.clear()
            self.interviewer.addItems(names)
            self.interviewer.setCurrentIndex(-1)
            self.interviewer.setEditText(text)

    # ---- model -> widgets ----
    def show_interview(self, iv: Interview | None, frozen: bool, replaces: str = "") -> None:
        self.frozen = frozen
        self.setEnabled(iv is not None and not frozen)
        shown = self.interview
        self.interview = iv
        if iv is not None and shown is not None and iv.id == shown.id and iv.id in self._edits:
            return  # the auditor is editing this form: keep what is on screen
        with self._filling():
            if iv is None:
                self.code_label.setText(self.tr("Select an interview."))
                return
            extra = self.tr(" · replaces {code}").format(code=replaces) if replaces else ""
            stratum = stratum_text(iv.stratum) or self.tr("no stratum")
            self.code_label.setText(f"<b>{iv.code}</b> · {stratum}{extra}")
            self.kind.setCurrentIndex(max(0, self.kind.findData(iv.kind)))
            self.group_size.setValue(iv.group_size)
            self.group_size.setEnabled(iv.kind == "group")
            self.conducted.setChecked(iv.conducted_at is not None)
            self._show_details(iv.details or {})
            set_text(self.notes, iv.notes)
            if not self.quotes.hasFocus():
                self.quotes.setRowCount(0)
                for q in iv.quotes:
                    self._append_quote(q.get("text", ""), bool(q.get("quotable")))

    def _show_details(self, details: dict) -> None:
        chosen = set(details.get("topics") or [])
        for key, box in self.topics.items():
            box.setChecked(key in chosen)
        for name in ("interviewer", "language", "interpreter", "place"):
            combo: QComboBox = getattr(self, name)
            if not combo.hasFocus() and combo.currentText() != (details.get(name) or ""):
                combo.setCurrentIndex(-1)
                combo.setEditText(details.get(name) or "")
        for name in DETAIL_FLAGS:
            combo = getattr(self, name)
            combo.setCurrentIndex(max(0, combo.findData(details.get(name))))

    def _append_quote(self, text: str, quotable: bool) -> None:
        row = self.quotes.rowCount()
        self.quotes.insertRow(row)
        self.quotes.setItem(row, 0, QTableWidgetItem(text))
        tick = QTableWidgetItem()
        tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        tick.setCheckState(Qt.CheckState.Checked if quotable else Qt.CheckState.Unchecked)
        self.quotes.setItem(row, 1, tick)

    # ---- widgets -> model ----
    def add_quote(self) -> None:
        with self._filling():
            self._append_quote("", False)
        self.quotes.setCurrentCell(self.quotes.rowCount() - 1, 0)
        self.quotes.editItem(self.quotes.item(self.quotes.rowCount() - 1, 0))

    def remove_quote(self) -> None:
        row = self.quotes.currentRow()
        if row >= 0:
            self.quotes.removeRow(row)
            self.save()

    def details(self) -> dict:
        out: dict = {"topics": [key for key, box in self.topics.items() if box.isChecked()]}
        for name in ("interviewer", "language", "interpreter", "place"):
            out[name] = getattr(self, name).currentText().strip()
        for name in DETAIL_FLAGS:
            out[name] = getattr(self, name).currentData()
        return out

    def values(self, editing: tuple[int, str] | None = None) -> dict:
        """What the form holds; `editing` (row, text) stands for a quote still being typed."""
        quotes = []
        for row in range(self.quotes.rowCount()):
            text_item, tick = self.quotes.item(row, 0), self.quotes.item(row, 1)
            text = (editing[1] if editing is not None and editing[0] == row
                    else text_item.text() if text_item else "").strip()
            if text:
                quotes.append({"text": text, "quotable": tick is not None and tick.checkState() == Qt.CheckState.Checked})
        kind = self.kind.currentData()
        return {"kind": kind, "group_size": self.group_size.value() if kind == "group" else 1,
                "notes": self.notes.toPlainText(), "quotes": quotes, "held": self.conducted.isChecked(),
                "details": self.details()}

    def _quote_typing(self, row: int, column: int, text: str) -> None:
        iv = self.interview
        if iv is None or column != 0 or self.frozen:
            return
        self.ctx.drafts.keep(f"interview:{iv.id}", INTERVIEW, self.ctx.audit_id,
                             self.tr("Interview {code}, a quote").format(code=iv.code),
                             {"interview_id": iv.id, "form": self.values(editing=(row, text))})

    def save(self) -> None:
        iv = self.interview
        if iv is None or self._loading or self.frozen:
            return
        group = self.kind.currentData() == "group"
        self.group_size.setEnabled(group)
        if group and self.group_size.value() < 2:
            with self._filling():
                self.group_size.setValue(4)  # a group is 2 or more workers; 4 is the usual size
        values, iv_id = self.values(), iv.id

        # Until this edit is committed, a refresh must not put the older stored values back.
        generation = self._edits.get(iv_id, 0) + 1
        self._edits[iv_id] = generation

        def saved(_result, iv_id=iv_id, generation=generation):
            if self._edits.get(iv_id) == generation:
                del self._edits[iv_id]
                self.ctx.drafts.drop(f"interview:{iv_id}")

        self.ctx.write(update_interview, iv_id, key=(self.stage, "interview", iv_id), on_done=saved, **values)
