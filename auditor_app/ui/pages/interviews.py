"""The worker-interview stage: roster, plan, the auditor's random draw, one form per anonymous code.

The page lists the interviews and what may be said of them; the roster and draw live in
`ui/interview_draw.py`, the form of one interview in `ui/interview_form.py`. Interview notes are
confidential: lists show codes, strata and counts, and only the quotes the auditor marked quotable.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits.interviews import add_group_interview
from auditor_app.store.models import Audit, FactoryProfile, Interview, SampleDraw
from auditor_app.ui.interview_draw import RosterDrawBox
from auditor_app.ui.interview_form import InterviewForm, stratum_text
from auditor_app.ui.pages.base import StagePage, empty_state

ID_ROLE = Qt.ItemDataRole.UserRole


class InterviewsPage(StagePage):
    stage = "interviews"
    title = "Worker interviews"
    watched_tables = frozenset({"interview", "sample_draw", "audit", "factory_profile"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.interviews: list[Interview] = []
        self.draw: SampleDraw | None = None
        self.frozen = False

        self.draw_box = RosterDrawBox(ctx)

        # ---- list of interviews ----
        self.list = QListWidget()
        self.list.setObjectName("interview-list")
        # While refresh rebuilds the list, selection changes are not the auditor's.
        self.list.currentItemChanged.connect(lambda *_: None if self.is_loading else self.show_selected())
        self.empty = empty_state("No interviews yet. Import the roster and draw workers, or add a group interview.")
        self.add_group_button = QPushButton("Add group interview")
        self.add_group_button.clicked.connect(self.add_group)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.quotable = QListWidget()
        self.quotable.setObjectName("quotable-quotes")
        self.quotable.setMaximumHeight(90)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty, 1)
        left_layout.addWidget(self.add_group_button)
        left_layout.addWidget(self.counts_label)
        left_layout.addWidget(QLabel("Quotable quotes (anonymised, may appear in the report):"))
        left_layout.addWidget(self.quotable)

        # ---- the selected interview ----
        self.form = InterviewForm(ctx, self.stage)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setSizes([520, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(self.draw_box)
        layout.addWidget(splitter, 1)
        self.refresh(set())

    # ---- reading ----
    def refresh(self, changed: set[str]) -> None:
        aid = self.ctx.audit_id

        def read(s):
            audit = s.get(Audit, aid)
            profile = s.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == aid)).one()
            interviews = list(s.scalars(select(Interview).where(Interview.audit_id == aid).order_by(Interview.code)))
            draw = s.scalars(select(SampleDraw).where(SampleDraw.audit_id == aid)
                             .order_by(SampleDraw.created_at.desc())).first()
            return audit, profile, interviews, draw

        audit, profile, self.interviews, self.draw = self.ctx.read(read)
        self.frozen = audit.state != "draft"
        self.draw_box.show_state(audit, profile, self.draw, self.frozen)
        current = self.selected_id()
        with self.loading():
            self.list.clear()
            for iv in self.interviews:
                kind = f"group of {iv.group_size}" if iv.kind == "group" else "individual"
                held = "✓ held" if iv.conducted_at else "to do"
                item = QListWidgetItem(f"{iv.code} · {kind} · {held}\n    {stratum_text(iv.stratum) or '—'}")
                item.setData(ID_ROLE, iv.id)
                self.list.addItem(item)
                if iv.id == current:
                    self.list.setCurrentItem(item)
            if self.list.currentItem() is None and self.list.count():
                self.list.setCurrentRow(0)
            self.quotable.clear()
            for iv in self.interviews:
                for q in iv.quotes:
                    if q.get("quotable") and q.get("text", "").strip():
                        self.quotable.addItem(f"{iv.code}: “{q['text'].strip()}”")
        self.list.setVisible(bool(self.interviews))
        self.empty.setVisible(not self.interviews)
        self.counts_label.setText(self.counts_text())
        self.add_group_button.setEnabled(not self.frozen)
        self.show_selected()

    def counts_text(self) -> str:
        held = [iv for iv in self.interviews if iv.conducted_at]
        workers = sum(iv.group_size if iv.kind == "group" else 1 for iv in held)
        parts = [f"Held {len(held)} of {len(self.interviews)} interviews ({workers} workers)."]
        for dim in ("department", "gender", "shift"):
            counts = Counter(iv.stratum.get(dim) for iv in held if iv.stratum.get(dim))
            if counts:
                parts.append(f"By {dim}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ".")
        return " ".join(parts)

    def completion(self) -> tuple[int, int]:
        return (sum(1 for iv in self.interviews if iv.conducted_at), len(self.interviews))

    # ---- interviews ----
    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def show_selected(self) -> None:
        selected = self.selected_id()
        self.form.show_interview(next((iv for iv in self.interviews if iv.id == selected), None), self.frozen)

    def add_group(self) -> None:
        self.save_now(add_group_interview, self.ctx.audit_id)
