"""The window's unlock (issue 16): where the data folder's key is under a passphrase, the window asks for it
in a dialog before the store opens; a wrong one says so and asks again; Quit ends the app with nothing
opened; a new folder on a computer without a keyring chooses one, typed twice."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from auditor_app.commands import run as run_command
from auditor_app.confidential import folder_key
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.store.folder_lock import WINDOW, FolderLock
from auditor_app.ui.unlock import unlock_for_window
from auditor_app.ui.unlock_dialog import UnlockDialog

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch):
    """A cheaper scrypt for new passphrases (the cost is kept in the folder's description), and locked
    again around each test."""
    monkeypatch.setattr(folder_key, "SCRYPT", {"n": 2 ** 14, "r": 8, "p": 1})
    folder_key.forget()
    yield
    folder_key.forget()
    folder_key.set_prompt(None)


@pytest.fixture
def locked_folder(tmp_path, monkeypatch) -> DataFolder:
    folder = DataFolder(tmp_path / "usb")
    monkeypatch.setenv(folder_key.PASSPHRASE_ENV, PASSPHRASE)
    open_store(folder).close()
    monkeypatch.delenv(folder_key.PASSPHRASE_ENV)
    folder_key.forget()
    return folder


def answer_dialogs(*steps):
    """Answer each UnlockDialog as it shows, one step per dialog; returns what each dialog showed."""
    seen: list[dict] = []
    todo = list(steps)

    def poll() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, UnlockDialog) and w.isVisible() and not w.property("answered")), None)
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        dialog.setProperty("answered", True)  # not id(): a deleted dialog's id is reused by the next one
        seen.append({"new": dialog.ask.new, "wrong": dialog.wrong.isVisible(), "title": dialog.windowTitle()})
        todo.pop(0)(dialog)
        if todo:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def type_and_unlock(text: str, again: str | None = None):
    def step(dialog: UnlockDialog) -> None:
        dialog.passphrase.setText(text)
        if again is not None:
            dialog.again.setText(again)
        dialog.ok_button.click()
    return step


def quit_dialog(dialog: UnlockDialog) -> None:
    dialog.quit_button.click()


def test_a_wrong_passphrase_says_so_and_asks_again(qtbot, locked_folder):
    seen = answer_dialogs(type_and_unlock("not the passphrase"), type_and_unlock(PASSPHRASE))
    assert unlock_for_window(locked_folder)
    assert [(s["new"], s["wrong"]) for s in seen] == [(False, False), (False, True)]
    assert seen[0]["title"] == "Unlock the audits"
    assert folder_key.unlock(locked_folder).kept == "passphrase"  # unlocked once: no more asking
    open_store(locked_folder).close()
    assert QApplication.overrideCursor() is None


def test_quit_ends_the_app_before_anything_is_opened(qtbot, locked_folder, monkeypatch, capsys):
    monkeypatch.setenv("AUDITOR_APP_HOME", str(locked_folder.root))
    opened = []
    monkeypatch.setattr("auditor_app.store.db.open_store", lambda *a, **k: opened.append(a))
    seen = answer_dialogs(quit_dialog)
    assert run_command.run(argparse.Namespace(ensure_demo=False)) == 1
    assert len(seen) == 1 and opened == []  # the store was never opened
    assert not any(isinstance(w, QMainWindow) for w in QApplication.topLevelWidgets())
    assert "stays locked" in capsys.readouterr().err
    FolderLock(locked_folder, program="test", kind=WINDOW).acquire().release()  # the window's lock was let go
    folder_key.set_prompt(None)
    monkeypatch.setattr(folder_key, "_ask", lambda: None)
    with pytest.raises(folder_key.FolderLocked, match="no way to ask"):  # and the key was not kept
        folder_key.unlock(locked_folder)


def test_three_wrong_passphrases_say_it_stays_locked(qtbot, locked_folder):
    boxes = []

    def close_box() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if w.objectName() == "unlock-failed"
                    and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, close_box)
            return
        boxes.append(box.informativeText())
        box.close()

    seen = answer_dialogs(*(type_and_unlock(f"wrong guess {n}") for n in range(3)))
    QTimer.singleShot(0, close_box)
    assert not unlock_for_window(locked_folder)
    assert [s["wrong"] for s in seen] == [False, True, True]
    assert boxes and "wrong passphrase" in boxes[0]


def test_a_new_folder_without_a_keyring_chooses_a_passphrase_typed_twice(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv(folder_key.PASSPHRASE_ENV, raising=False)
    monkeypatch.setenv("AUDITOR_APP_KEYRING", "")  # not switched off: the machine simply has none
    monkeypatch.setattr(folder_key, "usable_keyring", lambda: (None, "there is no keyring service"))
    folder = DataFolder(tmp_path / "new")
    problems = []

    def too_short_then_different_then_right(dialog: UnlockDialog) -> None:
        for text, again in (("short", "short"), (PASSPHRASE, PASSPHRASE + "!"), (PASSPHRASE, PASSPHRASE)):
            dialog.passphrase.setText(text)
            dialog.again.setText(again)
            dialog.ok_button.click()
            if dialog.isVisible():
                problems.append(dialog.problem.text())

    seen = answer_dialogs(too_short_then_different_then_right)
    assert unlock_for_window(folder)  # a new folder: its key is made when the store opens
    open_store(folder).close()
    assert [(s["new"], s["title"]) for s in seen] == [(True, "Choose a passphrase")]
    assert problems == ["A passphrase needs at least 8 characters.",
                        "The two passphrases differ: type the same one twice."]
    assert folder_key.status(folder).startswith("the key is protected by a passphrase")
    folder_key.forget()
    monkeypatch.setenv(folder_key.PASSPHRASE_ENV, PASSPHRASE)
    open_store(folder).close()  # the passphrase chosen opens it


def test_the_dialog_hides_what_is_typed(qtbot, tmp_path):
    dialog = UnlockDialog(folder_key.Ask(tmp_path, new=True))
    qtbot.addWidget(dialog)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    assert dialog.again.echoMode() == dialog.again.EchoMode.Password
    assert dialog.ok_button.isDefault() and str(tmp_path) in dialog.intro.text()
