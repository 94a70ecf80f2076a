"""The lead's comments grouped by the item they concern, each with the auditor's answers under it.

A comment made on an earlier revision shows on the same item of this one (`review.comments` follows
it); one whose item is gone from this revision is listed under "No longer in this revision"."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QStyledItemDelegate, QTreeWidget, QTreeWidgetItem

from auditor_app.review.comments import Comment
from auditor_app.ui.review_snapshot import ReviewSnapshot

COMMENT_ROLE = Qt.ItemDataRole.UserRole  # a comment's id on its row; an item's (kind, id) on a group row
ANSWERED = "#1a7f37"
UNANSWERED = "#bc4c00"


class _Wrapping(QStyledItemDelegate):
    """Rows as tall as their wrapped text: a comment is read whole, not cut at the panel's edge (a tree
    view asks its delegate for a row's size without the column's width, so it never wraps by itself)."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        view = self.parent()
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(80, view.viewport().width() - view.indentation() * (depth + 1) - 8)
        text = str(index.data() or "")
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, bounds.height() + 6)


class CommentsPanel(QTreeWidget):
    """Emits `comment_chosen(comment id)` when a comment (or one of its answers) is selected."""

    comment_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("review-comments")
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(_Wrapping(self))
        self.itemSelectionChanged.connect(self._selected)
        self.groups: dict[tuple[str, str | None], QTreeWidgetItem] = {}

    # ---- model -> widget ----
    def show_snapshot(self, snapshot: ReviewSnapshot, labels: dict[tuple[str, str], str]) -> None:
        """`labels`: (kind, id) -> the item's name as the items table shows it."""
        keep = self.selected_comment()
        self.blockSignals(True)
        self.clear()
        self.groups = {}
        for comment in snapshot.comments:
            key = (comment.target_kind, comment.target_id)
            group = self.groups.get(key)
            if group is None:
                name = labels.get(key) if comment.target_id else None
                title = name or self.tr("{label} (no longer in this revision)").format(label=comment.label)
                group = QTreeWidgetItem([title])
                group.setData(0, COMMENT_ROLE, None)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.addTopLevelItem(group)
                self.groups[key] = group
            self._add_comment(group, comment)
        self.expandAll()
        self.blockSignals(False)
        if keep:
            self.select_comment(keep)

    def _add_comment(self, group: QTreeWidgetItem, comment: Comment) -> None:
        revision = self.tr(" (on revision {n})").format(n=comment.revision) if comment.revision > 1 else ""
        head = self.tr("{author}, {at}{revision}:").format(author=comment.author, at=comment.at[:16].replace("T", " "),
                                                           revision=revision)
        row = QTreeWidgetItem([f"{head} {comment.text}"])
        row.setData(0, COMMENT_ROLE, comment.id)
        row.setToolTip(0, comment.text)
        if not comment.answered:
            row.setForeground(0, QBrush(QColor(UNANSWERED)))
            row.setText(0, row.text(0) + "  " + self.tr("(not answered)"))
        group.addChild(row)
        for answer in comment.answers:
            reply = QTreeWidgetItem([self.tr("↳ {author}, {at}: {text}").format(
                author=answer.author, at=answer.at[:16].replace("T", " "), text=answer.text)])
            reply.setData(0, COMMENT_ROLE, comment.id)
            reply.setForeground(0, QBrush(QColor(ANSWERED)))
            row.addChild(reply)

    def show_item(self, kind: str, item_id: str) -> None:
        """Bring the comments on this item into view (the items table chose it)."""
        group = self.groups.get((kind, item_id))
        if group is not None:
            self.scrollToItem(group, QTreeWidget.ScrollHint.PositionAtTop)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # the rows' wrapped heights follow the new width

    # ---- widget -> model ----
    def selected_comment(self) -> str | None:
        items = self.selectedItems()
        return items[0].data(0, COMMENT_ROLE) if items else None

    def select_comment(self, comment_id: str) -> bool:
        for group in self.groups.values():
            for index in range(group.childCount()):
                if group.child(index).data(0, COMMENT_ROLE) == comment_id:
                    self.setCurrentItem(group.child(index))
                    return True
        return False

    def comment_texts(self) -> list[str]:
        return [group.child(i).text(0) for group in self.groups.values() for i in range(group.childCount())]

    def _selected(self) -> None:
        comment_id = self.selected_comment()
        if comment_id:
            self.comment_chosen.emit(comment_id)
