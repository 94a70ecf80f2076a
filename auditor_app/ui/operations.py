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
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from auditor_app.errors import UserFacingError
from auditor_app.store.drafts import DraftJournal
from auditor_app.ui.drafts import DraftKeeper
from auditor_app.ui.i18n import lang, translate
from auditor_app.ui.writer import Autosaver

log = logging.getLogger(__name__)

# Two workers: the machine may have two cores and the GUI thread needs one.
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="auditor-op")
_running: set["Operation"] = set()
PROGRESS_MS = 100  # the status bar's progress is repainted at most this often
SHOW_AFTER_MS = 300  # an operation over sooner shows no indicator (a flicker, and a status-bar relayout)


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
            self.cancel_button = QPushButton(self.tr("Cancel"))
            self.cancel_button.setToolTip(self.tr("Stop this task; what is already done is kept"))
            self.cancel_button.clicked.connect(progress.cancel)
            layout.addWidget(self.cancel_button)
        self._latest: tuple[int, int, str] = (0, 0, "")
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setInterval(PROGRESS_MS)
        self._tick.timeout.connect(self._show_latest)

    def show_progress(self, done: int, total: int, text: str) -> None:
        """Shown at most every PROGRESS_MS: a bar's value repaints it at once, and an import reports
        every photo (100 repaints of the status bar in a few seconds were a good part of its GUI time)."""
        self._latest = (done, total, text or self._latest[2])
        if not self._tick.isActive():
            self._tick.start()

    def _show_latest(self) -> None:
        done, total, text = self._latest
        if total > 0:
            if self.bar.maximum() != total:
                self.bar.setRange(0, total)
            self.bar.setValue(done)
        if text and text != self.text.text():
            self.text.setText(text)


class Operation:
    """One running background operation; `cancel()` asks it to stop."""

    def __init__(self, parent: QObject | None, fn, on_success, on_failure, label: str, cancellable: bool):
        self.parent = parent
        self.label = label
        self.done = False
        self.bridge = _Bridge()
        self.progress = Progress(self.bridge.progressed.emit)
        self._fn, self._on_success, self._on_failure = fn, on_success, on_failure
        self.indicator: _StatusIndicator | None = None
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

    def _make_indicator(self, cancellable: bool) -> _StatusIndicator | None:
        parent = self.parent if self.parent is None or shiboken6.isValid(self.parent) else None
        window = parent.window() if isinstance(parent, QWidget) else None
        if not isinstance(window, QMainWindow):
            return None
        indicator = _StatusIndicator(self.label or translate("operations", "Working…"), self.progress, cancellable)
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
        self._latest = (done, total, text)
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
