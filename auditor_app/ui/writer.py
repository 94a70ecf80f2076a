"""The single serial writer of the window: every change is an audit operation, run in order.

See `ui/operations.py` for the rest of the background machinery (`run_op`, progress, errors).
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from auditor_app.audits.operation import OpChanges, is_operation, run_operation

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300


@dataclass
class _Job:
    op: Callable
    args: tuple
    kwargs: dict
    on_done: Callable | None
    on_failure: Callable | None
    key: Any = None


class _WriterBridge(QObject):
    finished = Signal(object, object, object)  # job, OpChanges | None, error | None


class Autosaver(QObject):
    """The single serial writer of the UI, with debounced scheduling for text edits.

    `run_write(op, *args, **kwargs)` queues an audit operation (`auditor_app.audits`, marked
    `@operation`); it runs in one worker thread, in its own transaction, in submission order.
    `schedule(key, op, ...)` does the same after `DEBOUNCE_MS` of quiet, a newer call for the same key
    replacing the older one (one write per pause in typing, not per keystroke). Anything that is not
    an operation is refused at once: widgets never hold a writing session.
    """

    committed = Signal(object)  # OpChanges
    failed = Signal(object)  # the exception of a write that was rolled back
    unhandled = Signal(object)  # the same, for a write given no on_failure: someone must tell the auditor
    idle = Signal()  # every queued and scheduled write is committed (or failed)
    pending_changed = Signal(int)  # writes not yet committed (the header's "Saving…" / "Saved")

    def __init__(self, store, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.store = store
        self.debounce_ms = debounce_ms
        self._queue: queue.Queue = queue.Queue()
        self._unfinished = 0
        self._timers: dict[Any, QTimer] = {}
        self._scheduled: dict[Any, _Job] = {}
        self._inflight: dict[Any, int] = {}  # debounced keys sent to the writer, not yet committed
        self._after: list[Callable[[], None]] = []
        self._bridge = _WriterBridge()
        self._bridge.finished.connect(self._on_finished)
        self._thread = threading.Thread(target=self._loop, name="auditor-writer", daemon=True)
        self._thread.start()

    # ---- GUI thread API ----
    def run_write(self, op: Callable, *args, on_done: Callable | None = None,
                  on_failure: Callable | None = None, **kwargs) -> None:
        self._check(op)
        self._unfinished += 1
        self._queue.put(_Job(op, args, kwargs, on_done, on_failure))
        self.pending_changed.emit(self.pending())

    def schedule(self, key: Any, op: Callable, *args, on_done: Callable | None = None,
                 on_failure: Callable | None = None, delay_ms: int | None = None, **kwargs) -> None:
        self._check(op)
        self._scheduled[key] = _Job(op, args, kwargs, on_done, on_failure, key)
        timer = self._timers.get(key)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=key: self._fire(k))
            self._timers[key] = timer
        timer.start(self.debounce_ms if delay_ms is None else delay_ms)
        self.pending_changed.emit(self.pending())

    @staticmethod
    def _check(op: Callable) -> None:
        if not is_operation(op):
            raise TypeError(f"{getattr(op, '__qualname__', op)!r} is not an audit operation: the UI writes "
                            "only through the operations of auditor_app.audits")

    def is_pending(self, key: Any) -> bool:
        """An edit under this key is scheduled or being written: the store does not show it yet."""
        return key in self._scheduled or key in self._inflight

    def pending(self) -> int:
        """Writes scheduled or queued but not yet committed (0 = everything is saved)."""
        return len(self._scheduled) + self._unfinished

    def send_pending(self) -> None:
        """Send every debounced edit to the writer now (a page is closing, Finalize is pressed)."""
        for key in list(self._scheduled):
            self._timers[key].stop()
            self._fire(key)

    def after_pending(self, callback: Callable[[], None]) -> None:
        """Call `callback` on the GUI thread once every edit made so far is committed (or failed).

        Never waits: the callback runs from the event loop, so the window keeps painting."""
        self.send_pending()
        if self._unfinished == 0:
            QTimer.singleShot(0, callback)
        else:
            self._after.append(callback)

    def close(self, timeout_s: float = 10.0) -> bool:
        """Write what is pending and stop the writer thread (the window is closing: no callbacks)."""
        self.send_pending()
        self._queue.put(None)
        self._thread.join(timeout=timeout_s)
        return not self._thread.is_alive()

    def _fire(self, key: Any) -> None:
        job = self._scheduled.pop(key, None)
        if job is not None:
            self._inflight[key] = self._inflight.get(key, 0) + 1
            self._unfinished += 1
            self._queue.put(job)

    def _on_finished(self, job: _Job, changes: OpChanges | None, error: BaseException | None) -> None:
        self._unfinished -= 1
        if job.key is not None:
            left = self._inflight.pop(job.key, 1) - 1
            if left > 0:
                self._inflight[job.key] = left
        if error is not None:
            log.warning("write rolled back: %r", error)
            if job.on_failure is not None:
                job.on_failure(error)
            else:
                self.unhandled.emit(error)
            self.failed.emit(error)
        else:
            if job.on_done is not None:
                job.on_done(changes.result)
            self.committed.emit(changes)
        self.pending_changed.emit(self.pending())
        if self.pending() == 0:
            callbacks, self._after = self._after, []
            for callback in callbacks:
                callback()
            self.idle.emit()

    # ---- writer thread ----
    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                changes = run_operation(self.store, job.op, *job.args, **job.kwargs)
            except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread
                self._bridge.finished.emit(job, None, exc)
            else:
                self._bridge.finished.emit(job, changes, None)
