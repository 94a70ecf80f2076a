"""One open audit: a header with the live recommended status, a stage rail, a page per stage."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits import start_stage
from auditor_app.audits.recovered_typing import NC_EDITOR
from auditor_app.audits.stage_completion import stage_completion
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.rating import headline
from auditor_app.store.models import Audit, FactoryProfile, StageProgress
from auditor_app.store.vocab import STAGES
from auditor_app.ui.context import AuditContext
from auditor_app.ui.first_paint import after_first_paint
from auditor_app.ui.i18n import audit_type_name, message_text, stage_label, state_label, status_label
from auditor_app.ui.save_mark import SaveMark
from auditor_app.ui.operations import show_error
from auditor_app.ui.pages.base import ALL_TABLES, StagePage
from auditor_app.ui.empty_state import empty_state
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
        self.title = stage_label(stage)
        layout = QVBoxLayout(self)
        text = self.tr("The {stage} stage could not be shown.").format(stage=self.title.lower())
        layout.addWidget(empty_state(text + (f"\n\n{reason}" if reason else "")))


class StagePages(Mapping[str, StagePage]):
    """The audit's seven stage pages, each built the first time it is asked for: when it is shown, or
    when something reads it (a test, the walkthrough). Opening an audit builds only the page it opens on,
    so a 500-photo Evidence page is not built to open the Opening meeting, and the reverse."""

    def __init__(self, build: Callable[[str], StagePage]):
        self._build = build
        self._built: dict[str, StagePage] = {}

    def __getitem__(self, stage: str) -> StagePage:
        if stage not in STAGES:
            raise KeyError(stage)
        if stage not in self._built:
            self._built[stage] = self._build(stage)
        return self._built[stage]

    def __iter__(self) -> Iterator[str]:
        return iter(STAGES)

    def __len__(self) -> int:
        return len(STAGES)

    def is_built(self, stage: str) -> bool:
        return stage in self._built

    def built(self) -> dict[str, StagePage]:
        """The pages built so far (iterating the mapping itself would build them all)."""
        return dict(self._built)


class NameLabel(QLabel):
    """The factory's name on one line when there is room, wrapped when there is not. A plain wrapping
    QLabel asks for a narrow, tall shape and would wrap a short name that fits."""

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + 4
        return QSize(width, self.heightForWidth(width) if self.wordWrap() else hint.height())

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        return QSize(80, super().minimumSizeHint().height())


class FittedPage(QScrollArea):
    """A page that fills the window when it fits and scrolls when the screen is shorter than the
    page's minimum (1024x600): the window never grows past the screen, the status bar stays in view.

    Sized by hand rather than `widgetResizable`: that sizes a page with wrapping text to its preferred
    height for the width, taller than the window even where the page could shrink to fit."""

    def __init__(self, page: QWidget):
        super().__init__()
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(page)
        page.installEventFilter(self)

    def page(self) -> QWidget:
        return self.widget()

    def _fit(self) -> None:
        page, room = self.widget(), self.viewport().size()
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        width = max(room.width(), least.width())
        height = least.height()
        layout = page.layout()
        if layout is not None and layout.hasHeightForWidth():
            height = max(height, layout.minimumHeightForWidth(width))
        page.resize(width, max(room.height(), height))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()  # the page's content changed its minimum (a section shown, a list filled)
        return super().eventFilter(watched, event)


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
            # Stages to mark in progress when first shown (none for a sealed audit): known now, so
            # showing a page reads nothing more than the page needs.
            self._unstarted = set() if audit.state != "draft" else set(session.scalars(
                select(StageProgress.stage).where(StageProgress.audit_id == audit_id,
                                                  StageProgress.status == "not_started")))
        self.ctx = AuditContext(store, audit_id, load_checklist(version), ops, self)
        self.ctx.write_failed.connect(lambda exc: show_error(self, self.tr("The change was not saved"), exc))
        self.ctx.request_stage.connect(self.show_stage)
        self.ctx.request_finding.connect(self._request_finding)
        self.ctx.changed.connect(self._on_changed)
        self.report_exporter = ReportExporter(store, ops, self)
        self._counts_begun = 0  # the rail's counts read in a worker, numbered
        self._counted_by: dict[str, int] = {}  # stage -> the number of the latest such count of it
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
        self.pages = StagePages(self._build_page)
        for index, name in enumerate(STAGES):
            self.stack.addWidget(QWidget())  # the page's place, until it is first shown
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(self.tr("{stage} (Ctrl+{key})").format(stage=stage_label(name), key=index + 1))
            self.rail.addItem(item)
        for name in STAGES:
            self._update_rail_item(name, (0, 0))  # the stage's name; counted once the page is painted
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
        self.ctx.rating_failed.connect(lambda exc: self._show_badge(self.tr("not rated"), "#6e7781", str(exc)))
        self.refresh_header()
        self.show_stage(stage if stage in STAGES else STAGES[0])
        # The rating (~60-200 ms of Python in a worker) starts once the page is painted: begun before,
        # it took the GIL from the page's build and delayed its first paint by as much (issue 17).
        after_first_paint(self, self.ctx.rate_now)
        after_first_paint(self, lambda: self._count_unbuilt(set(ALL_TABLES)))
        QTimer.singleShot(0, self.reopen_unsaved)

    def reopen_unsaved(self) -> None:
        """NCs left unsaved when the app stopped come back in their editor, on the checklist page."""
        if not self.pages.is_built("checklist") and not self.ctx.drafts.drafts(self.audit_id, {NC_EDITOR}):
            return  # nothing to bring back: the checklist page waits until it is shown
        checklist = self.pages["checklist"]
        if isinstance(checklist, ChecklistPage) and checklist.recovered_drafts():
            self.show_stage("checklist")
            checklist.reopen_recovered()

    # ---- building ----
    def _build_page(self, stage: str) -> StagePage:
        """Build a stage's page (the first time it is asked for) and put it in its place."""
        page = self._make_page(stage)
        index = STAGES.index(stage)
        current = self.stack.currentIndex()
        place = self.stack.widget(index)
        self.stack.insertWidget(index, FittedPage(page))
        self.stack.removeWidget(place)
        place.deleteLater()
        self.stack.setCurrentIndex(current)
        page.completion_changed.connect(lambda: self._update_rail_item(stage, page.completion()))
        self._update_rail_item(stage, page.completion())
        return page

    def _make_page(self, stage: str) -> StagePage:
        try:
            return PAGE_CLASSES[stage](self.ctx)
        except Exception as exc:  # a broken page must not take the whole audit down with it
            log.exception("the %s page failed to open", stage)
            return PlaceholderPage(self.ctx, stage, self.tr("It failed to open: {error}").format(error=exc))

    def _build_header(self) -> QWidget:
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(4, 0, 4, 4)
        back = QPushButton(self.tr("◀ Audits"))
        back.setToolTip(self.tr("Back to the audit list (Ctrl+L); everything is already saved"))
        back.clicked.connect(self.back_requested.emit)
        self.factory_label = NameLabel()
        self.factory_label.setObjectName("factory-label")
        self.factory_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.factory_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("audit-meta")
        self.meta_label.setStyleSheet("color: palette(dark);")
        # Names above, state and type below. Narrow screens wrap the names onto a second line rather than
        # cut them; the meta line starts with the state so that what is cut is never the state.
        self.factory_label.setWordWrap(True)
        for label in (self.factory_label, self.meta_label):
            label.setMinimumWidth(80)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Beside the local name, not across the header from it; it still wraps when the room runs out.
        self.factory_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # The local name (东莞…有限公司) is never broken: the English name wraps before it does.
        self.local_name_label = QLabel()
        self.local_name_label.setObjectName("factory-local-name")
        self.local_name_label.setStyleSheet("font-size: 12pt;")
        self.local_name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.local_name_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        name_row = QHBoxLayout()
        name_row.setSpacing(10)
        name_row.addWidget(self.factory_label)
        name_row.addWidget(self.local_name_label, 0, Qt.AlignmentFlag.AlignTop)
        name_row.addStretch(1)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addLayout(name_row)
        names.addWidget(self.meta_label)
        self.status_badge = QLabel("…")
        self.status_badge.setObjectName("status-badge")
        self.status_badge.setMaximumWidth(300)
        self.status_badge.setToolTip(self.tr("Recommended status from the findings so far; ESCP's review team decides"))
        row.addWidget(back)
        row.addSpacing(8)
        row.addLayout(names, 1)
        self.save_mark = SaveMark(self.ops.writer, header)
        row.addWidget(self.save_mark)
        self.recommended_word = QLabel(self.tr("Recommended:"))
        row.addWidget(self.recommended_word)
        row.addWidget(self.status_badge)
        row.addSpacing(12)
        self.report_button = QPushButton(self.tr("Report PDF…"))
        self.report_button.setObjectName("report-button")
        self.report_button.setToolTip(self.tr("Write the audit report and the CAP as PDF and open them (Ctrl+P). "
                                      "A draft carries a DRAFT watermark until the audit is finalized."))
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
        self.pages[stage]  # built the first time it is shown
        self.stack.setCurrentIndex(row)
        self._mark_started(stage)
        self.stage_changed.emit(stage)

    def _mark_started(self, stage: str) -> None:
        if stage in self._unstarted:  # the operation checks again: another window may have begun it
            self._unstarted.discard(stage)
            self.ctx.write(start_stage, self.audit_id, stage)

    def _request_finding(self, area_id: str, hints: dict) -> None:
        """An NC asked for from another page: the checklist page raises it. A page built now missed the
        signal (a slot connected during an emission is not called for it), so it is told directly."""
        built = self.pages.is_built("checklist")
        checklist = self.pages["checklist"]
        self.show_stage("checklist")
        if not built and isinstance(checklist, ChecklistPage):
            checklist.raise_nc_here(area_id, hints)

    def _count_unbuilt(self, tables: set[str]) -> None:
        """The rail's counts of the stages whose page is not built, re-read when a table they count
        changed (a built page counts its own rows and tells the rail)."""
        def counts_from(stage: str) -> frozenset[str]:  # empty: every table
            return getattr(PAGE_CLASSES[stage], "watched_tables", frozenset())

        stages = [s for s in STAGES if not self.pages.is_built(s)
                  and (not counts_from(s) or tables & counts_from(s))]
        if not stages:
            return
        audit_id, checklist = self.audit_id, self.ctx.checklist
        if not self.ctx.announcing:
            self._show_counts(stages, self.ctx.read(lambda s: stage_completion(s, audit_id, checklist, stages)))
            return
        # Told of a change made outside the writer (an import's end): counted in a worker, shown unless
        # a later count of the stage has begun (~2-4 ms of the GUI thread in that turn: issue 17).
        self._counts_begun += 1
        begun, store = self._counts_begun, self.store
        for stage in stages:
            self._counted_by[stage] = begun

        def count(_progress):
            with store.session(read_only=True) as s:
                return stage_completion(s, audit_id, checklist, stages)

        def show(counts) -> None:
            self._show_counts([s for s in stages if self._counted_by.get(s) == begun], counts)

        self.ctx.ops.run(self, count, on_success=show, on_failure=lambda _error: self._count_unbuilt(tables))

    def _show_counts(self, stages: list[str], counts: dict[str, tuple[int, int]]) -> None:
        for stage in stages:
            self._counted_by.pop(stage, None)  # a count begun before this one shows nothing now
            if not self.pages.is_built(stage):  # a page built meanwhile counts its own rows
                self._update_rail_item(stage, counts.get(stage, (0, 0)))

    def _update_rail_item(self, stage: str, counted: tuple[int, int] | None = None) -> None:
        item = self.rail.item(STAGES.index(stage))
        done, total = counted if counted is not None else self.pages[stage].completion()
        label = stage_label(stage)
        if total <= 0:
            item.setText(label)
        elif done >= total:
            item.setText("✓ " + label + "\n    " + self.tr("{done}/{total} done").format(done=done, total=total))
        else:
            item.setText(f"{label}\n    {done}/{total}")

    # ---- header ----
    def refresh_header(self) -> None:
        def read(session):
            audit = session.get(Audit, self.audit_id)
            profile = session.query(FactoryProfile).filter_by(audit_id=self.audit_id).one()
            return audit, profile
        audit, profile = self.ctx.read(read)
        self.factory_label.setText(profile.name)
        self.local_name_label.setText(profile.name_local)
        self.local_name_label.setVisible(bool(profile.name_local))
        self.factory_label.setToolTip(f"{profile.name}  {profile.name_local}".strip())
        announced = self.tr("announced") if audit.announced else self.tr("unannounced")
        revision = self.tr(" (revision {n})").format(n=audit.revision) if audit.revision > 1 else ""
        checklist = self.tr("checklist {version}").format(version=audit.checklist_version)
        self.meta_label.setText(f"{state_label(audit.state)}{revision} · {audit.audit_type} – "
                                f"{audit_type_name(audit.audit_type)} · {announced} · {checklist}")
        self.meta_label.setToolTip(self.meta_label.text())

    def _show_recommendation(self, live) -> None:
        rec = live.recommendation
        reasons = "\n".join(f"• {message_text(r)}" for r in rec.reasons)
        label = status_label(live.status or "", live.label)
        self._show_badge(label, STATUS_COLOURS.get(live.status or "", "#6e7781"),
                         f"{label} {message_text(headline(rec))}\n{reasons}\n\n"
                         + self.tr("ESCP's review team decides the status."))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # On a 1024-pixel screen the names need the room more than the word "Recommended:" does.
        narrow = self.width() < 1200
        self.recommended_word.setVisible(not narrow)
        self.status_badge.setMaximumWidth(220 if narrow else 300)
        if getattr(self, "_badge_text", None):
            self._show_badge(*self._badge_text)

    def _show_badge(self, text: str, colour: str, tip: str) -> None:
        self._badge_text = (text, colour, tip)
        metrics = self.status_badge.fontMetrics()
        room = self.status_badge.maximumWidth() - 30
        self.status_badge.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))
        self.status_badge.setToolTip(tip)
        self.status_badge.setStyleSheet(f"background: {colour}; color: white; border-radius: 9px;"
                                        "padding: 2px 10px; font-weight: 600;")

    def _on_changed(self, tables: set) -> None:
        if tables & {"audit", "factory_profile"}:
            self.refresh_header()
        self._count_unbuilt(tables)

    def refresh_all(self) -> None:
        for name, page in self.pages.built().items():
            page.refresh(set(ALL_TABLES))
            self._update_rail_item(name)
        self._count_unbuilt(set(ALL_TABLES))
