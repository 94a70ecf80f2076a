"""One open audit: a header with the live recommended status, a stage rail, a page per stage."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits import set_stage
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.rating import headline
from auditor_app.store.models import Audit, FactoryProfile, StageProgress
from auditor_app.store.vocab import AUDIT_TYPES, STAGE_LABELS, STAGES
from auditor_app.ui.context import AuditContext
from auditor_app.ui.save_mark import SaveMark
from auditor_app.ui.operations import show_error
from auditor_app.ui.pages.base import ALL_TABLES, StagePage, empty_state
from auditor_app.ui.pages.checklist import ChecklistPage
from auditor_app.ui.pages.closing import ClosingPage
from auditor_app.ui.pages.documents import DocumentsPage
from auditor_app.ui.pages.evidence import EvidencePage
from auditor_app.ui.pages.interviews import InterviewsPage
from auditor_app.ui.pages.opening import OpeningPage
from auditor_app.ui.pages.tour import TourPage
from auditor_app.ui.report_export import ReportExporter

log = logging.getLogger(__name__)

STATUS_COLOURS = {"referred": "#82071e", "certified": "#1a7f37", "progressing": "#1f6feb", "assessed": "#9a6700",
                  "probation": "#bc4c00", "remediation": "#8250df", "terminated": "#cf222e"}


PAGE_CLASSES = {
    "opening": OpeningPage, "tour": TourPage, "documents": DocumentsPage, "interviews": InterviewsPage,
    "checklist": ChecklistPage, "evidence": EvidencePage, "closing": ClosingPage,
}


class PlaceholderPage(StagePage):
    def __init__(self, ctx, stage: str, reason: str = "", parent=None):
        super().__init__(ctx, parent)
        self.stage = stage
        self.title = STAGE_LABELS[stage]
        layout = QVBoxLayout(self)
        text = f"The {self.title.lower()} stage could not be shown."
        layout.addWidget(empty_state(text + (f"\n\n{reason}" if reason else "")))


class AuditView(QWidget):
    stage_changed = Signal(str)
    back_requested = Signal()

    def __init__(self, store, audit_id: str, ops, stage: str | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.audit_id = audit_id
        self.ops = ops
        with store.session(read_only=True) as session:
            audit = session.get(Audit, audit_id)
            version = audit.checklist_version
        self.ctx = AuditContext(store, audit_id, load_checklist(version), ops, self)
        self.ctx.write_failed.connect(lambda exc: show_error(self, "The change was not saved", exc))
        self.ctx.request_stage.connect(self.show_stage)
        self.ctx.request_finding.connect(lambda *_: self.show_stage("checklist"))
        self.ctx.changed.connect(self._on_changed)
        self.report_exporter = ReportExporter(store, ops, self)
        self.report_exporter.running_changed.connect(lambda busy: self.report_button.setEnabled(not busy))

        self.header = self._build_header()
        self.rail = QListWidget()
        self.rail.setObjectName("stage-rail")
        self.rail.setFixedWidth(200)
        self.rail.setSpacing(2)
        self.rail.setIconSize(QSize(0, 0))
        self.rail.setStyleSheet("QListWidget#stage-rail { font-size: 10.5pt; }"
                                "QListWidget#stage-rail::item { padding: 6px 4px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, StagePage] = {}
        for index, name in enumerate(STAGES):
            page = self._make_page(name)
            self.pages[name] = page
            self.stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(f"{STAGE_LABELS[name]} (Ctrl+{index + 1})")
            self.rail.addItem(item)
            page.completion_changed.connect(lambda n=name: self._update_rail_item(n))
            self._update_rail_item(name)
        self.rail.currentRowChanged.connect(self._on_rail_row)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.rail)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self._shortcuts()

        self.ctx.recommendation_changed.connect(self._show_recommendation)
        self.ctx.rating_failed.connect(lambda exc: self._show_badge("not rated", "#6e7781", str(exc)))
        self.refresh_header()
        self.ctx.rate_now()
        self.show_stage(stage if stage in STAGES else STAGES[0])
        QTimer.singleShot(0, self.reopen_unsaved)

    def reopen_unsaved(self) -> None:
        """NCs left unsaved when the app stopped come back in their editor, on the checklist page."""
        checklist = self.pages["checklist"]
        if isinstance(checklist, ChecklistPage) and checklist.recovered_drafts():
            self.show_stage("checklist")
            checklist.reopen_recovered()

    # ---- building ----
    def _make_page(self, stage: str) -> StagePage:
        try:
            return PAGE_CLASSES[stage](self.ctx)
        except Exception as exc:  # a broken page must not take the whole audit down with it
            log.exception("the %s page failed to open", stage)
            return PlaceholderPage(self.ctx, stage, f"It failed to open: {exc}")

    def _build_header(self) -> QWidget:
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(4, 0, 4, 4)
        back = QPushButton("◀ Audits")
        back.setToolTip("Back to the audit list (Ctrl+L); everything is already saved")
        back.clicked.connect(self.back_requested.emit)
        self.factory_label = QLabel()
        self.factory_label.setObjectName("factory-label")
        self.factory_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.factory_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("audit-meta")
        self.meta_label.setStyleSheet("color: palette(dark);")
        # Name above, type and state below: on a 1280-pixel screen neither is cut by the badge.
        for label in (self.factory_label, self.meta_label):
            label.setMinimumWidth(80)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.factory_label)
        names.addWidget(self.meta_label)
        self.status_badge = QLabel("…")
        self.status_badge.setObjectName("status-badge")
        self.status_badge.setMaximumWidth(300)
        self.status_badge.setToolTip("Recommended status from the findings so far; ESCP's review team decides")
        row.addWidget(back)
        row.addSpacing(8)
        row.addLayout(names, 1)
        self.save_mark = SaveMark(self.ops.writer, header)
        row.addWidget(self.save_mark)
        row.addWidget(QLabel("Recommended:"))
        row.addWidget(self.status_badge)
        row.addSpacing(12)
        self.report_button = QPushButton("Report PDF…")
        self.report_button.setObjectName("report-button")
        self.report_button.setToolTip("Write the audit report and the CAP as PDF and open them (Ctrl+P). "
                                      "A draft carries a DRAFT watermark until the audit is finalized.")
        self.report_button.clicked.connect(self.export_report)
        row.addWidget(self.report_button)
        return header

    def _shortcuts(self) -> None:
        for index, name in enumerate(STAGES):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda n=name: self.show_stage(n))
        QShortcut(QKeySequence("Ctrl+PgDown"), self).activated.connect(lambda: self._step(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self).activated.connect(lambda: self._step(-1))

    def export_report(self) -> None:
        """The report and the CAP as PDF (the main window's File menu and Ctrl+P come here too)."""
        self.report_exporter.export(self.audit_id)

    # ---- stages ----
    def current_stage(self) -> str:
        return STAGES[max(self.stack.currentIndex(), 0)]

    def show_stage(self, stage: str) -> None:
        if stage not in STAGES:
            return
        index = STAGES.index(stage)
        if self.rail.currentRow() != index:
            self.rail.setCurrentRow(index)  # calls _on_rail_row
        else:
            self._on_rail_row(index)

    def _step(self, delta: int) -> None:
        index = min(max(STAGES.index(self.current_stage()) + delta, 0), len(STAGES) - 1)
        self.show_stage(STAGES[index])

    def _on_rail_row(self, row: int) -> None:
        if row < 0:
            return
        stage = STAGES[row]
        self.stack.setCurrentIndex(row)
        self._mark_started(stage)
        self.stage_changed.emit(stage)

    def _mark_started(self, stage: str) -> None:
        if self.ctx.is_frozen():
            return
        status = self.ctx.read(lambda s: s.query(StageProgress.status).filter_by(
            audit_id=self.audit_id, stage=stage).scalar())
        if status == "not_started":
            self.ctx.write(set_stage, self.audit_id, stage, "in_progress")

    def _update_rail_item(self, stage: str) -> None:
        item = self.rail.item(STAGES.index(stage))
        done, total = self.pages[stage].completion()
        label = STAGE_LABELS[stage]
        if total <= 0:
            item.setText(label)
        elif done >= total:
            item.setText(f"✓ {label}\n    {done}/{total} done")
        else:
            item.setText(f"{label}\n    {done}/{total}")

    # ---- header ----
    def refresh_header(self) -> None:
        def read(session):
            audit = session.get(Audit, self.audit_id)
            profile = session.query(FactoryProfile).filter_by(audit_id=self.audit_id).one()
            return audit, profile
        audit, profile = self.ctx.read(read)
        local = f"  {profile.name_local}" if profile.name_local else ""
        self.factory_label.setText(profile.name + local)
        announced = "announced" if audit.announced else "unannounced"
        self.meta_label.setText(f"{audit.audit_type} – {AUDIT_TYPES.get(audit.audit_type, '')} · {announced} · "
                                f"checklist {audit.checklist_version} · {audit.state}"
                                + (f" · revision {audit.revision}" if audit.revision > 1 else ""))

    def _show_recommendation(self, live) -> None:
        rec = live.recommendation
        reasons = "\n".join(f"• {r.text}" for r in rec.reasons)
        self._show_badge(live.label, STATUS_COLOURS.get(live.status or "", "#6e7781"),
                         f"{live.label} {headline(rec).text}\n{reasons}\n\nESCP's review team decides the status.")

    def _show_badge(self, text: str, colour: str, tip: str) -> None:
        metrics = self.status_badge.fontMetrics()
        self.status_badge.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, 270))
        self.status_badge.setToolTip(tip)
        self.status_badge.setStyleSheet(f"background: {colour}; color: white; border-radius: 9px;"
                                        "padding: 2px 10px; font-weight: 600;")

    def _on_changed(self, tables: set) -> None:
        if tables & {"audit", "factory_profile"}:
            self.refresh_header()

    def refresh_all(self) -> None:
        for page in self.pages.values():
            page.refresh(set(ALL_TABLES))
        for name in STAGES:
            self._update_rail_item(name)
