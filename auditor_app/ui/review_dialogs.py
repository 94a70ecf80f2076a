"""The two small dialogs of the review: "Open for review…" (the .escp file, the firm's key file when
the confidential part is to be read, and who is at the keyboard) and a decision with its note (Return
for rework, Approve, Resubmit). Both only collect what is typed; the review view does the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.ui import auditor_memory
from auditor_app.ui.file_folders import remember_folder, start_folder


class OpenForReviewDialog(QDialog):
    def __init__(self, data_root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("open-for-review")
        self.data_root = Path(data_root)
        self.setWindowTitle(self.tr("Open for review"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("The .escp file the auditor or the lead sent"))
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("Optional: the firm's private key file, to read the confidential part"))
        memory = auditor_memory.recall(self.data_root)
        self.name = QLineEdit(memory.get("lead", ""))
        self.name.setPlaceholderText(self.tr("Your name, as it signs comments and decisions"))
        self.firm = QLineEdit(memory.get("firm", ""))
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self._choose_package)
        self.browse_key = QPushButton(self.tr("Choose…"))
        self.browse_key.clicked.connect(self._choose_key)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Package"), self._row(self.path, self.browse))
        form.addRow(self.tr("Firm &key"), self._row(self.key, self.browse_key))
        form.addRow(self.tr("Your &name"), self.name)
        form.addRow(self.tr("Audit &firm"), self.firm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The audit opens read-only. Comments and decisions are signed with this "
                                        "laptop's device key and your name.")))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    @staticmethod
    def _row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    def _choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open for review"), start_folder(self.data_root, "package"),
                                              self.tr("ESCP audit package (*.escp)"))
        if path:
            remember_folder(self.data_root, "package", path)
            self.path.setText(path)

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The firm's private key"),
                                              start_folder(self.data_root, "package"))
        if path:
            self.key.setText(path)

    def values(self) -> dict:
        return {"path": self.path.text().strip(), "key": self.key.text().strip(), "name": self.name.text().strip(),
                "firm": self.firm.text().strip()}

    def accept(self) -> None:
        values = self.values()
        problem = ("" if Path(values["path"]).is_file() else self.tr("Choose the .escp file to open.")) or \
            ("" if not values["key"] or Path(values["key"]).is_file() else self.tr("The key file is not there.")) or \
            ("" if values["name"] else self.tr("Your name signs what you write: fill it in."))
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if problem:
            return
        if (values["name"], values["firm"]) != (auditor_memory.recall(self.data_root).get("lead", ""),
                                                auditor_memory.recall(self.data_root).get("firm", "")):
            auditor_memory.remember_names(self.data_root, values["name"], values["firm"])
        super().accept()


class DecisionDialog(QDialog):
    """A decision and its note; the note may be left empty unless `note_needed`."""

    def __init__(self, title: str, explanation: str, button: str, parent: QWidget | None = None,
                 note_needed: bool = False):
        super().__init__(parent)
        self.setObjectName("review-decision")
        self.setWindowTitle(title)
        self.note_needed = note_needed
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("A word with the decision (it travels with it)"))
        self.note.setTabChangesFocus(True)
        self.problem = QLabel(self.tr("Say in a few words why."))
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def accept(self) -> None:
        if self.note_needed and not self.text():
            self.problem.show()
            return
        super().accept()
