"""The worker-interview stage: roster, plan, the auditor's random draw, one form per anonymous code.

Names never reach the database: the roster stays in memory (its SHA-256 is recorded with the draw),
the draw keeps codes, strata and age flags only. Interview notes are confidential: lists show codes,
strata and counts, and only the quotes the auditor marked quotable.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSpinBox, QSplitter, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)
from sqlalchemy import select

from auditor_app.checklist.age_flags import age_flags, public_flags
from auditor_app.checklist.roster import RosterError, read_roster
from auditor_app.checklist.sampling import plan_audit
from auditor_app.checklist.selection import DIMENSIONS, draw_sample
from auditor_app.store.models import Audit, FactoryProfile, Interview, SampleDraw
from auditor_app.store.types import utcnow
from auditor_app.ui.pages.base import StagePage, empty_state, set_text

ID_ROLE = Qt.ItemDataRole.UserRole
FLAG_TAGS = {"underage": "underage", "historical": "underage", "young": "young_worker"}
def stratum_text(stratum: dict) -> str:
    return " / ".join(str(stratum[d]) for d in DIMENSIONS if stratum.get(d))


class InterviewsPage(StagePage):
    stage = "interviews"
    title = "Worker interviews"
    watched_tables = frozenset({"interview", "sample_draw", "audit", "factory_profile"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.roster = None
        self.roster_sha = ""
        self.interviews: list[Interview] = []
        self.draw: SampleDraw | None = None
        self.frozen = False
        self._edits: dict[str, int] = {}  # interview id -> generation of its newest unsaved edit
        self._shown_id: str | None = None
        self._size_set = False

        # ---- roster, plan, draw ----
        top = QGroupBox("Roster and random draw")
        grid = QFormLayout(top)
        self.import_button = QPushButton("Import roster…")
        self.import_button.setToolTip("The factory's worker roster as CSV; names stay in the file, never in the audit")
        self.import_button.clicked.connect(self.import_dialog)
        self.roster_label = QLabel("No roster loaded.")
        self.roster_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.roster_label, 1)
        grid.addRow(row)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        grid.addRow("Plan", self.plan_label)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(secrets.randbelow(1_000_000))
        self.seed.setToolTip("Random by default; recorded with the draw so a reviewer can repeat it")
        self.size = QSpinBox()
        self.size.setRange(1, 5000)
        self.draw_button = QPushButton("Draw workers")
        self.draw_button.clicked.connect(self.draw_sample)
        draw_row = QHBoxLayout()
        draw_row.addWidget(QLabel("Seed"))
        draw_row.addWidget(self.seed)
        draw_row.addWidget(QLabel("Workers"))
        draw_row.addWidget(self.size)
        draw_row.addWidget(self.draw_button)
        draw_row.addStretch()
        grid.addRow(draw_row)
        self.draw_label = QLabel()
        self.draw_label.setWordWrap(True)
        grid.addRow(self.draw_label)
        self.flags = QListWidget()
        self.flags.setObjectName("age-flags")
        self.flags.setMaximumHeight(70)
        self.flags.setWordWrap(True)
        self.raise_flag_button = QPushButton("Raise NC for this worker…")
        self.raise_flag_button.clicked.connect(self.raise_flag_nc)
        flag_row = QHBoxLayout()
        flag_row.addWidget(self.flags, 1)
        flag_row.addWidget(self.raise_flag_button)
        self.flags_box = QWidget()
        self.flags_box.setLayout(flag_row)
        grid.addRow("Age flags", self.flags_box)

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
        self.form = QGroupBox("Interview")
        form = QFormLayout(self.form)
        self.code_label = QLabel()
        self.kind = QComboBox()
        self.kind.addItem("Individual", "individual")
        self.kind.addItem("Group", "group")
        self.kind.currentIndexChanged.connect(self._save_form)
        self.group_size = QSpinBox()
        self.group_size.setRange(1, 30)
        self.group_size.valueChanged.connect(self._save_form)
        self.conducted = QCheckBox("Interview held")
        self.conducted.toggled.connect(self._save_form)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Confidential notes: never shown in lists or reports")
        self.notes.textChanged.connect(self._save_form)
        self.quotes = QTableWidget(0, 2)
        self.quotes.setHorizontalHeaderLabels(["Quote (anonymised)", "Quotable"])
        self.quotes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.quotes.itemChanged.connect(lambda *_: self._save_form())
        quote_buttons = QHBoxLayout()
        self.add_quote_button = QPushButton("Add quote")
        self.add_quote_button.clicked.connect(self.add_quote)
        self.remove_quote_button = QPushButton("Remove quote")
        self.remove_quote_button.clicked.connect(self.remove_quote)
        quote_buttons.addWidget(self.add_quote_button)
        quote_buttons.addWidget(self.remove_quote_button)
        quote_buttons.addStretch()
        form.addRow("Code", self.code_label)
        form.addRow("Kind", self.kind)
        form.addRow("Group size", self.group_size)
        form.addRow("", self.conducted)
        form.addRow("Notes (confidential)", self.notes)
        form.addRow("Quotes", self.quotes)
        form.addRow(quote_buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setSizes([520, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(top)
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

        self.audit, self.profile, self.interviews, self.draw = self.ctx.read(read)
        self.frozen = self.audit.state != "draft"
        self._show_plan()
        self._show_draw()
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
        for w in (self.import_button, self.add_group_button):
            w.setEnabled(not self.frozen)
        self.draw_button.setEnabled(self.roster is not None and not self.frozen)
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

    def _headcount(self) -> int:
        return self.profile.headcount or (len(self.roster) if self.roster is not None else 0)

    def _show_plan(self) -> None:
        headcount = self._headcount()
        if headcount < 1:
            self.plan_label.setText("Enter the headcount in the factory profile (opening meeting), or import the roster.")
            return
        try:
            plan = plan_audit(headcount, shifts=max(1, self.profile.shifts), audit_type=self.audit.audit_type)
        except ValueError as exc:
            self.plan_label.setText(str(exc))
            return
        self.plan = plan
        groups = f" + {plan.group_interviews} group(s) of {plan.group_size}" if plan.group_interviews else ""
        self.plan_label.setText(f"{headcount} workers ({plan.band}): interview {plan.workers_to_interview} — "
                                f"{plan.individual_interviews} individual{groups}; review {plan.records_to_review} "
                                f"workers' records; {plan.man_days:g} man-days.")
        if not self._size_set:  # the plan's number once; after that the auditor's own
            self._size_set = True
            self.size.setValue(plan.workers_to_interview)

    def _show_draw(self) -> None:
        self.flags.clear()
        draw = self.draw
        if draw is None:
            self.draw_label.setText("No workers drawn yet.")
            self.flags_box.setVisible(False)
            return
        when = self.ctx.time_text(draw.drawn_at) if draw.drawn_at else ""
        if self.roster is None:
            # The recorded draw is what counts; a new draw needs the roster file again.
            self.seed.setValue(draw.seed)
            self.roster_label.setText("Roster file not loaded (the draw below is recorded); import it "
                                      "again to draw anew.")
        self.draw_label.setText(f"Drawn {when}: {len(draw.drawn)} workers with seed {draw.seed} from a roster of "
                                f"{draw.roster_workers} (SHA-256 {draw.roster_sha256[:16]}…).")
        self.flags_box.setVisible(bool(draw.age_flags))
        for flag in draw.age_flags:
            who = flag["code"] or "not drawn"
            item = QListWidgetItem(f"⚠ {flag['text']} ({who})")
            item.setData(ID_ROLE, flag)
            item.setToolTip(flag["text"])
            item.setForeground(Qt.GlobalColor.darkRed)
            self.flags.addItem(item)
        if self.flags.count():
            self.flags.setCurrentRow(0)
        self.raise_flag_button.setEnabled(not self.frozen)

    # ---- roster and draw ----
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import the worker roster", "", "Roster (*.csv *.txt);;All files (*)")
        if path:
            self.import_roster(path)

    def import_roster(self, path: str) -> None:
        def work(progress):
            data = Path(path).read_bytes()
            return hashlib.sha256(data).hexdigest(), read_roster(data, Path(path).name)

        self.ctx.ops.run(self, work, on_success=self._roster_read, on_failure=self._roster_failed,
                         label="Reading the roster")

    def _roster_read(self, result) -> None:
        self.roster_sha, self.roster = result
        warnings = "".join(f"<br>⚠ {w}" for w in self.roster.warnings)
        self.roster_label.setStyleSheet("")
        self.roster_label.setText(f"{self.roster.name}: {len(self.roster)} workers ({self.roster.encoding}); "
                                  f"SHA-256 {self.roster_sha[:16]}…{warnings}")
        self.refresh(set())

    def _roster_failed(self, error: BaseException) -> None:
        self.roster = None
        self.roster_label.setStyleSheet("color: #b71c1c;")
        prefix = "The roster cannot be used: " if isinstance(error, RosterError) else "The roster could not be read: "
        self.roster_label.setText(prefix + str(error))
        self.draw_button.setEnabled(False)

    def _audit_date(self) -> date:
        return self.audit.actual_start or self.audit.planned_start or date.today()

    def draw_sample(self) -> None:
        if self.roster is None or self.frozen:
            return
        roster, size, seed, on_date = self.roster, self.size.value(), self.seed.value(), self._audit_date()
        country = self.profile.country or "CN"

        def work(progress):
            sample = draw_sample(roster, size, seed, on_date, country)
            return sample, age_flags(roster, on_date, country)

        self.ctx.ops.run(self, work, on_success=self._drawn, label="Drawing workers")

    def _drawn(self, result) -> None:
        sample, flags = result
        aid, sha, workers = self.ctx.audit_id, self.roster_sha, len(self.roster)
        plan = dict(getattr(self, "plan", None).__dict__) if getattr(self, "plan", None) else {}
        plan["notes"] = list(plan.get("notes", ()))
        public = sample.public()
        stored_flags = public_flags(flags, sample.code_of, self._audit_date())

        def write(s):
            s.add(SampleDraw(audit_id=aid, seed=sample.seed, size=sample.size, roster_sha256=sha,
                             roster_workers=workers, drawn_at=utcnow(), plan=plan,
                             drawn=public["workers"], age_flags=stored_flags))
            have = set(s.scalars(select(Interview.code).where(Interview.audit_id == aid)))
            for worker in public["workers"]:
                if worker["code"] not in have:
                    s.add(Interview(audit_id=aid, code=worker["code"], stratum=worker["stratum"]))

        self.save_now(write)

    def raise_flag_nc(self) -> None:
        item = self.flags.currentItem()
        if item is None:
            return
        flag = item.data(ID_ROLE)
        who = f"worker {flag['code']}" if flag["code"] else "a worker in the roster (not drawn)"
        self.ctx.request_finding.emit("", {"tag": FLAG_TAGS[flag["kind"]],
                                           "description": f"{flag['text']}: {who}."})

    # ---- interviews ----
    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _selected(self) -> Interview | None:
        return next((iv for iv in self.interviews if iv.id == self.selected_id()), None)

    def show_selected(self) -> None:
        iv = self._selected()
        self.form.setEnabled(iv is not None and not self.frozen)
        if iv is not None and iv.id == self._shown_id and iv.id in self._edits:
            return  # the auditor is editing this form: keep what is on screen
        self._shown_id = iv.id if iv is not None else None
        with self.loading():
            if iv is None:
                self.code_label.setText("Select an interview.")
                return
            self.code_label.setText(f"<b>{iv.code}</b> · {stratum_text(iv.stratum) or 'no stratum'}")
            self.kind.setCurrentIndex(max(0, self.kind.findData(iv.kind)))
            self.group_size.setValue(iv.group_size)
            self.group_size.setEnabled(iv.kind == "group")
            self.conducted.setChecked(iv.conducted_at is not None)
            set_text(self.notes, iv.notes)
            if not self.quotes.hasFocus():
                self.quotes.setRowCount(0)
                for q in iv.quotes:
                    self._append_quote(q.get("text", ""), bool(q.get("quotable")))

    def _append_quote(self, text: str, quotable: bool) -> None:
        row = self.quotes.rowCount()
        self.quotes.insertRow(row)
        self.quotes.setItem(row, 0, QTableWidgetItem(text))
        tick = QTableWidgetItem()
        tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        tick.setCheckState(Qt.CheckState.Checked if quotable else Qt.CheckState.Unchecked)
        self.quotes.setItem(row, 1, tick)

    def add_quote(self) -> None:
        with self.loading():
            self._append_quote("", False)
        self.quotes.setCurrentCell(self.quotes.rowCount() - 1, 0)
        self.quotes.editItem(self.quotes.item(self.quotes.rowCount() - 1, 0))

    def remove_quote(self) -> None:
        row = self.quotes.currentRow()
        if row >= 0:
            self.quotes.removeRow(row)
            self._save_form()

    def form_values(self) -> dict:
        quotes = []
        for row in range(self.quotes.rowCount()):
            text_item, tick = self.quotes.item(row, 0), self.quotes.item(row, 1)
            text = text_item.text().strip() if text_item else ""
            if text:
                quotes.append({"text": text, "quotable": tick is not None and tick.checkState() == Qt.CheckState.Checked})
        kind = self.kind.currentData()
        return {"kind": kind, "group_size": self.group_size.value() if kind == "group" else 1,
                "notes": self.notes.toPlainText(), "quotes": quotes, "held": self.conducted.isChecked()}

    def _save_form(self) -> None:
        iv = self._selected()
        if iv is None or self.is_loading or self.frozen:
            return
        self.group_size.setEnabled(self.kind.currentData() == "group")
        values, iv_id = self.form_values(), iv.id

        def write(s):
            row = s.get(Interview, iv_id)
            row.kind, row.group_size, row.notes, row.quotes = (values["kind"], values["group_size"],
                                                               values["notes"], values["quotes"])
            if values["held"] and row.conducted_at is None:
                row.conducted_at = utcnow()
            elif not values["held"]:
                row.conducted_at = None

        # Until this edit is committed, a refresh must not put the older stored values back.
        generation = self._edits.get(iv_id, 0) + 1
        self._edits[iv_id] = generation

        def saved(_result, iv_id=iv_id, generation=generation):
            if self._edits.get(iv_id) == generation:
                del self._edits[iv_id]

        self.ctx.write(write, key=(self.stage, "interview", iv_id), on_done=saved)

    def add_group(self) -> None:
        aid = self.ctx.audit_id
        taken = {iv.code for iv in self.interviews}
        number = next(n for n in range(1, 1000) if f"G-{n:02d}" not in taken)
        code = f"G-{number:02d}"
        self.save_now(lambda s: s.add(Interview(audit_id=aid, code=code, kind="group", group_size=4)))
