"""The ONE way the UI does work off the GUI thread (like Anki's `aqt.operations`).

- `run_op(parent, fn, on_success=...)` runs `fn(progress)` in a worker thread, shows progress in the
  main window's status bar (with a Cancel button when `cancellable`) and calls back on the GUI thread.
- `Autosaver` is the single serial writer: every database write of the UI goes through it, in order,
  one transaction each; text edits are debounced (`schedule`). After each commit it emits
  `committed(Committed)` naming the audits and tables that changed, so views refresh from that.

Rule of thumb: the GUI thread may read a few rows; it never waits on a write, a file, an image, a PDF
or the network.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QWidget,
)
from sqlalchemy import event

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300
# Two workers: the machine may have two cores and the GUI thread needs one.
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="auditor-op")
_running: set["Operation"] = set()


class OperationCancelled(Exception):
    """Raised by `Progress.check()` (or by an operation itself) when the user pressed Cancel."""


class Progress:
    """Handed to an operation: report progress, poll for cancellation. Thread-safe."""

    def __init__(self, emit: Callable[[int, int, str], None]):
        self._emit = emit
        self._cancel = threading.Event()

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        self._emit(int(done), int(total), str(text))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise OperationCancelled()

    def cancel(self) -> None:
        self._cancel.set()


class _Bridge(QObject):
    # Emitted from the worker thread; Qt queues them to the GUI thread where the bridge lives.
    progressed = Signal(int, int, str)
    finished = Signal(object, object)  # result, error


class _StatusIndicator(QWidget):
    """Label + bar (+ Cancel) shown in the main window's status bar while an operation runs."""

    def __init__(self, label: str, progress: Progress, cancellable: bool, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(label)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setRange(0, 0)  # busy until the first update says how much there is
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        if cancellable:
            self.cancel_button = QPushButton("Cancel")
            self.cancel_button.setToolTip("Stop this task; what is already done is kept")
            self.cancel_button.clicked.connect(progress.cancel)
            layout.addWidget(self.cancel_button)

    def show_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if text:
            self.text.setText(text)


class Operation:
    """One running background operation; `cancel()` asks it to stop."""

    def __init__(self, parent: QWidget | None, fn, on_success, on_failure, label: str, cancellable: bool):
        self.parent = parent
        self.label = label
        self.done = False
        self.bridge = _Bridge()
        self.progress = Progress(self.bridge.progressed.emit)
        self._fn, self._on_success, self._on_failure = fn, on_success, on_failure
        self.indicator = self._make_indicator(cancellable)
        self.bridge.progressed.connect(self._on_progress)
        self.bridge.finished.connect(self._on_finished)

    def _make_indicator(self, cancellable: bool) -> _StatusIndicator | None:
        window = self.parent.window() if self.parent is not None else None
        if not isinstance(window, QMainWindow):
            return None
        indicator = _StatusIndicator(self.label or "Working…", self.progress, cancellable)
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

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.indicator is not None and shiboken6.isValid(self.indicator):
            self.indicator.show_progress(done, total, text)

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
            show_status(self.parent, f"{self.label or 'Task'} cancelled")
        else:
            show_error(self.parent, self.label or "The task failed", error)


def run_op(parent: QWidget | None, fn: Callable[[Progress], Any], *, on_success: Callable[[Any], None],
           on_failure: Callable[[BaseException], None] | None = None, label: str = "",
           cancellable: bool = False) -> Operation:
    """Run `fn(progress)` off the GUI thread; `on_success(result)` / `on_failure(exc)` run on the GUI
    thread, and only while `parent` still exists. Without `on_failure` the error is shown to the user."""
    op = Operation(parent, fn, on_success, on_failure, label, cancellable)
    op.start()
    return op


def running_operations() -> int:
    return len(_running)


def wait_for_operations(timeout_ms: int = 10_000) -> bool:
    """Process events until every operation has called back (tests, closing the window)."""
    timer = threading.Event()
    threading.Timer(timeout_ms / 1000, timer.set).start()
    while _running and not timer.is_set():
        QApplication.processEvents()
        threading.Event().wait(0.005)
    return not _running


def show_status(widget: QWidget | None, text: str, ms: int = 5000) -> None:
    window = widget.window() if widget is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, ms)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """A non-blocking message: the text is the exception's own message, written for the user."""
    log.error("%s: %r", title, error, exc_info=error)
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(error) or type(error).__name__,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("operation-error")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()


@dataclass
class Committed:
    """What one committed write changed: the audits and table names touched, and fn's result."""

    audit_ids: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    result: Any = None


@dataclass
class _Job:
    fn: Callable
    on_done: Callable | None
    on_failure: Callable | None
    key: Any = None


