"""Every worker the roster flags, in one list that shows them all: the age flags (underage, young,
hired under age inside the review period) with their interview code or "not drawn", then the other
roster checks (identity numbers, retirement age, implausible dates, agency share). The young workers
are reconciled with the factory profile's count, a mismatch said in red. With the roster on this
laptop each row names the worker (working papers); without it, the flags recorded with the draw.
An NC raised from here carries the public text and the code only, never a worker id or a name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqlalchemy import select

from auditor_app.checklist.age_flags import public_flags
from auditor_app.checklist.roster_analysis import RosterAnalysis
from auditor_app.checklist.roster_summary import young_workers_check
from auditor_app.store.models import Interview
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP

FLAG_ROLE = Qt.ItemDataRole.UserRole
FLAG_TAGS = {"underage": "underage", "historical": "underage", "young": "young_worker"}
KIND_TITLES = {"underage": QT_TRANSLATE_NOOP("FlaggedWorkersView", "Below the minimum working age: child labour"),
               "young": QT_TRANSLATE_NOOP("FlaggedWorkersView", "Young workers (under 18, of working age)"),
               "historical": QT_TRANSLATE_NOOP("FlaggedWorkersView",
                                               "Hired under the minimum age inside the review period")}
AGE_GROUPS = {"underage", "juvenile", "historical", "headcount"}   # shown above or as age flags
WARN = QColor("#b71c1c")


def _without_id(text: str, worker_id: str) -> str:
    """A roster message without the worker id it starts with (the Worker column shows it)."""
    return text.removeprefix(f"{worker_id}: ")


class FlaggedWorkersView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.frozen = False
        self.count = 0
        self._shown: tuple | None = None
        self._analysis: RosterAnalysis | None = None
        self.young = QLabel()
        self.young.setProperty("core_message", True)  # shows a message of the core (English until it renders Chinese)
        self.young.setObjectName("young-workers-check")
        self.young.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("flagged-workers")
        self.tree.setHeaderLabels([self.tr("Worker"), self.tr("Interview"), self.tr("Age"), self.tr("What the roster shows")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        self.raise_button = QPushButton(self.tr("Raise NC for this worker…"))
        self.raise_button.clicked.connect(self.raise_nc)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.raise_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.young)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

    # ---- model -> widgets ----
    def show_flags(self, stored: Sequence[Mapping], analysis: RosterAnalysis | None, interviews: Sequence[Mapping],
                   declared_young: int, frozen: bool, has_draw: bool) -> None:
        """`stored`: the age flags recorded with the draw (public); `analysis`: the roster worked out."""
        if analysis is not None:
            rows = self._from_roster(analysis, interviews)
            kinds = [f.kind for f in analysis.flags]
        else:
            rows = [(dict(flag), "—", str(flag.get("text", ""))) for flag in stored]
            kinds = [str(flag.get("kind")) for flag in stored]
        shown = (rows, declared_young, frozen, has_draw)
        if shown == self._shown and analysis is self._analysis:
            return  # a refresh for another reason: keep the selection and the scroll
        self._shown, self._analysis = shown, analysis
        self.frozen = frozen
        current = self.tree.currentItem()
        keep = (current.text(0), current.text(3)) if current is not None else None
        scrolled = self.tree.verticalScrollBar().value()
        self.tree.clear()
        self.count = len(rows)
        groups: dict[str, QTreeWidgetItem] = {}
        for flag, who, text in rows:
            kind = flag["kind"]
            if kind not in groups:
                groups[kind] = QTreeWidgetItem(self.tree, [self.tr(KIND_TITLES.get(kind, kind))])
                groups[kind].setFirstColumnSpanned(True)
                groups[kind].setForeground(0, QBrush(WARN))
            code = flag.get("code") or self.tr("not drawn: check documents")
            item = QTreeWidgetItem(groups[kind], [who, code, str(flag.get("age", "")), text])
            item.setData(0, FLAG_ROLE, flag)
            item.setToolTip(3, text)
        for kind, group in groups.items():
            group.setText(0, f"{self.tr(KIND_TITLES.get(kind, kind))} ({group.childCount()})")
        if analysis is not None:
            self._other_checks(analysis)
        self.tree.expandAll()
        self._reselect(keep)
        self.tree.verticalScrollBar().setValue(scrolled)
        if rows or has_draw or analysis is not None:
            check = young_workers_check(kinds, declared_young)
            self.young.setText(("⚠ " if check.mismatch else "") + check.text)
            self.young.setStyleSheet("color: #b71c1c;" if check.mismatch else "")
        else:
            self.young.setText(self.tr("Import the roster: underage and young workers are listed here, all of them."))
            self.young.setStyleSheet("")
        self.hint.setText("" if analysis is not None or not rows else
                          self.tr("Import the roster to see who these workers are (names stay on this laptop)."))
        self._enable()

    def _from_roster(self, analysis: RosterAnalysis, interviews: Sequence[Mapping]) -> list[tuple[dict, str, str]]:
        rows = []
        by_id = {w.worker_id: w for w in analysis.roster.workers}
        for flag in analysis.flags:
            code = analysis.code_of(flag.worker_id, interviews)
            public = public_flags([flag], lambda _wid, code=code: code or None, analysis.on_date)[0]
            worker = by_id.get(flag.worker_id)
            who = f"{flag.worker_id} {worker.name}".strip() if worker is not None else flag.worker_id
            if worker is not None and worker.department:
                who += f" · {worker.department}"
            rows.append((public, who, _without_id(flag.text, flag.worker_id)))
        return rows

    def _other_checks(self, analysis: RosterAnalysis) -> None:
        names = {w.worker_id: w.name for w in analysis.roster.workers}
        for group in analysis.triage.groups:
            if group.key in AGE_GROUPS:
                continue
            item = QTreeWidgetItem(self.tree, [group.text])
            item.setFirstColumnSpanned(True)
            item.setToolTip(0, group.text)
            if group.level == "flag":
                item.setForeground(0, QBrush(WARN))
            for note in group.workers:
                text = _without_id(note.text, note.worker_id)
                who = f"{note.worker_id} {names.get(note.worker_id, '')}".strip()
                child = QTreeWidgetItem(item, [who, analysis.code_of(note.worker_id), "",
                                               "" if text == note.worker_id else text])
                child.setToolTip(3, note.text)

    def _reselect(self, keep: tuple[str, str] | None) -> None:
        if keep is None:
            return
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for item in [group] + [group.child(j) for j in range(group.childCount())]:
                if (item.text(0), item.text(3)) == keep:
                    self.tree.setCurrentItem(item)
                    return

    def _enable(self) -> None:
        item = self.tree.currentItem()
        flag = item.data(0, FLAG_ROLE) if item is not None else None
        self.raise_button.setEnabled(bool(flag) and not self.frozen and flag.get("kind") in FLAG_TAGS)

    def select_first_flag(self, kind: str | None = None) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                flag = group.child(j).data(0, FLAG_ROLE)
                if flag and (kind is None or flag.get("kind") == kind):
                    self.tree.setCurrentItem(group.child(j))
                    return True
        return False

    # ---- actions ----
    def raise_nc(self) -> None:
        item = self.tree.currentItem()
        flag = item.data(0, FLAG_ROLE) if item is not None else None
        if not flag or flag.get("kind") not in FLAG_TAGS or self.frozen:
            return
        who = self.tr("worker {code}").format(code=flag["code"]) if flag.get("code") \
            else self.tr("a worker in the roster (not drawn)")
        self.ctx.request_finding.emit("", {"tag": FLAG_TAGS[flag["kind"]], "description": f"{flag['text']}: {who}.",
                                           "interview_ids": self._interviews_of(flag.get("code"))})

    def _interviews_of(self, code: str | None) -> list[str]:
        """The interview held with this drawn worker, pre-ticked in the NC (by code: no worker id)."""
        if not code:
            return []
        aid = self.ctx.audit_id
        return self.ctx.read(lambda s: list(s.scalars(select(Interview.id).where(
            Interview.audit_id == aid, Interview.code == code))))
