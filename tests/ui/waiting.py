"""Waiting in tests for the window's background work (the app itself never spins the event loop)."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from auditor_app.ui.operations import running_operations


def wait_for_operations(timeout_ms: int = 10_000) -> bool:
    """Process events until every `run_op` task has called back."""
    deadline = time.monotonic() + timeout_ms / 1000
    while running_operations() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    return running_operations() == 0


def flush(ops, timeout_ms: int = 10_000) -> bool:
    """Send every debounced edit now and process events until the writer has committed them all."""
    ops.writer.send_pending()
    deadline = time.monotonic() + timeout_ms / 1000
    while ops.writer.pending() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    return ops.writer.pending() == 0
