"""The worker-interview stage: roster, plan, the auditor's random draw, the call list, the flagged
workers, and one form per anonymous code.

The roster and draw live in `ui/interview_draw.py`; under it, three tabs: the interviews (codes,
strata, counts, quotable quotes), the call list (`ui/call_list_view.py`: who is behind each code,
absent and refusing workers replaced) and every flagged worker (`ui/flagged_workers.py`); the form
of the selected interview is on the right (`ui/interview_form.py`). A Progress Visit adds the worker
survey (`ui/worker_survey.py`), shown first and across the whole width. Interview notes are
confidential: lists show codes, strata and counts, and only the quotes the auditor marked quotable.
Names come from the roster kept on this laptop, never from the audit record.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits.stage_completion import interviews_done
from auditor_app.audits.interviews import add_group_interview
from auditor_app.audits.replacements import draw_as_dict, interview_dicts
from auditor_app.audits.worker_survey import has_survey
from auditor_app.checklist.call_list import call_entries
from auditor_app.checklist.selection import explain_draw
from auditor_app.reports.call_list import CallListHeader
from auditor_app.store.models import Audit, FactoryProfile, GapClosure, Interview, SampleDraw
from auditor_app.store.vocab import AUDIT_TYPES
from auditor_app.ui.call_list_view import CallListView
from auditor_app.ui.flagged_workers import FlaggedWorkersView
from auditor_app.ui.i18n import message_text, not_interviewed_word, stratum_value, vocab
from auditor_app.ui.interview_draw import RosterDrawBox
from auditor_app.ui.interview_form import InterviewForm, stratum_text
from auditor_app.ui.pages.base import StagePage
from auditor_app.ui.empty_state import empty_state
from auditor_app.ui.worker_survey import WorkerSurveyPanel

ID_ROLE = Qt.ItemDataRole.UserRole


class InterviewsPage(StagePage):
    stage = "interviews"
    title = "Worker interviews"
    watched_tables = frozenset({"interview", "sample_draw", "audit", "factory_profile", "gap_closure",
                                "survey_response"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.interviews: list[Interview] = []
        self.closures: dict[str, dict] = {}
        self.draw: SampleDraw | None = None
        self.audit: Audit | None = None
        self.profile: FactoryProfile | None = None
        self.frozen = False

        self.draw_box = RosterDrawBox(ctx)
        self.draw_box.analysed.connect(lambda _analysis: self.show_roster_views())
        self.draw_box.drawn.connect(lambda: self.tabs.setCurrentWidget(self.call_list))

        # ---- list of interviews ----
        self.list = QListWidget()
        self.list.setObjectName("interview-list")
        # While refresh rebuilds the list, selection changes are not the auditor's.
        self.list.currentItemChanged.connect(lambda *_: None if self.is_loading else self.show_selected())
        self.empty = empty_state(self.tr("No interviews yet. Import the roster and draw workers, or add a group "
                                         "interview."))
        self.add_group_button = QPushButton(self.tr("Add group interview"))
        self.add_group_button.clicked.connect(self.add_group)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.quotable = QListWidget()
        self.quotable.setObjectName("quotable-quotes")
        self.quotable.setMaximumHeight(90)
        interviews_tab = QWidget()
        left_layout = QVBoxLayout(interviews_tab)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty, 1)
        left_layout.addWidget(self.add_group_button)
        left_layout.addWidget(self.counts_label)
        left_layout.addWidget(QLabel(self.tr("Quotable quotes (anonymised, may appear in the report):")))
        left_layout.addWidget(self.quotable)

        self.call_list = CallListView(ctx)
        self.call_list.selected_interview.connect(self.select_interview)
        self.flagged = FlaggedWorkersView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("interview-tabs")
        self.tabs.addTab(interviews_tab, self.tr("Interviews"))
        self.tabs.addTab(self.call_list, self.tr("Call list"))
        self.tabs.addTab(self.flagged, self.tr("Flagged workers"))
        # A Progress Visit surveys workers instead of interviewing a sample: its tab comes first in view.
        self.survey: WorkerSurveyPanel | None = None
        if has_survey(ctx.audit().audit_type):
            self.survey = WorkerSurveyPanel(ctx)
            self.tabs.addTab(self.survey, self.tr("Worker survey"))
            self.tabs.setCurrentWidget(self.survey)

        # ---- the selected interview ----
        self.form = InterviewForm(ctx, self.stage)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setWidget(self.form)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(form_scroll)
        self.form_scroll = form_scroll
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 700])
        self.tabs.currentChanged.connect(self._widen_lists)
        self._widen_lists(self.tabs.currentIndex())
        layout = QVBoxLayout(self)
        layout.addWidget(self.draw_box)
        layout.addWidget(self.splitter, 1)
        self.refresh(set())

    # ---- reading ----
    def refresh(self, changed: set[str]) -> None:
        aid = self.ctx.audit_id

        def read(s):
            audit = s.get(Audit, aid)
            profile = s.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == aid)).one()
            interviews = list(s.scalars(select(Interview).where(Interview.audit_id == aid).order_by(Interview.code)))
            draw = s.scalars(select(SampleDraw).where(SampleDraw.audit_id == aid)
                             .order_by(SampleDraw.drawn_at.desc(), SampleDraw.created_at.desc())).first()
            closures = {c.gap.removeprefix("interview:"): {"reason": c.reason, "note": c.note}
                        for c in s.scalars(select(GapClosure).where(GapClosure.audit_id == aid,
                                                                   GapClosure.gap.like("interview:%")))}
            return audit, profile, interviews, draw, closures

        self.audit, self.profile, self.interviews, self.draw, self.closures = self.ctx.read(read)
        audit = self.audit
        self.frozen = audit.state != "draft"
        self.form.set_team([str(m.get("name")) for m in audit.team or [] if m.get("name")])
        self.draw_box.show_state(audit, self.profile, self.draw, self.frozen)
        current = self.selected_id()
        with self.loading():
            self.list.clear()
            for iv in self.interviews:
                item = QListWidgetItem(self._list_text(iv))
                item.setData(ID_ROLE, iv.id)
                if iv.id in self.closures:
                    item.setForeground(QColor("#5f6b7a"))
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
        held, total = self.completion()
        self.tabs.setTabText(0, self.tr("Interviews ({held}/{total} held)").format(held=held, total=total)
                             if total else self.tr("Interviews"))
        self.show_roster_views()
        self.show_selected()
        if self.survey is not None:
            self.survey.refresh(self.frozen, [iv.code for iv in self.interviews if iv.kind == "individual"])
            done, target = self.survey.list.count(), self.survey.target
            self.tabs.setTabText(self.tabs.indexOf(self.survey), self.tr("Worker survey ({done}/{target})")
                                 .format(done=done, target=target))

    def _list_text(self, iv: Interview) -> str:
        kind = self.tr("group of %n", "", iv.group_size or 0) if iv.kind == "group" else self.tr("individual")
        closure = self.closures.get(iv.id)
        if iv.conducted_at:
            state = self.tr("✓ held")
        elif closure is not None:
            state = not_interviewed_word(closure["reason"])
        else:
            state = self.tr("to do")
        replaces = (iv.details or {}).get("replaces")
        extra = self.tr(" · replaces {code}").format(code=replaces) if replaces else ""
        return f"{iv.code} · {kind} · {state}{extra}\n    {stratum_text(iv.stratum) or '—'}"

    def counts_text(self) -> str:
        held = [iv for iv in self.interviews if iv.conducted_at]
        workers = sum(iv.group_size if iv.kind == "group" else 1 for iv in held)
        parts = [self.tr("Held {held} of {total} interviews ({workers} workers).")
                 .format(held=len(held), total=len(self.interviews), workers=workers)]
        for dim in ("department", "gender", "shift"):
            counts = Counter(iv.stratum.get(dim) for iv in held if iv.stratum.get(dim))
            if counts:
                values = ", ".join(f"{stratum_value(dim, k)} {v}" for k, v in sorted(counts.items()))
                parts.append(self.tr("By {dimension}: {counts}.").format(dimension=vocab("strata", dim).lower(),
                                                                         counts=values))
        return " ".join(parts)

    def completion(self) -> tuple[int, int]:
        return interviews_done(self.interviews)

    # ---- the call list and the flagged workers (names from the roster on this laptop) ----
    def show_roster_views(self) -> None:
        if self.audit is None:
            return
        analysis, draw = self.draw_box.analysis, self.draw
        rows = interview_dicts(self.interviews)
        key = analysis.key if analysis is not None and analysis.key is not None and draw is not None \
            and analysis.key.draw_id == draw.id else None
        entries = call_entries(draw_as_dict(draw), rows, self.closures, key) if draw is not None else []
        day = self.audit.actual_start or self.audit.planned_start
        self.call_list.show_entries(entries, analysis if key is not None else None, self._call_list_problem(key),
                                    self.frozen, self.call_list_header, day.isoformat() if day else "")
        self.tabs.setTabText(1, self.tr("Call list ({n})").format(n=len(entries)) if entries else self.tr("Call list"))
        self.flagged.show_flags(list(draw.age_flags) if draw is not None else [], analysis, rows,
                                self.profile.headcount_young, self.frozen, draw is not None)
        count = self.flagged.count
        self.tabs.setTabText(2, self.tr("Flagged workers ({n})").format(n=count) if count
                             else self.tr("Flagged workers"))
        bar = self.tabs.tabBar()
        bar.setTabTextColor(2, QColor("#b71c1c") if count else bar.palette().text().color())

    def _call_list_problem(self, key) -> str:
        analysis = self.draw_box.analysis
        if self.draw is None:
            return self.tr("No workers drawn yet: import the roster and draw workers; the call list appears here.")
        if key is not None:
            return ""
        if analysis is None:
            return self.tr("The roster the workers were drawn from is not on this laptop: import it to see who is "
                           "behind each code and to replace absent workers.")
        return message_text(analysis.problem) if analysis.problem else self.tr("Working out who is behind each code…")

    def call_list_header(self) -> CallListHeader:
        """What the printed call list says about the audit and the draw (read when printing)."""
        audit, profile, draw, analysis = self.audit, self.profile, self.draw, self.draw_box.analysis
        factory = " ".join(p for p in (profile.name, profile.name_local) if p) or "(factory not named)"
        day = audit.actual_start or audit.planned_start
        kind = f"{audit.audit_type} {AUDIT_TYPES.get(audit.audit_type, '')}".strip()
        when = self.ctx.time_text(draw.drawn_at) if draw is not None and draw.drawn_at else ""
        roster = analysis.roster.name if analysis is not None else "the roster"
        drawn = (f"Drawn {when} with seed {draw.seed} from {roster} ({draw.roster_workers} workers, SHA-256 "
                 f"{draw.roster_sha256[:16]}…)." if draw is not None else "")
        checks = analysis.document_checks if analysis is not None and analysis.key is not None else None
        explanation = explain_draw(draw.size, list(draw.drawn), checks) if draw is not None else ""
        return CallListHeader(factory, f"{kind}, {day.isoformat() if day else 'date not set'}", drawn, explanation,
                              f"Printed {self.ctx.time_text(datetime.now(timezone.utc))}")

    def _widen_lists(self, index: int) -> None:
        """The call list and the flagged workers have many columns: their tab takes 60 % of the width,
        the interview list 45 %."""
        total = sum(self.splitter.sizes()) or self.splitter.width()
        # The survey has no interview form beside it: it takes the whole width.
        self.form_scroll.setVisible(self.survey is None or self.tabs.widget(index) is not self.survey)
        left = int(total * (0.45 if index == 0 else 0.6))
        self.splitter.setSizes([left, total - left])

    # ---- interviews ----
    def select_interview(self, interview_id: str) -> None:
        """Show this interview's form (a row chosen in the call list)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == interview_id:
                self.list.setCurrentRow(row)
                return

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def show_selected(self) -> None:
        selected = self.selected_id()
        iv = next((iv for iv in self.interviews if iv.id == selected), None)
        replaces = str((iv.details or {}).get("replaces") or "") if iv is not None else ""
        self.form.show_interview(iv, self.frozen, replaces)

    def add_group(self) -> None:
        self.save_now(add_group_interview, self.ctx.audit_id)
