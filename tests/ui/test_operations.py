"""The background-work helper and the serial writer: off the GUI thread, callbacks on it, in order."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from audit_states import mark_finalized
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.audits.operation import operation
from auditor_app.store.eventlog import AuditFrozen
from auditor_app.store.models import Audit, Event
from auditor_app.ui.operations import OperationCancelled, run_op


def make_audit(store, state: str = "draft") -> str:
    with store.transaction() as session:
        audit = Audit(audit_type="ICA", checklist_version="4.0")
        session.add(audit)
        session.flush()
        if state == "finalized":
            mark_finalized(session, audit.id)
        return audit.id


def test_run_op_works_off_the_gui_thread_and_calls_back_on_it(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    seen = {}

    def work(progress):
        seen["worker"] = threading.current_thread()
        progress.update(1, 2, "half")
        return 42

    def done(result):
        seen["callback"] = threading.current_thread()
        seen["result"] = result

    run_op(widget, work, on_success=done, label="Counting")
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()


def test_run_op_failure_reaches_on_failure_with_its_message(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    errors = []

    def work(progress):
        raise ValueError("photo IMG_1.jpg is not an image")

    run_op(widget, work, on_success=lambda r: pytest.fail("must not succeed"), on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert "IMG_1.jpg is not an image" in str(errors[0])


def test_cancel_button_in_the_status_bar_stops_a_cancellable_operation(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    started = threading.Event()
    outcome = []

    def work(progress):
        started.set()
        for i in range(500):
            progress.check()
            progress.update(i, 500, f"photo {i}")
            threading.Event().wait(0.01)
        return "finished"

    run_op(window, work, on_success=outcome.append, on_failure=outcome.append,
           label="Importing photos", cancellable=True)
    assert started.wait(5)

    def cancel_buttons():
        return [b for b in window.statusBar().findChildren(QPushButton) if b.text() == "Cancel"]

    qtbot.waitUntil(lambda: len(cancel_buttons()) == 1)  # shown once the task has run SHOW_AFTER_MS
    buttons = cancel_buttons()
    qtbot.mouseClick(buttons[0], qtbot_left())
    qtbot.waitUntil(lambda: bool(outcome))
    assert isinstance(outcome[0], OperationCancelled)
    # The indicator goes away once the operation is over.
    qtbot.waitUntil(lambda: not any(True for b in window.statusBar().findChildren(QPushButton) if b.isVisible()))


def test_a_quick_operation_shows_no_indicator_and_a_slow_one_shows_its_progress(qtbot):
    from PySide6.QtWidgets import QProgressBar

    from auditor_app.ui.operations import SHOW_AFTER_MS

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    done = []
    run_op(window, lambda progress: "quick", on_success=done.append, label="Reading")
    qtbot.waitUntil(lambda: done == ["quick"])
    qtbot.wait(SHOW_AFTER_MS + 100)
    assert window.statusBar().findChildren(QProgressBar) == []  # no flicker in the status bar
    release = threading.Event()

    def slow(progress):
        progress.update(3, 10, "photo 3")
        release.wait(10)
        return "slow"

    run_op(window, slow, on_success=done.append, label="Importing photos")
    qtbot.waitUntil(lambda: any(bar.isVisible() for bar in window.statusBar().findChildren(QProgressBar)))
    bar = next(bar for bar in window.statusBar().findChildren(QProgressBar) if bar.isVisible())
    qtbot.waitUntil(lambda: (bar.value(), bar.maximum()) == (3, 10))  # the progress made before it showed
    release.set()
    qtbot.waitUntil(lambda: done == ["quick", "slow"])


def qtbot_left():
    from PySide6.QtCore import Qt
    return Qt.MouseButton.LeftButton


def test_callbacks_are_skipped_when_the_asking_widget_is_gone(qtbot):
    widget = QWidget()
    release = threading.Event()
    called = []
    run_op(widget, lambda p: release.wait(5), on_success=called.append, on_failure=called.append)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _valid(widget))
    release.set()
    assert wait_for_operations(5000)
    assert called == []


def _valid(obj) -> bool:
    import shiboken6
    return shiboken6.isValid(obj)


@operation
def set_notes(session, audit_id: str, text: str) -> str:
    """A test operation: the writer runs operations only."""
    session.get(Audit, audit_id).notes = text
    return text


def test_the_writer_runs_operations_only(qtbot, store, ops):
    audit_id = make_audit(store)

    def write(session):
        session.get(Audit, audit_id).notes = "a closure in a widget"

    with pytest.raises(TypeError, match="not an audit operation"):
        ops.writer.run_write(write)
    with pytest.raises(TypeError, match="not an audit operation"):
        ops.writer.schedule("notes", lambda s: None)
    assert ops.writer.pending() == 0


def test_debounced_writes_commit_once_with_the_last_value(qtbot, store, ops):
    audit_id = make_audit(store)
    commits = []
    ops.writer.committed.connect(commits.append)
    for text in ("W", "Wa", "Wage", "Wages late"):
        ops.writer.schedule(("notes", audit_id), set_notes, audit_id, text)
    assert ops.writer.pending() == 1
    qtbot.waitUntil(lambda: bool(commits), timeout=3000)
    assert ops.writer.pending() == 0
    assert len(commits) == 1
    assert commits[0].audit_ids == {audit_id}
    assert commits[0].tables == {"audit"}
    with store.session() as session:
        assert session.get(Audit, audit_id).notes == "Wages late"
        updates = session.scalars(select(Event).where(Event.audit_id == audit_id,
                                                      Event.action == "update")).all()
    assert len(updates) == 1  # one event per pause in typing, not one per keystroke


def test_writes_run_in_submission_order(qtbot, store, ops):
    audit_id = make_audit(store)
    order = []
    for i in range(5):
        ops.writer.run_write(set_notes, audit_id, f"step {i}", on_done=order.append)
    assert flush(ops)
    assert order == [f"step {i}" for i in range(5)]
    with store.session() as session:
        assert session.get(Audit, audit_id).notes == "step 4"


def test_a_refused_write_is_rolled_back_and_reported(qtbot, store, ops):
    audit_id = make_audit(store, state="finalized")
    failures = []
    ops.writer.failed.connect(failures.append)
    ops.writer.run_write(set_notes, audit_id, "too late")
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], AuditFrozen)
    assert "start a new revision" in str(failures[0])
    with store.session() as session:
        assert session.get(Audit, audit_id).notes == ""


def test_after_pending_calls_back_once_everything_is_committed(qtbot, store, ops):
    audit_id = make_audit(store)
    seen = []
    ops.writer.schedule("notes", set_notes, audit_id, "typed", delay_ms=60_000)
    ops.writer.after_pending(lambda: seen.append(ops.writer.pending()))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [0]
    with store.session() as session:
        assert session.get(Audit, audit_id).notes == "typed"


def test_flush_sends_scheduled_edits_at_once(qtbot, store, ops):
    audit_id = make_audit(store)
    ops.writer.schedule("notes", set_notes, audit_id, "typed just before closing", delay_ms=60_000)
    assert flush(ops)
    with store.session() as session:
        assert session.get(Audit, audit_id).notes == "typed just before closing"


def test_leak_fixture_fails_a_test_that_leaves_a_window_open(tmp_path):
    conftest = Path(__file__).with_name("conftest.py").read_text()
    (tmp_path / "conftest.py").write_text(conftest)
    (tmp_path / "test_leaky.py").write_text(textwrap.dedent("""
        from PySide6.QtWidgets import QDialog, QWidget

        def test_leaves_a_dialog(qtbot):
            dialog = QDialog()
            dialog.setObjectName("forgotten")
            dialog.show()
            test_leaves_a_dialog.keep = dialog

        def test_closes_what_it_opens(qtbot):
            widget = QWidget()
            qtbot.addWidget(widget)
            widget.show()
    """))
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "top-level widgets left open: QDialog('forgotten')" in run.stdout, run.stdout + run.stderr
    assert "2 passed, 1 error" in run.stdout, run.stdout  # the leak errors in teardown


def test_an_operations_indicator_does_not_change_the_height_of_the_pages(window, qtbot):
    """The indicator (a bar and Cancel) is taller than a line of status text: the status bar is that
    tall from the start, so a task starting or ending lays out no page again (issue 17)."""
    from PySide6.QtWidgets import QProgressBar

    qtbot.waitExposed(window)
    pages, bar_height = window.centralWidget().height(), window.statusBar().height()
    release, done = threading.Event(), []
    run_op(window, lambda progress: release.wait(10), on_success=done.append, label="Importing photos",
           cancellable=True)
    qtbot.waitUntil(lambda: any(bar.isVisible() for bar in window.statusBar().findChildren(QProgressBar)))
    qtbot.wait(50)  # laid out
    assert (window.centralWidget().height(), window.statusBar().height()) == (pages, bar_height)
    release.set()
    qtbot.waitUntil(lambda: done == [True])
    qtbot.waitUntil(lambda: not any(bar.isVisible() for bar in window.statusBar().findChildren(QProgressBar)))
    qtbot.wait(50)
    assert (window.centralWidget().height(), window.statusBar().height()) == (pages, bar_height)


def test_progress_not_yet_shown_is_merged_into_one_call_on_the_gui_thread():
    """An import reports every photo; the GUI thread is called once for all the reports it has not
    taken yet, and takes the latest (issue 17: each call waited for the GIL)."""
    from auditor_app.ui.operations import Progress

    told: list[int] = []
    progress = Progress(lambda: told.append(1))
    for n in range(1, 101):
        progress.update(n, 100, f"IMG_{n:04d}.JPG" if n < 100 else "")
    assert told == [1]
    assert progress.take() == (100, 100, "IMG_0099.JPG")  # the latest, with the last name given
    assert progress.take() is None
    progress.update(1, 5)
    assert told == [1, 1] and progress.take() == (1, 5, "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own priority is Linux's")
def test_background_work_and_the_threads_it_starts_yield_the_processor_to_the_window(qtbot):
    import os

    from auditor_app.ui.operations import BACKGROUND_NICE

    def nice() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def work(progress):
        seen = {"operation": nice()}
        reader = threading.Thread(target=lambda: seen.update(started=nice()))  # as an import's readers
        reader.start()
        reader.join()
        return seen

    outcome: list = []
    run_op(None, work, on_success=outcome.append)
    qtbot.waitUntil(lambda: bool(outcome))
    window = nice()
    assert outcome[0] == {"operation": window + BACKGROUND_NICE, "started": window + BACKGROUND_NICE}
