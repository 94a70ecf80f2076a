"""The roster and random draw box of the interviews page: import the roster, see the sampling plan,
draw workers with a recorded seed, and see the age flags the roster raises.

Names never reach the database: the roster stays in memory (its SHA-256 is recorded with the draw),
the draw keeps codes, strata and age flags only.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from auditor_app.audits.interviews import record_draw
from auditor_app.checklist.age_flags import age_flags, public_flags
from auditor_app.checklist.roster import RosterError, read_roster
from auditor_app.checklist.sampling import plan_audit
from auditor_app.checklist.selection import draw_sample
from auditor_app.store.models import Audit, FactoryProfile, SampleDraw

FLAG_ROLE = Qt.ItemDataRole.UserRole
FLAG_TAGS = {"underage": "underage", "historical": "underage", "young": "young_worker"}


class RosterDrawBox(QGroupBox):
    """Shows the plan and the recorded draw; `show_state` is called by the page after each refresh."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__("Roster and random draw", parent)
        self.ctx = ctx
        self.roster = None
        self.roster_sha = ""
        self.plan = None
        self.audit: Audit | None = None
        self.profile: FactoryProfile | None = None
        self.draw: SampleDraw | None = None
        self.frozen = False
        self._size_set = False

        grid = QFormLayout(self)
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

    # ---- model -> widgets ----
    def show_state(self, audit: Audit, profile: FactoryProfile, draw: SampleDraw | None, frozen: bool) -> None:
        self.audit, self.profile, self.draw, self.frozen = audit, profile, draw, frozen
        self._show_plan()
        self._show_draw()
        self.import_button.setEnabled(not frozen)
        self.draw_button.setEnabled(self.roster is not None and not frozen)

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
            item.setData(FLAG_ROLE, flag)
            item.setToolTip(flag["text"])
            item.setForeground(Qt.GlobalColor.darkRed)
            self.flags.addItem(item)
        if self.flags.count():
            self.flags.setCurrentRow(0)
        self.raise_flag_button.setEnabled(not self.frozen)

    # ---- the roster ----
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
        if self.audit is not None:  # the headcount may now come from the roster
            self.show_state(self.audit, self.profile, self.draw, self.frozen)

    def _roster_failed(self, error: BaseException) -> None:
        self.roster = None
        self.roster_label.setStyleSheet("color: #b71c1c;")
        prefix = "The roster cannot be used: " if isinstance(error, RosterError) else "The roster could not be read: "
        self.roster_label.setText(prefix + str(error))
        self.draw_button.setEnabled(False)

    # ---- the draw ----
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
        plan = dict(self.plan.__dict__) if self.plan is not None else {}
        plan["notes"] = list(plan.get("notes", ()))
        public = sample.public()
        stored_flags = public_flags(flags, sample.code_of, self._audit_date())

        self.ctx.write(record_draw, aid, seed=sample.seed, size=sample.size, roster_sha256=sha,
                       roster_workers=workers, plan=plan, drawn=public["workers"], age_flags=stored_flags)

    def raise_flag_nc(self) -> None:
        item = self.flags.currentItem()
        if item is None:
            return
        flag = item.data(FLAG_ROLE)
        who = f"worker {flag['code']}" if flag["code"] else "a worker in the roster (not drawn)"
        self.ctx.request_finding.emit("", {"tag": FLAG_TAGS[flag["kind"]],
                                           "description": f"{flag['text']}: {who}."})
