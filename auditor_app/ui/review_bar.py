"""A strip above an open audit that the lead commented on: each comment with the item it concerns
and whether it is answered, so the auditor correcting the new revision has them in view on every page,
and a button back to the review mode (where they are answered and the revision is resubmitted)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from auditor_app.review.comments import Comment

SHOWN = 4  # comments listed in the strip; the rest are counted


class ReviewCommentsBar(QFrame):
    review_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("review-comments-bar")
        self.setStyleSheet("QFrame#review-comments-bar { background: #fff8c5; border: 1px solid #d4a72c; "
                           "border-radius: 4px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Comments and answers…"))
        self.button.setToolTip(self.tr("The review: every comment on its item, answers, Resubmit"))
        self.button.clicked.connect(self.review_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)

    def show_comments(self, comments: list[Comment]) -> None:
        open_ = sum(1 for c in comments if not c.answered)
        head = self.tr("The lead's review: %n comment(s)", "", len(comments)) + \
            (" · " + self.tr("%n not answered", "", open_) if open_ else "")
        lines = [f"• {c.label}: {c.text}" + ("" if c.answered else "  " + self.tr("(not answered)"))
                 for c in comments[:SHOWN]]
        if len(comments) > SHOWN:
            lines.append(self.tr("… and %n more", "", len(comments) - SHOWN))
        self.text.setText("\n".join([head, *lines]))
        self.setVisible(bool(comments))
