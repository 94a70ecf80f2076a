"""At start-up: what was being typed when the app last stopped comes back, and the auditor is told.

Drafts (`store/drafts.py`) left by a run that was killed, or whose last write failed:
- a table cell's text (CAP, attendees, an interview quote) is stored through its operation;
- a New audit dialog is reopened with what was typed in it;
- an NC editor reopens with its text when its audit is opened (`AuditView.reopen_unsaved`), and a
  signer's typed name comes back into the closing page's box.
The note lists each draft and what became of it; it never claims more than that.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from auditor_app.store.drafts import Draft
from auditor_app.ui.operations import Operations, error_text

log = logging.getLogger(__name__)
NEW_AUDIT_KEY = "new_audit"


class Recovery(QObject):
    def __init__(self, window: QWidget, ops: Operations):
        super().__init__(window)
        self.window = window
        self.ops = ops
        self.lines: list[str] = []
        self._waiting = 0

    def run(self) -> None:
        drafts = self.ops.drafts.drafts()
        if not drafts:
            return
        # Only when there is something to bring back: the operations it goes through load the checklist rules.
        from auditor_app.audits.recovered_typing import APPLIED_HERE, NC_EDITOR, NEW_AUDIT, SIGNATURE, apply_typed_draft

        for draft in drafts:
            if draft.kind in APPLIED_HERE:
                self._waiting += 1
                self.ops.writer.run_write(apply_typed_draft, draft.kind, draft.values,
                                          on_done=lambda _r, d=draft: self._applied(d),
                                          on_failure=lambda exc, d=draft: self._failed(d, exc))
            elif draft.kind == NEW_AUDIT:
                self.lines.append(self.tr("{label}: the dialog is open again with what you typed.").format(label=draft.label))
                self.window.new_audit(recovered=draft)
            elif draft.kind == NC_EDITOR:
                self.lines.append(self.tr("{label}, not saved yet: it reopens in its editor when you open "
                                          "its audit{open_now}.").format(label=draft.label, open_now=self._which(draft)))
            elif draft.kind == SIGNATURE:
                self.lines.append(self.tr("{label}: back in the closing meeting's signature box{open_now}.")
                                  .format(label=draft.label, open_now=self._which(draft)))
        if not self._waiting:
            self._tell()

    def _which(self, draft: Draft) -> str:
        view = getattr(self.window, "audit_view", None)
        return self.tr(" (open now)") if view is not None and view.audit_id == draft.audit_id else ""

    def _applied(self, draft: Draft) -> None:
        self.ops.drafts.drop(draft.key)
        self.lines.append(self.tr("{label}: saved.").format(label=draft.label))
        self._done_one()

    def _failed(self, draft: Draft, error: BaseException) -> None:
        text, _hint = error_text(error)
        log.warning("draft %s not applied: %s", draft.key, error)
        self.lines.append(self.tr("{label}: could not be saved ({error}); the text is kept in {folder}.")
                          .format(label=draft.label, error=text, folder=self.ops.drafts.journal.root))
        self._done_one()

    def _done_one(self) -> None:
        self._waiting -= 1
        if self._waiting == 0:
            self._tell()

    def _tell(self) -> None:
        if not self.lines:
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Typing recovered"),
                          self.tr("The app stopped while you were typing. This is what came back:") + "\n\n"
                          + "\n".join(f"• {line}" for line in self.lines),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("typing-recovered")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message = box
