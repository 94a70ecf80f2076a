"""The "What changed" tab: the revision returned and the one resubmitted side by side, one row per
finding, CAP row, photo or checkpoint answer that differs (`review.diff.revision_diff`): what the old
revision said in one column, what the new one says in the next."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.review.diff import FieldChange, RevisionDiff
from auditor_app.ui.i18n import grade_label
from auditor_app.ui.review_words import field_name

OLD = "#ffebe9"
NEW = "#dafbe1"


def _shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if field == "grade":
        return grade_label(str(value))
    return str(value)


class DiffPane(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("revision-diff")
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    # ---- model -> widget ----
    def show_diff(self, diff: RevisionDiff) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("What"), self.tr("Revision {n} (returned)").format(n=diff.old_revision),
            self.tr("Revision {n} (resubmitted)").format(n=diff.new_revision)])
        rows: list[tuple[str, str, str]] = []
        for f in diff.findings:
            what = self.tr("Finding {checkpoint}").format(checkpoint=f.checkpoint_id)
            if f.change == "added":
                rows.append((what, self.tr("(not there)"), f"{grade_label(f.new_grade or '')}\n{f.description}"))
            elif f.change == "removed":
                rows.append((what, f"{grade_label(f.old_grade or '')}\n{f.description}", self.tr("(removed)")))
            else:
                rows.append((what, *self._fields(f.fields)))
        for c in diff.cap_rows:
            what = self.tr("CAP row of finding {checkpoint}").format(checkpoint=c.checkpoint_id)
            if c.change == "changed":
                rows.append((what, *self._fields(c.fields)))
            else:
                rows.append((what, self.tr("(not there)") if c.change == "added" else self.tr("(present)"),
                             self.tr("(added)") if c.change == "added" else self.tr("(removed)")))
        for e in diff.evidence:
            what = self.tr("Photo {name}").format(name=e.name)
            before = self.tr("evidence of {findings}").format(findings=", ".join(e.findings_before) or "—")
            after = self.tr("evidence of {findings}").format(findings=", ".join(e.findings_after) or "—")
            rows.append((what, self.tr("(not there)") if e.change == "added" else before,
                         self.tr("(removed)") if e.change == "removed" else after))
        for a in diff.answers:
            rows.append((self.tr("Answer to {checkpoint}").format(checkpoint=a.checkpoint_id),
                         a.old or "—", a.new or "—"))
        if diff.empty:
            self.title.setText(self.tr("Nothing changed in findings, CAP rows, photos or answers."))
        else:
            self.title.setText(self.tr("%n change(s) from revision {old} to revision {new}", "", len(rows)).format(
                old=diff.old_revision, new=diff.new_revision))
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column:
                    cell.setBackground(QBrush(QColor(OLD if column == 1 else NEW)))
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    @staticmethod
    def _fields(changes: tuple[FieldChange, ...]) -> tuple[str, str]:
        return ("\n".join(f"{field_name(c.field)}: {_shown(c.field, c.old)}" for c in changes),
                "\n".join(f"{field_name(c.field)}: {_shown(c.field, c.new)}" for c in changes))

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows (tests)."""
        return [tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.table.rowCount())]
