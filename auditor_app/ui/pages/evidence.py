"""The evidence stage: the audit's photos as a grid, imported every way an auditor has them.

Import by file dialog (Ctrl+I), a whole camera-card folder, drag and drop, or paste (Ctrl+V: a
screenshot on the clipboard becomes a PNG). All import work runs off the GUI thread with progress and
Cancel; duplicates are skipped and counted, bad files listed with the reason. Photos appear as they
are stored, with the camera's embedded preview; then a background check decodes their pixels a few
at a time (real thumbnails replace the previews) and a photo found damaged is marked, never hidden. Select a photo to edit
its caption and link it to NCs and tour areas; Enter opens the viewer; Delete removes it (with Undo).
"""

from __future__ import annotations

import tempfile
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits import (
    link_photo,
    live_findings,
    remove_photo,
    restore_photo,
    set_caption,
)
from auditor_app.store.evidence import (
    BatchResult,
    ImportedPhoto,
    camera_card_files,
    import_photo,
    import_photos,
    thumbnail_now,
)
from auditor_app.store.models import (
    AreaEvidence,
    Audit,
    DocumentCheck,
    DocumentEvidence,
    Evidence,
    FindingEvidence,
    PhotoCheck,
    TourArea,
)
from auditor_app.store.models.photo_check import DAMAGED
from auditor_app.store.pixel_check import CheckRound, check_pending
from auditor_app.ui.file_folders import remember_folder, start_folder
from auditor_app.ui.first_paint import after_first_paint
from auditor_app.ui.fitting_text import ElidedLabel, shortened, wrapping_list
from auditor_app.ui.import_summary import import_summary
from auditor_app.ui.operations import OperationCancelled, show_error, show_status
from auditor_app.ui.pages.base import StagePage, set_text
from auditor_app.ui.empty_state import empty_state
from auditor_app.ui.photo_grid import THUMB, TILE_COLUMNS, PhotoGrid, PhotoModel
from auditor_app.ui.photo_viewer import PhotoViewer, damage_words, describe, fitted, load_images
from auditor_app.ui.undo_bar import UndoBar
from auditor_app.ui.i18n import grade_label

ID_ROLE = Qt.ItemDataRole.UserRole
PHOTO_FILTER = "Photos (*.jpg *.jpeg *.jpe *.png *.webp *.tif *.tiff *.heic *.heif);;All files (*)"
EVIDENCE_TABLES = {"evidence", "finding_evidence", "area_evidence"}
LINK_TEXT_CHARS = 110  # about two lines of the side pane; the tooltip has the whole description
ARRIVALS_MS = 300  # while importing, photos stored so far appear this often
DAMAGED_RED = "#b71c1c"


def grid_order(ev: Evidence) -> tuple:
    """A photo's place in the grid, as the page's query sorts (capture time, SQLite's NULLs first,
    then name; equal keys keep the order they were stored in): photos arriving during an import are
    put in their place, so nothing moves when it ends."""
    taken = ev.captured_at
    return (0, "", ev.original_name) if taken is None else (1, taken, ev.original_name)


