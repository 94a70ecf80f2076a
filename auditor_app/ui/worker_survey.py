"""The Progress Visit's worker survey (a tab of the Interviews page): one short anonymous form per
surveyed worker, the responses so far, and the summary of answers with the concerns to raise at the
closing meeting. The questions and answers are data (resources/rules/worker-survey.yaml); how many
workers follows the factory's size (sampling.yaml). A respondent is a drawn worker's code or S-nn."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits.recovered_typing import SURVEY_FORM
from auditor_app.audits.worker_survey import (
    next_floor_code,
    record_survey_response,
    remove_survey_response,
    responses,
    summarize,
    target_for,
    update_survey_response,
)
from auditor_app.checklist.worker_survey import load_worker_survey
from auditor_app.store.models import SurveyResponse
from auditor_app.ui import i18n

ID_ROLE = Qt.ItemDataRole.UserRole
CONCERN = "#b71c1c"


class WorkerSurveyPanel(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.survey = load_worker_survey()
        self.lang = i18n.lang()
        self.rows: list[SurveyResponse] = []
        self.drawn_codes: list[str] = []
        self.target = 0
        self.frozen = False
        self.editing: str | None = None  # the response shown in the form, None for a new one
        # What was changed in the form and not saved yet (also kept on disk as a draft): a refresh of
        # the page after another change puts it back instead of the stored row.
        self.typed: dict | None = None
        self._loading = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("survey-responses")
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.new_button = QPushButton(self.tr("New response"))
        self.new_button.clicked.connect(self.start_new)
        self.remove_button = QPushButton(self.tr("Remove response"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        left = QWidget()
        left.setMaximumWidth(180)  # codes and a count: the questions need the room
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)

        # ---- the form of one worker ----
        self.respondent = QComboBox()
        self.respondent.setObjectName("survey-respondent")
        self.respondent.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.answers: dict[str, QComboBox] = {}
        form = QFormLayout()
        # Each question above its answer: a wrapped label beside a field is squeezed by QFormLayout's
        # height-for-width in a scroll area (Chinese lines overlapped).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Worker:"), self.respondent)
        for question in self.survey.questions:
            box = QComboBox()
            box.setObjectName(f"survey-{question.id}")
            box.setMinimumWidth(220)
            box.addItem("—", None)
            for option in question.options:
                box.addItem(self.survey.option_text(option, self.lang), option)
            label = QLabel(question.text(self.lang))
            label.setWordWrap(True)
            form.addRow(label, box)
            self.answers[question.id] = box
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("survey-comment")
        self.comment.setPlaceholderText(self.tr("What the worker added in their own words (confidential)"))
        self.comment.setMaximumHeight(70)
        form.addRow(self.tr("Comment:"), self.comment)
        self.save_button = QPushButton(self.tr("Save response"))
        self.save_button.setObjectName("survey-save")
        self.save_button.clicked.connect(self.save)
        for box in (self.respondent, *self.answers.values()):
            box.currentIndexChanged.connect(self._form_changed)
        self.comment.textChanged.connect(self._form_changed)
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {CONCERN};")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form_box = QWidget()
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(form)
        form_layout.addWidget(self.problem)
        form_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        # ---- the summary ----
        self.summary = QTableWidget(0, 3)
        self.summary.setObjectName("survey-summary")
        self.summary.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Answers"), self.tr("Concerns")])
        self.summary.verticalHeader().setVisible(False)
        self.summary.setWordWrap(True)
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.summary.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.summary.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setWidget(form_box)
        # responses | the form of one worker | the summary, side by side: the form is as tall as the page
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(form_scroll)
        split.addWidget(self.summary)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 3)
        split.setSizes([140, 540, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)

    # ---- model -> widget ----
    def refresh(self, frozen: bool, drawn_codes: list[str]) -> None:
        aid = self.ctx.audit_id
        self.frozen = frozen
        self.drawn_codes = drawn_codes
        self.rows, self.target = self.ctx.read(lambda s: (responses(s, aid), target_for(s, aid)))
        self.intro.setText(self.tr(
            "Survey {target} workers chosen at random by you, never by management (the draw above can pick "
            "them). Anonymous: a code names each worker. Surveyed so far: {done}.").format(
                target=self.target, done=len(self.rows)))
        keep = self.editing
        self.list.blockSignals(True)
        self.list.clear()
        for row in self.rows:
            concerns = self._concerns(row.answers)
            text = self.tr("{code} · %n concern(s)", "", concerns).format(code=row.code) if concerns else row.code
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, row.id)
            if concerns:
                item.setForeground(QColor(CONCERN))
            self.list.addItem(item)
            if row.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        for widget in (self.new_button, self.save_button, self.respondent, self.comment, *self.answers.values()):
            widget.setEnabled(not frozen)
        self.remove_button.setEnabled(not frozen and self.list.currentItem() is not None)
        self._show_summary()
        self._show_selected()

    def _concerns(self, answers: dict) -> int:
        return sum(1 for q in self.survey.questions if answers.get(q.id) in q.concern)

    def _show_summary(self) -> None:
        summary = summarize([r.answers for r in self.rows], self.target, self.survey)
        self.summary.setRowCount(len(summary.questions))
        for n, (q, counted) in enumerate(zip(self.survey.questions, summary.questions)):
            counts = ", ".join(f"{self.survey.option_text(o, self.lang)} {c}" for o, c in counted.counts.items() if c)
            cells = (q.text(self.lang), counts or "—", str(counted.concerns) if counted.concerns else "")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if counted.concerns:
                    cell.setForeground(QColor(CONCERN))
                self.summary.setItem(n, column, cell)

    def _show_selected(self) -> None:
        item = self.list.currentItem()
        row = next((r for r in self.rows if item is not None and r.id == item.data(ID_ROLE)), None)
        self.editing = row.id if row is not None else None
        typed = self.typed if self.typed is not None and self.typed["response_id"] == self.editing else None
        if self.typed is not None and typed is None:  # another response chosen: the unsaved form is let go
            self._forget_typed()
        self.remove_button.setEnabled(not self.frozen and row is not None)
        self._loading = True
        try:
            self._fill_respondents(row.code if row is not None else None)
            answers = typed["answers"] if typed else (row.answers if row is not None else {})
            for qid, box in self.answers.items():
                box.setCurrentIndex(max(0, box.findData(answers.get(qid))))
            self.comment.setPlainText(typed["comment"] if typed else (row.comment if row is not None else ""))
            if typed and row is None:
                self.respondent.setCurrentIndex(max(0, self.respondent.findData(typed["code"])))
        finally:
            self._loading = False
        self.problem.hide()

    def _fill_respondents(self, code: str | None) -> None:
        self.respondent.clear()
        if code is not None:  # a recorded response keeps its code
            self.respondent.addItem(code, code)
            self.respondent.setEnabled(False)
            return
        self.respondent.setEnabled(not self.frozen)
        taken = {r.code for r in self.rows}
        self.respondent.addItem(self.tr("{code} (chosen on the floor)").format(code=next_floor_code(list(taken))), None)
        for drawn in self.drawn_codes:
            if drawn not in taken:
                self.respondent.addItem(self.tr("Drawn worker {code}").format(code=drawn), drawn)

    # ---- widget -> model ----
    def _draft_key(self) -> str:
        return f"survey:{self.ctx.audit_id}"

    def _form_changed(self, *_args) -> None:
        if self._loading or self.frozen:
            return
        self.typed = {"audit_id": self.ctx.audit_id, "response_id": self.editing, "code": self.respondent.currentData(),
                      "answers": self.chosen_answers(), "comment": self.comment.toPlainText()}
        label = (self.tr("Worker survey response {code}").format(code=self.respondent.currentText())
                 if self.editing else self.tr("A new worker survey response"))
        self.ctx.drafts.keep(self._draft_key(), SURVEY_FORM, self.ctx.audit_id, label, self.typed)

    def _forget_typed(self) -> None:
        self.typed = None
        self.ctx.drafts.drop(self._draft_key())

    def start_new(self) -> None:
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        self._show_selected()
        self.respondent.setFocus()

    def chosen_answers(self) -> dict[str, str]:
        return {qid: box.currentData() for qid, box in self.answers.items() if box.currentData() is not None}

    def save(self) -> None:
        if self.frozen:
            return
        answers = self.chosen_answers()
        if not answers:
            self.problem.setText(self.tr("Choose at least one answer before saving."))
            self.problem.show()
            return
        self.problem.hide()
        comment = self.comment.toPlainText()
        key = self._draft_key()
        self.typed = None  # the form now shows what is stored; the draft goes once the write is done
        if self.editing is None:
            self.ctx.write(record_survey_response, self.ctx.audit_id, answers, comment,
                           self.respondent.currentData(), on_done=lambda _r: self.ctx.drafts.drop(key))
        else:
            self.ctx.write(update_survey_response, self.editing, answers, comment,
                           on_done=lambda _r: self.ctx.drafts.drop(key))

    def remove_selected(self) -> None:
        if self.editing is not None and not self.frozen:
            self.ctx.write(remove_survey_response, self.editing)
            self.editing = None
