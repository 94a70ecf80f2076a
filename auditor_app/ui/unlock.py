"""The window's unlock: where the data folder's key is kept under a passphrase (no keyring on this
computer), it is asked in a dialog once at start, before the store opens and any window shows data.

`folder_key` owns the asking: it calls the prompt set here (`ask_in_window`) with what to ask (the
passphrase of an existing folder, again after a wrong one, or a new one to choose, typed twice) and
checks the answer itself. A wrong passphrase says so in the next dialog (`ui/unlock_dialog.py`); Quit (or
closing the dialog) leaves the folder locked and the app ends without opening anything. A folder whose
key is in the keyring or a key file asks nothing, and no QApplication is made here for it, nor the
dialog's module imported (its widgets' types and enums: ~2 ms of the start, issue 17).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from auditor_app.confidential import folder_key
from auditor_app.paths import DataFolder


def ask_in_window(ask: folder_key.Ask) -> str | None:
    """`folder_key`'s prompt in the window: the passphrase typed, or None when the person quits."""
    app = QApplication.instance()
    if app is None:  # the first thing to show: the app with its language and fonts, as the window has
        from auditor_app.ui.app import create_app

        app = create_app(None, ask.folder)
    while QGuiApplication.overrideCursor() is not None:
        QGuiApplication.restoreOverrideCursor()
    from auditor_app.ui.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(ask)
    accepted = dialog.exec() == UnlockDialog.DialogCode.Accepted
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
            from PySide6.QtWidgets import QMessageBox

            from auditor_app.ui.i18n import translate

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
