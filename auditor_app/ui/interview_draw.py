"""The roster and random draw box of the interviews page: import the roster (kept on this laptop from
then on), see the plan and the roster beside the headcount, draw workers with a recorded seed, and
read why the sample holds the workers it holds.

Names never reach the database: the draw keeps codes, strata and age flags only, and the roster's
SHA-256. The roster file is kept in the data folder (`kept_rosters.py`: folder 0700, files 0600), so
after a restart the call list and replacements work without asking for it again. What the page
shows about the roster (call list, flagged workers) is worked out off the GUI thread and handed to
the page by `analysed`.
"""

from __future__ import annotations

import re

import hashlib
import logging
import secrets
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from auditor_app.audits.interviews import record_draw
from auditor_app.audits.replacements import draw_dates
from auditor_app.checklist.age_flags import age_flags, public_flags
from auditor_app.checklist.roster import Roster, RosterError, read_roster
from auditor_app.checklist.roster_analysis import RosterAnalysis, analyse_roster
from auditor_app.checklist.roster_summary import headcount_check
from auditor_app.checklist.sampling import plan_audit
from auditor_app.checklist.selection import draw_sample, explain_draw
from auditor_app.errors import as_user_error
from auditor_app.kept_rosters import KeptRosters
from auditor_app.store.models import Audit, FactoryProfile, SampleDraw
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.i18n import message_text, translate

log = logging.getLogger(__name__)
WARN = "color: #b71c1c;"


def band_text(band: str) -> str:
    """A headcount band of the sampling table ("501-1000 workers", "1001+ workers") in the window's language."""
    match = re.fullmatch(r"(\d+)(?:-(\d+)|\+) workers", band)
    if match is None:
        return band
    low, high = match.groups()
    return (translate("RosterDrawBox", "{low}-{high} workers").format(low=low, high=high) if high
            else translate("RosterDrawBox", "{low}+ workers").format(low=low))


