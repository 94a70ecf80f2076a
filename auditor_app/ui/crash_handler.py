"""An error nobody caught reaches the auditor as a message naming the log file, not a silent death.

Qt calls `sys.excepthook` for an exception that escapes a slot and carries on; the hook writes the
traceback to the log and shows one sentence with where the details are. Saved work is unaffected:
every change was committed when it was made.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from auditor_app.logs import current_log_path
from auditor_app.ui.i18n import translate

log = logging.getLogger(__name__)


def crash_message(exc_type: type[BaseException]) -> tuple[str, str]:
    path = current_log_path()
    where = (translate("crash_handler", "The details are in {path}.").format(path=path) if path is not None
             else translate("crash_handler", "No log file could be written."))
    return (translate("crash_handler", "Something went wrong inside the app ({error}). What you had saved is safe.")
            .format(error=exc_type.__name__),
            translate("crash_handler", "{where} If it happens again, send that file to whoever supports ESCP Field "
                      "Auditor for you.").format(where=where))


def _hook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("uncaught error", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None:
        return
    text, hint = crash_message(exc_type)
    from PySide6.QtWidgets import QMessageBox  # its type and enums when a crash needs them, not at start

    box = QMessageBox(QMessageBox.Icon.Critical, translate("crash_handler", "Unexpected error"), text, QMessageBox.StandardButton.Ok,
                      QApplication.activeWindow())
    box.setObjectName("crash-dialog")
    box.setInformativeText(hint)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def install() -> None:
    sys.excepthook = _hook
