"""What stands between the audit and its seal: the open gaps stage by stage, closed with a reason
where that is allowed, and Finalize once nothing is open.

Finalize opens this dialog while gaps remain. Tick gaps (or a whole stage), choose the reason
(document not available, worker absent, refused, not applicable, other + a note) and close them;
"Go to stage" shows the stage to complete a gap instead. Gaps that have to be done (the closing
meeting's record, the signatures) have no tick box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from auditor_app.audits.completeness import Completeness, check_document
from auditor_app.audits.gaps import close_gaps, reason_label, reopen_gap
from auditor_app.package.document import audit_document
from auditor_app.store.vocab import GAP_REASONS
from auditor_app.ui.i18n import gap_reason_label, lang, stage_label

KEY_ROLE = Qt.ItemDataRole.UserRole


class GapsDialog(QDialog):
    go_to_stage = Signal(str)
    finalize_requested = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gaps-dialog")
        self.setWindowTitle(self.tr("Before the audit can be finalized"))
        self.ctx = ctx
        self.state: Completeness | None = None
        self.resize(900, 600)
        self.summary = QLabel(self.tr("Checking…"))
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("open-gaps")
        self.tree.setHeaderHidden(True)
        self.tree.itemChanged.connect(self._ticked)

        reason_row = QHBoxLayout()
        self.reason = QComboBox()
        for key in GAP_REASONS:
            self.reason.addItem(gap_reason_label(key), key)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why (printed in the report; needed for “Other”)"))
        self.close_button = QPushButton(self.tr("Close ticked gaps with this reason"))
        self.close_button.clicked.connect(self.close_ticked)
        self.go_button = QPushButton(self.tr("Go to this stage"))
        self.go_button.setToolTip(self.tr("Complete the selected gap on its page instead"))
        self.go_button.clicked.connect(self._go)
        reason_row.addWidget(QLabel(self.tr("Reason")))
        reason_row.addWidget(self.reason)
        reason_row.addWidget(self.note, 1)
        reason_row.addWidget(self.close_button)

        self.closed = QListWidget()
        self.closed.setObjectName("closed-gaps")
        self.closed.setMaximumHeight(110)
        self.reopen_button = QPushButton(self.tr("Open again"))
        self.reopen_button.clicked.connect(self.reopen_selected)
        closed_row = QHBoxLayout()
        closed_row.addWidget(self.closed, 1)
        closed_row.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignTop)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.finalize_button = buttons.addButton(self.tr("Finalize and seal…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.finalize_button.clicked.connect(self._finalize)
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(reason_row)
        layout.addWidget(QLabel(self.tr("Closed with a reason (the report prints these):")))
        layout.addLayout(closed_row)
        layout.addWidget(buttons)
        ctx.changed.connect(self._on_changed)  # a bound method: disconnected when the dialog goes
        self.refresh()

    def _on_changed(self, _tables: set) -> None:
        self.refresh()

    # ---- reading (off the GUI thread: it reads the whole audit) ----
    def refresh(self) -> None:
        store, audit_id = self.ctx.store, self.ctx.audit_id

        def work(_progress):
            with store.session(read_only=True) as session:
                return check_document(audit_document(session, audit_id))

        self.ctx.ops.run(self, work, on_success=self._show)

    def _show(self, state: Completeness) -> None:
        self.state = state
        self.tree.blockSignals(True)
        self.tree.clear()
        for stage, gaps in state.by_stage():
            parent = QTreeWidgetItem([self.tr("{stage} ({count})").format(stage=stage_label(stage), count=len(gaps))])
            parent.setData(0, KEY_ROLE, f"stage:{stage}")
            if any(g.closable for g in gaps):
                parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
                parent.setCheckState(0, Qt.CheckState.Unchecked)
            for gap in gaps:
                text = gap.render(lang())
                child = QTreeWidgetItem([text if gap.closable else self.tr("{gap}   (has to be done)").format(gap=text)])
                child.setData(0, KEY_ROLE, gap.key)
                child.setToolTip(0, text)
                if gap.closable:
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    child.setCheckState(0, Qt.CheckState.Unchecked)
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
            parent.setExpanded(len(gaps) <= 30)
        self.tree.blockSignals(False)
        self.closed.clear()
        for closed in state.closed:
            line = self.tr("{gap} — {reason}").format(gap=closed.gap.render(lang()),
                                                      reason=reason_label(closed.reason, lang()))
            self.closed.addItem(self.tr("{line}: {note}").format(line=line, note=closed.note) if closed.note else line)
            self.closed.item(self.closed.count() - 1).setData(KEY_ROLE, closed.gap.key)
        done = self.tr("{answered} of %n checkpoint(s) answered.", "", state.applicable).format(
            answered=state.answered)
        rest = (self.tr("Nothing is left open: the audit can be finalized.") if state.complete else
                self.tr("%n gap(s) are open. Complete each one on its page, or tick it and close it with a reason.",
                        "", len(state.open)))
        self.summary.setText(f"{done} {rest}")
        self.finalize_button.setEnabled(state.complete)
        self._ticked()

    # ---- acting ----
    def ticked_keys(self) -> list[str]:
        keys = []
        for i in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(i)
            for j in range(parent.childCount()):
                child = parent.child(j)
                if child.flags() & Qt.ItemFlag.ItemIsUserCheckable and child.checkState(0) == Qt.CheckState.Checked:
                    keys.append(child.data(0, KEY_ROLE))
        return keys

    def _ticked(self, *_args) -> None:
        self.close_button.setEnabled(bool(self.ticked_keys()))

    def close_ticked(self) -> None:
        keys = self.ticked_keys()
        if keys:
            self.ctx.write(close_gaps, self.ctx.audit_id, keys, self.reason.currentData(), self.note.text())

    def reopen_selected(self) -> None:
        item = self.closed.currentItem()
        if item is not None:
            self.ctx.write(reopen_gap, self.ctx.audit_id, item.data(KEY_ROLE))

    def _go(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        key = item.data(0, KEY_ROLE) if item.parent() is None else item.parent().data(0, KEY_ROLE)
        self.go_to_stage.emit(key.split(":", 1)[1])
        self.accept()

    def _finalize(self) -> None:
        self.finalize_requested.emit()
        self.accept()
