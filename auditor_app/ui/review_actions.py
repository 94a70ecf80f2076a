"""The review in the main window: File > "Open for review…" (an .escp file from the auditor, or a
returned one from the lead) and "Review of the selected audit", the review state's badge in the list
opening the review, and the review mode in place of the list. Kept here so the main window only
creates it (as it does `ConnectActions`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from auditor_app.ui import auditor_memory
from auditor_app.ui.i18n import translate
from auditor_app.ui.operations import run_op, show_status
from auditor_app.ui.review_words import review_state_label

# The review mode, its dialogs and the package reader load when a review is first opened, not at every
# start (issue 17); each is imported where it is used.
if TYPE_CHECKING:
    from auditor_app.review.files import OpenedForReview
    from auditor_app.ui.review_dialogs import OpenForReviewDialog
    from auditor_app.ui.review_view import ReviewView


class ReviewActions:
    def __init__(self, window):
        self.window = window
        self.view: ReviewView | None = None
        self.dialog: OpenForReviewDialog | None = None
        self.view_hooks: list = []  # called with each review view shown (the Connect strip hooks in here)
        self.open_action = QAction(translate("ReviewActions", "Open for &review…"), window)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.open_action.setStatusTip(translate(
            "ReviewActions", "Open an audit's .escp file to review it, or a returned one to answer the lead's comments"))
        self.open_action.triggered.connect(self.ask_open)
        self.review_action = QAction(translate("ReviewActions", "Re&view of the selected audit"), window)
        self.review_action.triggered.connect(lambda: self.show_review(window.audit_list.selected_id()))
        for menu_action in window.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None and window.import_action in menu.actions():
                menu.insertAction(window.import_action, self.open_action)
                menu.insertAction(window.import_action, self.review_action)
        window.audit_list.review_requested.connect(self.show_review)
        window.stack.currentChanged.connect(self._page_changed)

    def who(self) -> tuple[str, str]:
        memory = auditor_memory.recall(self.window.store.folder.root)
        return memory.get("lead") or self.window.store.actor, memory.get("firm", "")

    def ask_open(self) -> OpenForReviewDialog:
        from auditor_app.ui.review_dialogs import OpenForReviewDialog

        dialog = OpenForReviewDialog(self.window.store.folder.root, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.open_file(dialog.values()))
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_file(self, values: dict) -> None:
        window, store = self.window, self.window.store

        def work(_progress) -> OpenedForReview:
            from auditor_app.confidential.recipients import read_private_key
            from auditor_app.review.files import open_for_review

            key = read_private_key(Path(values["key"])) if values["key"] else None
            return open_for_review(store, values["path"], author=values["name"], firm=values["firm"], key=key)

        # What was typed a moment ago is committed first: the file's audit may already be open here.
        window.ops.writer.after_pending(lambda: run_op(
            window, work, label=translate("ReviewActions", "Opening for review"), on_success=self._opened))

    def _opened(self, opened: OpenedForReview) -> None:
        self.window.audit_list.reload(select_id=opened.audit_id)
        side = (translate("ReviewActions", "you review it") if opened.side == "lead"
                else translate("ReviewActions", "you are its auditor"))
        show_status(self.window, translate("ReviewActions", "Opened for review: {state}; {side}").format(
            state=review_state_label(opened.state), side=side), 8000)
        self.show_review(opened.audit_id)

    def show_review(self, audit_id: str | None) -> ReviewView | None:
        if not audit_id:
            return None
        from auditor_app.ui.review_view import ReviewView

        window = self.window
        window._close_audit_view()
        self._drop_view()
        self.view = ReviewView(window.store, window.ops, audit_id, self.who())
        self.view.back_requested.connect(window.show_list)
        self.view.open_requested.connect(window.open_audit)
        for hook in self.view_hooks:
            hook(self.view)
        window.stack.addWidget(self.view)
        window.stack.setCurrentWidget(self.view)
        return self.view

    def _page_changed(self, _index: int) -> None:
        if self.view is not None and shiboken6.isValid(self.view) and self.window.stack.currentWidget() is not self.view:
            self._drop_view()
        audit_view = self.window.audit_view
        if audit_view is not None and self.window.stack.currentWidget() is audit_view:
            self._mark_comments(audit_view)

    def _mark_comments(self, audit_view) -> None:
        """The lead's comments above an open audit in review (or a new revision of one), read off the GUI thread."""
        from auditor_app.review.comments import comments_for
        from auditor_app.ui.review_bar import ReviewCommentsBar

        store, audit_id = self.window.store, audit_view.audit_id

        def read(_progress) -> list:
            with store.session(read_only=True) as session:
                return comments_for(session, audit_id)

        def show(comments: list) -> None:
            if not comments or not shiboken6.isValid(audit_view) or audit_view.findChild(ReviewCommentsBar):
                return
            bar = ReviewCommentsBar(audit_view)
            bar.show_comments(comments)
            bar.review_requested.connect(lambda: self.show_review(audit_id))
            audit_view.layout().insertWidget(1, bar)  # under the header, above the stages
        run_op(audit_view, read, on_success=show, label=translate("ReviewActions", "Reading the review comments"))

    def _drop_view(self) -> None:
        view, self.view = self.view, None
        if view is not None and shiboken6.isValid(view):
            self.window.stack.removeWidget(view)
            view.deleteLater()
