"""The dialog that asks for the data folder's passphrase (`ui/unlock.py` shows it, where one is needed):
the passphrase of an existing folder, again after a wrong one, or a new one to choose, typed twice.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from auditor_app.confidential import folder_key


class UnlockDialog(QDialog):
    """Asks for the data folder's passphrase (`ask.new`: choose one, typed twice)."""

    def __init__(self, ask: folder_key.Ask, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unlock-dialog")
        self.ask = ask
        self.setWindowTitle(self.tr("Choose a passphrase") if ask.new else self.tr("Unlock the audits"))
        self.setMinimumWidth(460)
        if ask.new:
            words = self.tr("This computer has no keyring to keep the key of the data folder {folder}. Choose a "
                            "passphrase to protect the audits in it: it is asked each time the app starts, and "
                            "without it nobody, you included, can read them.")
        else:
            words = self.tr("The audits in the data folder {folder} are encrypted. Type the passphrase chosen for "
                            "it to open them.")
        self.intro = QLabel(words.format(folder=ask.folder))
        self.intro.setWordWrap(True)
        self.wrong = QLabel(self.tr("Wrong passphrase: the data folder stays locked. Type it again (letters and "
                                    "case count)."))
        self.wrong.setObjectName("wrong-passphrase")
        self.wrong.setWordWrap(True)
        self.wrong.setStyleSheet("color: #b00020; font-weight: bold;")
        self.wrong.setVisible(ask.wrong)
        self.problem = QLabel()  # a new passphrase too short, or typed differently twice
        self.problem.setObjectName("passphrase-problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()

        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("passphrase-again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if ask.new:
            form.addRow(self.tr("The same again"), self.again)

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("Protect") if ask.new else self.tr("Unlock"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("unlock")
        self.ok_button.setDefault(True)
        self.quit_button = self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("quit")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.wrong)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    def _try_accept(self) -> None:
        text = self.passphrase.text()
        if not text:
            self._say(self.tr("Type the passphrase first."))
        elif self.ask.new and len(text) < folder_key.MIN_PASSPHRASE:
            self._say(self.tr("A passphrase needs at least %n characters.", "", folder_key.MIN_PASSPHRASE))
        elif self.ask.new and self.again.text() != text:
            self._say(self.tr("The two passphrases differ: type the same one twice."))
        else:
            self.accept()

    def _say(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()
