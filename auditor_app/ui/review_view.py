"""The review mode of one audit: read-only, with the review beside it.

The lead reads the items (findings, CAP rows, interviews, photos, profile fields), comments on the
selected one, sees who changed what after the factory signed (History) and, for a resubmitted
revision, what changed side by side; then returns the audit for rework (a returned .escp file for the
auditor) or approves it, and marks it submitted to the program. The auditor opening the returned file
sees each comment on its item, answers, starts the new revision (corrected and finalized on the usual
pages, "Open the new revision") and resubmits it (an .escp file for the lead). What is allowed follows
`review_status(...).next_steps` and which side this laptop is on. The whole audit, with its evidence,
signatures and completeness, opens read-only on the usual pages ("Open the audit").

Reads go off the GUI thread (`review_snapshot.read_review`); every entry is an `@operation` of
`review.actions` through the window's serial writer; files are written off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audits.lifecycle import new_revision
from auditor_app.review import actions
from auditor_app.review.files import write_review_package
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.operations import run_op, show_status
from auditor_app.ui.review_comments import CommentsPanel
from auditor_app.ui.review_dialogs import DecisionDialog
from auditor_app.ui.review_diff import DiffPane
from auditor_app.ui.review_history import HistoryPane
from auditor_app.ui.review_items import ReviewItems
from auditor_app.ui.review_snapshot import ReviewSnapshot, read_review
from auditor_app.ui.review_words import STATE_COLOURS, review_state_label


class ReviewView(QWidget):
    back_requested = Signal()
    open_requested = Signal(str)  # an audit (a revision) to open on the usual pages
    loaded = Signal()  # a snapshot is shown (tests wait for it)
    written = Signal()  # an entry of the review was signed and stored here (the Connect strip sends it)

    def __init__(self, store, ops, audit_id: str, who: tuple[str, str], parent=None):
        super().__init__(parent)
        self.store, self.ops, self.audit_id = store, ops, audit_id
        self.name, self.firm = who
        self.snapshot: ReviewSnapshot | None = None
        self.decision_dialog: DecisionDialog | None = None
        # Signed in to Connect (`ReviewPlatform`): decisions travel through the platform, no file is asked for.
        self.platform_route = False

        self.back = QPushButton(self.tr("◀ Audits"))
        self.back.clicked.connect(self.back_requested.emit)
        self.title = QLabel()
        self.title.setObjectName("review-title")
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.state_badge = QLabel()
        self.state_badge.setObjectName("review-state")
        self.open_button = QPushButton(self.tr("Open the audit"))
        self.open_button.setToolTip(self.tr("Every page of the audit, read-only: evidence, signatures, completeness"))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.audit_id))
        self.save_button = QPushButton(self.tr("Save review file…"))
        self.save_button.setToolTip(self.tr("Write the audit with its review (comments, answers, decisions) to an "
                                            ".escp file to hand over"))
        self.save_button.clicked.connect(self.save_file)
        header = QHBoxLayout()
        for widget in (self.back, self.title):
            header.addWidget(widget)
        header.addStretch(1)
        for widget in (self.state_badge, self.open_button, self.save_button):
            header.addWidget(widget)
        self.steps = QLabel()
        self.steps.setObjectName("review-steps")
        self.steps.setWordWrap(True)

        self.items = ReviewItems()
        self.comments = CommentsPanel()
        self.words = QPlainTextEdit()
        self.words.setObjectName("review-words")
        self.words.setPlaceholderText(self.tr("Your comment on the selected item, or your answer to the selected "
                                              "comment"))
        self.words.setTabChangesFocus(True)
        self.words.setMaximumHeight(90)
        self.comment_button = QPushButton(self.tr("Comment on the item"))
        self.comment_button.clicked.connect(self.comment)
        self.answer_button = QPushButton(self.tr("Answer the comment"))
        self.answer_button.clicked.connect(self.answer)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b71c1c;")
        self.hint.hide()
        self.items.chosen.connect(self._item_chosen)
        self.comments.comment_chosen.connect(lambda _: self._enable())
        self.words.textChanged.connect(self.hint.hide)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Comments, by item")))
        right_layout.addWidget(self.comments, 1)
        right_layout.addWidget(self.words)
        buttons = QHBoxLayout()
        buttons.addWidget(self.comment_button)
        buttons.addWidget(self.answer_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.hint)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.items)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.history = HistoryPane()
        self.diff = DiffPane()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("review-tabs")
        self.tabs.addTab(split, self.tr("Items and comments"))
        self.history_tab = self.tabs.addTab(self.history, self.tr("History"))
        self.diff_tab = self.tabs.addTab(self.diff, self.tr("What changed"))

        self.return_button = QPushButton(self.tr("Return for rework…"))
        self.return_button.clicked.connect(self.return_for_rework)
        self.approve_button = QPushButton(self.tr("Approve…"))
        self.approve_button.clicked.connect(self.approve)
        self.submit_button = QPushButton(self.tr("Mark submitted"))
        self.submit_button.setToolTip(self.tr("Record that the approved audit went to the program"))
        self.submit_button.clicked.connect(self.mark_submitted)
        self.revise_button = QPushButton(self.tr("Start the new revision"))
        self.revise_button.setToolTip(self.tr("A corrected copy as a new draft; the comments follow its items"))
        self.revise_button.clicked.connect(self.revise)
        self.open_new_button = QPushButton(self.tr("Open the new revision"))
        self.open_new_button.clicked.connect(self._open_new)
        self.resubmit_button = QPushButton(self.tr("Resubmit…"))
        self.resubmit_button.setToolTip(self.tr("Hand the finalized new revision back to the lead as an .escp file"))
        self.resubmit_button.clicked.connect(self.resubmit)
        bar = QHBoxLayout()
        bar.addStretch(1)
        for button in (self.revise_button, self.open_new_button, self.resubmit_button, self.return_button,
                       self.approve_button, self.submit_button):
            bar.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.steps)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)
        self._enable()
        self.reload()

    # ---- model -> widget ----
    def reload(self) -> None:
        store, audit_id = self.store, self.audit_id
        run_op(self, lambda _p: read_review(store, audit_id), on_success=self.show_snapshot,
               label=self.tr("Reading the review"))

    def show_snapshot(self, snapshot: ReviewSnapshot | None) -> None:
        self.snapshot = snapshot
        if snapshot is None:
            self.title.setText(self.tr("This audit is not in review here"))
            self._enable()
            self.loaded.emit()
            return
        self.audit_id = snapshot.audit_id
        revision = self.tr(" · revision {n}").format(n=snapshot.revision) if snapshot.revision > 1 else ""
        self.title.setText(self.tr("Review: {factory}{revision}").format(factory=snapshot.factory, revision=revision))
        state = snapshot.status.state
        self.state_badge.setText(review_state_label(state))
        self.state_badge.setStyleSheet(f"background: {STATE_COLOURS.get(state or '', '#6e7781')}; color: white; "
                                       "border-radius: 9px; padding: 2px 10px; font-weight: 600;")
        self.steps.setText(self.next_steps_text(snapshot))
        self.items.show_snapshot(snapshot)
        labels = {(self.items.item(r, 0).data(Qt.ItemDataRole.UserRole)[0],
                   self.items.item(r, 0).data(Qt.ItemDataRole.UserRole)[1]): self.items.item(r, 0).text()
                  for r in range(self.items.rowCount())}
        self.comments.show_snapshot(snapshot, labels)
        self.history.show_history(snapshot.history)
        self.tabs.setTabText(self.history_tab, self.tr("History ⚠ %n", "", len(snapshot.history.flagged))
                             if snapshot.history.flagged else self.tr("History"))
        self.tabs.setTabVisible(self.diff_tab, snapshot.diff is not None)
        if snapshot.diff is not None:
            self.diff.show_diff(snapshot.diff)
        self._enable()
        self.loaded.emit()

    def next_steps_text(self, snapshot: ReviewSnapshot) -> str:
        status, lead = snapshot.status, snapshot.side == "lead"
        who = self.tr("You review this audit.") if lead else self.tr("You are the auditor of this audit.")
        counts = self.tr("{comments}, {unanswered}.").format(
            comments=self.tr("%n comment(s)", "", status.comments),
            unanswered=self.tr("%n not answered", "", status.unanswered))
        if lead and status.state in ("received", "resubmitted"):
            step = self.tr("Comment on the items, then return the audit for rework or approve it.")
        elif lead and status.state == "returned":
            step = self.tr("Returned: the auditor answers and resubmits a new revision.")
        elif lead and status.state == "approved":
            step = self.tr("Approved: mark it submitted once it went to the program.")
        elif not lead and status.state == "returned":
            new = snapshot.new_revision
            step = (self.tr("Answer the comments and start the new revision to correct the audit.") if new is None
                    else self.tr("Correct and finalize revision {n}, then resubmit it.").format(n=new.revision)
                    if new.state == "draft" else self.tr("Revision {n} is finalized: resubmit it.").format(n=new.revision))
        elif not lead and status.state == "resubmitted":
            step = self.tr("Resubmitted: the lead reviews the new revision.")
        else:
            step = ""
        return " ".join(part for part in (who, counts, step) if part)

    def _enable(self) -> None:
        snapshot = self.snapshot
        steps = set(snapshot.status.next_steps) if snapshot else set()
        lead = snapshot is not None and snapshot.side == "lead"
        auditor = snapshot is not None and snapshot.side == "auditor"
        new = snapshot.new_revision if snapshot else None
        self.comment_button.setVisible(lead)
        self.answer_button.setVisible(auditor)
        self.comment_button.setEnabled(lead and "comment" in steps and self.items.selected() is not None)
        self.answer_button.setEnabled(auditor and "answer" in steps and bool(self.comments.selected_comment()))
        self.words.setReadOnly(not (self.comment_button.isEnabled() or self.answer_button.isEnabled()
                                    or (lead and "comment" in steps) or (auditor and "answer" in steps)))
        for button, shown, enabled in (
                (self.return_button, lead, "return" in steps),
                (self.approve_button, lead, "approve" in steps),
                (self.submit_button, lead, "submit" in steps),
                (self.revise_button, auditor and new is None, "resubmit" in steps),
                (self.open_new_button, auditor and new is not None, new is not None),
                (self.resubmit_button, auditor, "resubmit" in steps and new is not None and new.state != "draft")):
            button.setVisible(shown)
            button.setEnabled(enabled)
        self.open_button.setEnabled(snapshot is not None)
        self.save_button.setEnabled(snapshot is not None)

    def _item_chosen(self, kind: str, item_id: str) -> None:
        self.comments.show_item(kind, item_id)
        self._enable()

    # ---- widget -> model ----
    def _write(self, op, *args, done=None, **kwargs) -> None:
        """An entry of the review through the window's serial writer, signed here; then read again."""
        def after(result) -> None:
            if done is not None:
                done(result)
            self.written.emit()
            self.reload()
        self.ops.writer.run_write(op, *args, folder=self.store.folder, author=self.name, firm=self.firm,
                                  on_done=after, **kwargs)

    def _words(self) -> str | None:
        text = self.words.toPlainText().strip()
        if not text:
            self.hint.setText(self.tr("Type the words first."))
            self.hint.show()
            return None
        return text

    def comment(self) -> None:
        target, text = self.items.selected(), self._words()
        if target is None or text is None:
            return
        self._write(actions.comment, self.audit_id, target[0], target[1], text, done=lambda _: self.words.clear())

    def answer(self) -> None:
        comment_id, text = self.comments.selected_comment(), self._words()
        if not comment_id or text is None:
            return
        self._write(actions.answer, comment_id, text, done=lambda _: self.words.clear())

    def _decide(self, title: str, explanation: str, button: str, then, note_needed: bool = False) -> None:
        dialog = DecisionDialog(title, explanation, button, self, note_needed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: then(dialog.text()))
        dialog.destroyed.connect(lambda *_: setattr(self, "decision_dialog", None))
        self.decision_dialog = dialog
        dialog.open()

    def _out_path(self, title: str, suffix: str) -> str:
        root = self.store.folder.root
        name = f"{(self.snapshot.factory if self.snapshot else 'audit') or 'audit'} {suffix}.escp"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(start_folder(root, "package")) / name),
                                              self.tr("ESCP audit package (*.escp)"))
        if path:
            remember_folder(root, "package", path)
        return path

    def _write_file(self, audit_id: str, path: str) -> None:
        store = self.store
        run_op(self, lambda _p: write_review_package(store, audit_id, path), label=self.tr("Writing the review file"),
               on_success=lambda _m: show_status(self, self.tr("Wrote {path}").format(path=path), 8000))

    def return_for_rework(self) -> None:
        if self.platform_route:
            self._decide(self.tr("Return for rework"), self.tr(
                "The audit goes back to the auditor with your comments, signed with this laptop's key and sent "
                "through Connect."), self.tr("Return"),
                lambda note: self._write(actions.return_for_rework, self.audit_id, text=note))
            return

        def decided(note: str) -> None:
            path = self._out_path(self.tr("Save the returned audit for the auditor"), "returned")
            if path:
                audit_id = self.audit_id
                self._write(actions.return_for_rework, audit_id, text=note,
                            done=lambda _: self._write_file(audit_id, path))
        self._decide(self.tr("Return for rework"), self.tr(
            "The audit goes back to the auditor with your comments, signed with this laptop's key. Then save the "
            "file for the auditor."), self.tr("Return…"), decided)

    def approve(self) -> None:
        self._decide(self.tr("Approve"), self.tr(
            "You approve the audit for submission to the program, signed with this laptop's key. The auditor who "
            "sealed it cannot approve it."), self.tr("Approve"),
            lambda note: self._write(actions.approve, self.audit_id, text=note))

    def mark_submitted(self) -> None:
        self._write(actions.mark_submitted, self.audit_id)

    def revise(self) -> None:
        audit_id = self.audit_id
        self.ops.writer.run_write(new_revision, audit_id, on_done=lambda audit: self.open_requested.emit(audit.id))

    def _open_new(self) -> None:
        if self.snapshot and self.snapshot.new_revision:
            self.open_requested.emit(self.snapshot.new_revision.id)

    def resubmit(self) -> None:
        new = self.snapshot.new_revision if self.snapshot else None
        if new is None:
            return
        if self.platform_route:
            self._decide(self.tr("Resubmit"), self.tr(
                "Revision {n} goes back to the lead for review, signed with this laptop's key and sent through "
                "Connect (the revision itself first).").format(n=new.revision), self.tr("Resubmit"),
                lambda note: self._write(actions.resubmit, new.id, text=note))
            return

        def decided(note: str) -> None:
            path = self._out_path(self.tr("Save the resubmitted audit for the lead"), f"revision {new.revision}")
            if path:
                self._write(actions.resubmit, new.id, text=note, done=lambda _: self._write_file(new.id, path))
        self._decide(self.tr("Resubmit"), self.tr(
            "Revision {n} goes back to the lead for review, signed with this laptop's key. Then save the file for "
            "the lead.").format(n=new.revision), self.tr("Resubmit…"), decided)

    def save_file(self) -> None:
        if self.snapshot is None:
            return
        path = self._out_path(self.tr("Save the review file"), review_state_label(self.snapshot.status.state))
        if path:
            self._write_file(self.audit_id, path)
