"""The call list as a PDF, from the window: ask where (Documents by default), build it off the GUI
thread, open it. A confidential working paper: the file goes where the auditor puts it, never into
the report or the package."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from auditor_app.checklist.call_list import CallEntry
from auditor_app.errors import UserFacingError, as_user_error
from auditor_app.reports.call_list import CallListHeader, build_call_list
from auditor_app.ui.operations import show_error, show_status
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.report_export import open_in_viewer
from auditor_app.ui import i18n
from auditor_app.ui.i18n import translate

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_name(factory: str, day: str) -> str:
    """`2026-11-18 Dongguan Huaxing call list.pdf`."""
    name = re.sub(r"\s+", " ", _UNSAFE.sub(" ", factory or "")).strip()[:80] or "factory"
    return " ".join(p for p in (day, name, "call list.pdf") if p)


class CallListExporter:
    """`opener(path)` shows the finished PDF (default: the system's viewer); tests pass their own."""

    def __init__(self, ctx, widget: QWidget, opener: Callable[[Path], None] | None = None):
        self.ctx = ctx
        self.widget = widget
        self.opener = opener or open_in_viewer
        self.running = False

    def export(self, entries: Sequence[CallEntry], header: CallListHeader, day: str) -> None:
        if self.running or not entries:
            return
        root = self.ctx.store.folder.root
        suggested = Path(start_folder(root, "call_list")) / default_name(header.factory, day)
        path, _ = QFileDialog.getSaveFileName(self.widget, translate("CallListExporter",
                                                                     "Save the call list (a confidential working paper)"),
                                              str(suggested), translate("CallListExporter", "PDF document (*.pdf)"))
        if not path:
            return
        out = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        remember_folder(root, "call_list", out)
        rows = list(entries)

        writing = translate("CallListExporter", "Writing the call list")
        could_not = translate("CallListExporter", "Could not write {name} in {folder}: {error}.")

        def work(progress):
            progress.update(0, 0, writing)
            try:
                return build_call_list(rows, header, out, lang=i18n.lang())  # the auditor's paper: the window's language
            except OSError as exc:
                known = as_user_error(exc, where=out)
                raise known or UserFacingError(could_not.format(name=out.name, folder=out.parent,
                                                                error=exc.strerror or exc)) from None

        self.running = True
        self.ctx.ops.run(self.widget, work, on_success=lambda pages: self._done(out, pages),
                         on_failure=self._failed, label=writing)

    def _done(self, out: Path, pages: int) -> None:
        self.running = False
        show_status(self.widget, translate("CallListExporter", "Call list saved: {path} (%n page(s)).", "", pages)
                    .format(path=out), 8000)
        self.opener(out)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        show_error(self.widget, translate("CallListExporter", "The call list was not saved"), error)
