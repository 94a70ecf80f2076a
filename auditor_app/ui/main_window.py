"""The main window: the audit list, and the open audit in place of it.

Everything frequent has a key: Ctrl+N new audit, Enter open, Ctrl+Shift+F follow-up, Ctrl+L back to
the list, Ctrl+1…7 stages, Ctrl+Q quit. There is no Save: every change is committed as it is made.
"""

from __future__ import annotations

import functools
import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.paths import DataFolder
from auditor_app.store.audit_summary import AuditSummary
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.first_paint import after_first_paint
from auditor_app.ui.audit_list import AuditList
from auditor_app.ui import auditor_memory
from auditor_app.ui.resume import ResumeState, StateKeeper, load_state
from auditor_app.ui.status_indicator import keep_room_for_indicator

# Not imported at start (issue 17: a usable list first). The window can show the audit list before the
# store is open (`attach`), so nothing that imports SQLAlchemy or the models is imported here: the
# operations, the writer, the report exporter and the dialogs a click opens are imported where used.
if TYPE_CHECKING:
    from auditor_app.store.db import Store
    from auditor_app.store.drafts import Draft
    from auditor_app.ui.new_audit_dialog import NewAuditDialog
    from auditor_app.ui.operations import Operations
    from auditor_app.ui.report_export import ReportExporter

Method = TypeVar("Method", bound=Callable[..., Any])

log = logging.getLogger(__name__)


