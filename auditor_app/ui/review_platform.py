"""The lead's review through Connect in the window (docs/review.md, "The platform route"): File >
"Reviews on Connect…" lists what the platform holds for this account and opens one into the review mode
(a lead: downloaded, imported and received with `open_from_platform`; a record already here or the
auditor's returned audit: `pull`), and, while signed in, each review mode gets the Connect strip
(`PlatformStrip`): entries are pushed as soon as they are written, "Get updates" pulls. Decisions then
ask for no file (the record travels through the platform); "Save review file…" still writes one.
The main window creates one `ReviewPlatform(window)` after `ConnectActions` and `ReviewActions`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from auditor_app.ui import auditor_memory
from auditor_app.ui.operations import run_op, show_error, show_status
from auditor_app.ui.review_words import review_state_label

# The Connect client, the inbox and the strip load when they are first used, not at every start (issue 17).
if TYPE_CHECKING:
    from auditor_app.sync.review_sync import InboxItem
    from auditor_app.ui.review_platform_inbox import ReviewInboxDialog
    from auditor_app.ui.review_platform_strip import PlatformStrip
    from auditor_app.ui.review_view import ReviewView


class ReviewPlatform(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog: ReviewInboxDialog | None = None
        self.strip: PlatformStrip | None = None
        self.inbox_action = QAction(self.tr("Reviews on &Connect…"), window)
        self.inbox_action.setStatusTip(self.tr("The audits waiting for your review on Connect, or your audits "
                                               "the lead commented on: open one in the review mode"))
        self.inbox_action.triggered.connect(self.open_inbox)
        actions = window.review_actions
        for menu_action in window.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None and actions.review_action in menu.actions():
                menu.insertAction(window.import_action, self.inbox_action)
        actions.view_hooks.append(self._view_shown)

    def signed_in(self) -> bool:
        return self.window.connect_actions.link is not None

    # ---- the list ----
    def open_inbox(self) -> ReviewInboxDialog | None:
        if self.window.connect_actions.need_sign_in():
            return None
        from auditor_app.ui.review_platform_inbox import ReviewInboxDialog

        dialog = ReviewInboxDialog(self.window.store, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_requested.connect(self.open_item)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_item(self, item: InboxItem, name: str, firm: str) -> None:
        window, store = self.window, self.window.store
        auditor_memory.remember_names(store.folder.root, name, firm)

        def work(_progress) -> tuple[str, str | None]:
            from auditor_app.sync.review_sync import open_from_platform, pull

            if item.thread_id is None or not item.held_here:  # a lead takes it in (or joins another lead's record)
                opened = open_from_platform(store, item.thread_id or item.audit_id, author=name, firm=firm)
                return opened.audit_id, opened.state
            [result] = pull(store, thread_ids=[item.thread_id])
            return result.audit_id, result.state

        def opened(found: tuple[str, str | None]) -> None:
            audit_id, state = found
            window.audit_list.reload(select_id=audit_id)
            show_status(window, self.tr("Opened from Connect: {state}").format(state=review_state_label(state)), 8000)
            window.review_actions.show_review(audit_id)

        window.ops.writer.after_pending(lambda: run_op(
            window, work, label=self.tr("Opening the review from Connect"), on_success=opened,
            on_failure=lambda exc: show_error(window, self.tr("The review was not opened from Connect"), exc)))

    # ---- the review mode ----
    def _view_shown(self, view: ReviewView) -> None:
        if not self.signed_in():
            return
        from auditor_app.ui.review_platform_strip import PlatformStrip

        view.platform_route = True
        view.resubmit_button.setToolTip(self.tr("Send the finalized new revision back to the lead through Connect"))
        strip = PlatformStrip(view)
        view.layout().insertWidget(2, strip)  # under the state and next steps, above the tabs
        view.written.connect(strip.send)
        strip.changed.connect(view.reload)
        self.strip = strip
        strip.destroyed.connect(lambda *_: self._dropped(strip))

    def _dropped(self, strip) -> None:
        if self.strip is strip or (self.strip is not None and not shiboken6.isValid(self.strip)):
            self.strip = None
