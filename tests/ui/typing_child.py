"""The real window in a child process, for test_nothing_typed_is_lost.

    typing_child.py type <data folder> <audit id> <kind> <text>
        opens the audit, starts typing <text> into one kind of editor (a CAP cell, an attendee cell,
        a quote cell, the NC editor, the New audit dialog, a signer's name, a PV's advice cell, a PV's
        worker survey form), waits one second, prints "typed" and keeps running until the parent kills it (SIGKILL).
    typing_child.py restart <data folder>
        starts the window as `auditor-app run` does after a crash and prints, as JSON, what came back.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox  # noqa: E402

from auditor_app.paths import DataFolder  # noqa: E402
from auditor_app.store.db import open_store  # noqa: E402
from auditor_app.ui.app import create_app  # noqa: E402
from auditor_app.ui.main_window import MainWindow  # noqa: E402

STAGE = {"cap": "closing", "attendee": "opening", "quote": "interviews", "nc": "checklist",
         "signature": "closing", "new_audit": None, "pv_advice": "opening",
         "survey": "interviews"}


def wait(ms: int) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def type_into_cell(table, row: int, column: int, text: str) -> None:
    table.setFocus()
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    wait(50)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), f"no cell editor open ({editor!r})"
    QTest.keyClicks(editor, text)


def type_text(window: MainWindow, audit_id: str, kind: str, text: str) -> None:
    if kind == "new_audit":
        window.new_audit()
        wait(50)
        QTest.keyClicks(window.new_audit_dialog.name, text)
        return
    window.open_audit(audit_id, STAGE[kind])
    wait(200)
    pages = window.audit_view.pages
    if kind == "cap":
        type_into_cell(pages["closing"].cap_table, 0, 3, text)  # root cause
    elif kind == "attendee":
        opening = pages["opening"]
        opening.add_attendee()
        wait(50)
        QTest.keyClicks(QApplication.focusWidget(), text)
    elif kind == "quote":
        form = pages["interviews"].form
        form.add_quote()
        wait(50)
        QTest.keyClicks(QApplication.focusWidget(), text)
    elif kind == "nc":
        checklist = pages["checklist"]
        checklist.select("9.3.3")
        checklist.open_editor(None)
        wait(100)
        QTest.keyClicks(checklist.editor.description, text)
    elif kind == "signature":
        QTest.keyClicks(pages["closing"].boxes["factory_manager"].name, text)
    elif kind == "pv_advice":
        type_into_cell(pages["opening"].questionnaire.table, 0, 2, text)  # advice on the first question
    elif kind == "survey":  # a new response: one answer chosen, the worker's words typed, not saved
        survey = pages["interviews"].survey
        survey.start_new()
        box = next(iter(survey.answers.values()))
        box.setCurrentIndex(1)
        QTest.keyClicks(survey.comment, text)


def recovered(window: MainWindow) -> dict:
    out: dict = {}
    view = window.audit_view
    if view is not None:
        editor = view.pages["checklist"].editor
        out["nc_description"] = editor.description.toPlainText() if editor is not None else None
        out["signature_name"] = view.pages["closing"].boxes["factory_manager"].name.text()
    dialog = window.new_audit_dialog
    out["new_audit_name"] = dialog.name.text() if dialog is not None else None
    note = window.findChild(QMessageBox, "typing-recovered")
    out["note"] = note.text() if note is not None else ""
    return out


def main() -> None:
    mode, root = sys.argv[1], Path(sys.argv[2])
    create_app()
    store = open_store(DataFolder(root), actor="child")
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    if mode == "type":
        audit_id, kind, text = sys.argv[3], sys.argv[4], sys.argv[5]
        type_text(window, audit_id, kind, text)
        wait(1000)  # the promise: what is typed is on disk within a second
        print("typed", flush=True)
        while True:
            wait(100)
    window.resume_last_session()
    window.recover_typing()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        wait(100)
        if window.ops.writer.pending() == 0 and window.findChild(QMessageBox, "typing-recovered") is not None:
            break
    wait(300)
    print(json.dumps(recovered(window), ensure_ascii=False), flush=True)
    os._exit(0)  # the parent reads the data folder; no need to tidy the window away


if __name__ == "__main__":
    main()
