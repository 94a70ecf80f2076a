"""Reviews on Connect: the audits the platform holds for this account's review (a lead: its firm's
submitted audits, received or waiting; an auditor: its audits in review), each with its state on the
platform and here, and who signs what is opened. The list is read off the GUI thread
(`review_sync.inbox`); opening is the caller's (`ReviewPlatform.open_item`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.sync.review_sync import InboxItem, account_name, inbox
from auditor_app.ui import auditor_memory
from auditor_app.ui.operations import error_text, run_op
from auditor_app.ui.review_words import review_state_label
from auditor_app.ui.sentence import sentence


class ReviewInboxDialog(QDialog):
    """Emits `open_requested(item, name, firm)` for the chosen row."""

    open_requested = Signal(object, str, str)
    loaded = Signal()  # the list was read (tests wait for it)

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.items: list[InboxItem] = []
        self.setObjectName("review-inbox")
        self.setWindowTitle(self.tr("Reviews on Connect"))
        self.summary = QLabel(self.tr("Reading the platform's list…"))
        self.summary.setObjectName("review-inbox-summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Factory"), self.tr("Type"), self.tr("Revision"),
                                              self.tr("On Connect"), self.tr("Here")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.cellDoubleClicked.connect(lambda *_: self.open_chosen())
        memory = auditor_memory.recall(store.folder.root)
        self.name = QLineEdit(memory.get("lead", ""))
        self.name.setPlaceholderText(self.tr("Your name, as it signs comments and decisions"))
        self.firm = QLineEdit(memory.get("firm", ""))
        form = QFormLayout()
        form.addRow(self.tr("Your &name"), self.name)
        form.addRow(self.tr("Audit &firm"), self.firm)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.open_chosen)
        self.buttons.rejected.connect(self.reject)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(820, 380)
        self._enable()
        self._account()
        self.refresh()

    def _account(self) -> None:
        """The platform account's name and firm, offered when nothing was typed before."""
        def shown(found: tuple[str, str]) -> None:
            if not self.name.text():
                self.name.setText(found[0])
            if not self.firm.text():
                self.firm.setText(found[1])
        folder = self.store.folder
        run_op(self, lambda _p: account_name(folder), on_success=shown, on_failure=lambda _e: None)

    def refresh(self) -> None:
        store = self.store
        self.refresh_button.setEnabled(False)
        run_op(self, lambda _p: inbox(store), on_success=self.show_items, on_failure=self._failed,
               label=self.tr("Reading the reviews on Connect"))

    def show_items(self, items: list[InboxItem]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            platform = (review_state_label(item.state) if item.state
                        else self.tr("submitted, waiting for review"))
            here = (review_state_label(item.state_here) if item.state_here
                    else self.tr("not here yet") if not item.held_here else review_state_label(None))
            for col, text in enumerate((item.factory_name, item.audit_type, str(item.revision), platform, here)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(self.tr("Submitted by {who}").format(who=item.submitted_by))
                self.table.setItem(row, col, cell)
        self.summary.setText(self.tr("%n audit(s) in review or waiting for review on Connect.", "", len(items))
                             if items else self.tr("Connect holds no audit for your review."))
        if items and not self.table.selectedItems():
            self.table.selectRow(0)
        self.refresh_button.setEnabled(True)
        self._enable()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        text, hint = error_text(error)
        self.summary.setText(f"{sentence(text)} {hint}".strip())
        self.refresh_button.setEnabled(True)
        self.loaded.emit()

    def row_of(self, audit_id: str) -> int:
        return next((r for r, i in enumerate(self.items) if i.audit_id == audit_id), -1)

    def chosen(self) -> InboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _enable(self) -> None:
        self.open_button.setEnabled(self.chosen() is not None)

    def open_chosen(self) -> None:
        item, name = self.chosen(), self.name.text().strip()
        if item is None:
            return
        if not name:
            self.summary.setText(self.tr("Type your name first: it signs your comments and decisions."))
            return
        self.open_requested.emit(item, name, self.firm.text().strip())
        self.accept()
