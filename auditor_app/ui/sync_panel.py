"""The sync panel: what waits to be sent to Connect, per audit, with progress, the platform's reasons
and Retry. One sync at a time runs off the GUI thread (`run_op`); the worker's progress comes back
through a queued signal."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from auditor_app.sync import outbox
from auditor_app.sync.status import ItemView, item_views
from auditor_app.sync.worker import Progress as SyncProgress
from auditor_app.sync.worker import sync_once
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, translate
from auditor_app.ui.operations import run_op
from auditor_app.ui.sentence import sentence

COLUMNS = (QT_TRANSLATE_NOOP("SyncPanel", "Factory"), QT_TRANSLATE_NOOP("SyncPanel", "What"),
           QT_TRANSLATE_NOOP("SyncPanel", "State"), QT_TRANSLATE_NOOP("SyncPanel", "Progress"),
           QT_TRANSLATE_NOOP("SyncPanel", "Platform's answer"))
STATE_WORDS = {"pending": QT_TRANSLATE_NOOP("SyncPanel", "waiting"), "sending": QT_TRANSLATE_NOOP("SyncPanel", "waiting"),
               "sent": QT_TRANSLATE_NOOP("SyncPanel", "sent"), "failed": QT_TRANSLATE_NOOP("SyncPanel", "failed")}
PHASE_WORDS = {"alert": QT_TRANSLATE_NOOP("SyncPanel", "sending the alert"),
               "manifest": QT_TRANSLATE_NOOP("SyncPanel", "sending the package list"),
               "upload": QT_TRANSLATE_NOOP("SyncPanel", "uploading"),
               "verify": QT_TRANSLATE_NOOP("SyncPanel", "being verified"),
               "sent": QT_TRANSLATE_NOOP("SyncPanel", "sent"), "waiting": QT_TRANSLATE_NOOP("SyncPanel", "waiting"),
               "failed": QT_TRANSLATE_NOOP("SyncPanel", "failed")}


def _words(table: dict[str, str], key: str) -> str:
    return translate("SyncPanel", table[key]) if key in table else key


def what_text(view: ItemView) -> str:
    """What an outbox item is ("Audit package", "Zero Tolerance alert (2.1.1)"), from its kind."""
    if view.kind == outbox.SUBMISSION:
        return translate("SyncPanel", "Audit package")
    if view.checkpoint:
        return translate("SyncPanel", "Zero Tolerance alert ({checkpoint})").format(checkpoint=view.checkpoint)
    return translate("SyncPanel", "Zero Tolerance alert")


class _Bridge(QObject):
    progressed = Signal(object)  # worker thread -> GUI thread (queued)


class SyncPanel(QDialog):
    """Emits `changed()` when the outbox changed (the audit list refreshes its badges) and
    `sending(audit_id or "")` while an audit is being sent."""

    changed = Signal()
    sending = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Sync with Connect"))
        self.setObjectName("sync-panel")
        self.resize(900, 420)
        self.retries, self.base_delay = 5, 0.5  # the worker's defaults; tests shorten them
        self.running = False
        self._cancel: threading.Event | None = None
        self._views: list[ItemView] = []
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._on_progress)

        self.summary = QLabel("")
        self.summary.setObjectName("sync-summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("SyncPanel", c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Send every waiting alert and audit package now"))
        self.sync_button.clicked.connect(lambda: self.sync())
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setToolTip(self.tr("Send again what the platform refused or could not be reached for"))
        self.retry_button.clicked.connect(self.retry)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the chunk being sent; the upload resumes from there next time"))
        self.stop_button.clicked.connect(self.stop)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.sync_button, self.retry_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    # ---- showing the outbox ----
    def refresh(self) -> None:
        """Re-read the outbox (a few rows; read-only session)."""
        with self.store.session(read_only=True) as session:
            self._views = item_views(session)
        self.table.setRowCount(len(self._views))
        for row, view in enumerate(self._views):
            state = _words(STATE_WORDS, view.state)
            if view.state == "sent" and view.received_at:
                state = self.tr("sent {when} UTC").format(when=f"{view.received_at:%Y-%m-%d %H:%M}")
            answer = sentence(view.error) if view.state in ("failed", "pending") else (
                self.tr("Receipt verified with the platform's key.") if view.state == "sent" else "")
            for col, text in enumerate((view.factory, what_text(view), state, "", answer)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
            bar = QProgressBar()
            bar.setMaximumHeight(22)
            bar.setMinimumWidth(150)
            bar.setRange(0, 1)
            bar.setValue(1 if view.state == "sent" else 0)
            bar.setFormat(self.tr("done") if view.state == "sent" else "")
            self.table.setCellWidget(row, 3, bar)
        failed = sum(1 for v in self._views if v.state == "failed")
        waiting = sum(1 for v in self._views if v.state in ("pending", "sending"))
        if not self._views:
            self.summary.setText(self.tr("Nothing to send: finalized audits and Zero Tolerance alerts appear here."))
        else:
            self.summary.setText(self.tr("{waiting} waiting, {failed} refused by the platform, {sent} sent.").format(
                waiting=waiting, failed=failed, sent=len(self._views) - waiting - failed))
        troubled = failed + sum(1 for v in self._views if v.state in ("pending", "sending") and v.error)
        self.retry_button.setEnabled(troubled > 0 and not self.running)
        self.sync_button.setEnabled(not self.running)
        self.stop_button.setEnabled(self.running)

    def row_of(self, audit_id: str, kind: str) -> int:
        for row, view in enumerate(self._views):
            if view.audit_id == audit_id and view.kind == kind:
                return row
        return -1

    def state_text(self, audit_id: str, kind: str = outbox.SUBMISSION) -> str:
        row = self.row_of(audit_id, kind)
        return self.table.item(row, 2).text() if row >= 0 else ""

    def answer_text(self, audit_id: str, kind: str = outbox.SUBMISSION) -> str:
        row = self.row_of(audit_id, kind)
        return self.table.item(row, 4).text() if row >= 0 else ""

    def select_audit(self, audit_id: str) -> None:
        rows = [r for r, v in enumerate(self._views) if v.audit_id == audit_id]
        if rows:
            self.table.selectRow(rows[-1])

    # ---- sending ----
    def sync(self, only_alerts: bool = False) -> None:
        if self.running:
            return
        self.running = True
        self._cancel = threading.Event()
        cancel, emit = self._cancel, self._bridge.progressed.emit
        retries, delay = self.retries, self.base_delay
        self.summary.setText(self.tr("Sending…"))
        self.refresh()
        self.summary.setText(self.tr("Sending…"))
        run_op(self, lambda _p: sync_once(self.store, progress=emit, cancel=cancel, retries=retries,
                                          base_delay=delay, only_alerts=only_alerts),
               label=self.tr("Syncing with Connect"), on_success=self._done, on_failure=self._failed)

    def retry(self) -> None:
        def again(_p):
            return outbox.retry_failed(self.store)

        self.retry_button.setEnabled(False)
        run_op(self, again, label=self.tr("Retrying"), on_success=lambda _n: self.sync(), on_failure=self._failed)

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.summary.setText(self.tr("Stopping after the piece being sent…"))

    def _on_progress(self, p: SyncProgress) -> None:
        self.sending.emit(p.audit_id if p.phase not in ("sent", "failed", "waiting") else "")
        row = self.row_of(p.audit_id, p.kind)
        if row < 0:  # an alert queued by this run: show it
            self.refresh()
            row = self.row_of(p.audit_id, p.kind)
            if row < 0:
                return
        words = _words(PHASE_WORDS, p.phase)
        self.table.item(row, 2).setText(words)
        bar = self.table.cellWidget(row, 3)
        if isinstance(bar, QProgressBar):
            if p.total > 0:
                bar.setRange(0, 1000)
                bar.setValue(int(1000 * p.done / p.total))
                bar.setFormat(self.tr("{done} of {total} MB").format(done=f"{p.done / 1e6:.1f}", total=f"{p.total / 1e6:.1f}"))
            elif p.phase not in ("sent", "failed", "waiting"):
                bar.setRange(0, 0)
        if p.message:
            self.table.item(row, 4).setText(sentence(p.message))
            self.table.item(row, 4).setToolTip(sentence(p.message))

    def _done(self, report) -> None:
        self.running = False
        self.sending.emit("")
        self.refresh()
        sent, waiting, failed = report.count("sent"), report.count("pending"), report.count("failed")
        words = self.tr("Sent {sent}, waiting {waiting}, refused {failed}.").format(
            sent=sent, waiting=waiting, failed=failed)
        if failed:
            words += " " + self.tr("Read the platform's answer, fix what it names, then press Retry.")
        elif waiting:
            words += " " + self.tr("The platform could not be reached; press Sync now to try again.")
        self.summary.setText(words)
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        from auditor_app.ui.operations import error_text

        self.running = False
        self.sending.emit("")
        self.refresh()
        text, hint = error_text(error)
        self.summary.setText(f"{sentence(text)} {hint}".strip())
        self.changed.emit()

    def closeEvent(self, event) -> None:
        event.accept()
        self.hide()

