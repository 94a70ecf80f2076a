"""Document review: the request list (derived from the checklist when the audit was created), each
document received / missing / inconsistent, the periods sampled (latest, low and peak season), and
record inconsistency raised as such."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits.stage_completion import documents_done
from auditor_app.audits.document_review import update_document_check
from auditor_app.store.models import DocumentCheck
from auditor_app.ui.hours_page import documents_with_hours
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, document_text, is_chinese, translate, vocab
from auditor_app.ui.read_only import set_read_only
from auditor_app.ui.pages.base import ALL_TABLES, StagePage, set_text
from auditor_app.ui.empty_state import empty_state

STATUS_LABELS = ("requested", "received", "missing", "inconsistent")  # labels.yaml "document_statuses"
STATUS_COLOURS = {"received": "#1a7f37", "missing": "#9a6700", "inconsistent": "#cf222e"}
# Stored as "2026-10 (latest)" etc. (see models.meetings.DocumentCheck.periods).
PERIODS = (("latest", QT_TRANSLATE_NOOP("DocumentsPage", "Latest period")),
           ("low season", QT_TRANSLATE_NOOP("DocumentsPage", "Low season")),
           ("peak season", QT_TRANSLATE_NOOP("DocumentsPage", "Peak season")))


def split_periods(periods: list[str]) -> dict[str, str]:
    out = {}
    for text in periods or []:
        for key, _ in PERIODS:
            suffix = f" ({key})"
            if text.endswith(suffix):
                out[key] = text[: -len(suffix)]
    return out


def periods_text(periods: list[str]) -> str:
    """The sampled periods as stored ("2026-10 (latest)"), their kind in the window's language."""
    values = split_periods(periods)
    labels = dict(PERIODS)
    shown = [f"{values[key]} ({translate('DocumentsPage', labels[key])})" for key, _ in PERIODS if key in values]
    known = {f"{values[key]} ({key})" for key in values}
    return ", ".join(shown + [p for p in periods or [] if p not in known])


def join_periods(values: dict[str, str]) -> list[str]:
    return [f"{values[key].strip()} ({key})" for key, _ in PERIODS if values.get(key, "").strip()]


