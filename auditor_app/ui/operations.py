"""The ONE way the UI does work off the GUI thread (like Anki's `aqt.operations`).

- `run_op(parent, fn, on_success=...)` runs `fn(progress)` in a worker thread, shows progress in the
  main window's status bar (with a Cancel button when `cancellable`) and calls back on the GUI thread.
- `Autosaver` is the single serial writer: every database write of the UI is an audit operation
  (`auditor_app.audits`) run through it, in order, one transaction each; text edits are debounced
  (`schedule`). After each commit it emits `committed(OpChanges)` naming the audits, tables and rows
  that changed, so views refresh from that.

Rule of thumb: the GUI thread may read a few rows; it never waits on a write, a file, an image, a PDF
or the network, and no slot spins the event loop (`processEvents`) to wait: `after_pending` calls
back when the writer is done.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from auditor_app.errors import UserFacingError
from auditor_app.store.drafts import DraftJournal
from auditor_app.ui.drafts import DraftKeeper
from auditor_app.ui.i18n import lang, translate
from auditor_app.ui.status_indicator import StatusIndicator
from auditor_app.ui.writer import Autosaver

log = logging.getLogger(__name__)

# Background work yields the processor to the window: an operation's thread (and every thread it
# starts, such as a photo import's readers) runs this much "nicer" than the GUI thread. On a two-core
# laptop an import keeps three threads busy; at the same priority the GUI thread, woken by a timer or a
# click, waited its turn behind them, the most common long gap of the window during an import (issue
# 17: p99 of the heartbeat 24-27 ms at nice 0, 17-18 ms at 5, on a two-core host loaded by other work).
BACKGROUND_NICE = 5


def _background_priority() -> None:
    """Run this (pool) thread BACKGROUND_NICE nicer than the main (GUI) thread. Linux only: there a
    thread has its own nice value, which the threads it starts inherit; elsewhere `setpriority` would
    change the whole process."""
    if sys.platform.startswith("linux"):
        try:
            window = os.getpriority(os.PRIO_PROCESS, os.getpid())  # the process's first thread: the GUI's
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), window + BACKGROUND_NICE)
        except OSError as exc:  # a sandbox may refuse it: the work still runs, at normal priority
            log.warning("background work runs at normal priority: %s", exc)


# Two workers: the machine may have two cores and the GUI thread needs one.
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="auditor-op", initializer=_background_priority)
_running: set["Operation"] = set()
SHOW_AFTER_MS = 300  # an operation over sooner shows no indicator (a flicker, and a status-bar relayout)


class OperationCancelled(Exception):
    """Raised by `Progress.check()` (or by an operation itself) when the user pressed Cancel."""


class Progress:
    """Handed to an operation: report progress, poll for cancellation. Thread-safe.

    Updates not yet taken by the GUI thread are merged: `tell()` is called for the first of them only,
    and `take()` gives the latest. An import reports every photo, and each report was a call into
    Python on the GUI thread, which must wait for the import's threads to hand it the GIL (issue 17)."""

    def __init__(self, tell: Callable[[], None]):
        self._tell = tell
        self._lock = threading.Lock()
        self._untaken: tuple[int, int, str] | None = None
        self._cancel = threading.Event()

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        with self._lock:
            told = self._untaken is not None
            self._untaken = (int(done), int(total), str(text) or (self._untaken[2] if told else ""))
        if not told:
            self._tell()

    def take(self) -> tuple[int, int, str] | None:
        """The latest progress reported since the last `take` (None if none)."""
        with self._lock:
            latest, self._untaken = self._untaken, None
        return latest

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise OperationCancelled()

    def cancel(self) -> None:
        self._cancel.set()


class _Bridge(QObject):
    # Emitted from the worker thread; Qt queues them to the GUI thread where the bridge lives.
    progressed = Signal()  # progress to take (`Progress.take`)
    finished = Signal(object, object)  # result, error


