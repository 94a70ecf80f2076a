"""Hours and wages, a tab of the document review: import the factory's attendance and payroll files,
compute every worker's months off the GUI thread, keep the result with the audit, and show it: a
summary, two charts, a table per worker and month (breaches red), hours paid against hours recorded,
and the proposed findings to accept (NC editor prefilled) or reject."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import select

from auditor_app.audits.hours_review import decide_hours_finding, hours_review, raised_by_review, save_hours_review
from auditor_app.hours import compute, import_attendance, import_payroll, propose_findings
from auditor_app.hours.file_facts import file_facts
from auditor_app.hours.findings import ProposedFinding
from auditor_app.hours.key_figures import key_figures, system_words
from auditor_app.hours.result import HoursResult
from auditor_app.store.models import FactoryProfile, Finding, HoursReview
from auditor_app.ui.hours_charts import MonthlyOvertimeChart, WeeklyHoursChart
from auditor_app.ui.hours_inputs import HoursInputs, HoursRequest
from auditor_app.ui.hours_proposals import ProposalList
from auditor_app.ui.previous_cap import PreviousCapPanel
from auditor_app.ui.hours_table import WorkerMonthTable
from auditor_app.ui.operations import OperationCancelled, Progress, run_op, show_error
from auditor_app.ui import i18n
from auditor_app.ui.i18n import translate

WATCHED = frozenset({"hours_review", "finding", "audit"})


def run_hours(request: HoursRequest, progress: Progress) -> tuple[dict[str, Any], dict[str, dict]]:
    """Off the GUI thread: read both files, compute, hash them; (result JSON, files' facts)."""
    def report(done: int, total: int, text: str) -> None:
        progress.update(done, total, text)
        progress.check()

    attendance = import_attendance(request.attendance, progress=report)
    payroll = import_payroll(request.payroll, progress=report)
    result = compute(attendance, payroll, request.city, request.period, request.approval, progress=report)
    facts = {"attendance": file_facts(request.attendance), "payroll": file_facts(request.payroll)}
    return result.as_dict(), facts


class HoursPanel(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hours-panel")
        self.ctx = ctx
        self.result: HoursResult | None = None
        self.proposals: list[ProposedFinding] = []
        self.decisions: dict = {}
        self.computing = False
        self._only_decided = False
        self.inputs = HoursInputs()
        self.inputs.compute_requested.connect(self.compute)
        self.summary = QLabel(self.tr("Choose the attendance and payroll files the factory exported, then Compute."))
        self.summary.setObjectName("hours-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.weekly = WeeklyHoursChart()
        self.overtime = MonthlyOvertimeChart()
        self.table = WorkerMonthTable()
        self.breaches_only = QCheckBox(self.tr("Only worker-months with a breach"))
        self.breaches_only.setObjectName("hours-breaches-only")
        self.breaches_only.toggled.connect(lambda _: self.table.set_result(self.result, self.breaches_only.isChecked()))
        self.proposal_list = ProposalList()
        self.proposal_list.accepted.connect(self.accept_proposal)
        self.proposal_list.rejected.connect(lambda p: self._decide(p, "rejected"))
        self.proposal_list.undecided.connect(lambda p: self._decide(p, None))
        self.triangulation = QLabel()
        self.triangulation.setObjectName("hours-triangulation")
        self.triangulation.setWordWrap(True)

        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.weekly)
        charts.addWidget(self.overtime)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.breaches_only)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.triangulation)
        right_layout.addWidget(self.proposal_list, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(left)
        lower.addWidget(right)
        lower.setSizes([620, 420])
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(charts)
        main.addWidget(lower)
        main.setSizes([200, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.inputs)
        layout.addWidget(self.summary)
        layout.addWidget(main, 1)
        profile = ctx.read(lambda s: s.scalars(select(FactoryProfile).where(
            FactoryProfile.audit_id == ctx.audit_id)).one_or_none())
        if profile is not None:
            self.inputs.guess_city(profile.address, profile.address_local)
        ctx.changed.connect(self._on_changed)
        self.refresh(loaded=True)

    # ---- store -> widgets ----
    def _on_changed(self, tables: set[str]) -> None:
        if tables & WATCHED:
            self.refresh(loaded="hours_review" in tables and not self._only_decided)
        self._only_decided = False

    def refresh(self, loaded: bool = True) -> None:
        """Re-read the review (`loaded`: the whole result; else only the decisions, a small column)."""
        aid = self.ctx.audit_id
        findings = [tuple(row) for row in self.ctx.read(lambda s: s.execute(select(
            Finding.id, Finding.checkpoint_id).where(Finding.audit_id == aid, Finding.deleted_at.is_(None))).all())]
        frozen = self.ctx.is_frozen()
        self.inputs.set_frozen(frozen or self.computing)
        if loaded:
            review = self.ctx.read(lambda s: hours_review(s, aid))
            if review is not None and review.result:
                self.result = HoursResult.from_dict(review.result)
                self.proposals = propose_findings(self.result, self.ctx.checklist.version)
                self.inputs.load(review.city, (review.period_from, review.period_to), review.approval or {})
                when = self.ctx.time_text(review.computed_at) if review.computed_at else ""
                self._show_result(review.files or {}, when)
            decisions = review.decisions if review is not None else None
        else:
            decisions = self.ctx.read(lambda s: s.scalars(select(HoursReview.decisions).where(
                HoursReview.audit_id == aid)).one_or_none())
        self.decisions = dict(decisions or {})
        raised = set(raised_by_review(self.decisions, findings))
        if self.result is not None:
            self.proposal_list.set_proposals(self.proposals, self.decisions, raised, frozen)

    def _show_result(self, files: dict, when: str) -> None:
        result = self.result
        assert result is not None
        names = " · ".join(f"{kind}: {f.get('name', '')} (SHA-256 {str(f.get('sha256', ''))[:12]}…)"
                           for kind, f in files.items())
        breaches = len(result.violations)
        colour = "#CF222E" if breaches else "#1a7f37"
        lang = i18n.lang()
        city = (result.city.get("name_local") if lang == "zh" else None) or result.city.get("name", "")
        figures_of = {figure.key: figure for figure in key_figures(result)}
        shown = [(figure.label(lang), i18n.message_text(figure.value)) for figure in figures_of.values()]
        figures = "<br/>".join(f"<b>{label}:</b> {value}" for label, value in shown[:1])
        count = len(result.notes)
        notes = self.tr(" · %n note(s) to read (point at this summary)", "", count) if count else ""
        months = len({(v.worker_id, v.month) for v in result.violations})
        breach_words = self.tr("%n breach(es)", "", breaches)
        self.summary.setText(
            f"{figures} · {city} · {i18n.message_text(system_words(result))}<br/>"
            f"<span style='color:{colour}'><b>{breach_words}</b></span> "
            + self.tr("in %n worker-month(s)", "", months) + notes
            + "<br/><span style='color:#5F6B7A'>" + self.tr("Computed {when} from {names}").format(
                when=self.tr("now") if when == "now" else when, names=names) + "</span>")
        self.summary.setToolTip("\n".join(f"{label}: {value}" for label, value in shown)
                                + ("\n\n" + self.tr("Notes:") + "\n" + "\n".join(f"• {n}" for n in result.notes)
                                   if result.notes else ""))
        self.weekly.set_result(result)
        self.overtime.set_result(result)
        self.table.set_result(result, self.breaches_only.isChecked())
        paid = figures_of.get("recorded_paid")
        self.triangulation.setText(self._triangulation_text(result, i18n.message_text(paid.value) if paid else None))

    @staticmethod
    def _triangulation_text(result: HoursResult, line: str | None) -> str:
        """`line`: the key figure of overtime recorded against paid, None when the payroll has no hours."""
        if line is None:
            return translate("HoursPage", "<b>Hours paid vs hours recorded:</b> the payroll has no overtime hours "
                                          "column, so the two cannot be compared here: compare payslips with the time "
                                          "records by hand.")
        colour = "#9A6700" if result.signals else "#1a7f37"
        verdict = (translate("HoursPage", "differences to follow up (gate logs, production records, interviews): a "
                                          "possible second set of records") if result.signals
                   else translate("HoursPage", "they agree"))
        return (translate("HoursPage", "<b>Hours paid vs hours recorded:</b>") + f" {line}; "
                f"<span style='color:{colour}'>{verdict}</span>.")

    # ---- computing ----
    def compute(self) -> None:
        if self.computing or self.ctx.is_frozen():
            return
        try:
            request = self.inputs.request()
        except Exception as exc:  # noqa: BLE001 - a sentence for the auditor (UserFacingError)
            show_error(self, self.tr("Hours not computed"), exc)
            return
        self.computing = True
        self.inputs.set_frozen(True)
        self.summary.setText(self.tr("Reading the files and computing…"))
        run_op(self, lambda progress: run_hours(request, progress), on_success=self._computed,
               on_failure=self._failed, label=self.tr("Computing hours and wages"), cancellable=True)

    def _computed(self, value: tuple[dict, dict]) -> None:
        self.computing = False
        result, facts = value
        self.ctx.write(save_hours_review, self.ctx.audit_id, result, facts)
        self.result = HoursResult.from_dict(result)
        self.proposals = propose_findings(self.result, self.ctx.checklist.version)
        self._show_result(facts, "now")
        self.refresh(loaded=False)

    def _failed(self, error: BaseException) -> None:
        self.computing = False
        self.refresh(loaded=True)
        if self.result is None:
            self.summary.setText(self.tr("Not computed. Choose the files again or correct them, then Compute."))
        if not isinstance(error, OperationCancelled):
            show_error(self, self.tr("Hours not computed"), error)

    # ---- decisions ----
    def accept_proposal(self, proposal: ProposedFinding) -> None:
        result = self.result
        if result is None:
            return
        period = self.tr("{start} to {end}").format(start=result.period["from"], end=result.period["to"])
        self._decide(proposal, "accepted")
        self.ctx.request_finding.emit("", {
            "checkpoint_id": proposal.checkpoint_id, "description": proposal.description,
            "workers_affected": proposal.workers_affected,
            "frequency": self.tr("{occurrences} occurrences in the records of {sample} sampled workers, {period}")
                         .format(occurrences=proposal.occurrences, sample=proposal.sample_size, period=period),
            "source": "hours_review",
        })

    def _decide(self, proposal: ProposedFinding, decision: str | None) -> None:
        def decided(_result) -> None:
            self._only_decided = True  # the result did not change: re-read the decisions only
        self.ctx.write(decide_hours_finding, self.ctx.audit_id, proposal.checkpoint_id, decision, on_done=decided)


class DocumentsTabs(QTabWidget):
    """The document review's two tabs: the request list, and hours and wages (`hours`)."""

    def __init__(self, ctx, requests: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documents-tabs")
        self.hours = HoursPanel(ctx)
        self.addTab(requests, self.tr("Requested documents"))
        self.addTab(self.hours, self.tr("Hours and wages"))
        # A visit started from a previous audit verifies its CAP here (hidden when nothing was carried).
        self.previous_cap = PreviousCapPanel(ctx)
        self.previous_cap.counted.connect(self._title_previous_cap)
        ctx.write_failed.connect(lambda _exc: self.refresh_previous_cap(self.previous_cap.frozen))
        self.addTab(self.previous_cap, "")
        self.setTabVisible(self.indexOf(self.previous_cap), False)

    def refresh_previous_cap(self, frozen: bool) -> None:
        self.previous_cap.refresh(frozen)

    def _title_previous_cap(self, verified: int, carried: int) -> None:
        index = self.indexOf(self.previous_cap)
        self.setTabVisible(index, carried > 0)
        self.setTabText(index, self.tr("Previous CAP (%1 of %2 verified)").replace("%1", str(verified))
                        .replace("%2", str(carried)))


def documents_with_hours(ctx, requests: QWidget) -> DocumentsTabs:
    return DocumentsTabs(ctx, requests)