class DocumentsPage(StagePage):
    stage = "documents"
    title = "Document review"
    watched_tables = frozenset({"document_check", "finding", "cap_item"})  # the previous CAP tab too

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.checks: list[DocumentCheck] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("document-table")
        self.table.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Area"), self.tr("Status"),
                                              self.tr("Periods sampled")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several documents handed over together are marked at once (Shift/Ctrl-click, then a status).
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.currentCellChanged.connect(lambda *_: self._show_current())

        self.detail = self._build_detail()
        self.empty = empty_state(self.tr("The checklist edition of this audit names no documents to request."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 240])
        self.summary = QLabel()
        requests = QWidget()
        layout = QVBoxLayout(requests)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(self.tr("12 months of time and pay records, including the latest period, the low and "
                              "the peak season; cross-check output against capacity."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty)
        self.tabs = documents_with_hours(ctx, requests)
        self.hours = self.tabs.hours
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.refresh(set(ALL_TABLES))

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        form = QFormLayout(detail)
        self.doc_name = QLabel()
        self.doc_name.setStyleSheet("font-weight: 600;")
        self.doc_name.setWordWrap(True)
        form.addRow(self.doc_name)
        self.status_buttons = QButtonGroup(self)
        row = QHBoxLayout()
        for key, text, tip in (
                ("received", self.tr("&Received"), self.tr("Seen and consistent (Alt+R)")),
                ("missing", self.tr("&Missing"), self.tr("Not provided (Alt+M)")),
                ("inconsistent", self.tr("&Inconsistent"), self.tr(
                    "Records contradict each other, worker testimony, gate or production records (Alt+I)"))):
            button = QRadioButton(text)
            button.setObjectName(f"status-{key}")
            button.setToolTip(tip)
            self.status_buttons.addButton(button)
            button.setProperty("status", key)
            row.addWidget(button)
        row.addStretch(1)
        self.status_buttons.buttonToggled.connect(self._status_toggled)
        form.addRow(self.tr("Status"), row)
        self.period_edits: dict[str, QLineEdit] = {}
        periods_row = QHBoxLayout()
        for key, label in PERIODS:
            edit = QLineEdit()
            edit.setObjectName(f"period-{key.split()[0]}")
            label = translate("DocumentsPage", label)
            edit.setPlaceholderText(self.tr("{period}, e.g. 2026-10").format(period=label))
            edit.setToolTip(self.tr("{period}: the pay period you sampled").format(period=label))
            edit.textEdited.connect(lambda _=None: self._save_periods())
            periods_row.addWidget(edit)
            self.period_edits[key] = edit
        form.addRow(self.tr("Periods"), periods_row)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("document-notes")
        self.notes.setPlaceholderText(self.tr("What you found: e.g. two sets of time cards; Sunday work "
                                              "missing from the payroll"))
        self.notes.setMaximumHeight(90)
        self.notes.textChanged.connect(self._save_notes)
        form.addRow(self.tr("Notes"), self.notes)
        self.raise_button = QPushButton(self.tr("Raise a record-inconsistency NC"))
        self.raise_button.setToolTip(self.tr("Record inconsistency is graded Critical (lower where the factory "
                                             "was transparent); opens the checklist with this document attached"))
        self.raise_button.clicked.connect(self.raise_inconsistency)
        form.addRow(self.raise_button)
        return detail

    # ---- model -> widgets ----
    def refresh(self, changed: set[str]) -> None:
        if not changed or changed & {"finding", "cap_item", "audit"}:
            self.tabs.refresh_previous_cap(self.ctx.is_frozen())
        if changed and not changed & {"document_check", "audit"}:
            return  # an NC or CAP change: only the previous CAP tab shows those
        audit_id = self.ctx.audit_id
        keep = self.current_id()
        self.checks = list(self.ctx.read(lambda s: s.scalars(
            select(DocumentCheck).where(DocumentCheck.audit_id == audit_id)
            .order_by(DocumentCheck.created_at, DocumentCheck.id)).all()))
        with self.loading():
            self.table.blockSignals(True)
            self.table.setRowCount(len(self.checks))
            for row, check in enumerate(self.checks):
                self._set_row(row, check)
            ids = [c.id for c in self.checks]
            self.table.setCurrentCell(ids.index(keep) if keep in ids else (0 if ids else -1), 0)
            self.table.blockSignals(False)
            self._show_current()
        done, total = self.completion()
        counts = {s: sum(1 for c in self.checks if c.status == s) for s in STATUS_LABELS}
        self.summary.setText(self.tr("{done} of {total} reviewed · {received} received · {missing} missing · "
                                     "{inconsistent} inconsistent").format(done=done, total=total, **counts))
        self.empty.setVisible(not self.checks)
        self.detail.setEnabled(bool(self.checks))
        set_read_only(self.detail, self.ctx.is_frozen())

    def _set_row(self, row: int, check: DocumentCheck) -> None:
        name = QTableWidgetItem(document_text(check.name))
        name.setData(Qt.ItemDataRole.UserRole, check.id)
        name.setToolTip(check.notes or document_text(check.name))
        status = QTableWidgetItem(vocab("document_statuses", check.status) if is_chinese() else check.status)
        if check.status in STATUS_COLOURS:
            status.setForeground(QBrush(QColor(STATUS_COLOURS[check.status])))
        for col, item in enumerate((name, QTableWidgetItem(document_text(check.category)), status,
                                    QTableWidgetItem(periods_text(check.periods)))):
            self.table.setItem(row, col, item)

    def current_id(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current(self) -> DocumentCheck | None:
        doc_id = self.current_id()
        return next((c for c in self.checks if c.id == doc_id), None)

    def _show_current(self) -> None:
        check = self.current()
        if check is None:
            return
        with self.loading():
            name = document_text(check.name)
            self.doc_name.setText(f"{name}  ({document_text(check.category)})" if check.category else name)
            self.status_buttons.setExclusive(False)
            for button in self.status_buttons.buttons():
                button.setChecked(button.property("status") == check.status)
            self.status_buttons.setExclusive(True)
            values = split_periods(check.periods)
            for key, edit in self.period_edits.items():
                set_text(edit, values.get(key, ""), self.is_editing((check.id, "periods")))
            set_text(self.notes, check.notes, self.is_editing((check.id, "notes")))
            self.raise_button.setVisible(check.status == "inconsistent")

    def completion(self) -> tuple[int, int]:
        return documents_done(self.checks)

    # ---- widgets -> model ----
    def _update(self, later_key: str | None = None, **fields) -> None:
        doc_id = self.current_id()
        if doc_id is None or self.is_loading:
            return

        if later_key:
            self.save_later((doc_id, later_key), update_document_check, doc_id, **fields)
        else:
            self.save_now(update_document_check, doc_id, **fields)

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        items = [self.table.item(row, 0) for row in rows]
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def _status_toggled(self, button, checked: bool) -> None:
        if checked and not self.is_loading:
            status = button.property("status")
            self.raise_button.setVisible(status == "inconsistent")
            chosen = self.selected_ids()
            if len(chosen) > 1:  # the status goes to every selected document
                for doc_id in chosen:
                    self.save_now(update_document_check, doc_id, status=status)
            else:
                self._update(status=status)

    def _save_periods(self) -> None:
        values = {key: edit.text() for key, edit in self.period_edits.items()}
        self._update("periods", periods=join_periods(values))

    def _save_notes(self) -> None:
        self._update("notes", notes=self.notes.toPlainText())

    def raise_inconsistency(self) -> None:
        check = self.current()
        if check is None:
            return
        notes = self.notes.toPlainText().strip()
        self.ctx.request_finding.emit("", {
            "document_check_id": check.id, "record_inconsistency": True, "tag": "record_inconsistency",
            "description": f"Record inconsistency in {check.name}" + (f": {notes}" if notes else "."),
        })
