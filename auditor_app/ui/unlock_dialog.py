"""The window's unlock: where the data folder's key is kept under a passphrase (no keyring on this
computer), it is asked in a dialog once at start, before the store opens and any window shows data.

`folder_key` owns the asking: it calls the prompt set here (`ask_in_window`) with what to ask (the
passphrase of an existing folder, again after a wrong one, or a new one to choose, typed twice) and
checks the answer itself. A wrong passphrase says so in the next dialog; Quit (or closing the dialog)
leaves the folder locked and the app ends without opening anything. A folder whose key is in the
keyring or a key file asks nothing, and no QApplication is made here for it (the start stays fast).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget,
)

from auditor_app.confidential import folder_key
from auditor_app.paths import DataFolder
from auditor_app.ui.i18n import translate


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


def ask_in_window(ask: folder_key.Ask) -> str | None:
    """`folder_key`'s prompt in the window: the passphrase typed, or None when the person quits."""
    app = QApplication.instance()
    if app is None:  # the first thing to show: the app with its language and fonts, as the window has
        from auditor_app.ui.app import create_app

        app = create_app(None, ask.folder)
    while QGuiApplication.overrideCursor() is not None:
        QGuiApplication.restoreOverrideCursor()
    dialog = UnlockDialog(ask)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    text = dialog.passphrase.text() if accepted else None
    dialog.deleteLater()
    if text is not None:  # scrypt takes a moment before the answer is known
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    return text


def unlock_for_window(folder: DataFolder) -> bool:
    """Unlock the folder's key before the store opens (it asks in a dialog where a passphrase is needed);
    False when it stays locked: the person quit (nothing said), or it could not be opened (said in a box
    and on stderr)."""
    folder_key.set_prompt(ask_in_window)
    if not folder_key.exists(folder):
        return True  # a new folder: the store makes its key under the schema lock, asking here if need be
    try:
        folder_key.unlock(folder)
    except folder_key.NotGiven as exc:
        print(f"auditor-app: {exc}", file=sys.stderr)
        return False
    except folder_key.FolderLocked as exc:
        print(f"auditor-app: {exc}", file=sys.stderr)
        if QApplication.instance() is not None:
            box = QMessageBox(QMessageBox.Icon.Critical, translate("UnlockDialog", "The audits stay locked"),
                              translate("UnlockDialog", "The data folder could not be unlocked, so nothing was "
                                                        "opened and nothing was changed."))
            box.setObjectName("unlock-failed")
            box.setInformativeText(f"{exc.message}\n\n{exc.hint}" if exc.hint else exc.message)
            box.exec()
        return False
    finally:
        # Without an application (no dialog was needed) there is no cursor to restore, and Qt would warn.
        while QApplication.instance() is not None and QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
    return True