def webcam_available() -> bool:
    """Qt Multimedia is not part of PySide6-Essentials; without it (or a camera) there is no capture."""
    try:
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - optional module
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class EvidencePage(StagePage):
    stage = "evidence"
    title = "Evidence"
    watched_tables = frozenset(EVIDENCE_TABLES | {"finding", "tour_area", "audit"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setAcceptDrops(True)
        self.frozen = False
        self.model = PhotoModel(self._tile_text, self._tile_tip, self._load_thumbnails, self)
        self.icons: dict[str, QImage] = self.model.images  # thumbnails decoded so far, by SHA-256
        self.last_import: BatchResult | None = None
        self.damaged: dict[str, str] = {}  # sha -> what the background check found wrong
        self.unchecked: set[str] = set()   # shas whose pixels are not checked yet
        self.checking = False              # a round of the background check is running
        self._missing_originals: list[str] = []
        # (tile row, preview image scaled to the tile) appended by the import thread as photos are
        # stored and drained by the GUI thread's timer (deque append/popleft are thread-safe).
        self._arrived: deque[tuple[Any, QImage | None]] = deque()
        self._arrivals = QTimer(self)
        self._arrivals.setInterval(ARRIVALS_MS)
        self._arrivals.timeout.connect(self._show_arrivals)
        self._refreshes = 0  # refreshes begun: a background read shows its rows only if none began after it

        # ---- actions ----
        bar = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import photos… (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_dialog)
        self.folder_button = QPushButton(self.tr("Import camera card folder…"))
        self.folder_button.setToolTip(self.tr("Every photo under the folder (e.g. the card's DCIM); duplicates are skipped"))
        self.folder_button.clicked.connect(self.import_folder_dialog)
        self.paste_button = QPushButton(self.tr("Paste (Ctrl+V)"))
        self.paste_button.setToolTip(self.tr("Import the image or files on the clipboard"))
        self.paste_button.clicked.connect(self.paste)
        self.webcam_button = QPushButton(self.tr("Webcam…"))
        self.webcam_button.setVisible(webcam_available())
        self.view_button = QPushButton(self.tr("View (Enter)"))
        self.view_button.clicked.connect(self.view_selected)
        self.remove_button = QPushButton(self.tr("Remove (Del)"))
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.import_button, self.folder_button, self.paste_button, self.webcam_button):
            bar.addWidget(b)
        bar.addStretch()
        bar.addWidget(self.view_button)
        bar.addWidget(self.remove_button)
        self.result_label = QLabel()
        self.result_label.setObjectName("import-result")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        # ---- the grid, or the empty state ----
        self.grid = PhotoGrid(self.model)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self.show_selected())
        self.grid.activated.connect(lambda *_: self.view_selected())
        self.empty = empty_state(self.tr("No photos yet.\n\nImport them with Ctrl+I, drop files or a camera-card "
                                 "folder here, or paste a screenshot with Ctrl+V."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.grid)

        # ---- the selected photo ----
        detail = QWidget()
        detail.setMinimumWidth(300)  # no maximum: the splitter handle widens it for long NC texts
        form = QFormLayout(detail)
        self.name_label = ElidedLabel()
        self.name_label.setStyleSheet("font-weight: 600;")
        self.info_label = QLabel(self.tr("Select a photo."))
        self.info_label.setWordWrap(True)
        # Ignored: a long unbreakable name must not widen the pane past the window's edge.
        self.info_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.sha_label = ElidedLabel()
        self.sha_label.setObjectName("sha256")
        self.sha_label.setStyleSheet("color: palette(dark); font-size: 8pt;")
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("What the photo shows (appears in the report)"))
        self.caption.textEdited.connect(self._caption_edited)
        self.finding_links = wrapping_list("finding-links")
        self.finding_links.itemChanged.connect(lambda item: self._link_changed(item, "finding"))
        self.area_links = wrapping_list("area-links")
        self.area_links.itemChanged.connect(lambda item: self._link_changed(item, "area"))
        self.document_links = wrapping_list("document-links")
        self.document_links.itemChanged.connect(lambda item: self._link_changed(item, "document"))
        form.addRow(self.name_label)
        form.addRow(self.info_label)
        form.addRow(self.sha_label)
        form.addRow(self.tr("Caption"), self.caption)
        form.addRow(QLabel(self.tr("Evidence for NCs:")))
        form.addRow(self.finding_links)
        form.addRow(QLabel(self.tr("Taken in tour areas:")))
        form.addRow(self.area_links)
        form.addRow(QLabel(self.tr("A page of these documents:")))
        form.addRow(self.document_links)
        self.undo_bar = UndoBar(self)

        splitter = QSplitter()
        splitter.addWidget(self.stack)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([760, 440])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.result_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.undo_bar)

        for key, slot in (("Ctrl+I", self.import_dialog), (QKeySequence.StandardKey.Paste, self.paste)):
            QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                      ).activated.connect(slot)
        QShortcut(QKeySequence("Delete"), self.grid, context=Qt.ShortcutContext.WidgetShortcut
                  ).activated.connect(self.remove_selected)
        self._opened = False
        self.refresh(set())
        self._opened = True

    # ---- reading ----
    def refresh(self, changed: set[str]) -> None:
        self._refreshes += 1
        if self.ctx.announcing:  # an import's news: its tiles are shown, the rest is read off the GUI thread
            self._refresh_in_background()
            return
        self._show(self.ctx.read(self._reader()))

    def _refresh_in_background(self) -> None:
        """Read the page in a worker and show it, unless a later refresh has begun meanwhile (it reads
        newer rows). At an import's end this read was ~6 ms of the GUI thread, with the rest of that
        turn the longest hitch of the import (issue 17). The factory's time zone, which the side pane's
        photo times need, is read there too when it is not known yet."""
        store, read, refresh, zone = self.ctx.store, self._reader(), self._refreshes, self.ctx.zone_reader()

        def work(_progress):
            with store.session(read_only=True) as s:
                return read(s), zone(s)

        def done(result) -> None:
            page, keep_zone = result
            keep_zone()
            if refresh == self._refreshes:
                self._show(page)

        self.ctx.ops.run(self, work, on_success=done, on_failure=lambda _error: self.refresh(set(EVIDENCE_TABLES)))

    def _reader(self):
        aid = self.ctx.audit_id

        def read(s):
            photos = list(s.execute(select(*TILE_COLUMNS).where(Evidence.audit_id == aid, Evidence.deleted_at.is_(None))
                                    .order_by(Evidence.captured_at, Evidence.original_name,  # as grid_order
                                              Evidence.created_at)))
            findings = live_findings(s, aid)
            areas = list(s.scalars(select(TourArea).where(TourArea.audit_id == aid).order_by(TourArea.created_at)))
            flinks = list(s.execute(select(FindingEvidence.evidence_id, FindingEvidence.finding_id)
                                    .where(FindingEvidence.audit_id == aid)))
            alinks = list(s.execute(select(AreaEvidence.evidence_id, AreaEvidence.tour_area_id)
                                    .where(AreaEvidence.audit_id == aid)))
            # Only documents reviewed (received or inconsistent) can have a page photographed.
            documents = list(s.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == aid,
                                                                   DocumentCheck.status != "requested")
                                       .order_by(DocumentCheck.name)))
            dlinks = list(s.execute(select(DocumentEvidence.evidence_id, DocumentEvidence.document_check_id)
                                    .where(DocumentEvidence.audit_id == aid)))
            checks = list(s.execute(select(PhotoCheck.sha256, PhotoCheck.condition, PhotoCheck.reason)
                                    .join(Evidence, Evidence.sha256 == PhotoCheck.sha256)
                                    .where(Evidence.audit_id == aid)))
            return (photos, findings, areas, documents, flinks, alinks, dlinks, checks,
                    s.get(Audit, aid).state != "draft")

        return read

    def _show(self, page) -> None:
        (photos, self.findings, self.areas, self.documents, flinks, alinks, dlinks, checks,
         self.frozen) = page
        checked = {sha for sha, _, _ in checks}
        self.damaged = {sha: reason for sha, condition, reason in checks if condition == DAMAGED}
        self.unchecked = {ev.sha256 for ev in photos} - checked
        self.document_links_of: dict[str, set[str]] = {}
        for ev_id, doc_id in dlinks:
            self.document_links_of.setdefault(ev_id, set()).add(doc_id)
        self.finding_links_of: dict[str, set[str]] = {}
        self.area_links_of: dict[str, set[str]] = {}
        for ev_id, fid in flinks:
            self.finding_links_of.setdefault(ev_id, set()).add(fid)
        for ev_id, area_id in alinks:
            self.area_links_of.setdefault(ev_id, set()).add(area_id)
        current = self.selected_id()
        with self.loading():
            self.model.set_photos(photos, self.damaged)  # thumbnails are read as tiles come into view
            row = self.model.row_of(current) if current else -1
            self.grid.setCurrentRow(row if row >= 0 else (0 if photos else -1))
        self.stack.setCurrentWidget(self.grid if self.photos else self.empty)
        for button in (self.import_button, self.folder_button, self.paste_button, self.webcam_button):
            button.setEnabled(not self.frozen)
        self.show_selected()
        if self._opened:
            self.check_pixels()
        else:  # the page paints before the check starts (its status-bar indicator is a relayout)
            after_first_paint(self.grid.viewport(), self.check_pixels)

    @property
    def importing(self) -> bool:
        """An import started on this page is running (its arrivals are being shown)."""
        return self._arrivals.isActive()

    @property
    def photos(self) -> list[Evidence]:
        """The audit's photos in the grid's order."""
        return self.model.photos

    def _tile_text(self, ev: Evidence, reason: str | None) -> str:
        """A tile's words: its caption or name, and plainly "damaged" when the pixels are (the grid
        paints it red)."""
        name = ev.caption or ev.original_name
        return name if reason is None else self.tr("⚠ DAMAGED — {name}").format(name=name)

    def _tile_tip(self, ev: Evidence, reason: str | None) -> str:
        """A tile's tooltip, asked for when the mouse rests on it."""
        tip = describe(ev, self.ctx) + (f"\n{ev.caption}" if ev.caption else "")
        return tip if reason is None else f"{tip}\n{damage_words(reason)}"

    def _load_thumbnails(self, shas: list[str], on_ready) -> None:
        """The grid's thumbnails, read and scaled to the tile in a worker."""
        load_images(self.ctx, self, shas, on_ready, fit=THUMB)

    # ---- the background check of the pixels ----
    def check_pixels(self) -> None:
        """Run the next round of the background check while photos of this audit wait for it; not
        while an import runs (its end starts the check). The check decodes whole photos: beside an
        import it took the cores and the GIL from the import and the window (issue 17: the grid's
        first paint, which an import's first arrivals make, started it)."""
        if self.checking or self.importing or not self.unchecked - set(self._missing_originals):
            return
        self.checking = True
        store, aid, skip = self.ctx.store, self.ctx.audit_id, list(self._missing_originals)

        def work(progress):
            return check_pending(store, aid, skip=skip, cancelled=progress.cancelled)

        self.ctx.ops.run(self, work, on_success=self._checked, on_failure=self._check_failed,
                         label=self.tr("Checking photos (%n to go)", "", len(self.unchecked)))

    def _checked(self, found: CheckRound) -> None:
        self.checking = False
        self._missing_originals += found.missing
        self.unchecked -= set(found.checked) | set(found.missing)
        damaged = {sha: c.reason for sha, c in found.checked.items() if c.damaged}
        if damaged:
            self.damaged.update(damaged)
            self.model.mark_damaged(damaged)
            self.show_selected()
        whole = [sha for sha, c in found.checked.items() if not c.damaged]
        if whole:  # the thumbnail made from the pixels replaces the camera's preview
            self.model.reload_images(whole)
        if found.remaining and (found.checked or found.missing):
            self.check_pixels()

    def _check_failed(self, error: BaseException) -> None:
        self.checking = False  # tried again at the next refresh; the photos stay as they are

    def completion(self) -> tuple[int, int]:
        """Photos with a caption, of all photos (an uncaptioned photo says little in a report)."""
        return (sum(1 for ev in self.photos if ev.caption.strip()), len(self.photos))

    def selected_id(self) -> str | None:
        return self.grid.current_id()

    def _selected(self) -> Evidence | None:
        return next((ev for ev in self.photos if ev.id == self.selected_id()), None)

    def show_selected(self) -> None:
        ev = self._selected()
        editable = ev is not None and not self.frozen
        for w in (self.caption, self.finding_links, self.area_links, self.document_links, self.remove_button):
            w.setEnabled(editable)
        self.view_button.setEnabled(ev is not None)
        with self.loading():
            self.finding_links.clear()
            self.area_links.clear()
            self.document_links.clear()
            if ev is None:
                self.name_label.setText("")
                self.info_label.setText(self.tr("Select a photo.") if self.photos else "")
                self.sha_label.setText("")
                self.caption.setText("")
                return
            self.name_label.setText(ev.original_name)
            reason = self.damaged.get(ev.sha256)
            self.info_label.setText(describe(ev, self.ctx) + (f"\n\n⚠ {damage_words(reason)}" if reason else ""))
            self.info_label.setStyleSheet(f"color: {DAMAGED_RED};" if reason else "")
            self.sha_label.setText(f"SHA-256 {ev.sha256}")
            set_text(self.caption, ev.caption)
            for rows, target, linked, label in (  # label(row, limit): the tooltip has it whole
                    (self.findings, self.finding_links, self.finding_links_of.get(ev.id, set()),
                     lambda f, n: f"{f.checkpoint_id} {grade_label(f.grade)}: "
                                  + (shortened(f.description, n) or self.tr("(no description)"))),
                    (self.areas, self.area_links, self.area_links_of.get(ev.id, set()), lambda a, n: a.name),
                    (self.documents, self.document_links, self.document_links_of.get(ev.id, set()),
                     lambda d, n: shortened(d.name, n))):
                for row in rows:
                    item = QListWidgetItem(label(row, LINK_TEXT_CHARS))
                    item.setToolTip(label(row, 100_000))
                    item.setData(ID_ROLE, row.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if row.id in linked else Qt.CheckState.Unchecked)
                    target.addItem(item)
                if not rows:
                    empty = QListWidgetItem(self.tr("None recorded yet."))
                    empty.setFlags(Qt.ItemFlag.NoItemFlags)
                    target.addItem(empty)

    # ---- editing ----
    def _caption_edited(self, text: str) -> None:
        ev_id = self.selected_id()
        if ev_id is None:
            return

        self.save_later(("caption", ev_id), set_caption, ev_id, text)

    def _link_changed(self, item: QListWidgetItem, kind: str) -> None:
        ev_id, target = self.selected_id(), item.data(ID_ROLE)
        if self.is_loading or ev_id is None or target is None:
            return
        self.save_now(link_photo, ev_id, kind, target, item.checkState() == Qt.CheckState.Checked)

    def remove_selected(self) -> None:
        ev = self._selected()
        if ev is None or self.frozen:
            return
        answer = QMessageBox.question(self, self.tr("Remove this photo?"),
                                      self.tr("Remove {name} from the audit's evidence? Its links to NCs and areas "
                                              "stay for if you undo. You can undo this right after.").format(
                                          name=ev.original_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        ev_id = ev.id
        self.save_now(remove_photo, ev_id)
        self.undo_bar.offer(self.tr("{name} removed.").format(name=ev.original_name),
                            lambda: self.save_now(restore_photo, ev_id))

    def view_selected(self) -> None:
        ev_id = self.selected_id()
        if ev_id is None:
            return
        ids = [ev.id for ev in self.photos]
        viewer = PhotoViewer(self.ctx, ids, ids.index(ev_id), self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.viewer = viewer
        viewer.open()

    # ---- importing ----
    def import_dialog(self) -> None:
        root = self.ctx.store.folder.root
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import photos"), start_folder(root, "photos"), PHOTO_FILTER)
        if paths:
            remember_folder(root, "photos", paths[0])
            self.import_paths(paths)

    def import_folder_dialog(self) -> None:
        root = self.ctx.store.folder.root
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import every photo under a folder (camera card)"),
                                                  start_folder(root, "photos"))
        if folder:
            remember_folder(root, "photos", folder)
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> None:
        """Files and folders (folders are searched like a camera card), imported in a worker."""
        if self.frozen:
            return
        store, aid = self.ctx.store, self.ctx.audit_id

        arrived = self._arrived

        def work(progress):
            def stored(photos: list[ImportedPhoto]) -> None:  # on the import thread, once committed
                ids = [photo.evidence_id for photo in photos]
                with store.session(read_only=True) as s:  # the tiles' rows, read here, not on the GUI thread
                    rows = {row.id: row for row in s.execute(select(*TILE_COLUMNS).where(Evidence.id.in_(ids)))}
                for photo in photos:  # the camera's preview, read and fitted here: QImage is thread-safe
                    preview = thumbnail_now(store, photo.sha256)
                    image = fitted(QImage.fromData(preview), THUMB) if preview else None
                    if photo.evidence_id in rows:
                        arrived.append((rows[photo.evidence_id], image))

            files = []
            for p in map(Path, paths):
                files += camera_card_files(p) if p.is_dir() else [p]
            return import_photos(store, aid, files, progress=progress.update, cancelled=progress.cancelled,
                                 stored=stored)

        self._arrivals.start()
        # The grid shows now, empty, and fills as photos are stored: its first showing (a relayout of
        # the page) is not added to the first arrivals' turn, with the status bar's indicator's.
        self.stack.setCurrentWidget(self.grid)
        self.ctx.ops.run(self, work, on_success=self._imported, on_failure=self._import_failed,
                         label=self.tr("Importing photos"), cancellable=True)

    def _show_arrivals(self) -> None:
        """While an import runs: add the tiles of the photos stored since the last tick, with their
        previews, each at its place in the grid (other pages are told when the import ends). Cheap on
        purpose: rows and previews were read by the import thread, and the GUI thread shares the GIL
        with it."""
        arrived = []
        while self._arrived:
            arrived.append(self._arrived.popleft())
        if not arrived:
            return
        self.model.set_images({row.sha256: image for row, image in arrived if image is not None})
        new = list({row.id: row for row, _ in arrived if self.model.row_of(row.id) < 0}.values())
        with self.loading():
            self.model.add(new, grid_order)
            self.unchecked.update(ev.sha256 for ev in new)
        self.stack.setCurrentWidget(self.grid)

    def _import_failed(self, error: BaseException) -> None:
        self._arrivals.stop()
        self._arrived.clear()
        self._announce_import(set(EVIDENCE_TABLES))  # what was stored before the failure
        if isinstance(error, OperationCancelled):
            show_status(self, self.tr("Importing photos cancelled"))
        else:
            show_error(self, self.tr("Importing photos"), error)

    def _imported(self, result: BatchResult) -> None:
        self._arrivals.stop()
        self._show_arrivals()
        self.last_import = result
        self.result_label.setText(import_summary(result))
        self.result_label.setStyleSheet("color: #b71c1c;" if result.failed else "")
        self.result_label.show()
        # import_photos commits itself (files before rows), not through the writer: tell every page
        # that shows photos (links to NCs or areas change only when the import made them).
        self._announce_import({"evidence"})

    def _announce_import(self, tables: set[str]) -> None:
        self.ctx.announce(tables)  # the pages read what the import changed off the GUI thread

    def paste(self) -> None:
        if self.frozen:
            return
        mime = QApplication.clipboard().mimeData()
        if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
            self.import_paths([u.toLocalFile() for u in mime.urls() if u.isLocalFile()])
            return
        if not mime.hasImage():
            self.result_label.setText(self.tr("The clipboard holds no image or photo file to paste."))
            self.result_label.show()
            return
        image = QImage(QApplication.clipboard().image())
        store, aid = self.ctx.store, self.ctx.audit_id

        def work(progress):
            name = f"pasted-{datetime.now():%Y%m%d-%H%M%S}.png"
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder, name)
                path.write_bytes(png_bytes(image))
                photo = import_photo(store, aid, path, caption="")
            result = BatchResult()
            (result.duplicates if photo.duplicate else result.imported).append(photo)
            return result

        self.ctx.ops.run(self, work, on_success=self._imported, label=self.tr("Pasting image"))

    # ---- drag and drop ----
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.frozen and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