class RosterDrawBox(QGroupBox):
    """Shows the plan and the recorded draw; `show_state` is called by the page after each refresh."""

    analysed = Signal(object)   # RosterAnalysis, or None when no roster is at hand
    drawn = Signal()            # the auditor's draw was recorded

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Roster and random draw"))
        self.ctx = ctx
        self.kept = KeptRosters(ctx.store.folder)
        self.rosters: dict[str, Roster] = {}     # SHA-256 -> roster read (the current one, the draw's)
        self.roster_sha = ""                      # the roster a new draw is made from
        self.plan = None
        self.audit: Audit | None = None
        self.profile: FactoryProfile | None = None
        self.draw: SampleDraw | None = None
        self.frozen = False
        self.analysis: RosterAnalysis | None = None
        self._analysis_for: tuple | None = None
        self._kept_looked = False
        self._size_set = False
        self._roster_error = False

        grid = QFormLayout(self)
        grid.setVerticalSpacing(4)
        self.import_button = QPushButton(self.tr("Import roster…"))
        self.import_button.setToolTip(self.tr("The factory's worker roster as CSV; it is kept on this laptop with "
                                              "the audit's confidential data, never in the audit record or the "
                                              "report"))
        self.import_button.clicked.connect(self.import_dialog)
        self.roster_label = QLabel(self.tr("No roster loaded."))
        self.roster_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.roster_label, 1)
        grid.addRow(row)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        grid.addRow(self.tr("Plan"), self.plan_label)
        self.headcount_label = QLabel()
        self.headcount_label.setProperty("core_message", True)  # shows a message of the core (English until it renders Chinese)
        self.headcount_label.setObjectName("roster-headcount")
        self.headcount_label.setWordWrap(True)
        self.headcount_caption = QLabel(self.tr("Headcount"))
        grid.addRow(self.headcount_caption, self.headcount_label)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(secrets.randbelow(1_000_000))
        self.seed.setToolTip(self.tr("Random by default; recorded with the draw so a reviewer can repeat it"))
        self.size = QSpinBox()
        self.size.setRange(1, 5000)
        self.draw_button = QPushButton(self.tr("Draw workers"))
        self.draw_button.clicked.connect(self.draw_sample)
        draw_row = QHBoxLayout()
        draw_row.addWidget(QLabel(self.tr("Seed")))
        draw_row.addWidget(self.seed)
        draw_row.addWidget(QLabel(self.tr("Workers")))
        draw_row.addWidget(self.size)
        draw_row.addWidget(self.draw_button)
        draw_row.addStretch()
        grid.addRow(draw_row)
        self.draw_label = QLabel()
        self.draw_label.setProperty("core_message", True)  # shows a message of the core (English until it renders Chinese)
        self.draw_label.setObjectName("draw-explanation")
        self.draw_label.setWordWrap(True)
        grid.addRow(self.draw_label)

    @property
    def roster(self) -> Roster | None:
        """The roster a new draw is made from."""
        return self.rosters.get(self.roster_sha)

    # ---- model -> widgets ----
    def show_state(self, audit: Audit, profile: FactoryProfile, draw: SampleDraw | None, frozen: bool) -> None:
        self.audit, self.profile, self.draw, self.frozen = audit, profile, draw, frozen
        self._show_plan()
        self._show_roster()
        self._show_headcount()
        self._show_draw()
        self.import_button.setEnabled(not frozen)
        self.draw_button.setEnabled(self.roster is not None and not frozen)
        if not self._kept_looked:
            self._kept_looked = True
            self._open_kept()
        else:
            self._analyse()

    def _headcount(self) -> int:
        return self.profile.headcount or (len(self.roster) if self.roster is not None else 0)

    def _show_plan(self) -> None:
        headcount = self._headcount()
        if headcount < 1:
            self.plan_label.setText(self.tr("Enter the headcount in the factory profile (opening meeting), or import the roster."))
            return
        try:
            plan = plan_audit(headcount, shifts=max(1, self.profile.shifts), audit_type=self.audit.audit_type)
        except ValueError as exc:
            self.plan_label.setText(str(exc))
            return
        self.plan = plan
        groups = self.tr(" + %n group(s) of {size}", "", plan.group_interviews).format(size=plan.group_size) \
            if plan.group_interviews else ""
        self.plan_label.setText(self.tr("{headcount} workers ({band}): interview {interview} — {individual} "
                                        "individual{groups}; review {records} workers' records; {days} man-days.")
                                .format(headcount=headcount, band=band_text(plan.band), interview=plan.workers_to_interview,
                                        individual=plan.individual_interviews, groups=groups,
                                        records=plan.records_to_review, days=f"{plan.man_days:g}"))
        if not self._size_set:  # the plan's number once; after that the auditor's own
            self._size_set = True
            self.size.setValue(plan.workers_to_interview)

    def _show_roster(self) -> None:
        roster, draw = self.roster, self.draw
        if roster is not None or self._roster_error:
            return  # said when it was read, or why it could not be
        self.roster_label.setStyleSheet("")
        if draw is None:
            self.roster_label.setText(self.tr("No roster loaded."))
        elif draw.roster_sha256 in self.rosters:
            self.roster_label.setText(self.tr("The roster of the recorded draw is kept on this laptop."))
        else:
            self.seed.setValue(draw.seed)  # the recorded draw's, until a roster is here to draw anew
            self.roster_label.setText(self.tr("The roster the workers were drawn from is not on this laptop: "
                                              "import it (SHA-256 {sha}…) to see the call list and replace absent "
                                              "workers.").format(sha=draw.roster_sha256[:16]))

    def _show_headcount(self) -> None:
        roster_workers = (len(self.roster) if self.roster is not None
                          else self.draw.roster_workers if self.draw is not None else None)
        check = headcount_check(roster_workers, self.profile.headcount) if roster_workers is not None else None
        self.headcount_label.setVisible(check is not None)
        self.headcount_caption.setVisible(check is not None)
        if check is not None:
            self.headcount_label.setText(("⚠ " if check.mismatch else "") + check.text)
            self.headcount_label.setStyleSheet(WARN if check.mismatch else "")

    def _show_draw(self) -> None:
        draw = self.draw
        if draw is None:
            self.draw_label.setText(self.tr("No workers drawn yet."))
            return
        when = self.ctx.time_text(draw.drawn_at) if draw.drawn_at else ""
        analysis = self.analysis if self.analysis is not None and self.analysis.key is not None \
            and self.analysis.key.draw_id == draw.id else None
        checks = analysis.document_checks if analysis is not None else None
        self.draw_label.setText(self.tr("Drawn {when}: %n worker(s) with seed {seed} from a roster of {roster} "
                                        "(SHA-256 {sha}…). ", "", len(draw.drawn))
                                .format(when=when, seed=draw.seed, roster=draw.roster_workers,
                                        sha=draw.roster_sha256[:16])
                                + explain_draw(draw.size, list(draw.drawn), checks))

    # ---- the roster kept on this laptop ----
    def _open_kept(self) -> None:
        kept, audit_id = self.kept, self.ctx.audit_id
        wanted = self.draw.roster_sha256 if self.draw is not None else ""

        def work(progress):
            shas = kept.shas(audit_id)
            out = []
            for sha in dict.fromkeys(shas[:1] + ([wanted] if wanted in shas else [])):
                found = kept.read(audit_id, sha)
                if found is None:
                    continue
                try:
                    out.append((sha, found, read_roster(found.data, found.name)))
                except RosterError as exc:  # kept by an older version that read it differently
                    log.warning("a kept roster cannot be read any more: %s", exc)
            return out

        self.ctx.ops.run(self, work, on_success=self._kept_opened, on_failure=self._kept_failed,
                         label=self.tr("Opening the roster kept on this laptop"))

    def _kept_opened(self, found) -> None:
        for n, (sha, kept, roster) in enumerate(found):
            self.rosters[sha] = roster
            if n == 0 and not self.roster_sha:  # an import meanwhile wins
                self.roster_sha = sha
                day = kept.kept_at[:10]
                self._say_roster(self.tr("{name}: %n worker(s), kept on this laptop since {day} (SHA-256 {sha}…).",
                                         "", len(roster)).format(name=kept.name, day=day, sha=sha[:16]))
        if self.audit is not None:
            self.show_state(self.audit, self.profile, self.draw, self.frozen)

    def _kept_failed(self, error: BaseException) -> None:
        log.warning("the kept rosters could not be opened: %s", error)
        self._analyse()

    # ---- importing a roster ----
    def import_dialog(self) -> None:
        root = self.ctx.store.folder.root
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import the worker roster"), start_folder(root, "roster"),
                                              self.tr("Roster (*.csv *.txt);;All files (*)"))
        if path:
            remember_folder(root, "roster", path)
            self.import_roster(path)

    def import_roster(self, path: str) -> None:
        kept, audit_id = self.kept, self.ctx.audit_id

        def work(progress):
            data = Path(path).read_bytes()
            roster = read_roster(data, Path(path).name)
            problem = ""
            try:
                kept.keep(audit_id, data, Path(path).name)
            except OSError as exc:
                known = as_user_error(exc)
                problem = known.message if known is not None else (exc.strerror or str(exc))
            return hashlib.sha256(data).hexdigest(), roster, problem

        self.ctx.ops.run(self, work, on_success=self._roster_read, on_failure=self._roster_failed,
                         label=self.tr("Reading the roster"))

    def _say_roster(self, text: str, problem: str = "") -> None:
        roster = self.roster
        warnings = "".join(f"<br>⚠ {message_text(w)}" for w in roster.warnings) if roster is not None else ""
        keep = ("<br>⚠ " + self.tr("It could not be kept on this laptop ({problem}): import it again after a "
                                   "restart.").format(problem=problem) if problem else "")
        self.roster_label.setStyleSheet("")
        self.roster_label.setText(text + warnings + keep)

    def _roster_read(self, result) -> None:
        sha, roster, problem = result
        self._roster_error = False
        self.rosters[sha] = roster
        self.roster_sha = sha
        self._say_roster(self.tr("{name}: %n worker(s) ({encoding}); kept on this laptop with the audit's "
                                 "confidential data, so it is not asked for again (SHA-256 {sha}…).", "", len(roster))
                         .format(name=roster.name, encoding=roster.encoding, sha=sha[:16]), problem)
        if self.audit is not None:  # the headcount may now come from the roster
            self.show_state(self.audit, self.profile, self.draw, self.frozen)

    def _roster_failed(self, error: BaseException) -> None:
        self.roster_sha = ""
        self._roster_error = True
        self.roster_label.setStyleSheet(WARN)
        prefix = self.tr("The roster cannot be used: ") if isinstance(error, RosterError) \
            else self.tr("The roster could not be read: ")
        self.roster_label.setText(prefix + str(error))
        self.draw_button.setEnabled(False)

    # ---- what the page shows about the roster, worked out off the GUI thread ----
    def _audit_date(self) -> date:
        return self.audit.actual_start or self.audit.planned_start or date.today()

    def _analyse(self) -> None:
        draw, profile = self.draw, self.profile
        sha = draw.roster_sha256 if draw is not None and draw.roster_sha256 in self.rosters else self.roster_sha
        roster = self.rosters.get(sha)
        if roster is None or self.audit is None:
            if self.analysis is not None or self._analysis_for is None:
                self.analysis, self._analysis_for = None, ()
                self.analysed.emit(None)
            return
        dates = draw_dates(self.audit, profile, draw) if draw is not None else []
        dates = [self._audit_date()] + [d for d in dates if d != self._audit_date()]
        country, headcount = profile.country or "CN", profile.headcount
        draw_dict = ({"id": draw.id, "seed": draw.seed, "size": draw.size, "roster_sha256": draw.roster_sha256,
                      "drawn": list(draw.drawn)} if draw is not None else None)
        wanted = (sha, draw.id if draw is not None else None, tuple(dates), country, headcount)
        if wanted == self._analysis_for:
            return
        self._analysis_for = wanted

        def work(progress):
            return analyse_roster(roster, sha, draw_dict, dates, country, headcount)

        self.ctx.ops.run(self, work, on_success=lambda result: self._analysed(wanted, result),
                         on_failure=lambda error: self._analysis_failed(wanted, error), label=self.tr("Reading the roster"))

    def _analysed(self, wanted: tuple, result: RosterAnalysis) -> None:
        if wanted != self._analysis_for:
            return  # a newer question is on its way
        self.analysis = result
        self._show_draw()
        self.analysed.emit(result)

    def _analysis_failed(self, wanted: tuple, error: BaseException) -> None:
        if wanted != self._analysis_for:
            return
        self.analysis = None
        self.roster_label.setStyleSheet(WARN)
        self.roster_label.setText(self.tr("The roster cannot be checked for this audit: {error}").format(error=error))
        self.analysed.emit(None)

    # ---- the draw ----
    def draw_sample(self) -> None:
        roster = self.roster
        if roster is None or self.frozen:
            return
        size, seed, on_date = self.size.value(), self.seed.value(), self._audit_date()
        country = self.profile.country or "CN"

        def work(progress):
            sample = draw_sample(roster, size, seed, on_date, country)
            return sample, age_flags(roster, on_date, country)

        self.ctx.ops.run(self, work, on_success=self._drawn, label=self.tr("Drawing workers"))

    def _drawn(self, result) -> None:
        sample, flags = result
        aid, sha, workers = self.ctx.audit_id, self.roster_sha, len(self.roster)
        plan = dict(self.plan.__dict__) if self.plan is not None else {}
        plan["notes"] = list(plan.get("notes", ()))
        public = sample.public()
        stored_flags = public_flags(flags, sample.code_of, self._audit_date())

        self.ctx.write(record_draw, aid, seed=sample.seed, size=sample.size, roster_sha256=sha,
                       roster_workers=workers, plan=plan, drawn=public["workers"], age_flags=stored_flags,
                       on_done=lambda _result: self.drawn.emit())