def settle_heap() -> None:
    """Collect garbage now and freeze what is left.

    A full garbage collection scans every long-lived object (about 190,000 once an audit is open,
    ~90 ms) while holding the GIL, so one triggered by a worker's allocations froze the window
    (measured while writing a report). Doing it at moments the auditor is already waiting (opening an
    audit) and freezing the survivors keeps later automatic collections small; unfreezing first lets
    what a closed audit left behind be collected. At start-up `ui.app.run_app` only freezes (no walk of
    the heap before the list shows)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def needs_store(method: Method) -> Method:
    """A command that needs the open store: asked for before the store is attached (the first half
    second of a start), it runs once it is, rather than being lost."""

    @functools.wraps(method)
    def run(self: MainWindow, *args, **kwargs):
        if self.store is None:
            self.waiting = lambda: method(self, *args, **kwargs)
            self.statusBar().showMessage(self.tr("Opening the audits…"))
            return None
        return method(self, *args, **kwargs)

    return run  # type: ignore[return-value]


class MainWindow(QMainWindow):
    """`MainWindow(store)`; or, at start, `MainWindow(None, folder=..., start_rows=...)` showing the list
    read without the ORM (`store.start_list`), then `attach(store)` once the store is open."""

    def __init__(self, store: Store | None, parent=None, *, folder: DataFolder | None = None,
                 start_rows: list[AuditSummary] | None = None):
        super().__init__(parent)
        # None until `attach` (the commands that use them are `needs_store`): typed as they are from then on.
        self.store: Store = None  # type: ignore[assignment]
        self.ops: Operations = None  # type: ignore[assignment]
        self.report_exporter: ReportExporter = None  # type: ignore[assignment]  # for the audit selected in the list
        self.waiting: Callable[[], None] | None = None  # what was asked for before the store was open
        self.asked_before_attach = False  # then resuming after a crash does not replace what was asked for
        self.folder: DataFolder = store.folder if store is not None else folder  # type: ignore[assignment]
        self.resume_keeper = StateKeeper(self.folder)  # where the auditor is, written off the GUI thread
        self.audit_view = None
        self.new_audit_dialog: NewAuditDialog | None = None
        self.setWindowTitle(self.tr("ESCP Field Auditor"))
        self.setMinimumSize(900, 540)  # a 1024x600 netbook screen, less a task bar

        self.audit_list = AuditList(store, start_rows=start_rows)
        self.audit_list.open_requested.connect(self.open_audit)
        self.audit_list.start_requested.connect(self._start_from_empty_list)
        self.audit_list.selection_changed.connect(self._update_actions)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._list_page())
        self.setCentralWidget(self.stack)
        # Made now, not at its first message: QMainWindow creates it on first use, and the pages would
        # shrink under the auditor the first time a message showed; as tall as an operation's indicator
        # makes it, so that no operation starting or ending lays the pages out again.
        keep_room_for_indicator(self.statusBar())
        self._build_actions()
        self._update_actions()
        if store is not None:
            self.attach(store)

    def attach(self, store: Store) -> None:
        """The store is open: the operations, the list's badges and filters, Connect and the review."""
        from auditor_app.ui.operations import Operations, show_error
        from auditor_app.ui.report_export import ReportExporter

        self.store = store
        self.ops = Operations(store, self)
        self.report_exporter = ReportExporter(store, self.ops, self)
        # A write with its own on_failure (the audit view's) is told there: one box per refusal, not two.
        self.ops.writer.unhandled.connect(lambda exc: show_error(self, self.tr("The change was not saved"), exc))
        self.ops.writer.committed.connect(
            lambda _: self.statusBar().showMessage(self.tr("All changes saved"), 2000))
        if self.audit_list.store is None:
            self.audit_list.attach(store)
        from auditor_app.ui.connect_actions import ConnectActions

        self.connect_actions = ConnectActions(self)  # Settings > Connect, Sync, assignments, ZT alerts
        from auditor_app.ui.review_actions import ReviewActions

        self.review_actions = ReviewActions(self)  # File > Open for review…, the review mode
        from auditor_app.ui.review_platform import ReviewPlatform

        self.review_platform = ReviewPlatform(self)  # File > Reviews on Connect…, the review mode's Connect strip
        self._update_actions()
        waiting, self.waiting = self.waiting, None
        self.asked_before_attach = waiting is not None
        if waiting is not None:
            self.statusBar().clearMessage()
            waiting()

    # ---- building ----
    def _list_page(self) -> QWidget:
        page = QWidget()
        top = QHBoxLayout()
        title = QLabel(self.tr("Audits"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        top.addWidget(title)
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("New audit…"))
        self.new_button.setToolTip(self.tr("Create an audit from a factory profile (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Continue the selected audit (Enter or double-click)"))
        self.follow_button = QPushButton(self.tr("Start follow-up"))
        self.follow_button.setToolTip(self.tr("A new audit of the same factory: copies the factory profile and "
                                      "carries its open NCs over (Ctrl+Shift+F)"))
        self.new_button.clicked.connect(lambda: self.new_audit())
        self.open_button.clicked.connect(lambda: self.open_audit(self.audit_list.selected_id()))
        self.follow_button.clicked.connect(self.follow_up)
        for button in (self.new_button, self.open_button, self.follow_button):
            top.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.audit_list, 1)
        return page

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(self)  # QAction(text, self) would weigh QAction(QIcon, ...): QIcon's enums, ~2 ms of the start
        action.setText(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(self.tr("&New audit…"), lambda: self.new_audit(),
                                       QKeySequence.StandardKey.New, self.tr("Create an audit from a factory profile"))
        self.open_action = self._action(self.tr("&Open audit"),
                                        lambda: self.open_audit(self.audit_list.selected_id()),
                                        None, self.tr("Continue the selected audit"))
        self.follow_action = self._action(self.tr("Start &follow-up"), self.follow_up, "Ctrl+Shift+F",
                                          self.tr("New audit of the same factory carrying its open NCs over"))
        self.list_action = self._action(self.tr("Audit &list"), self.show_list, "Ctrl+L",
                                        self.tr("Back to the list of audits"))
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.report_action = self._action(
            self.tr("&Report and CAP as PDF…"), self.export_report, "Ctrl+P",
            self.tr("Write the audit report and the CAP of the audit as PDF and open them"))
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.new_action, self.open_action, self.follow_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.report_action)
        file_menu.addSeparator()
        self.import_action = self._action(self.tr("&Import audit package (.escp)…"), self.import_package,
                                          "Ctrl+Shift+O", self.tr("Add an audit from an .escp file"))
        self.export_action = self._action(self.tr("&Export audit package (.escp)…"), self.export_package,
                                          "Ctrl+E", self.tr("Save the selected audit as an .escp file"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.list_action)
        # Settings: the app's own settings first; Connect adds its sign-in here (connect_actions.py).
        self.settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self.preferences_action = self._action(self.tr("&Preferences…"), self.show_settings, None,
                                               self.tr("Language, auditor, folders, report language"))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_menu.addAction(self.preferences_action)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1"))
        about = self._action(self.tr("&About ESCP Field Auditor"), self.show_about, None,
                             self.tr("Version, data folder and log file"))
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(about)

    def _update_actions(self) -> None:
        selected = self.audit_list.selected() is not None
        for widget in (self.open_button, self.follow_button, self.open_action, self.follow_action):
            widget.setEnabled(selected)
        self.export_action.setEnabled(selected or self.audit_view is not None)
        self.report_action.setEnabled(selected or self.audit_view is not None)

    # ---- the list ----
    @needs_store
    def new_audit(self, recovered: Draft | None = None) -> None:
        """The New audit dialog; what is typed in it is kept as a draft until the audit is created."""
        if self.new_audit_dialog is not None:
            self.new_audit_dialog.raise_()
            return
        from auditor_app.audits.known_factories import known_factories
        from auditor_app.audits.recovered_typing import NEW_AUDIT
        from auditor_app.ui.new_audit_dialog import NewAuditDialog
        from auditor_app.ui.recovery import NEW_AUDIT_KEY

        with self.store.session() as session:
            known = known_factories(session)
        dialog = NewAuditDialog(self, known=known)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if recovered is not None:
            dialog.restore(recovered.values)
            dialog.setWindowTitle(self.tr("New audit (recovered from before the app stopped)"))
        else:
            auditor_memory.prefill(dialog, self.store.folder.root)
        drafts = self.ops.drafts
        dialog.typed.connect(lambda: drafts.keep(NEW_AUDIT_KEY, NEW_AUDIT, None, self.tr("New audit (not created yet)"),
                                                 dialog.draft_values()))
        dialog.discarded.connect(lambda: drafts.drop(NEW_AUDIT_KEY))
        dialog.accepted.connect(lambda: self._create(dialog.values()))
        dialog.destroyed.connect(lambda *_: setattr(self, "new_audit_dialog", None))
        self.new_audit_dialog = dialog
        dialog.open()

    def _create(self, values: dict) -> None:
        from auditor_app.audits.creation import create_audit
        from auditor_app.ui.operations import show_error
        from auditor_app.ui.recovery import NEW_AUDIT_KEY

        def created(audit) -> None:
            self.ops.drafts.drop(NEW_AUDIT_KEY)
            auditor_memory.remember(self.store.folder.root, values)
            self._created(audit.id)

        self.ops.writer.run_write(create_audit, on_done=created,
                                  on_failure=lambda exc: show_error(self, self.tr("The audit was not created"), exc),
                                  **values)

    def _created(self, audit_id: str) -> None:
        self.audit_list.reload(select_id=audit_id)
        self.open_audit(audit_id)

    @needs_store
    def _start_from_empty_list(self, how: str) -> None:
        if how == "new":
            self.new_audit()
        elif how == "import":
            self.import_package()
        elif how == "demo":
            from auditor_app.demo import ensure_demo
            from auditor_app.ui.operations import show_error

            store = self.store
            self.ops.run(self, lambda *_: ensure_demo(store), on_success=self._created,
                         on_failure=lambda exc: show_error(self, self.tr("The demo audit was not added"), exc),
                         label=self.tr("Adding the demo audit"))

    @needs_store
    def follow_up(self) -> None:
        summary = self.audit_list.selected()
        if summary is None:
            return
        from auditor_app.audits.creation import start_follow_up
        from auditor_app.store.models import Audit
        from auditor_app.ui.operations import show_error
        from auditor_app.ui.start_visit_dialog import StartVisitDialog

        with self.store.session() as session:
            previous = session.get(Audit, summary.id)
            lead = next((m.get("name", "") for m in previous.team or [] if m.get("role") == "lead auditor"), "")
            when = previous.planned_start.isoformat() if previous.planned_start else ""
            label = f"{previous.audit_type} {when}".strip()
        dialog = StartVisitDialog(summary.factory_name, label, lead, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.ops.writer.run_write(
            start_follow_up, summary.id, **dialog.values(), on_done=lambda audit: self._created(audit.id),
            on_failure=lambda exc: show_error(self, self.tr("The follow-up was not started"), exc)))
        self.start_visit_dialog = dialog
        dialog.open()

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # not at start (its type and enums, ~1 ms)

        QMessageBox.information(self, self.tr("Keyboard shortcuts"), (
            self.tr("Ctrl+N  new audit\nEnter  open the selected audit\nCtrl+Shift+F  start a follow-up\n"
            "Ctrl+F  search the list\nCtrl+P  report and CAP as PDF\nCtrl+L  back to the audit list\n"
            "Ctrl+Shift+O  import an audit package\nCtrl+E  export the selected audit\n"
            "Ctrl+1 … Ctrl+7  go to a stage\n"
            "Ctrl+PgDown / Ctrl+PgUp  next / previous stage\nCtrl+Q  quit\n\n"
            "There is no Save: every change is saved as you make it.")))

    def show_settings(self):
        """The Settings dialog (language, auditor, folders, report language); returns it (tests)."""
        from auditor_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.folder.root, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self):
        """The About box: version, data folder, log file; returns it (tests)."""
        from auditor_app.ui.settings_dialog import about_box

        box = about_box(self, self.folder.root)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # ---- one audit ----
    @needs_store
    def open_audit(self, audit_id: str | None, stage: str | None = None) -> None:
        if not audit_id:
            return
        from auditor_app.ui.audit_view import AuditView

        self._close_audit_view()
        self.audit_view = AuditView(self.store, audit_id, self.ops, stage=stage)
        self.audit_view.stage_changed.connect(lambda s: self._remember(audit_id, s))
        self.audit_view.back_requested.connect(self.show_list)
        self.stack.addWidget(self.audit_view)
        self.stack.setCurrentWidget(self.audit_view)
        self._remember(audit_id, self.audit_view.current_stage())
        self._update_actions()
        after_first_paint(self.audit_view, settle_heap)  # the page first: the collection can pause the window

    def show_list(self) -> None:
        self._close_audit_view()
        self.stack.setCurrentIndex(0)
        self.audit_list.reload()
        self._remember(None, None)
        self.audit_list.table.setFocus()

    def _close_audit_view(self) -> None:
        if self.audit_view is None:
            return
        self.ops.writer.send_pending()  # what was typed last goes to the writer before the pages go away
        self.stack.removeWidget(self.audit_view)
        self.audit_view.deleteLater()
        self.audit_view = None

    def _remember(self, audit_id: str | None, stage: str | None, clean: bool = False) -> None:
        self.resume_keeper.keep(ResumeState(audit_id, stage, clean))

    def resume_last_session(self) -> bool:
        """After a crash, reopen the audit and stage the auditor was on. True if it did."""
        from auditor_app.store.models import Audit
        from auditor_app.ui.operations import show_status

        state = load_state(self.folder)
        if state.audit_id is None:
            return False
        with self.store.session(read_only=True) as session:
            exists = session.get(Audit, state.audit_id) is not None
        if not exists:
            return False
        if state.clean_exit:
            self.audit_list.reload(select_id=state.audit_id)
            return False
        if self.asked_before_attach:  # what the auditor asked for while the store opened is not replaced
            show_status(self, self.tr("Not reopened where you were when the app stopped: you had already asked "
                                      "for something else. Every saved change is kept."), 8000)
            return False
        self.open_audit(state.audit_id, state.stage)
        show_status(self, self.tr("Reopened where you were when the app stopped; every saved change is here"), 8000)
        return True

    def recover_typing(self) -> None:
        """Bring back what was being typed when the app last stopped (see `ui/recovery.py`)."""
        from auditor_app.ui.recovery import Recovery

        self.recovery = Recovery(self, self.ops)
        self.recovery.run()

    # ---- report ----
    @needs_store
    def export_report(self) -> None:
        """The open audit's report and CAP, or those of the audit selected in the list."""
        if self.audit_view is not None:
            self.audit_view.export_report()
        else:
            self.report_exporter.export(self.audit_list.selected_id())

    # ---- packages ----
    @needs_store
    def export_package(self) -> None:
        audit_id = self.audit_view.audit_id if self.audit_view else self.audit_list.selected_id()
        if not audit_id:
            return
        from auditor_app.ui.operations import run_op, show_status
        from auditor_app.ui.report_export import default_file_names, name_parts

        root = self.folder.root
        report_name, _ = default_file_names(*name_parts(self.store, audit_id))
        suggested = Path(start_folder(root, "package")) / (report_name[: -len(" report.pdf")] + ".escp")
        from PySide6.QtWidgets import QFileDialog  # its type and enums when first asked for: not at start

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export audit package"), str(suggested),
                                              self.tr("ESCP audit package (*.escp)"))
        if path:
            from auditor_app.package.export import export_audit  # Pillow and the package code: not at start-up

            remember_folder(root, "package", path)
            # What was typed a moment ago belongs in the package: export once the writer has it.
            self.ops.writer.after_pending(lambda: run_op(
                self, lambda p: export_audit(self.store, audit_id, path), label=self.tr("Exporting audit package"),
                on_success=lambda r: show_status(self, self.tr("Exported to {path}").format(path=r.path))))

    @needs_store
    def import_package(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from auditor_app.ui.operations import run_op

        root = self.folder.root
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import audit package"), start_folder(root, "package"),
                                              self.tr("ESCP audit package (*.escp)"))
        if path:
            remember_folder(root, "package", path)
        if not path:
            return
        from auditor_app.package.importer import import_package  # not at start-up

        run_op(self, lambda p: import_package(self.store, path), label=self.tr("Importing audit package"),
               on_success=self._imported)

    def _imported(self, result) -> None:
        from auditor_app.ui.operations import show_status

        self.audit_list.reload(select_id=result.audit_id)
        factory = result.factory_name or self.tr("the factory")
        if result.already_imported:
            show_status(self, self.tr("The audit of {factory} was already here").format(factory=factory))
        else:
            show_status(self, self.tr("Audit of {factory} imported").format(factory=factory))

    # ---- start-up check ----
    def start_reconcile(self) -> None:
        """Check evidence files against records off the GUI thread; tell the auditor only if needed.
        First the modes of every file in the data folder are tightened (0600, 0700): `auditor-app run`
        leaves that walk, which grows with the evidence, to this background pass."""
        from auditor_app.confidential.folder_modes import tighten
        from auditor_app.store.reconcile import reconcile
        from auditor_app.ui.operations import run_op

        def check(_progress):
            tighten(self.store.folder.root)
            return reconcile(self.store)

        run_op(self, check, on_success=self._reconciled,
               on_failure=lambda exc: log.warning("evidence check failed: %s", exc),
               label=self.tr("Checking evidence"))

    def _reconciled(self, report) -> None:
        if getattr(report, "clean", True):
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Evidence check"), report.summary(),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("reconcile-summary")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event) -> None:
        from auditor_app.ui import window_geometry

        window_geometry.remember(self, self.folder.root)
        audit_id = self.audit_view.audit_id if self.audit_view else None
        stage = self.audit_view.current_stage() if self.audit_view else None
        self._close_audit_view()
        if self.ops is not None:
            self.ops.close()
        self._remember(audit_id, stage, clean=True)
        self.resume_keeper.close()  # the clean exit is on disk before the window goes
        super().closeEvent(event)
