"""Opens the store on a thread while the window already shows the audit list (issue 17).

Opening imports SQLAlchemy and the models (about two thirds of a start) and checks the schema; the
list read without them (`store.start_list`) is on screen meanwhile. `opened(store)` or `failed(exc)` is
delivered on the GUI thread. The thread is not daemonic: leaving before it ends must wait for it
(`wait`), so that a store opened after the window closed is still closed properly."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class StoreOpener(QObject):
    opened = Signal(object)
    failed = Signal(object)

    def __init__(self, open_store: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._open = open_store
        self._thread = threading.Thread(target=self._run, name="store-open")
        self.store: Any = None

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self.store = self._open()
        except Exception as exc:  # noqa: BLE001 - shown by the window, which then closes
            self.failed.emit(exc)
        else:
            self.opened.emit(self.store)

    def wait(self) -> Any:
        """The store once the thread is done (None when opening failed or never started)."""
        if self._thread.ident is not None:  # started
            self._thread.join()
        return self.store
