"""The audit list of the main window: search, filters, state and sync badges, clear empty states."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.store.audit_summary import AuditSummary
from auditor_app.store.vocab import AUDIT_STATES, AUDIT_TYPES
from auditor_app.sync.badge import NOT_QUEUED, Badge
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, audit_type_name, state_label, sync_badge_key, sync_badge_text
from auditor_app.ui.empty_state import empty_state
from auditor_app.ui.review_words import STATE_COLOURS as REVIEW_COLOURS
from auditor_app.ui.review_words import review_state_label

if TYPE_CHECKING:
    from auditor_app.store.db import Store

COLUMNS = (
    QT_TRANSLATE_NOOP("AuditTableModel", "Factory"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Type"),
    QT_TRANSLATE_NOOP("AuditTableModel", "State"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Sync"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Date"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Open NCs"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Checklist"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Rev."),
    QT_TRANSLATE_NOOP("AuditTableModel", "Review"),
)
STATE_COLOURS = {
    "draft": "#1f6feb", "finalized": "#8250df", "submitted": "#9a6700",
    "accepted": "#1a7f37", "returned": "#cf222e",
}
# Sync badges are coloured by the code their text starts with ("sent 6 Dec 08:40 UTC" is "sent"), never by
# the translated word shown (BADGE_KEY_ROLE).
SYNC_COLOURS = {"not queued": "#6e7781", "waiting": "#9a6700", "sending": "#1f6feb", "sent": "#1a7f37", "failed": "#cf222e"}
SYNC_COLUMN = 3
REVIEW_COLUMN = 8  # the lead's review (received, returned, ...): ui/review_words.py
BADGE_COLUMNS = {2: STATE_COLOURS, 3: SYNC_COLOURS, REVIEW_COLUMN: REVIEW_COLOURS}
BADGE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the code a badge's colour is chosen by


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AuditSummary] = []
        self.badges: dict[str, Badge] = {}
        self.reviews: dict = {}  # audit id -> review.overview.ReviewStatus

    def set_rows(self, rows: list[AuditSummary], badges: dict[str, Badge] | None = None,
                 reviews: dict | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.badges = badges or {}
        self.reviews = reviews or {}
        self.endResetModel()

    def badge(self, row: AuditSummary) -> Badge:
        return self.badges.get(row.id) or Badge(NOT_QUEUED, "")

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col == REVIEW_COLUMN:
            return self._review(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return sync_badge_text(self.badge(row).text) if col == SYNC_COLUMN else self._text(row, col)
        if role == BADGE_KEY_ROLE:
            return sync_badge_key(self.badge(row).text) if col == SYNC_COLUMN else row.state if col == 2 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 1:
                return audit_type_name(row.audit_type)
            if col == SYNC_COLUMN:
                return self.badge(row).tip + " " + self.tr("Click for the sync panel.")
            if col == 0 and row.connect_id:
                return self.tr("Connect id {id}").format(id=row.connect_id)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (5, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _review(self, row: AuditSummary, role):
        review = self.reviews.get(row.id)
        if review is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return review_state_label(review.state)
        if role == BADGE_KEY_ROLE:
            return review.state
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%n comment(s), {open} not answered. Click to open the review.", "",
                           review.comments).format(open=review.unanswered)
        return None

    @staticmethod
    def _text(row: AuditSummary, col: int) -> str:
        if col == 0:
            return row.factory_name + (f"  {row.factory_name_local}" if row.factory_name_local else "")
        if col == 1:
            return row.audit_type
        if col == 2:
            return state_label(row.state)
        if col == 4:
            when = row.actual_start or row.planned_start
            return when.isoformat() if when else ""
        if col == 5:
            return str(row.open_findings)
        if col == 6:
            return row.checklist_version
        return str(row.revision)


class BadgeDelegate(QStyledItemDelegate):
    """Draws state and sync as coloured pills: readable at a glance in a long list."""

    _pill = False  # True while the item under a pill is drawn: its background and selection, no text

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt override
        super().initStyleOption(option, index)
        if self._pill:
            option.text = ""

    def paint(self, painter: QPainter, option, index) -> None:
        colours = BADGE_COLUMNS.get(index.column())
        text = index.data()
        if not colours or not text:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        # The item itself (selection, focus) through the base class, without its text: calling the style
        # from Python would build QStyle's enums first (~15 ms of the first paint at start, issue 17).
        self._pill = True
        try:
            super().paint(painter, option, index)
        finally:
            self._pill = False
        colour = QColor(colours.get(index.data(BADGE_KEY_ROLE) or "", "#6e7781"))
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 16
        rect = QRectF(option.rect.x() + 4, option.rect.center().y() - metrics.height() / 2 - 1,
                      width, metrics.height() + 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)  # not QBrush(colour): its overloads build QGradient's and QImage's enums (~2.5 ms)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, size.height())


class AuditList(QWidget):
    """Emits `open_requested(audit_id)` on Enter or double-click."""

    open_requested = Signal(str)
    selection_changed = Signal()
    sync_requested = Signal(str)  # the sync badge was clicked
    start_requested = Signal(str)  # from the empty list: "new", "import" or "demo"
    review_requested = Signal(str)  # the review badge was clicked

    def __init__(self, store: Store | None, parent=None, start_rows: list[AuditSummary] | None = None):
        """Without a store yet (the window's start), the list shows `start_rows` (`store.start_list`), read
        without the ORM; the search and filters wait for `attach(store)`."""
        super().__init__(parent)
        self.store = store
        self.sending: frozenset[str] = frozenset()
        self.model = AuditTableModel(self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search factory, address, Connect id…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(self.tr("Matches the factory name (English or local), address, Connect id or "
                                       "audit id"))
        self.state_filter = self._combo(self.tr("All states"), [(state_label(s), s) for s in AUDIT_STATES])
        self.type_filter = self._combo(self.tr("All types"), [(f"{k} – {audit_type_name(k)}", k) for k in AUDIT_TYPES])
        self.factory_filter = self._combo(self.tr("All factories"), [])
        self.factory_filter.setMinimumContentsLength(18)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.type_filter)
        filters.addWidget(self.factory_filter, 1)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.clicked.connect(self._clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open(self.table.currentIndex().row()))

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(lambda: (self.search.setFocus(), self.search.selectAll()))

        self.body = QStackedWidget()  # the table, or an empty state (`no_audits`, `no_match`) when first needed
        self.body.addWidget(self.table)

        self.count_label = QLabel()
        self.count_label.setObjectName("audit-count")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        self.above = QVBoxLayout()  # what others put above the list (the Connect assignments)
        layout.addLayout(self.above)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        for combo in (self.state_filter, self.type_filter, self.factory_filter):
            combo.currentIndexChanged.connect(lambda _: self.reload())
        if store is not None:
            self.reload()
        else:
            self._set_filters_enabled(False)
            rows = start_rows or []
            self._show(rows, rows, {}, {}, None)

    @functools.cached_property
    def no_audits(self) -> QWidget:
        """What the list shows without any audit: what to do, with its buttons (`start_buttons`). Built when
        first needed: a list with audits starts without its labels and their style sheets (issue 17)."""
        page = QWidget()
        no_audits_layout = QVBoxLayout(page)
        no_audits_layout.addStretch(1)
        no_audits_layout.addWidget(empty_state(
            self.tr("No audits yet.\n\nStart one from a factory profile (Ctrl+N), bring in an audit someone sent "
                    "you as an .escp package, or explore the demo audit first.")))
        starts = QHBoxLayout()
        starts.addStretch(1)
        self.start_buttons = {}
        for key, text in (("new", self.tr("New audit…")), ("import", self.tr("Import a package…")),
                          ("demo", self.tr("Add the demo audit"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=key: self.start_requested.emit(k))
            starts.addWidget(button)
            self.start_buttons[key] = button
        starts.addStretch(1)
        no_audits_layout.addLayout(starts)
        no_audits_layout.addStretch(2)
        self.body.addWidget(page)
        return page

    @functools.cached_property
    def no_match(self) -> QWidget:
        """What the list shows when the search and filters match no audit, with `clear_button`; built when first
        needed, as `no_audits`."""
        page = QWidget()
        no_match_layout = QVBoxLayout(page)
        no_match_layout.addWidget(empty_state(self.tr("No audit matches the search and filters.")))
        self.clear_button = QPushButton(self.tr("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        no_match_layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        no_match_layout.addStretch(1)
        self.body.addWidget(page)
        return page

    def attach(self, store: Store) -> None:
        """The store is open: the list is read again with its sync and review badges, filters work."""
        self.store = store
        self._set_filters_enabled(True)
        self.reload()

    def _set_filters_enabled(self, enabled: bool) -> None:
        for widget in (self.search, self.state_filter, self.type_filter, self.factory_filter):
            widget.setEnabled(enabled)

    @staticmethod
    def _combo(all_label: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_label, None)
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def reload(self, select_id: str | None = None) -> None:
        """Re-read the list (a few hundred rows at most: fast enough on the GUI thread)."""
        if self.store is None:
            return  # the start list stays until the store is attached
        from auditor_app.audits.queries import list_audits
        from auditor_app.review.overview import review_overview
        from auditor_app.sync.status import badges

        keep = select_id or self.selected_id()
        with self.store.session(read_only=True) as session:
            filters = (self.search.text(), self.state_filter.currentData(), self.type_filter.currentData(),
                       self.factory_filter.currentData())
            rows = list_audits(session, *filters)
            # Unfiltered (as at every start) the list is everything: one query, not the same one twice.
            everything = list_audits(session) if any(filters) else rows
            found = badges(session, {r.id: r.state for r in rows}, self.sending)
            reviews = review_overview(session)
        self._show(rows, everything, found, reviews, keep)

    def _show(self, rows: list[AuditSummary], everything: list[AuditSummary], found: dict[str, Badge],
              reviews: dict, keep: str | None) -> None:
        self._update_factories(sorted({r.factory_name for r in everything}))
        self.model.set_rows(rows, found, reviews)
        if not everything:
            self.body.setCurrentWidget(self.no_audits)
        elif not rows:
            self.body.setCurrentWidget(self.no_match)
        else:
            self.body.setCurrentWidget(self.table)
        self.count_label.setText(self.tr("{shown} of %n audit(s)", "", len(everything)).format(shown=len(rows)))
        ids = [r.id for r in rows]
        if rows:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self.selection_changed.emit()

    def _update_factories(self, names: list[str]) -> None:
        current = self.factory_filter.currentData()
        present = [self.factory_filter.itemData(i) for i in range(1, self.factory_filter.count())]
        if present == names:
            return
        self.factory_filter.blockSignals(True)
        self.factory_filter.clear()
        self.factory_filter.addItem(self.tr("All factories"), None)
        for name in names:
            self.factory_filter.addItem(name, name)
        index = self.factory_filter.findData(current) if current else 0
        self.factory_filter.setCurrentIndex(max(index, 0))
        self.factory_filter.blockSignals(False)

    def clear_filters(self) -> None:
        for combo in (self.state_filter, self.type_filter, self.factory_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.reload()

    def selected(self) -> AuditSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def selected_id(self) -> str | None:
        summary = self.selected()
        return summary.id if summary else None

    def add_above(self, widget: QWidget) -> None:
        self.above.addWidget(widget)

    def set_sending(self, audit_id: str) -> None:
        """The sync panel is sending this audit ("" when nothing): its badge says so."""
        sending = frozenset({audit_id} if audit_id else ())
        if sending != self.sending:
            self.sending = sending
            self.refresh_badges()

    def refresh_badges(self) -> None:
        if self.store is None:
            return
        from auditor_app.sync.status import badges

        with self.store.session(read_only=True) as session:
            found = badges(session, {r.id: r.state for r in self.model.rows}, self.sending)
        self.model.badges = found
        if self.model.rows:
            self.model.dataChanged.emit(self.model.index(0, SYNC_COLUMN),
                                        self.model.index(len(self.model.rows) - 1, SYNC_COLUMN))

    def badge_text(self, audit_id: str) -> str:
        row = next((r for r in self.model.rows if r.id == audit_id), None)
        return self.model.badge(row).text if row else ""

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == SYNC_COLUMN and 0 <= index.row() < len(self.model.rows):
            self.sync_requested.emit(self.model.rows[index.row()].id)
        elif index.column() == REVIEW_COLUMN and index.data():
            self.review_requested.emit(self.model.rows[index.row()].id)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.open_requested.emit(self.model.rows[row].id)
