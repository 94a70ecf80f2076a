"""The factory's pre-visit questionnaire on a Progress Visit's Opening meeting page: save the blank file
to send, import the filled one, and read each answer beside its question with the advice given in the
Q&A (typed in the last column, kept with the visit). Reading and parsing the file run in the writer,
off the window's thread; a file that cannot be used is refused with its reason and changes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits.questionnaire import (
    advise_on_question,
    blank_questionnaire,
    import_questionnaire,
    questionnaire_answers,
)
from auditor_app.audits.recovered_typing import PV_ADVICE
from auditor_app.checklist.pv_questionnaire import load_pv_questionnaire
from auditor_app.store.models import QuestionnaireAnswer
from auditor_app.ui import i18n
from auditor_app.ui.drafts import CellTyping
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.operations import show_status

ADVICE = 2
ID_ROLE = Qt.ItemDataRole.UserRole


class QuestionnairePanel(QGroupBox):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(self.tr("Pre-visit questionnaire: the factory's answers, and your advice on each"), parent)
        self.ctx = ctx
        self.frozen = False
        self._filling = False
        self.rows: list[QuestionnaireAnswer] = []
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.blank_button = QPushButton(self.tr("Save blank questionnaire…"))
        self.blank_button.setToolTip(self.tr("A CSV file in English and Chinese to send to the factory before the visit"))
        self.blank_button.clicked.connect(self.save_blank)
        self.import_button = QPushButton(self.tr("Import filled questionnaire…"))
        self.import_button.clicked.connect(self.import_dialog)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("pv-questionnaire")
        self.table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Factory's answer"), self.tr("Advice given")])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(220)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._advice_edited)
        typing = CellTyping(self.table)  # advice being typed is kept on disk before the cell is committed
        typing.typed.connect(self._advice_typing)
        self.table.setItemDelegateForColumn(ADVICE, typing)
        buttons = QHBoxLayout()
        buttons.addWidget(self.source, 1)
        buttons.addWidget(self.blank_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    # ---- model -> widget ----
    def refresh(self, frozen: bool) -> None:
        self.frozen = frozen
        aid = self.ctx.audit_id
        self.rows = self.ctx.read(lambda s: questionnaire_answers(s, aid))
        words = load_pv_questionnaire()
        lang = i18n.lang()
        source = next((r.source for r in self.rows if r.source.get("name")), None)
        answered = sum(1 for r in self.rows if r.answer)
        self.source.setText(self.tr("From {file}: %n question(s) answered.", "", answered).format(file=source["name"])
                            if source else self.tr("Not received yet: send the blank questionnaire to the factory "
                                                   "before the visit and import the file it returns."))
        self._filling = True
        try:
            self.table.setRowCount(len(self.rows))
            for n, row in enumerate(self.rows):
                known = words.question(row.question_id)
                question = f"{row.question_id} · {known.text(lang) if known else row.question}"
                fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                for column, text in enumerate((question, row.answer or "—", row.advice)):
                    cell = QTableWidgetItem(text)
                    cell.setFlags(fixed | Qt.ItemFlag.ItemIsEditable if column == ADVICE and not frozen else fixed)
                    cell.setToolTip(text)
                    self.table.setItem(n, column, cell)
                self.table.item(n, 0).setData(ID_ROLE, row.id)
        finally:
            self._filling = False
        self.import_button.setEnabled(not frozen)

    # ---- widget -> model ----
    def _advice_typing(self, row: int, _column: int, text: str) -> None:
        if self.frozen or not 0 <= row < len(self.rows):
            return
        answer = self.rows[row]
        self.ctx.drafts.keep(f"pv_advice:{answer.id}", PV_ADVICE, self.ctx.audit_id,
                             self.tr("Advice on pre-visit question {question}").format(question=answer.question_id),
                             {"answer_id": answer.id, "text": text})

    def _advice_edited(self, cell: QTableWidgetItem) -> None:
        if self._filling or self.frozen or cell.column() != ADVICE:
            return
        answer_id = self.table.item(cell.row(), 0).data(ID_ROLE)
        key = f"pv_advice:{answer_id}"
        self.ctx.write(advise_on_question, answer_id, cell.text(), key=("advice", answer_id),
                       on_done=lambda _r: self.ctx.drafts.drop(key))

    def import_dialog(self) -> None:
        root = self.ctx.store.folder.root
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import the factory's questionnaire"),
                                              start_folder(root, "questionnaire"),
                                              self.tr("Questionnaire (*.csv *.xlsx *.xls *.ods *.txt);;All files (*)"))
        if path:
            remember_folder(root, "questionnaire", path)
            self.import_file(path)

    def import_file(self, path: str) -> None:
        self.ctx.write(import_questionnaire, self.ctx.audit_id, path,
                       on_done=lambda _r: show_status(self, self.tr("Questionnaire imported from {file}")
                                                      .format(file=Path(path).name)))

    def save_blank(self) -> None:
        root = self.ctx.store.folder.root
        suggested = str(Path(start_folder(root, "questionnaire")) / "pv-questionnaire.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the blank questionnaire"), suggested,
                                              self.tr("CSV (*.csv)"))
        if path:
            remember_folder(root, "questionnaire", path)
            self.write_blank(path)

    def write_blank(self, path: str) -> None:
        def work(_progress):
            Path(path).write_bytes(blank_questionnaire())

        self.ctx.ops.run(self, work, on_success=lambda _r: show_status(self, self.tr("Saved {file}").format(
            file=Path(path).name)), label=self.tr("Saving the questionnaire"))