class Operation:
    """One running background operation; `cancel()` asks it to stop."""

    def __init__(self, parent: QObject | None, fn, on_success, on_failure, label: str, cancellable: bool):
        self.parent = parent
        self.label = label
        self.done = False
        self.bridge = _Bridge()
        self.progress = Progress(self.bridge.progressed.emit)
        self._fn, self._on_success, self._on_failure = fn, on_success, on_failure
        self.indicator: StatusIndicator | None = None
        self._cancellable = cancellable
        self._latest: tuple[int, int, str] | None = None
        self.bridge.progressed.connect(self._on_progress)
        self.bridge.finished.connect(self._on_finished)
        QTimer.singleShot(SHOW_AFTER_MS, self.bridge, self._show_indicator)

    def _show_indicator(self) -> None:
        if self.done or self.indicator is not None:
            return
        self.indicator = self._make_indicator(self._cancellable)
        if self.indicator is not None and self._latest is not None:
            self.indicator.show_progress(*self._latest)

    def _make_indicator(self, cancellable: bool) -> StatusIndicator | None:
        parent = self.parent if self.parent is None or shiboken6.isValid(self.parent) else None
        window = parent.window() if isinstance(parent, QWidget) else None
        if not isinstance(window, QMainWindow):
            return None
        indicator = StatusIndicator(self.label or translate("operations", "Working…"),
                                    self.progress.cancel if cancellable else None)
        window.statusBar().addPermanentWidget(indicator)
        return indicator

    def start(self) -> None:
        _running.add(self)
        _pool.submit(self._work)

    def cancel(self) -> None:
        self.progress.cancel()

    def _work(self) -> None:
        try:
            result = self._fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            self.bridge.finished.emit(None, exc)
        else:
            self.bridge.finished.emit(result, None)

    def _on_progress(self) -> None:
        latest = self.progress.take()
        if latest is None:
            return
        self._latest = latest
        if self.indicator is not None and shiboken6.isValid(self.indicator):
            self.indicator.show_progress(*latest)

    def _on_finished(self, result: Any, error: BaseException | None) -> None:
        self.done = True
        _running.discard(self)
        if self.indicator is not None and shiboken6.isValid(self.indicator):
            self.indicator.hide()
            self.indicator.deleteLater()
        # The widget that asked may be gone (window closed): its callbacks would touch dead objects.
        alive = self.parent is None or shiboken6.isValid(self.parent)
        if not alive:
            if error is not None:
                log.warning("%s failed after its window closed: %s", self.label, error)
            return
        if error is None:
            self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(error)
        elif isinstance(error, OperationCancelled):
            show_status(self.parent, translate("operations", "{task} cancelled").format(
                task=self.label or translate("operations", "Task")))
        else:
            show_error(self.parent, self.label or translate("operations", "The task failed"), error)


def run_op(parent: QObject | None, fn: Callable[[Progress], Any], *, on_success: Callable[[Any], None],
           on_failure: Callable[[BaseException], None] | None = None, label: str = "",
           cancellable: bool = False) -> Operation:
    """Run `fn(progress)` off the GUI thread; `on_success(result)` / `on_failure(exc)` run on the GUI
    thread, and only while `parent` still exists. Without `on_failure` the error is shown to the user."""
    op = Operation(parent, fn, on_success, on_failure, label, cancellable)
    op.start()
    return op


def running_operations() -> int:
    return len(_running)


def show_status(widget: QObject | None, text: str, ms: int = 5000) -> None:
    window = widget.window() if isinstance(widget, QWidget) else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, ms)


def error_text(error: BaseException) -> tuple[str, str]:
    """(sentence, hint) for the user: a UserFacingError speaks for itself; anything else is a bug."""
    if isinstance(error, UserFacingError):
        return error.in_language(lang()), error.hint_in_language(lang())
    return (translate("operations", "An unexpected error stopped this task ({error}). Nothing already saved "
                      "was lost.").format(error=type(error).__name__),
            translate("operations", "The details are in the log file (Help > About shows where)."))


def show_error(parent: QObject | None, title: str, error: BaseException) -> None:
    """A non-blocking message: one sentence and a hint; the traceback goes to the log only."""
    if isinstance(error, UserFacingError):
        log.warning("%s: %s", title, error)
    else:
        log.error("%s: %r", title, error, exc_info=error)
    text, hint = error_text(error)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent if isinstance(parent, QWidget) else None)
    if hint:
        box.setInformativeText(hint)
    box.setObjectName("operation-error")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()


class Operations:
    """What a window needs for background work: the store, the serial writer, `run`, and the drafts
    of text not saved yet (`drafts`)."""

    def __init__(self, store, parent: QObject | None = None):
        self.store = store
        self.writer = Autosaver(store, parent)
        self.drafts = DraftKeeper(DraftJournal(store.folder), parent)

    def run(self, parent: QObject | None, fn, **kwargs) -> Operation:
        return run_op(parent, fn, **kwargs)

    def close(self) -> None:
        """The window is closing: ask running tasks to stop, write what is pending, stop the writer."""
        for op in list(_running):
            op.cancel()
        self.writer.close()
        self.drafts.close()
