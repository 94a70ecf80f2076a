"""The audit report and the CAP as PDF, from the UI: ask where and in which languages, build off the
GUI thread, open them.

One save dialog asks for the report; the CAP goes next to it (`… report.pdf` -> `… CAP.pdf`). Then
`ReportLanguageDialog` asks the languages: the report's pre-set from Settings, the CAP's to both. Both
are built by the same function as `auditor-app report` (`reports.pair.build_report_and_cap`) inside
`run_op`, with progress in the status bar and Cancel. Both PDFs are written under temporary names and
renamed only when both are done, so a cancel or a failure leaves no file behind (and no half-new pair).
Then both open in the system's PDF viewer.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from auditor_app.errors import UserFacingError
from auditor_app.store.models import Audit, FactoryProfile
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.operations import OperationCancelled, show_error, show_status

log = logging.getLogger(__name__)

PDF_FILTER = "PDF document (*.pdf)"
# Characters Windows, macOS or a FAT camera card refuse in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class ReportExportError(UserFacingError):
    """Why the PDFs could not be written, in words for the auditor."""


@dataclass(frozen=True)
class ExportResult:
    report: Path
    cap: Path
    pages: int
    cap_pages: int
    photos: int
    photo_problems: dict[str, str]
    signed: bool = False  # PAdES-signed by the seal's signer (a finalized audit sealed on this laptop)


def default_file_names(audit_type: str, factory: str, day: date | None) -> tuple[str, str]:
    """`2026-11-18 Dongguan Huaxing IAA report.pdf` and `… CAP.pdf`."""
    name = _UNSAFE.sub(" ", factory or "").strip() or "factory"
    name = re.sub(r"\s+", " ", name)[:80].strip()
    stem = " ".join(p for p in (day.isoformat() if day else "", name, audit_type) if p)
    return f"{stem} report.pdf", f"{stem} CAP.pdf"


def cap_path_for(report: Path) -> Path:
    """The CAP beside the report: `X report.pdf` -> `X CAP.pdf`, else `X CAP.pdf` from `X.pdf`."""
    stem = report.stem
    base = stem[: -len(" report")] if stem.lower().endswith(" report") else stem
    return report.with_name(f"{base} CAP.pdf")


def name_parts(store, audit_id: str) -> tuple[str, str, date | None]:
    """(audit type, factory, day) of an audit, for the names of the files made from it."""
    with store.session(read_only=True) as session:
        audit = session.get(Audit, audit_id)
        profile = session.query(FactoryProfile).filter_by(audit_id=audit_id).one_or_none()
        factory = (profile.name or profile.name_local) if profile else ""
        return audit.audit_type, factory, audit.actual_start or audit.planned_start


def open_in_viewer(path: Path) -> bool:
    """True when the system opened the PDF; False when no viewer is set up for PDFs."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.warning("no viewer opened %s", path)
    return False


