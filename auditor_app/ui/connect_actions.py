"""Connect in the main window: Settings > Connect, Sync now, Download assignments, the assignments above
the audit list and "Start audit", the sync badge's panel, and the offer to send a Zero Tolerance alert as
soon as one is saved. The window creates one `ConnectActions(window)`; everything else lives here."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from auditor_app.sync.credentials import Link, load_link
from auditor_app.sync.status import unsent_zt_findings
from auditor_app.ui.assignments_panel import AssignmentsPanel
from auditor_app.ui.operations import run_op, show_error, show_status
from auditor_app.ui.zt_alert_bar import ZtAlertBar

# The client (requests), the wire models (pydantic) and the operations that create audits load when the
# auditor first uses Connect, not at every start (issue 17); each is imported where it is used.
if TYPE_CHECKING:
    from auditor_app.ui.connect_dialog import ConnectDialog
    from auditor_app.ui.sync_panel import SyncPanel

log = logging.getLogger(__name__)


class ConnectActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.folder = window.store.folder
        self.link: Link | None = None
        self.dialog: ConnectDialog | None = None
        self.panel: SyncPanel | None = None
        self._declined: set[tuple[str, str]] = set()

        self.settings_action = self._action(self.tr("&Connect…"), self.open_settings,
                                            self.tr("The Connect platform: sign in, who is signed in, sign out"))
        self.sync_action = self._action(self.tr("&Sync now"), lambda: self.sync_now(),
                                        self.tr("Send finalized audits and Zero Tolerance alerts to Connect"))
        self.panel_action = self._action(self.tr("Sync &panel"), lambda: self.open_panel(),
                                         self.tr("What waits to be sent, what was sent, and the platform's answers"))
        self.download_action = self._action(self.tr("&Download assignments"), self.download,
                                            self.tr("Fetch the audits assigned to you on Connect"))
        settings = getattr(window, "settings_menu", None) or window.menuBar().addMenu(self.tr("&Settings"))
        settings.addAction(self.settings_action)
        connect = window.menuBar().addMenu(self.tr("&Connect"))
        for action in (self.sync_action, self.panel_action, self.download_action):
            connect.addAction(action)

        self.assignments = AssignmentsPanel(self.folder)
        self.assignments.start_requested.connect(self.start_audit)
        self.assignments.download_requested.connect(self.download)
        window.audit_list.add_above(self.assignments)
        window.audit_list.sync_requested.connect(self.open_panel)
        self.bar = ZtAlertBar(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.send_requested.connect(self.send_alerts)
        window.ops.writer.committed.connect(self._committed)
        run_op(window, lambda _p: load_link(self.folder), on_success=self._linked,
               on_failure=lambda exc: log.warning("reading the Connect sign-in: %s", exc))

    def _action(self, text: str, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _linked(self, link: Link | None) -> None:
        self.link = link
        self.assignments.reload()

    # ---- settings ----
    def open_settings(self) -> ConnectDialog:
        from auditor_app.ui.connect_dialog import ConnectDialog

        if self.dialog is None:
            self.dialog = ConnectDialog(self.folder, self.window)
            self.dialog.link_changed.connect(self._linked)
            self.dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog

    def need_sign_in(self) -> bool:
        """True (and the sign-in dialog opened, with a word in the status bar) when nobody is signed in."""
        if self.link is not None:
            return False
        show_status(self.window, self.tr("Sign in to Connect first (Settings > Connect)."), 8000)
        self.open_settings()
        return True

    # ---- sync ----
    def open_panel(self, audit_id: str = "") -> SyncPanel:
        from auditor_app.ui.sync_panel import SyncPanel

        if self.panel is None:
            self.panel = SyncPanel(self.store, self.window)
            self.panel.changed.connect(self.window.audit_list.refresh_badges)
            self.panel.changed.connect(self._announce)
            self.panel.sending.connect(self.window.audit_list.set_sending)
        else:
            self.panel.refresh()
        if audit_id:
            self.panel.select_audit(audit_id)
        self.panel.show()
        self.panel.raise_()
        return self.panel

    def _announce(self) -> None:
        """A sync may have recorded a Zero Tolerance notice in the open audit's closing meeting."""
        view = self.window.audit_view
        if view is not None:
            view.ctx.announce({"meeting"})

    def sync_now(self) -> None:
        if self.need_sign_in():
            return
        self.window.ops.writer.after_pending(lambda: self.open_panel().sync())

    def send_alerts(self) -> None:
        if self.need_sign_in():
            return
        self.window.ops.writer.after_pending(lambda: self._send_alerts())

    def _send_alerts(self) -> None:
        panel = self.open_panel()
        panel.changed.connect(self.bar.hide, Qt.ConnectionType.SingleShotConnection)
        panel.sync(only_alerts=True)

    def _committed(self, changes) -> None:
        """A Zero Tolerance finding was saved: offer to send its alert (when signed in)."""
        if self.link is None or not changes.touched("finding"):
            return
        with self.store.session(read_only=True) as session:
            found = unsent_zt_findings(session, set(changes.audit_ids))
        fresh = [f for f in found if f not in self._declined]
        if fresh:
            self._declined.update(fresh)  # offered once per finding; Sync now sends it whatever is chosen
            self.bar.offer([checkpoint for _audit, checkpoint in fresh])

    # ---- assignments ----
    def download(self) -> None:
        if self.need_sign_in():
            return
        from auditor_app.sync.account import download_assignments

        run_op(self.window, lambda _p: download_assignments(self.folder), label=self.tr("Downloading assignments"),
               on_success=self._downloaded,
               on_failure=lambda exc: show_error(self.window, self.tr("The assignments were not downloaded"), exc))

    def _downloaded(self, found) -> None:
        show_status(self.window, self.tr("Downloaded %n assignment(s); they are kept on this laptop.", "", len(found)),
                    8000)
        self.assignments.reload()

    def start_audit(self, assignment: dict[str, Any]) -> None:
        """The draft audit, pre-filled from the assignment; the New audit dialog asks for what is missing."""
        from auditor_app.audits.creation import new_audit_problems, start_follow_up
        from auditor_app.sync.assignments import audit_arguments, previous_audit_here

        args = audit_arguments(assignment, self.link.user if self.link else None)
        with self.store.session(read_only=True) as session:
            previous = previous_audit_here(session, assignment)
        if previous is not None:  # a visit of a factory audited here: its open NCs come with their CAP
            self.window.ops.writer.run_write(
                start_follow_up, previous, audit_type=args["audit_type"], planned_start=args["planned_start"],
                planned_end=args["planned_end"], team=args["team"] or None,
                on_done=lambda audit: self._started(assignment, audit.id),
                on_failure=lambda exc: show_error(self.window, self.tr("The audit was not created"), exc))
            return
        if new_audit_problems(**args):
            self._ask(assignment, args)
        else:
            self._create(assignment, args)

    def _ask(self, assignment: dict[str, Any], args: dict[str, Any]) -> None:
        from auditor_app.ui.new_audit_dialog import NewAuditDialog

        dialog = NewAuditDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("New audit from a Connect assignment"))
        values = dict(args, **{k: args[k].isoformat() for k in ("planned_start", "planned_end") if args[k]})
        dialog.restore(values)
        dialog.accepted.connect(lambda: self._create(assignment, dialog.values()))
        self.window.new_audit_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self.window, "new_audit_dialog", None))
        dialog.open()

    def _create(self, assignment: dict[str, Any], args: dict[str, Any]) -> None:
        from auditor_app.audits.creation import create_audit

        self.window.ops.writer.run_write(
            create_audit, on_done=lambda audit: self._started(assignment, audit.id),
            on_failure=lambda exc: show_error(self.window, self.tr("The audit was not created"), exc), **args)

    def _started(self, assignment: dict[str, Any], audit_id: str) -> None:
        from auditor_app.sync.assignments import record_started

        run_op(self.window, lambda _p: record_started(self.folder, str(assignment["id"]), audit_id),
               on_success=lambda _r: self.assignments.reload())
        self.window.audit_list.reload(select_id=audit_id)
        self.window.open_audit(audit_id)