class _WriterBridge(QObject):
    finished = Signal(object, object, object)  # job, Committed | None, error | None


class Autosaver(QObject):
    """The single serial writer of the UI, with debounced scheduling for text edits.

    `run_write(fn)` queues `fn(session)`; it runs in one worker thread inside `store.transaction()`,
    in submission order. `schedule(key, fn)` does the same after `DEBOUNCE_MS` of quiet, a newer fn
    for the same key replacing the older one (one write per pause in typing, not per keystroke).
    """

    committed = Signal(object)  # Committed
    failed = Signal(object)  # the exception of a write that was rolled back

    def __init__(self, store, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.store = store
        self.debounce_ms = debounce_ms
        self._queue: queue.Queue = queue.Queue()
        self._unfinished = 0
        self._timers: dict[Any, QTimer] = {}
        self._scheduled: dict[Any, tuple] = {}
        self._inflight: dict[Any, int] = {}  # debounced keys sent to the writer, not yet committed
        self._bridge = _WriterBridge()
        self._bridge.finished.connect(self._on_finished)
        self._thread = threading.Thread(target=self._loop, name="auditor-writer", daemon=True)
        self._thread.start()

    # ---- GUI thread API ----
    def run_write(self, fn: Callable, on_done: Callable | None = None,
                  on_failure: Callable | None = None) -> None:
        self._unfinished += 1
        self._queue.put(_Job(fn, on_done, on_failure))

    def schedule(self, key: Any, fn: Callable, on_done: Callable | None = None,
                 on_failure: Callable | None = None, delay_ms: int | None = None) -> None:
        self._scheduled[key] = (fn, on_done, on_failure)
        timer = self._timers.get(key)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=key: self._fire(k))
            self._timers[key] = timer
        timer.start(self.debounce_ms if delay_ms is None else delay_ms)

    def is_pending(self, key: Any) -> bool:
        """An edit under this key is scheduled or being written: the store does not show it yet."""
        return key in self._scheduled or key in self._inflight

    def pending(self) -> int:
        """Writes scheduled or queued but not yet committed (0 = everything is saved)."""
        return len(self._scheduled) + self._unfinished

    def flush(self, timeout_ms: int = 10_000) -> bool:
        """Send every scheduled edit now and wait until all are committed (closing a window)."""
        for key in list(self._scheduled):
            self._timers[key].stop()
            self._fire(key)
        timer = threading.Event()
        threading.Timer(timeout_ms / 1000, timer.set).start()
        while self._unfinished and not timer.is_set():
            QApplication.processEvents()
            threading.Event().wait(0.005)
        return self._unfinished == 0

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _fire(self, key: Any) -> None:
        item = self._scheduled.pop(key, None)
        if item is not None:
            self._inflight[key] = self._inflight.get(key, 0) + 1
            self._unfinished += 1
            self._queue.put(_Job(item[0], item[1], item[2], key))

    def _on_finished(self, job: _Job, committed: Committed | None, error: BaseException | None) -> None:
        self._unfinished -= 1
        if job.key is not None:
            left = self._inflight.pop(job.key, 1) - 1
            if left > 0:
                self._inflight[job.key] = left
        if error is not None:
            log.warning("write rolled back: %r", error)
            if job.on_failure is not None:
                job.on_failure(error)
            self.failed.emit(error)
            return
        if job.on_done is not None:
            job.on_done(committed.result)
        self.committed.emit(committed)

    # ---- writer thread ----
    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                committed = self._execute(job.fn)
            except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread
                self._bridge.finished.emit(job, None, exc)
            else:
                self._bridge.finished.emit(job, committed, None)

    def _execute(self, fn: Callable) -> Committed:
        committed = Committed()

        def collect(session, _ctx):
            for obj in list(session.new) + list(session.dirty) + list(session.deleted):
                table = getattr(obj, "__tablename__", None)
                if table is None or table == "event":
                    continue
                committed.tables.add(table)
                audit_id = obj.id if table == "audit" else getattr(obj, "audit_id", None)
                if audit_id:
                    committed.audit_ids.add(audit_id)

        with self.store.transaction() as session:
            # after_flush: ids and defaults are set, and new/dirty/deleted still list this flush's rows.
            event.listen(session, "after_flush", collect)
            committed.result = fn(session)
        return committed


class Operations:
    """What a window needs for background work: the store, the serial writer, `run`."""

    def __init__(self, store, parent: QObject | None = None):
        self.store = store
        self.writer = Autosaver(store, parent)

    def run(self, parent: QWidget | None, fn, **kwargs) -> Operation:
        return run_op(parent, fn, **kwargs)

    def close(self) -> None:
        wait_for_operations()
        self.writer.close()