def _words(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        why = "the disk is full. Free some space or choose another drive"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "this folder cannot be written to. Choose another folder"
    elif exc.errno == errno.ENOENT:
        why = "the folder does not exist (was a USB drive removed?)"
    else:
        why = exc.strerror or str(exc)
    return f"Could not write {path.name} in {path.parent}: {why}."


def build_pair(store, audit_id: str, report: Path, cap: Path, *, progress=None,
               cancelled: Callable[[], bool] | None = None, report_lang: str = "en",
               cap_lang: str | None = None) -> ExportResult:
    """Build the report and the CAP exactly as the CLI does, in `report_lang` and `cap_lang` ('en',
    'zh' or 'both'); runs in a worker thread.

    `progress(done, total, text)` covers both (the photos, then one step per PDF)."""
    # ReportLab and pyHanko are imported here, in the worker, at the first report: not at start-up (about
    # a second the audit list does not need; tests/ui/test_start_imports.py keeps it so), and not on the
    # GUI thread, which keeps its turns at the GIL while they load and shows the progress with Cancel.
    from auditor_app.package.document import audit_document
    from auditor_app.reports.wording import CAP_LANGUAGE  # the PDFs' words: not at start either
    from auditor_app.reports.common import ReportCancelled
    from auditor_app.reports.pair import build_report_and_cap
    from auditor_app.reports.photos import StorePhotos
    from auditor_app.signing.report_signing import sign_finalized

    cap_lang = cap_lang or CAP_LANGUAGE
    report, cap = Path(report), Path(cap)
    if report.resolve() == cap.resolve():
        raise ReportExportError("The report and the CAP need different file names.")
    parts = {report: report.with_name(f".{report.name}.building"), cap: cap.with_name(f".{cap.name}.building")}
    try:
        for final, part in parts.items():  # fail in a second on a bad folder, not after the photos
            try:
                part.touch()
            except OSError as exc:
                raise ReportExportError(_words(exc, final)) from None
        if progress:
            progress(0, 0, "Reading the audit")
        with store.session(read_only=True) as session:
            doc = audit_document(session, audit_id)
        steps = {"total": 2}

        def photos_done(done: int, total: int) -> None:
            steps["total"] = total + 1
            if progress:
                progress(done, total + 1, f"Report: preparing photos {done}/{total - 1}"
                         if done < total - 1 else "Report: laying out pages")

        photos = StorePhotos(store)
        try:  # together: the CAP is laid out while the report's photos are prepared
            built, cap_built = build_report_and_cap(doc, parts[report], parts[cap], photos=photos,
                                                    photo_cache=photos.cache(), progress=photos_done,
                                                    cancelled=cancelled, report_lang=report_lang, cap_lang=cap_lang)
        except OSError as exc:
            named = cap if exc.filename and Path(exc.filename).name == parts[cap].name else report
            raise ReportExportError(_words(exc, named)) from None
        if cancelled and cancelled():
            raise ReportCancelled("report cancelled")
        if progress:
            progress(steps["total"] - 1, steps["total"], "Signing the report and the CAP")
        signed = sign_finalized(doc, store.folder, {"report": parts[report], "cap": parts[cap]})
        for final, part in parts.items():
            try:
                os.replace(part, final)
            except PermissionError:  # Windows: the old PDF is still open in a viewer
                raise ReportExportError(f"Could not replace {final.name}: it is open in another program. "
                                        "Close it and try again.") from None
    finally:
        for part in parts.values():
            part.unlink(missing_ok=True)
    if progress:
        progress(steps["total"], steps["total"], "Report and CAP written")
    return ExportResult(report, cap, built.pages, cap_built.pages, built.photos, built.photo_problems, signed)


class ReportExporter(QObject):
    """Asks where, runs the build in a worker, opens the results. One export at a time per exporter.

    `opener(path)` shows a finished PDF (default: the system viewer); tests pass their own."""

    finished = Signal(object)  # ExportResult
    running_changed = Signal(bool)

    def __init__(self, store, ops, parent: QWidget, opener: Callable[[Path], None] | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops
        self.widget = parent
        self.opener = opener or open_in_viewer
        self.running = False
        self.operation = None

    def suggested_path(self, audit_id: str) -> Path:
        report_name, _ = default_file_names(*name_parts(self.store, audit_id))
        return Path(start_folder(self.store.folder.root, "report")) / report_name

    def export(self, audit_id: str | None) -> None:
        """Ask for the file name and the languages, then build both PDFs in the background."""
        if not audit_id or self.running:
            return
        path, _ = QFileDialog.getSaveFileName(self.widget, self.tr("Save the audit report (the CAP is saved beside it)"),
                                              str(self.suggested_path(audit_id)), PDF_FILTER)
        if not path:
            return
        report = Path(path)
        if report.suffix.lower() != ".pdf":
            report = report.with_name(report.name + ".pdf")
        from auditor_app.ui.report_language_dialog import ReportLanguageDialog  # the PDFs' words: not at start

        chooser = ReportLanguageDialog(self.store.folder.root, self.widget)
        try:
            if chooser.exec() != ReportLanguageDialog.DialogCode.Accepted:
                return
            report_lang, cap_lang = chooser.languages()
        finally:
            chooser.deleteLater()
        self.start(audit_id, report, cap_path_for(report), report_lang, cap_lang)

    def start(self, audit_id: str, report: Path, cap: Path, report_lang: str = "en",
              cap_lang: str | None = None) -> None:
        """`cap_lang` None: the CAP's default language (reports.wording.CAP_LANGUAGE)."""
        remember_folder(self.store.folder.root, "report", report.parent)
        self._set_running(True)
        # What was typed a moment ago belongs in the report: build once the writer has it.
        self.ops.writer.after_pending(lambda: self._build(audit_id, report, cap, report_lang, cap_lang))

    def _build(self, audit_id: str, report: Path, cap: Path, report_lang: str, cap_lang: str | None) -> None:
        store = self.store

        def work(progress):
            return build_pair(store, audit_id, report, cap, progress=progress.update,
                              cancelled=progress.cancelled, report_lang=report_lang, cap_lang=cap_lang)

        self.operation = self.ops.run(self.widget, work, on_success=self._done, on_failure=self._failed,
                                      label=self.tr("Writing the report and CAP"), cancellable=True)

    def cancel(self) -> None:
        if self.operation is not None:
            self.operation.cancel()

    def _set_running(self, running: bool) -> None:
        self.running = running
        if not running:
            self.operation = None
        self.running_changed.emit(running)

    def _done(self, result: ExportResult) -> None:
        self._set_running(False)
        left_out = f"; {len(result.photo_problems)} photo(s) left out" if result.photo_problems else ""
        show_status(self.widget, f"Report ({result.pages} pages, {result.photos} photos{left_out}) and CAP "
                                 f"({result.cap_pages} pages) saved{', signed,' if result.signed else ''} "
                                 f"in {result.report.parent}", 10_000)
        opened = True
        for path in (result.report, result.cap):
            try:
                opened = self.opener(path) is not False and opened
            except Exception as exc:  # noqa: BLE001 - the files are written; opening is a courtesy
                log.warning("could not open %s: %s", path, exc)
                opened = False
        if not opened:
            show_status(self.widget, f"The PDFs are saved in {result.report.parent}, but no PDF viewer opened "
                                     "them: install one (Okular, Evince, a browser) or open the folder.", 15_000)
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        from auditor_app.reports.common import ReportCancelled  # loaded already by the build that failed

        self._set_running(False)
        if isinstance(error, (ReportCancelled, OperationCancelled)):
            show_status(self.widget, self.tr("Report cancelled; no file was written"))
        else:
            show_error(self.widget, self.tr("The report was not written"), error)
