"""The Connect strip of the review mode, shown while the laptop is signed in: what was sent, the
platform's refusal if any, "Send again" and "Get updates".

Every comment, answer or decision is sent as soon as it is written (no separate step to forget: the
other side sees it at once). A push that fails (no network, the platform refused it, the record went
another way) leaves the entry here as written and says why; "Send again" retries. Push and pull run off
the GUI thread, one at a time; a write during a push sends again once it ends."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from auditor_app.sync.review_sync import ThreadResult, pull, push
from auditor_app.ui.operations import error_text, run_op
from auditor_app.ui.sentence import sentence


class PlatformStrip(QFrame):
    """Emits `changed()` after a push or pull took entries in (the view reads again) and `done()` after
    each exchange, ended well or not (tests wait for it)."""

    changed = Signal()
    done = Signal()

    def __init__(self, view, parent=None):
        super().__init__(parent or view)
        self.view = view
        self.busy = False
        self.again = False
        self.failed = False
        self.pushing = False  # the exchange running (or last run) is a push: "Send again" retries it
        self.setObjectName("review-platform")
        self.setStyleSheet("#review-platform { background: #eef4fb; border: 1px solid #c8d9ee; border-radius: 4px; }")
        self.text = QLabel(self.tr("Signed in to Connect: comments and decisions are sent as soon as they are "
                                   "written."))
        self.text.setObjectName("review-platform-text")
        self.text.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send again"))
        self.send_button.setToolTip(self.tr("Send to Connect the entries the platform does not have yet"))
        self.send_button.clicked.connect(self.send)
        self.send_button.hide()
        self.pull_button = QPushButton(self.tr("Get updates"))
        self.pull_button.setToolTip(self.tr("Take in what the other side wrote on Connect (and a new revision)"))
        self.pull_button.clicked.connect(self.get_updates)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.send_button)
        layout.addWidget(self.pull_button)

    def _thread(self) -> str | None:
        snapshot = self.view.snapshot
        return snapshot.status.thread_id if snapshot is not None else None

    def _run(self, work, label: str, words) -> None:
        """One exchange at a time: a push asked for meanwhile runs when this one ends."""
        thread_id = self._thread()
        if thread_id is None:
            return
        if self.busy:
            self.again = True
            return
        self.busy, self.again, self.pushing = True, False, work is push
        self.pull_button.setEnabled(False)
        self.send_button.setEnabled(False)
        store = self.view.store
        self.view.ops.writer.after_pending(lambda: run_op(
            self, lambda _p: work(store, thread_ids=[thread_id]), label=label,
            on_success=lambda results: self._ended(words(results), results),
            on_failure=self._refused))

    def send(self) -> None:
        self._run(push, self.tr("Sending the review to Connect"), self._sent_words)

    def get_updates(self) -> None:
        self._run(pull, self.tr("Getting the review from Connect"), self._pulled_words)

    def _sent_words(self, results: list[ThreadResult]) -> str:
        if not results:
            return self.tr("This review travels by files (its first revision is not on Connect): save the review "
                           "file for the other side.")
        r = results[0]
        words = self.tr("Sent to Connect: %n new entry(ies).", "", r.pushed) if r.pushed else \
            self.tr("Connect has every entry of this review.")
        if r.pulled:
            words += " " + self.tr("%n entry(ies) from the other side taken in.", "", r.pulled)
        return words

    def _pulled_words(self, results: list[ThreadResult]) -> str:
        r = results[0] if results else None
        if r is None or not (r.pulled or r.imported):
            return self.tr("Nothing new on Connect.")
        words = self.tr("%n new entry(ies) from Connect.", "", r.pulled)
        if r.imported:
            words += " " + self.tr("%n revision(s) downloaded.", "", len(r.imported))
        return words

    def _ended(self, words: str, results: list[ThreadResult]) -> None:
        self.failed = False
        self.text.setText(words)
        self.text.setStyleSheet("")
        self.send_button.hide()
        self._idle()
        if any(r.pulled or r.imported for r in results):
            self.changed.emit()

    def _refused(self, error: BaseException) -> None:
        text, hint = error_text(error)
        self.failed = True
        self.text.setText(self.tr("Not sent or not received: {reason} What was written stays on this laptop.")
                          .format(reason=f"{sentence(text)} {hint}".strip()))
        self.text.setStyleSheet("color: #b71c1c;")
        self.send_button.setVisible(self.pushing)
        self._idle()

    def _idle(self) -> None:
        self.busy = False
        self.pull_button.setEnabled(True)
        self.send_button.setEnabled(True)
        again, self.again = self.again, False
        self.done.emit()
        if again:
            self.send()
