"""The NC editor: one non-compliance against one checkpoint, with its grade, facts and evidence.

Evidence is photos and interviews, each ticked to link: interviews are listed by code, kind and
stratum only (their notes are confidential and never shown here).

The grade starts from the checklist; where the checkpoint has a conditional grade, ticking what the
condition names (the factory was transparent, the case is isolated) applies it, and the rule is shown
in words. A new NC's scope has no default, so a lower conditional grade is never applied by accident.
A grade the auditor picks by hand (keys 1..4 inside the grade group) stays, whatever is ticked later.
The caret starts in the description: typing never changes the grade.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits import save_finding
from auditor_app.audits.recovered_typing import NC_EDITOR
from auditor_app.audits.findings import FINDING_FIELDS
from auditor_app.checklist.escalation import raise_reasons_for
from auditor_app.checklist.grades import load_grades
from auditor_app.store.models import (
    Evidence,
    Finding,
    FindingEvidence,
    FindingInterview,
    Interview,
    TourArea,
)
from auditor_app.store.drafts import Draft
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, grade_label, lang, stratum_value, translate
from auditor_app.ui.photo_viewer import load_images

_CONDITION_WORDS = {"transparent": QT_TRANSLATE_NOOP("NcEditor", "the factory was transparent"),
                    "isolated": QT_TRANSLATE_NOOP("NcEditor", "the case is isolated")}


def _condition(when: str) -> str:
    return translate("NcEditor", _CONDITION_WORDS[when]) if when in _CONDITION_WORDS else when
_STRATUM_ORDER = ("department", "gender", "shift", "contract_type", "age_band")


def interview_label(iv) -> str:
    """Code, kind, held or not, and stratum: what identifies an interview without its notes."""
    kind = translate("NcEditor", "group of %n", "", iv.group_size or 0) if iv.kind == "group" \
        else translate("NcEditor", "individual")
    held = translate("NcEditor", "held") if iv.conducted_at else translate("NcEditor", "not held yet")
    stratum = iv.stratum or {}
    keys = [k for k in _STRATUM_ORDER if stratum.get(k)] + sorted(
        k for k in stratum if k not in _STRATUM_ORDER and stratum.get(k))
    return f"{iv.code} · {kind} · {held}\n    {' / '.join(stratum_value(k, stratum[k]) for k in keys) or '—'}"


def rule_in_words(checkpoint) -> str:
    default = grade_label(checkpoint.grade)
    cond = checkpoint.conditional
    if cond is None:
        return translate("NcEditor", "Grade {grade} (no conditional grade for this checkpoint).").format(grade=default)
    return translate("NcEditor", "Grade {grade}; {other} when {condition}.").format(
        grade=default, other=grade_label(cond.grade), condition=_condition(cond.when)) + " " + cond.text("note", lang())


class NcEditor(QDialog):
    """`recovered`: a draft of this editor left by a run that stopped (its text comes back)."""

    def __init__(self, ctx, checkpoint, finding_id: str | None = None, hints: dict | None = None,
                 parent: QWidget | None = None, recovered: Draft | None = None):
        super().__init__(parent)
        self.setObjectName("nc-editor")
        self.ctx, self.checkpoint, self.finding_id = ctx, checkpoint, finding_id
        self.recovered = recovered
        self.draft_key = f"nc:{ctx.audit_id}:{checkpoint.id}:{finding_id or 'new'}"
        self.grade_chosen_by_hand = False
        self.setWindowTitle((self.tr("Edit non-compliance – {cp}") if finding_id else
                             self.tr("New non-compliance – {cp}")).format(cp=checkpoint.id))
        self.resize(860, 640)

        question = QLabel(f"<b>{checkpoint.id}</b> {checkpoint.text('question', lang())}")
        question.setWordWrap(True)
        question.setToolTip(checkpoint.guidance)

        # ---- grade ----
        grade_box = QGroupBox(self.tr("Grade"))
        grade_layout = QVBoxLayout(grade_box)
        row = QHBoxLayout()
        self.grade_buttons = QButtonGroup(self)
        self.grade_radio: dict[str, QRadioButton] = {}
        for g in load_grades():
            radio = QRadioButton(f"{g.rank} {g.text(lang())}")
            radio.setToolTip(self.tr("{grade} (key {key} while the grade group has focus)").format(
                grade=g.text(lang()), key=g.rank))
            radio.clicked.connect(self._grade_clicked)
            self.grade_buttons.addButton(radio, g.rank)
            self.grade_radio[g.key] = radio
            # Only inside the grade group: a digit typed anywhere else is text, never a grade.
            QShortcut(QKeySequence(str(g.rank)), grade_box,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(radio.click)
            row.addWidget(radio)
        row.addStretch()
        grade_layout.addLayout(row)
        self.rule_label = QLabel(rule_in_words(checkpoint))
        self.rule_label.setWordWrap(True)
        self.rule_label.setStyleSheet("color: palette(dark);")
        self.applied_label = QLabel()
        grade_layout.addWidget(self.rule_label)
        grade_layout.addWidget(self.applied_label)
        # Above the checklist's grade, Zero Tolerance is recorded with its reason (grades.yaml raise_to).
        self.raise_row = QWidget()
        raise_layout = QHBoxLayout(self.raise_row)
        raise_layout.setContentsMargins(0, 0, 0, 0)
        self.raise_reason = QComboBox()
        self.raise_reason.setObjectName("raise-reason")
        self.raise_reason.addItem(self.tr("— choose why —"), "")
        for reason in raise_reasons_for(ctx.checklist, checkpoint.id):
            self.raise_reason.addItem(reason.text("label", lang()), reason.key)
        raise_layout.addWidget(QLabel(self.tr("Raised to Zero Tolerance because")))
        raise_layout.addWidget(self.raise_reason, 1)
        grade_layout.addWidget(self.raise_row)
        self.raise_row.hide()
        self.raise_problem = QLabel()
        self.raise_problem.setStyleSheet("color: #cf222e;")
        self.raise_problem.hide()
        grade_layout.addWidget(self.raise_problem)

        # ---- facts ----
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What was found, where, and the objective evidence (required "
                                                    "to finalize)"))
        self.description.setTabChangesFocus(True)
        self.frequency = QLineEdit()
        self.frequency.setPlaceholderText(self.tr("e.g. 3 of 12 sampled months; every night shift"))
        self.workers = QSpinBox()
        self.workers.setRange(0, 100_000)
        self.isolated = QRadioButton(self.tr("Isolated"))
        self.systemic = QRadioButton(self.tr("Systemic"))
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.isolated)
        self.scope.addButton(self.systemic)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.isolated)
        scope_row.addWidget(self.systemic)
        self.scope_problem = QLabel()
        self.scope_problem.setStyleSheet("color: #cf222e;")
        self.scope_problem.hide()
        scope_row.addWidget(self.scope_problem)
        scope_row.addStretch()
        self.transparent = QCheckBox(self.tr("The factory was transparent about it on site"))
        self.record_inconsistency = QCheckBox(self.tr("Record inconsistency (double books, falsified records)"))
        self.area = QComboBox()
        self.area.addItem(self.tr("— not tied to one area —"), None)
        for area in ctx.read(lambda s: list(s.scalars(select(TourArea).where(
                TourArea.audit_id == ctx.audit_id).order_by(TourArea.created_at)))):
            self.area.addItem(area.name, area.id)
        for widget in (self.isolated, self.systemic, self.transparent):
            widget.toggled.connect(self._apply_rule)

        form = QFormLayout()
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Frequency"), self.frequency)
        form.addRow(self.tr("Workers affected"), self.workers)
        form.addRow(self.tr("Scope"), scope_row)
        form.addRow("", self.transparent)
        form.addRow("", self.record_inconsistency)
        form.addRow(self.tr("Tour area"), self.area)

        # ---- evidence ----
        photos_box = QGroupBox(self.tr("Evidence photos (tick to link)"))
        photos_layout = QVBoxLayout(photos_box)
        self.photos = QListWidget()
        self.photos.setObjectName("nc-photos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(96, 72))
        # A fixed cell per photo: thumbnails and captions never overlap, whatever the caption's length.
        self.photos.setGridSize(QSize(124, 126))
        self.photos.setUniformItemSizes(True)
        self.photos.setWordWrap(True)
        self.photos.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.photos.setMovement(QListWidget.Movement.Static)
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photos.setMinimumHeight(140)
        self.photos.setMaximumHeight(270)
        self.photos.setToolTip(self.tr("Space ticks the photo; Enter or a double-click enlarges it"))
        self.photos.itemActivated.connect(self.enlarge)
        photos_layout.addWidget(self.photos)
        self._fill_photos()
        interviews_box = QGroupBox(self.tr("Interviews cited (tick to link)"))
        interviews_layout = QVBoxLayout(interviews_box)
        self.interviews = QListWidget()
        self.interviews.setObjectName("nc-interviews")
        self.interviews.setMaximumHeight(170)
        interviews_layout.addWidget(self.interviews)
        self._fill_interviews()
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(photos_box, 3)
        evidence_row.addWidget(interviews_box, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(self.tr("Save (Ctrl+Enter or Ctrl+S)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

        layout = QVBoxLayout(self)
        if recovered is not None:
            note = QLabel(self.tr("Recovered: this NC was being written when the app stopped ({time}). Save it, or "
                                  "Cancel to discard it.").format(time=ctx.time_text(recovered.saved_at,
                                                                                     "%Y-%m-%d %H:%M")))
            note.setObjectName("recovered-note")
            note.setWordWrap(True)
            note.setStyleSheet("background: #fff8c5; padding: 6px; border-radius: 3px;")
            layout.addWidget(note)
        layout.addWidget(question)
        layout.addWidget(grade_box)
        layout.addLayout(form, 1)
        layout.addLayout(evidence_row)
        layout.addWidget(buttons)

        self._load(hints or {})
        if finding_id is None and recovered is None:
            self.description.setFocus()  # N, then type: the words go to the description
            self.description.moveCursor(self.description.textCursor().MoveOperation.End)
        # What Cancel compares with: a recovered draft always counts as unsaved.
        self._initial = None if recovered is not None else self.state()
        for signal in (self.description.textChanged, self.frequency.textChanged, self.workers.valueChanged,
                       self.grade_buttons.buttonToggled, self.systemic.toggled, self.transparent.toggled,
                       self.record_inconsistency.toggled, self.area.currentIndexChanged,
                       self.photos.itemChanged, self.interviews.itemChanged, self.raise_reason.currentIndexChanged):
            signal.connect(self._keep_draft)
        if recovered is not None:
            self._keep_draft()

    # ---- filling ----
    def _fill_photos(self) -> None:
        aid = self.ctx.audit_id
        photos = self.ctx.read(lambda s: list(s.scalars(select(Evidence).where(
            Evidence.audit_id == aid, Evidence.deleted_at.is_(None)).order_by(Evidence.created_at))))
        self._photo_items: dict[str, QListWidgetItem] = {}
        if not photos:
            item = QListWidgetItem(self.tr("No photos in this audit yet. Import them on the Evidence page."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.photos.addItem(item)
            return
        for ev in photos:
            item = QListWidgetItem(ev.caption or ev.original_name)
            item.setData(Qt.ItemDataRole.UserRole, ev.id)
            item.setToolTip(f"{ev.original_name}\n{ev.caption}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.photos.addItem(item)
            self._photo_items[ev.sha256] = item
        load_images(self.ctx, self, list(self._photo_items), self._thumbs_ready)

    def _fill_interviews(self) -> None:
        aid = self.ctx.audit_id
        rows = self.ctx.read(lambda s: list(s.scalars(select(Interview).where(Interview.audit_id == aid))))
        if not rows:
            item = QListWidgetItem(self.tr("No interviews in this audit yet. Record them on the Interviews page."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.interviews.addItem(item)
            return
        # Held ones first: those are what an NC can cite; forms not held yet follow.
        for iv in sorted(rows, key=lambda r: (r.conducted_at is None, r.code, r.id)):
            item = QListWidgetItem(interview_label(iv))
            item.setData(Qt.ItemDataRole.UserRole, iv.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.interviews.addItem(item)

    def _thumbs_ready(self, images) -> None:
        for sha, image in images.items():
            self._photo_items[sha].setIcon(QIcon(QPixmap.fromImage(image)))

    def _load(self, hints: dict) -> None:
        cp = self.checkpoint
        if self.recovered is not None:
            values = {**{k: None for k in FINDING_FIELDS}, **self.recovered.values["fields"]}
            linked = set(self.recovered.values.get("evidence_ids", ()))
            cited = set(self.recovered.values.get("interview_ids", ()))
        elif self.finding_id is None:
            values = {"grade": None, "description": hints.get("description", ""),
                      "frequency": hints.get("frequency", ""),
                      "workers_affected": int(hints.get("workers_affected", 0)), "systemic": None, "transparent": False,
                      "record_inconsistency": hints.get("record_inconsistency",
                                                        "record_inconsistency" in cp.tags),
                      "tour_area_id": hints.get("tour_area_id") or None}
            linked = set(hints.get("evidence_ids", ()))
            cited = set(hints.get("interview_ids", ()))
        else:
            finding = self.ctx.read(lambda s: s.get(Finding, self.finding_id))
            values = {key: getattr(finding, key) for key in FINDING_FIELDS}
            linked = set(self.ctx.read(lambda s: list(s.scalars(select(FindingEvidence.evidence_id).where(
                FindingEvidence.finding_id == self.finding_id)))))
            cited = set(self.ctx.read(lambda s: list(s.scalars(select(FindingInterview.interview_id).where(
                FindingInterview.finding_id == self.finding_id)))))
        self.description.setPlainText(values["description"])
        self.frequency.setText(values["frequency"])
        self.workers.setValue(values["workers_affected"])
        if values["systemic"] is not None:  # a new NC's scope is chosen by the auditor, never assumed
            (self.systemic if values["systemic"] else self.isolated).setChecked(True)
        self.transparent.setChecked(values["transparent"])
        self.record_inconsistency.setChecked(values["record_inconsistency"])
        self.area.setCurrentIndex(max(0, self.area.findData(values["tour_area_id"])))
        self.document_check_id = values.get("document_check_id") or hints.get("document_check_id") or None
        if values.get("raised_reason"):
            self.raise_reason.setCurrentIndex(max(0, self.raise_reason.findData(values["raised_reason"])))
        for i in range(self.photos.count()):
            item = self.photos.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in linked:
                item.setCheckState(Qt.CheckState.Checked)
        for i in range(self.interviews.count()):
            item = self.interviews.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in cited:
                item.setCheckState(Qt.CheckState.Checked)
        if values["grade"] is None:
            self._apply_rule()
        else:
            # A stored grade that differs from the rule was chosen by hand: keep it.
            self.grade_chosen_by_hand = values["grade"] != self.suggested_grade() or bool(
                self.recovered is not None and self.recovered.values.get("grade_by_hand"))
            self.grade_radio[values["grade"]].setChecked(True)
            self._show_applied()

    # ---- the grade rule ----
    def suggested_grade(self) -> str:
        # Until the scope is chosen neither "isolated" nor "systemic" holds: the checkpoint's own grade.
        return self.checkpoint.grade_for(transparent=self.transparent.isChecked(),
                                         isolated=self.isolated.isChecked())

    def scope_chosen(self) -> bool:
        return self.isolated.isChecked() or self.systemic.isChecked()

    def scope_decides_grade(self) -> bool:
        cond = self.checkpoint.conditional
        return cond is not None and cond.when == "isolated" and cond.grade != self.checkpoint.grade

    def _apply_rule(self) -> None:
        if not self.grade_chosen_by_hand:
            self.grade_radio[self.suggested_grade()].setChecked(True)
        self._show_applied()

    def _grade_clicked(self) -> None:
        self.grade_chosen_by_hand = self.grade() != self.suggested_grade()
        self._show_applied()

    def _show_applied(self) -> None:
        cond = self.checkpoint.conditional
        suggested = self.suggested_grade()
        if self.grade_chosen_by_hand:
            text = self.tr("Grade chosen by hand; the checklist rule gives {grade}.").format(
                grade=grade_label(suggested))
        elif cond is not None and suggested == cond.grade and cond.grade != self.checkpoint.grade:
            text = self.tr("Conditional grade applied: {condition}.").format(condition=_condition(cond.when))
        else:
            text = self.tr("Default grade of the checklist.")
        self.applied_label.setText(text)
        self.raise_row.setVisible(self.is_raised())

    def is_raised(self) -> bool:
        """Zero Tolerance chosen where the checklist's rule gives a lower grade: a reason is needed."""
        return self.grade() == "zero_tolerance" and self.suggested_grade() != "zero_tolerance"

    def grade(self) -> str:
        for key, radio in self.grade_radio.items():
            if radio.isChecked():
                return key
        return self.suggested_grade()

    # ---- result ----
    def values(self) -> dict:
        return {
            "grade": self.grade(),
            "description": self.description.toPlainText().strip(),
            "frequency": self.frequency.text().strip(),
            "workers_affected": self.workers.value(),
            "systemic": self.systemic.isChecked(),
            "transparent": self.transparent.isChecked(),
            "record_inconsistency": self.record_inconsistency.isChecked(),
            "tour_area_id": self.area.currentData(),
            "raised_reason": self.raise_reason.currentData() if self.is_raised() else "",
            "document_check_id": self.document_check_id,
        }

    def accept(self) -> None:
        """Save only what the store will take: a raised grade needs its reason; where the grade depends on
        the scope, the scope must be chosen."""
        if self.scope_decides_grade() and not self.scope_chosen():
            self.scope_problem.setText(self.tr("Choose isolated or systemic: the grade depends on it."))
            self.scope_problem.show()
            self.isolated.setFocus()
            return
        if self.is_raised() and not self.raise_reason.currentData():
            self.raise_problem.setText(self.tr("Choose why this NC is raised to Zero Tolerance, or pick the checklist's grade."))
            self.raise_problem.show()
            self.raise_reason.setFocus()
            return
        super().accept()

    def enlarge(self, item: QListWidgetItem) -> None:
        """The photo in the viewer, with the others of this audit one arrow key away."""
        ids = [self.photos.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.photos.count())]
        ids = [i for i in ids if i]
        evidence_id = item.data(Qt.ItemDataRole.UserRole)
        if not evidence_id:
            return
        from auditor_app.ui.photo_viewer import PhotoViewer

        self.viewer = PhotoViewer(self.ctx, ids, ids.index(evidence_id), self)
        self.viewer.open()

    def evidence_ids(self) -> set[str]:
        return {self.photos.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.photos.count())
                if self.photos.item(i).checkState() == Qt.CheckState.Checked}

    def interview_ids(self) -> set[str]:
        return {self.interviews.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.interviews.count())
                if self.interviews.item(i).checkState() == Qt.CheckState.Checked}

    def state(self) -> tuple:
        return (self.values(), sorted(self.evidence_ids()), sorted(self.interview_ids()))

    def unsaved(self) -> bool:
        return self._initial is None or self.state() != self._initial

    def _keep_draft(self, *_args) -> None:
        if not self.unsaved():
            self.ctx.drafts.drop(self.draft_key)
            return
        self.ctx.drafts.keep(self.draft_key, NC_EDITOR, self.ctx.audit_id,
                             self.tr("NC on checkpoint {cp}").format(cp=self.checkpoint.id),
                             {"checkpoint_id": self.checkpoint.id, "finding_id": self.finding_id,
                              "fields": self.values(), "evidence_ids": sorted(self.evidence_ids()),
                              "interview_ids": sorted(self.interview_ids()),
                              "grade_by_hand": self.grade_chosen_by_hand})

    def reject(self) -> None:
        """Cancel and Esc: typed text is not thrown away without asking."""
        if self.isEnabled() and self.unsaved():
            answer = QMessageBox.question(self, self.tr("Discard this NC?"),
                                          self.tr("What you typed in this NC is not saved. Discard it?"),
                                          QMessageBox.StandardButton.Discard
                                          | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.discard()

    def discard(self) -> None:
        """Close without saving and without asking; the draft goes too."""
        self.ctx.drafts.drop(self.draft_key)
        super().reject()

    def save(self, on_done=None) -> None:
        """Queue the write through the serial writer; `on_done(finding_id)` once committed. The draft
        stays until then: a kill before the commit still finds it at the next start."""
        aid, cp_id, fid = self.ctx.audit_id, self.checkpoint.id, self.finding_id
        values, links, cited = self.values(), self.evidence_ids(), self.interview_ids()
        drafts, key = self.ctx.drafts, self.draft_key
        drafts.write_pending()

        def saved(finding_id):
            drafts.drop(key)
            if on_done is not None:
                on_done(finding_id)

        self.ctx.write(save_finding, aid, cp_id, fid, values, links, cited, on_done=saved)
