"""Factory tour: the areas walked (production, warehouse, dormitory, canteen, other sites), what was
observed in each, photos of it, and "Raise an NC here" (handled by the checklist page). Removing an
area can be undone right after (Ctrl+Z): it comes back with its observations and photo links."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from auditor_app.audits.stage_completion import tour_done
from auditor_app.audits.tour import (
    add_tour_area,
    add_usual_areas,
    mark_area_visited,
    remove_tour_area,
    restore_tour_area,
    update_tour_area,
)
from auditor_app.store.models import AreaEvidence, TourArea
from auditor_app.store.vocab import TOUR_AREA_KINDS
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.import_summary import import_summary
from auditor_app.ui.operations import run_op
from auditor_app.ui.read_only import set_read_only
from auditor_app.ui.empty_state import empty_state
from auditor_app.ui.pages.base import (
    ALL_TABLES,
    StagePage,
    set_checked,
    set_text,
)
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, translate
from auditor_app.ui.undo_bar import UndoBar

KIND_LABELS = {"production": QT_TRANSLATE_NOOP("TourPage", "Production"),
               "warehouse": QT_TRANSLATE_NOOP("TourPage", "Warehouse"),
               "dormitory": QT_TRANSLATE_NOOP("TourPage", "Dormitory"),
               "canteen": QT_TRANSLATE_NOOP("TourPage", "Canteen"),
               "office": QT_TRANSLATE_NOOP("TourPage", "Office"),
               "other_site": QT_TRANSLATE_NOOP("TourPage", "Other site")}


def photo_filter() -> str:
    return translate("TourPage", "Photos (*.jpg *.jpeg *.png *.heic *.tif *.tiff);;All files (*)")


def kind_label(kind: str) -> str:
    return translate("TourPage", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


class TourPage(StagePage):
    stage = "tour"
    title = "Factory tour"
    watched_tables = frozenset({"tour_area", "area_evidence", "evidence", "factory_profile"})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.areas: list[TourArea] = []
        self.photo_counts: dict[str, int] = {}
        self.last_import = None
        self.area_list = QListWidget()
        self.area_list.setObjectName("tour-areas")
        self.area_list.setSpacing(3)
        self.area_list.setToolTip(self.tr("Areas of the tour; select one to record what you see there"))
        self.area_list.currentRowChanged.connect(lambda _: self._show_current())

        self.add_button = QPushButton(self.tr("Add area ▾"))
        self.add_button.setToolTip(self.tr("Add an area of the given kind (Ctrl+Shift+A)"))
        self.add_button.setShortcut("Ctrl+Shift+A")
        menu = QMenu(self.add_button)
        for kind in TOUR_AREA_KINDS:
            menu.addAction(KIND_LABELS[kind], lambda k=kind: self.add_area(k, KIND_LABELS[k]))
        self.add_button.setMenu(menu)
        self.suggest_button = QPushButton(self.tr("Add the usual areas"))
        self.suggest_button.setToolTip(self.tr("Production per department, warehouse, and the dormitory, canteen "
                                       "and other sites the profile lists"))
        self.suggest_button.clicked.connect(self.add_suggested)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.area_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.suggest_button)
        left_layout.addLayout(buttons)

        self.editor = self._build_editor()
        self.empty = empty_state(self.tr("No areas yet.\n\nPress “Add the usual areas” to list production, "
                                 "warehouse, dormitory, canteen and other sites from the factory profile, "
                                 "or add areas one by one."))
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.editor)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setSizes([300, 700])
        self.undo_bar = UndoBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        layout.addWidget(self.undo_bar)
        self.refresh(set(ALL_TABLES))

    def _build_editor(self) -> QWidget:
        editor = QWidget()
        form = QFormLayout(editor)
        self.kind = QComboBox()
        for kind in TOUR_AREA_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(lambda _: self._save_field("kind", self.kind.currentData()))
        self.name = QLineEdit()
        self.name.setObjectName("area-name")
        self.name.textEdited.connect(lambda text: text.strip() and self._save_field("name", text.strip(),
                                                                                       later=True))
        self.visited = QCheckBox(self.tr("Visited"))
        self.visited.setToolTip(self.tr("Ticked with the time when you walk the area"))
        self.visited_at = QLabel()
        self.visited.toggled.connect(self._visited_toggled)
        visited_row = QHBoxLayout()
        visited_row.addWidget(self.visited)
        visited_row.addWidget(self.visited_at)
        visited_row.addStretch(1)
        self.observations = QPlainTextEdit()
        self.observations.setObjectName("area-observations")
        self.observations.setPlaceholderText(self.tr("What you see: exits, PPE, machine guards, chemicals, crowding, "
                                             "workers who look under age, locked doors…"))
        self.observations.textChanged.connect(
            lambda: self._save_field("observations", self.observations.toPlainText(), later=True))
        self.photos_label = QLabel()
        self.photo_button = QPushButton(self.tr("Add photos…"))
        self.photo_button.setToolTip(self.tr("Import photos of this area (they are kept unaltered, by hash)"))
        self.photo_button.clicked.connect(self.add_photos)
        self.raise_button = QPushButton(self.tr("Raise an NC here"))
        self.raise_button.setToolTip(self.tr("Open the checklist to record a non-compliance seen in this area "
                                     "(Ctrl+Shift+N)"))
        self.raise_button.setShortcut("Ctrl+Shift+N")
        self.raise_button.clicked.connect(self.raise_nc)
        self.remove_button = QPushButton(self.tr("Remove area"))
        self.remove_button.clicked.connect(self.remove_area)
        actions = QHBoxLayout()
        actions.addWidget(self.photos_label)
        actions.addWidget(self.photo_button)
        actions.addStretch(1)
        actions.addWidget(self.raise_button)
        actions.addWidget(self.remove_button)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow("", visited_row)
        form.addRow(self.tr("Observations"), self.observations)
        form.addRow(actions)
        self.import_result = QLabel()
        self.import_result.setObjectName("tour-import-result")
        self.import_result.setWordWrap(True)
        self.import_result.hide()
        form.addRow(self.import_result)
        return editor

    # ---- model -> widgets ----
    def refresh(self, changed: set[str]) -> None:
        audit_id = self.ctx.audit_id

        def read(session):
            areas = session.scalars(select(TourArea).where(TourArea.audit_id == audit_id)
                                    .order_by(TourArea.created_at)).all()
            counts = dict(session.execute(select(AreaEvidence.tour_area_id, func.count())
                                          .where(AreaEvidence.audit_id == audit_id)
                                          .group_by(AreaEvidence.tour_area_id)).all())
            return areas, counts
        keep = self.current_area_id()
        self.areas, self.photo_counts = self.ctx.read(read)
        order = {kind: i for i, kind in enumerate(TOUR_AREA_KINDS)}
        self.areas.sort(key=lambda a: order.get(a.kind, 99))
        with self.loading():
            self.area_list.blockSignals(True)
            self.area_list.clear()
            for area in self.areas:
                mark = "✓ " if area.visited_at else "    "
                kind = kind_label(area.kind)
                english = KIND_LABELS.get(area.kind, area.kind)
                # The name alone when it already says the kind: "Warehouse", never "Warehouse – Warehouse".
                said = kind.casefold() in area.name.casefold() or english.casefold() in area.name.casefold()
                label = area.name if said else f"{kind} – {area.name}"
                item = QListWidgetItem(f"{mark}{label}")
                item.setData(Qt.ItemDataRole.UserRole, area.id)
                self.area_list.addItem(item)
            ids = [a.id for a in self.areas]
            self.area_list.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
            self.area_list.blockSignals(False)
            self._show_current()
        self.right.setCurrentWidget(self.editor if self.areas else self.empty)
        frozen = self.ctx.is_frozen()
        set_read_only(self.editor, frozen)
        for widget in (self.add_button, self.suggest_button):
            widget.setEnabled(not frozen)

    def current_area_id(self) -> str | None:
        item = self.area_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_area(self) -> TourArea | None:
        area_id = self.current_area_id()
        return next((a for a in self.areas if a.id == area_id), None)

    def _show_current(self) -> None:
        area = self.current_area()
        if area is None:
            return
        with self.loading():
            self.kind.setCurrentIndex(max(self.kind.findData(area.kind), 0))
            set_text(self.name, area.name, self.is_editing((area.id, "name")))
            set_text(self.observations, area.observations, self.is_editing((area.id, "observations")))
            set_checked(self.visited, area.visited_at is not None)
            self.visited_at.setText(self.tr("at {time}").format(time=self.ctx.time_text(area.visited_at, "%H:%M"))
                                    if area.visited_at else "")
            count = self.photo_counts.get(area.id, 0)
            self.photos_label.setText(self.tr("%n photo(s)", "", count))

    def completion(self) -> tuple[int, int]:
        return tour_done(self.areas)

    # ---- widgets -> model ----
    def _save_field(self, field: str, value, later: bool = False) -> None:
        area_id = self.current_area_id()
        if area_id is None or self.is_loading:
            return
        if later:
            self.save_later((area_id, field), update_tour_area, area_id, **{field: value})
        else:
            self.save_now(update_tour_area, area_id, **{field: value})

    def _visited_toggled(self, on: bool) -> None:
        area_id = self.current_area_id()
        if area_id is not None:
            self.save_now(mark_area_visited, area_id, on)

    def add_area(self, kind: str, name: str) -> None:
        self.save_now(add_tour_area, self.ctx.audit_id, kind, name)

    def add_suggested(self) -> None:
        self.save_now(add_usual_areas, self.ctx.audit_id)

    def remove_area(self) -> None:
        area = self.current_area()
        if area is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove area?"),
            self.tr("Remove “{name}” and its observations from the tour? Photos stay in the evidence list. "
                    "You can undo this right after.").format(name=area.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        area_id, name = area.id, area.name

        def removed(snapshot: dict) -> None:
            self.undo_bar.offer(self.tr("Area “{name}” removed.").format(name=name),
                                lambda: self.save_now(restore_tour_area, snapshot))

        self.save_now(remove_tour_area, area_id, on_done=removed)

    def raise_nc(self) -> None:
        area = self.current_area()
        if area is not None:  # the area's photos come ticked: they are usually the evidence
            photos = self.ctx.read(lambda s: list(s.scalars(select(AreaEvidence.evidence_id).where(
                AreaEvidence.tour_area_id == area.id))))
            self.ctx.request_finding.emit(area.id, {"tour_area_id": area.id, "evidence_ids": photos,
                                                    "description": self.tr("Seen in {area}: ").format(area=area.name)})

    def add_photos(self) -> None:
        area_id = self.current_area_id()
        if area_id is None:
            return
        root = self.ctx.store.folder.root
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Photos of this area"), start_folder(root, "photos"),
                                                photo_filter())
        if paths:
            remember_folder(root, "photos", paths[0])
            self.import_photos(area_id, paths)

    def import_photos(self, area_id: str, paths: list[str]) -> None:
        """The Evidence page's import (one loop for both): each photo linked to the area; duplicates and
        refused files are reported file by file."""
        from auditor_app.store.evidence import import_photos

        store, audit_id = self.ctx.store, self.ctx.audit_id

        def work(progress):
            return import_photos(store, audit_id, [Path(p) for p in paths], link_area_id=area_id,
                                 progress=progress.update, cancelled=progress.cancelled)

        def done(result):
            self.last_import = result
            self.import_result.setText(import_summary(result))
            self.import_result.setStyleSheet("color: #b71c1c;" if result.failed else "")
            self.import_result.show()
            # Evidence import commits on its own (files before rows), outside the writer.
            self.ctx.announce({"evidence", "area_evidence"})

        run_op(self, work, on_success=done, label=self.tr("Importing photos"), cancellable=True)
