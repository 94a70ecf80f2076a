"""The checklist stage: every checkpoint of the audit's edition answered Yes / N/A / NC.

Keyboard flow (the tree has the focus): Y yes, A N/A, N non-compliance (opens the NC editor), 1-4 set
the grade of the checkpoint's NC, J/K or arrows move, Ctrl+Down jumps to the next unanswered, Enter
edits the NC, Delete removes it (asks, then offers Undo), Backspace clears the answer. Yes and N/A move
on to the next checkpoint. Ctrl+Z undoes the last answer, clear, grade or NC deletion; Ctrl+Shift+Z
(or Ctrl+Y) redoes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits.stage_completion import checklist_done
from auditor_app.audits import (
    answer_checkpoint,
    clear_answer,
    change_grade,
    delete_finding,
    live_findings,
    restore_nc_answer,
    save_finding,
)
from auditor_app.checklist.visit_scope import checkpoints_in_scope, covers_whole_checklist
from auditor_app.checklist.grades import load_grades
from auditor_app.store.models import Answer, Audit, TourArea
from auditor_app.ui.checkpoint_tree import (
    ANSWER_LABELS,
    CP_ROLE,
    FILTERS,
    CheckpointTree,
    answer_label,
    guidance_html,
)
from auditor_app.ui.i18n import grade_label, lang, translate
from auditor_app.audits.recovered_typing import NC_EDITOR
from auditor_app.store.drafts import Draft
from auditor_app.ui.nc_editor import NcEditor, rule_in_words
from auditor_app.ui.operations import show_status
from auditor_app.ui.pages.base import StagePage
from auditor_app.ui.undo_bar import UndoBar
from auditor_app.ui.undo_commands import WriteCommand


class ChecklistPage(StagePage):
    stage = "checklist"
    title = "Checklist"
    watched_tables = frozenset({"answer", "finding", "audit", "finding_evidence", "tour_area"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        audit = ctx.audit()
        self.checkpoints = ctx.checklist.for_audit_type(audit.audit_type)
        # A PV, follow-up or desktop review answers the carried NCs' checkpoints (visit_scope); the
        # whole checklist stays one tick away for a new NC found on the floor.
        self.limited = not covers_whole_checklist(audit.audit_type)
        self.scope: set[str] = set()
        self.answers: dict[str, str] = {}
        self.findings: dict[str, list] = {}  # checkpoint id -> live findings
        self.pending_hints: dict | None = None
        self.editor: NcEditor | None = None  # the open NC editor, if any
        self._recovered_shown: set[str] = set()
        self.frozen = False

        # ---- left: filter, search, tree ----
        self.filter = QComboBox()
        self.filter.addItems([translate("CheckpointTree", f) for f in FILTERS])
        self.filter.setToolTip(self.tr("Show all checkpoints, only those not answered yet, or only NCs"))
        self.filter.currentIndexChanged.connect(self.apply_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number or words… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.whole = QCheckBox(self.tr("Whole checklist"))
        self.whole.setToolTip(self.tr("This visit answers the checkpoints of the NCs carried from the previous "
                                      "audit. Tick to raise a new NC anywhere in the checklist."))
        self.whole.setVisible(self.limited)
        self.whole.toggled.connect(lambda _on: self.refresh(set()))
        QShortcut(QKeySequence.StandardKey.Find, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                  ).activated.connect(self.search.setFocus)
        self.tree = CheckpointTree(ctx.checklist, self.checkpoints)
        self.tree.currentItemChanged.connect(lambda *_: self.show_selected())
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_nc())
        self.empty_label = QLabel(self.tr("No checkpoint matches this filter."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.whole)
        left_layout.addLayout(bar)
        self.progress_label = QLabel()
        left_layout.addWidget(self.progress_label)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.empty_label)

        # ---- right: the selected checkpoint ----
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 11pt;")
        answer_row = QHBoxLayout()
        self.answer_buttons = {}
        for answer, text, tip in (("yes", self.tr("&Yes (Y)"), self.tr("Compliant")),
                                  ("na", self.tr("N/&A (A)"), self.tr("Not applicable here")),
                                  ("nc", self.tr("&NC (N)"), self.tr("Non-compliance: opens the NC editor"))):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, a=answer: self.answer_current(a))
            answer_row.addWidget(button)
            self.answer_buttons[answer] = button
        self.clear_button = QPushButton(self.tr("Clear (Backspace)"))
        self.clear_button.setToolTip(self.tr("Back to unanswered: a key pressed by mistake"))
        self.clear_button.clicked.connect(self.clear_current)
        answer_row.addWidget(self.clear_button)
        self.next_button = QPushButton(self.tr("Next unanswered (Ctrl+↓)"))
        self.next_button.clicked.connect(self.next_unanswered)
        answer_row.addStretch()
        answer_row.addWidget(self.next_button)
        self.guidance = QTextBrowser()
        self.guidance.setOpenLinks(False)
        self.nc_list = QListWidget()
        self.nc_list.setObjectName("nc-list")
        self.nc_list.setMaximumHeight(120)
        self.nc_list.itemDoubleClicked.connect(lambda *_: self.edit_nc())
        nc_buttons = QHBoxLayout()
        self.add_nc_button = QPushButton(self.tr("Add NC…"))
        self.add_nc_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_nc_button = QPushButton(self.tr("Edit NC… (Enter)"))
        self.edit_nc_button.clicked.connect(self.edit_nc)
        self.delete_nc_button = QPushButton(self.tr("Delete NC (Del)"))
        self.delete_nc_button.clicked.connect(self.delete_nc)
        for b in (self.add_nc_button, self.edit_nc_button, self.delete_nc_button):
            nc_buttons.addWidget(b)
        nc_buttons.addStretch()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #e3f2fd; padding: 6px; border-radius: 3px;")
        self.banner.hide()
        self.banner.linkActivated.connect(lambda *_: self.cancel_raise())
        self.undo_bar = UndoBar(self, with_shortcut=False)
        # Answers, clears, grades and NC deletions can be undone and redone (Ctrl+Z, Ctrl+Shift+Z).
        self.undo_stack = QUndoStack(self)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(answer_row)
        right_layout.addWidget(self.guidance, 1)
        right_layout.addWidget(QLabel(self.tr("Non-compliances recorded here:")))
        right_layout.addWidget(self.nc_list)
        right_layout.addLayout(nc_buttons)
        right_layout.addWidget(self.undo_bar)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._keys()
        ctx.request_finding.connect(self.raise_nc_here)
        self.refresh(set())
        self.next_unanswered()

    def _keys(self) -> None:
        tree_keys = {"Y": lambda: self.answer_current("yes"), "A": lambda: self.answer_current("na"),
                     "N": lambda: self.answer_current("nc"), "J": lambda: self.tree.move(1),
                     "K": lambda: self.tree.move(-1), "Return": self.edit_nc, "Delete": self.delete_nc,
                     "Backspace": self.clear_current}
        for g in load_grades():
            tree_keys[str(g.rank)] = lambda key=g.key: self.set_grade(key)
        for key, slot in tree_keys.items():
            QShortcut(QKeySequence(key), self.tree, context=Qt.ShortcutContext.WidgetShortcut).activated.connect(slot)
        QShortcut(QKeySequence("Ctrl+Down"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                  ).activated.connect(self.next_unanswered)
        for keys, slot in (("Ctrl+Z", self.undo_stack.undo), ("Ctrl+Shift+Z", self.undo_stack.redo),
                           ("Ctrl+Y", self.undo_stack.redo)):
            QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                      ).activated.connect(slot)

    # ---- reading ----
    def refresh(self, changed: set[str]) -> None:
        aid = self.ctx.audit_id

        def read(s):
            answers = {a.checkpoint_id: a.answer for a in s.scalars(select(Answer).where(Answer.audit_id == aid))}
            return answers, live_findings(s, aid), s.get(Audit, aid).state != "draft"

        self.answers, findings, self.frozen = self.ctx.read(read)
        self.findings = {}
        for f in findings:
            self.findings.setdefault(f.checkpoint_id, []).append(f)
        if self.limited:
            carried = {f.checkpoint_id for f in findings if f.carried_from_id}
            self.scope = {cp.id for cp in checkpoints_in_scope(self.ctx.checklist, self.ctx.audit().audit_type,
                                                                carried, set(self.answers))}
        self.tree.paint_all(self.answers, self.findings)
        done, total = self.completion()
        ncs = sum(len(v) for v in self.findings.values())
        self.progress_label.setText(self.tr("{done} of {total} answered · %n NC(s)", "", ncs).format(
            done=done, total=total) + (self.tr(" · finalized: read-only") if self.frozen else ""))
        self.apply_filter()
        self.show_selected()

    def completion(self) -> tuple[int, int]:
        if self.limited:  # a visit of `checklist: carried`: its scope, not the whole checklist
            return checklist_done(self.scope, self.answers)
        return checklist_done((cp.id for cp in self.checkpoints), self.answers)

    def current_id(self) -> str | None:
        return self.tree.current_id()

    def select(self, cp_id: str) -> None:
        self.tree.select(cp_id)

    # ---- filter ----
    def apply_filter(self) -> None:
        tag = (self.pending_hints or {}).get("tag")
        scope = self.scope if self.limited and not self.whole.isChecked() else None
        shown = self.tree.apply_filter(self.filter.currentIndex(), self.search.text(), tag, self.answers, scope)
        self.empty_label.setVisible(not shown)
        current = self.current_id()
        if current is not None and not self.tree.is_shown(current):
            # A key must never act on a checkpoint the auditor cannot see: follow the filter.
            visible = self.tree.visible_ids()
            if visible:
                self.select(visible[0])
            else:
                self.tree.setCurrentItem(None)
                self.show_selected()

    def next_unanswered(self) -> None:
        ids = [cp.id for cp in self.checkpoints]
        current = self.current_id()
        start = ids.index(current) + 1 if current in ids else 0
        for cp_id in ids[start:] + ids[:start]:
            if cp_id not in self.answers and not self.tree.items[cp_id].isHidden():
                self.select(cp_id)
                self.tree.setFocus()
                return
        if self.tree.currentItem() is None and ids:
            self.select(ids[0])

    # ---- the selected checkpoint ----
    def show_selected(self) -> None:
        cp_id = self.current_id()
        editable = cp_id is not None and not self.frozen
        for answer, button in self.answer_buttons.items():
            button.setEnabled(editable)
            button.setChecked(cp_id is not None and self.answers.get(cp_id) == answer)
        self.nc_list.clear()
        if cp_id is None:
            self.heading.setText(self.tr("Select a checkpoint on the left."))
            self.guidance.setHtml("")
            for b in (self.add_nc_button, self.edit_nc_button, self.delete_nc_button):
                b.setEnabled(False)
            return
        cp = self.ctx.checklist.checkpoint(cp_id)
        self.heading.setText(f"<b>{cp.id}</b> {cp.text('question', lang())}")
        self.guidance.setHtml(guidance_html(cp, self.ctx.checklist.section_of(cp_id), rule_in_words(cp)))
        for f in self.findings.get(cp_id, []):
            item = QListWidgetItem(f"{grade_label(f.grade)}: {f.description or self.tr('(no description yet)')}")
            item.setData(CP_ROLE, f.id)
            self.nc_list.addItem(item)
        if self.nc_list.count():
            self.nc_list.setCurrentRow(0)
        has = self.nc_list.count() > 0
        self.add_nc_button.setEnabled(editable)
        self.edit_nc_button.setEnabled(has)
        self.delete_nc_button.setEnabled(has and editable)

    def _finding_id(self) -> str | None:
        item = self.nc_list.currentItem()
        return item.data(CP_ROLE) if item is not None else None

    # ---- answering ----
    def answer_current(self, answer: str) -> None:
        cp_id = self.current_id()
        if cp_id is None or self.frozen:
            return
        if answer == "nc":
            if self.findings.get(cp_id):
                self.edit_nc()
            else:
                self.open_editor(None)
            return
        live = self.findings.get(cp_id, [])
        if live:
            box = QMessageBox.question(
                self, self.tr("Discard the NC?"),
                self.tr("Checkpoint {cp} has %n non-compliance(s). Answering {answer} deletes them. You can undo "
                        "this right after.", "", len(live)).format(cp=cp_id, answer=answer_label(answer)))
            if box != QMessageBox.StandardButton.Yes:
                self.show_selected()
                return
        ids = [f.id for f in live]
        previous = self.answers.get(cp_id)
        aid = self.ctx.audit_id
        self.undo_stack.push(WriteCommand(
            f"{ANSWER_LABELS[answer]} on {cp_id}",
            lambda: self.save_now(answer_checkpoint, aid, cp_id, answer),
            lambda: self._put_back(cp_id, previous, ids)))
        if ids:
            self.undo_bar.offer(self.tr("%n NC(s) of {cp} deleted.", "", len(ids)).format(cp=cp_id),
                                self.undo_stack.undo)
        self.answers[cp_id] = answer  # shown at once; the refresh after the commit confirms it
        self.tree.paint(cp_id, answer, [])
        self.tree.move(1)

    def clear_current(self) -> None:
        """Back to unanswered; an NC's answer is cleared by deleting the NC (Delete) instead."""
        cp_id = self.current_id()
        if cp_id is None or self.frozen or cp_id not in self.answers:
            return
        if self.findings.get(cp_id):
            show_status(self, self.tr("{cp} has an NC: delete the NC (Delete) to clear its answer.").format(cp=cp_id),
                        6000)
            return
        previous = self.answers.pop(cp_id)
        aid = self.ctx.audit_id
        self.undo_stack.push(WriteCommand(f"clear {cp_id}", lambda: self.save_now(clear_answer, aid, cp_id),
                                          lambda: self._put_back(cp_id, previous, [])))
        self.tree.paint(cp_id, None, [])
        self.show_selected()
        self.undo_bar.offer(self.tr("Answer of {cp} cleared.").format(cp=cp_id), self.undo_stack.undo)

    def set_grade(self, grade_key: str) -> None:
        cp_id = self.current_id()
        if cp_id is None or self.frozen:
            return
        live = self.findings.get(cp_id, [])
        if not live:
            self.open_editor(None, grade=grade_key)
            return
        fid = self._finding_id() or live[0].id
        finding = next(f for f in live if f.id == fid)
        rule = self.ctx.checklist.checkpoint(cp_id).grade_for(transparent=finding.transparent,
                                                              isolated=not finding.systemic)
        if grade_key == "zero_tolerance" and rule != grade_key:
            self.open_editor(fid, grade=grade_key)  # raising to Zero Tolerance is recorded with its reason
            return
        old = finding.grade
        if old != grade_key:
            self.undo_stack.push(WriteCommand(f"grade of {cp_id}", lambda: self.save_now(change_grade, fid, grade_key),
                                              lambda: self.save_now(change_grade, fid, old)))

    def open_editor(self, finding_id: str | None, grade: str | None = None, recovered: Draft | None = None) -> None:
        cp_id = self.current_id()
        if cp_id is None:
            return
        hints = self.pending_hints if finding_id is None else None
        editor = NcEditor(self.ctx, self.ctx.checklist.checkpoint(cp_id), finding_id, hints, self, recovered)
        if grade is not None:
            editor.grade_chosen_by_hand = True
            editor.grade_radio[grade].setChecked(True)
            editor._show_applied()
        if self.frozen:
            editor.setEnabled(False)
        self.editor = editor  # tests reach the open editor here
        editor.finished.connect(lambda result: self._editor_closed(editor, result))
        editor.open()

    def _editor_closed(self, editor: NcEditor, result: int) -> None:
        if result == NcEditor.DialogCode.Accepted and not self.frozen:
            before, after = editor._initial, editor.state()
            editor.save()
            if editor.finding_id is not None and before is not None and before != after:
                self._undoable_edit(editor.finding_id, before, after)
            if editor.finding_id is None and self.pending_hints is not None:
                self.cancel_raise()
        editor.deleteLater()
        self.editor = None
        self.tree.setFocus()
        if editor.recovered is not None:
            self.reopen_recovered()  # the next NC left unsaved, if any

    def _undoable_edit(self, fid: str, before: tuple, after: tuple) -> None:
        """An NC edit saved by the editor (grade, scope, text, links) can be undone like a quick change."""
        aid, cp_id = self.ctx.audit_id, self.current_id()

        def put(state: tuple) -> None:
            values, links, cited = state
            self.save_now(save_finding, aid, cp_id, fid, values, set(links), set(cited))

        self.undo_stack.push(WriteCommand(f"edit NC on {cp_id}", lambda: put(after), lambda: put(before),
                                          already_done=True))

    def recovered_drafts(self) -> list[Draft]:
        """NCs of this audit left unsaved by a run that stopped, not yet shown in this one."""
        return [d for d in self.ctx.drafts.drafts(self.ctx.audit_id, {NC_EDITOR})
                if d.key not in self._recovered_shown and d.values.get("checkpoint_id") in self.tree.items]

    def reopen_recovered(self) -> bool:
        """Open the NC editor on the next recovered draft; True if one was opened."""
        if self.editor is not None or self.frozen:
            return False
        drafts = self.recovered_drafts()
        if not drafts:
            return False
        draft = drafts[0]
        self._recovered_shown.add(draft.key)
        finding_id = draft.values.get("finding_id")
        if finding_id and not any(f.id == finding_id for fs in self.findings.values() for f in fs):
            finding_id = None  # deleted since: the text comes back as a new NC
        self.select(draft.values["checkpoint_id"])
        self.open_editor(finding_id, recovered=draft)
        return True

    def edit_nc(self) -> None:
        fid = self._finding_id()
        if fid is not None:
            self.open_editor(fid)

    def delete_nc(self) -> None:
        cp_id, fid = self.current_id(), self._finding_id()
        if fid is None or self.frozen:
            return
        box = QMessageBox.question(self, self.tr("Delete this NC?"),
                                   self.tr("Delete the non-compliance on checkpoint {cp}? Its CAP row goes with "
                                           "it. You can undo this right after.").format(cp=cp_id))
        if box != QMessageBox.StandardButton.Yes:
            return
        self.undo_stack.push(WriteCommand(f"delete NC on {cp_id}", lambda: self.save_now(delete_finding, fid),
                                          lambda: self._restore(cp_id, [fid])))
        self.undo_bar.offer(self.tr("NC on {cp} deleted.").format(cp=cp_id), self.undo_stack.undo)

    def _restore(self, cp_id: str, finding_ids: list[str]) -> None:
        self.save_now(restore_nc_answer, self.ctx.audit_id, cp_id, finding_ids)

    def _put_back(self, cp_id: str, previous: str | None, finding_ids: list[str]) -> None:
        """Undo an answer or a clear: the NCs it removed, else the answer it replaced, else unanswered."""
        if finding_ids:
            self._restore(cp_id, finding_ids)
        elif previous is None:
            self.save_now(clear_answer, self.ctx.audit_id, cp_id)
        else:
            self.save_now(answer_checkpoint, self.ctx.audit_id, cp_id, previous)

    # ---- "raise an NC here" from another page ----
    def raise_nc_here(self, area_id: str = "", hints: dict | None = None) -> None:
        hints = dict(hints or {})
        if area_id:
            hints["tour_area_id"] = area_id
        self.pending_hints = hints
        if self.limited:  # a new NC found on the floor may be anywhere in the checklist
            self.whole.setChecked(True)
        area = self.ctx.read(lambda s: s.get(TourArea, area_id)) if area_id else None
        where = self.tr(" in {area}").format(area=area.name) if area is not None else ""
        tag = hints.get("tag")
        shown = self.tr(" (showing checkpoints tagged '{tag}')").format(tag=tag) if tag else ""
        self.banner.setText(self.tr("Raising an NC{where}{shown}: choose the checkpoint and press N. "
                                    "<a href='#'>Cancel</a>").format(where=where, shown=shown))
        self.banner.show()
        self.apply_filter()
        if hints.get("checkpoint_id") in self.tree.items:
            self.select(hints["checkpoint_id"])
            self.open_editor(None)
        else:
            ids = self.tree.visible_ids()
            if ids:
                self.select(ids[0])
            self.tree.setFocus()

    def cancel_raise(self) -> None:
        self.pending_hints = None
        self.banner.hide()
        self.apply_filter()
