"""The Evidence page's grid of photos: the tiles held by Qt itself and an icon view of them.

The tiles live in a QStandardItemModel, so laying out and painting the grid runs in C++ with no call
into Python: a Python model is asked for each tile's row count, text, icon, font and size many times
per paint and per layout (5,000 calls during a 100-photo import), and each call must take the GIL,
which the import's worker threads hold in turn (issue 17: the window's heartbeat hitched at every batch
of arrivals). A tile's text (caption or name) is set when the tile is made; its tooltip is worded when
the mouse rests on it. Thumbnails are read and scaled to the tile in a worker thread the first time a
tile is in view (a grey tile until then), kept decoded as QImage (QPixmap is GUI-thread only) and
turned into the tile's pixmap once, on the GUI thread, when they arrive. Photos arriving during an
import are appended in one insert per batch, never re-listed.
"""

from __future__ import annotations

import bisect
from typing import Any, Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QImage, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QToolTip, QWidget

from auditor_app.store.models import Evidence

ID_ROLE = Qt.ItemDataRole.UserRole
ORDER_ROLE = Qt.ItemDataRole.UserRole + 1  # a tile's place in the grid, to sort the tiles by
TILE = QSize(176, 196)     # the grid cell: thumbnail and two lines of caption
THUMB = QSize(150, 150)    # the thumbnail's box in the tile
PLACEHOLDER_GREY = "#e4e6ea"
DAMAGED_RED = "#b71c1c"
TILE_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # not editable, not dragged

# What a tile, its tooltip and the side pane show of a photo: read as plain rows (attribute access like
# the model's), several times faster to load than 500 ORM objects.
TILE_COLUMNS = (Evidence.id, Evidence.sha256, Evidence.original_name, Evidence.caption, Evidence.width,
                Evidence.height, Evidence.size, Evidence.captured_at, Evidence.captured_from)

# (photo, damage reason or None) -> the tile's text, or its tooltip; the page words them (its translations).
Words = Callable[[Evidence, "str | None"], str]
# (shas, on_ready(images)) -> None: reads thumbnails off the GUI thread, scaled to THUMB.
Loader = Callable[[list[str], Callable[[dict[str, QImage]], None]], None]


class PhotoModel(QObject):
    """The audit's photos in grid order. `items` is the Qt model the grid shows (one item per tile);
    `images` holds the decoded thumbnails by SHA-256."""

    def __init__(self, text: Words, tip: Words, loader: Loader, parent=None):
        super().__init__(parent)
        self.text = text
        self.tip_words = tip
        self.loader = loader
        self.items = QStandardItemModel(self)
        self.photos: list[Evidence] = []
        self.damaged: dict[str, str] = {}
        self.images: dict[str, QImage] = {}      # decoded (and scaled) off the GUI thread
        self._tips: dict[str, str] = {}
        self._worded: dict[str, tuple[str, bool]] = {}  # evidence id -> (text, red) set on its tile
        self._requested: set[str] = set()        # thumbnails asked for and not back yet
        self._wanted: list[str] = []             # asked for by a paint since the last request
        self._row_of: dict[str, int] = {}
        self._rows_of_sha: dict[str, list[int]] = {}
        self._request = QTimer(self)  # one worker request per turn of the event loop, for every tile painted
        self._request.setSingleShot(True)
        self._request.setInterval(0)
        self._request.timeout.connect(self._load_wanted)
        self._placeholder = QPixmap(THUMB)
        self._placeholder.fill(QColor(PLACEHOLDER_GREY))
        self._red = QBrush(QColor(DAMAGED_RED))

    # ---- the rows ----
    def set_photos(self, photos: list[Evidence], damaged: dict[str, str]) -> None:
        """The rows as read again. The same photos in the same order (a caption, a link changed) are
        updated in place, so the view keeps its scroll position and selection."""
        ids = [ev.id for ev in photos]
        shown = [ev.id for ev in self.photos]
        self.photos = list(photos)
        self.damaged = dict(damaged)
        self._tips.clear()
        self._reindex()
        if ids != shown and sorted(ids) == sorted(shown):
            self._reorder(shown)  # an import's arrivals, now in the grid's order: the tiles are moved, not made again
        elif ids != shown:
            self.items.clear()
            self._worded.clear()
            self._insert(self.photos)
            return
        for row, ev in enumerate(self.photos):
            self._word(ev, row=row)

    def _reorder(self, shown: list[str]) -> None:
        """Put the tiles (now in the order of the ids `shown`) in the order of `photos` with one sort
        in C++ (one relayout; the selection follows its photo)."""
        position = self._row_of
        self.items.blockSignals(True)  # the sort's layoutChanged repaints everything once
        try:
            for row, evidence_id in enumerate(shown):
                self.items.item(row).setData(position[evidence_id], ORDER_ROLE)
        finally:
            self.items.blockSignals(False)
        self.items.setSortRole(ORDER_ROLE)
        self.items.sort(0)

    def add(self, photos: list[Evidence], order: Callable[[Evidence], Any]) -> None:
        """New tiles, each at its place in the grid's `order` (the tiles shown are in that order), so
        nothing moves when the import ends. Photos arriving in order (a camera's names and times agree)
        are one insert at the end: one layout of the grid for the whole batch."""
        if not photos:
            return
        keys = [order(ev) for ev in self.photos]
        runs: list[tuple[int, list[Evidence]]] = []  # (row, photos): inserted in this sequence, as listed
        for ev in sorted(photos, key=order):  # stable: equal keys keep their arrival order
            key = order(ev)
            row = bisect.bisect_right(keys, key)
            keys.insert(row, key)
            self.photos.insert(row, ev)
            if runs and runs[-1][0] + len(runs[-1][1]) == row:
                runs[-1][1].append(ev)
            else:
                runs.append((row, [ev]))
        self._reindex()
        for row, run in runs:
            self._insert(run, row)

    def mark_damaged(self, damaged: dict[str, str]) -> None:
        self.damaged.update(damaged)
        for sha in damaged:
            self._tips.pop(sha, None)
            for row in self._rows_of_sha.get(sha, []):
                self._word(self.photos[row], row=row)

    def row_of(self, evidence_id: str) -> int:
        return self._row_of.get(evidence_id, -1)

    def index(self, row: int) -> QModelIndex:
        return self.items.index(row, 0)

    def rowCount(self) -> int:  # noqa: N802 - as Qt's models name it
        return self.items.rowCount()

    def tip(self, row: int) -> str:
        """The tile's tooltip, worded when first asked for (the mouse rests on the tile)."""
        if not 0 <= row < len(self.photos):
            return ""
        ev = self.photos[row]
        tip = self._tips.get(ev.sha256)
        if tip is None:
            tip = self._tips[ev.sha256] = self.tip_words(ev, self.damaged.get(ev.sha256))
        return tip

    def _insert(self, photos: list[Evidence], row: int | None = None) -> None:
        """Tiles for `photos`, in one insert at `row` (at the end when None)."""
        tiles = []
        for ev in photos:
            item = QStandardItem()
            item.setFlags(TILE_FLAGS)
            item.setData(ev.id, ID_ROLE)
            item.setSizeHint(QSize(TILE.width() - 6, TILE.height() - 6))
            image = self.images.get(ev.sha256)
            item.setData(QPixmap.fromImage(image) if image is not None else self._placeholder,
                         Qt.ItemDataRole.DecorationRole)
            self._word(ev, item)
            tiles.append(item)
        if row is None or row >= self.items.rowCount():
            self.items.invisibleRootItem().appendRows(tiles)
        else:
            self.items.invisibleRootItem().insertRows(row, tiles)

    def _word(self, ev: Evidence, item: QStandardItem | None = None, row: int = -1) -> None:
        """The tile's text, and red when its pixels are damaged; set only when it changed (each set
        repaints), compared with what was set, kept here (asking the item is a call into Qt)."""
        reason = self.damaged.get(ev.sha256)
        worded = (self.text(ev, reason), reason is not None)
        before = self._worded.get(ev.id)
        if before == worded:
            return
        self._worded[ev.id] = worded
        item = item if item is not None else self.items.item(row)
        if before is None or before[0] != worded[0]:
            item.setText(worded[0])
        if (before is not None and before[1]) != worded[1]:
            item.setData(self._red if worded[1] else None, Qt.ItemDataRole.ForegroundRole)

    def _reindex(self) -> None:
        self._row_of = {ev.id: row for row, ev in enumerate(self.photos)}
        self._rows_of_sha = {}
        for row, ev in enumerate(self.photos):
            self._rows_of_sha.setdefault(ev.sha256, []).append(row)

    # ---- thumbnails ----
    def set_images(self, images: dict[str, QImage]) -> None:
        """Thumbnails ready (from the worker, or an import's previews): each tile showing one gets its
        pixmap now (made once, here on the GUI thread); tiles not made yet get it when they are."""
        for sha, image in images.items():
            if image.isNull():
                continue
            self.images[sha] = image
            rows = self._rows_of_sha.get(sha, [])
            if rows:
                pixmap = QPixmap.fromImage(image)
                for row in rows:
                    self.items.item(row).setData(pixmap, Qt.ItemDataRole.DecorationRole)
        self._requested -= set(images)

    def want(self, rows: range) -> None:
        """These tiles are in view: read the thumbnails they lack."""
        self._ask([self.photos[row].sha256 for row in rows
                   if row < len(self.photos) and self.photos[row].sha256 not in self.images])

    def reload_images(self, shas: list[str]) -> None:
        """Better thumbnails exist (made from the pixels): read them again, visible tiles first."""
        shown = [sha for sha in shas if sha in self.images or sha in self._requested]
        self._ask(shown)

    def _ask(self, shas: list[str]) -> None:
        new = [sha for sha in shas if sha not in self._requested]
        if new:
            self._requested.update(new)
            self._wanted += new
            self._request.start()

    def _load_wanted(self) -> None:
        wanted, self._wanted = self._wanted, []
        if wanted:
            self.loader(wanted, self._loaded(wanted))

    def _loaded(self, asked: list[str]) -> Callable[[dict[str, QImage]], None]:
        def done(images: dict[str, QImage]) -> None:
            self._requested -= set(asked)  # not found stays grey; asked again at a later reload
            self.set_images(images)
        return done


class PhotoGrid(QListView):
    """The icon view of a PhotoModel: single selection, static tiles of one size."""

    def __init__(self, model: PhotoModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evidence-grid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setGridSize(TILE)
        self.setUniformItemSizes(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.photos = model
        self.setModel(model.items)

    def photo_model(self) -> PhotoModel:
        return self.photos

    def count(self) -> int:
        return self.photos.rowCount()

    def text(self, row: int) -> str:
        item = self.photos.items.item(row)
        return item.text() if item is not None else ""

    def tip(self, row: int) -> str:
        return self.photos.tip(row)

    def has_thumbnail(self, row: int) -> bool:
        """The tile shows the photo's thumbnail, not the grey placeholder."""
        model = self.photos
        return 0 <= row < len(model.photos) and model.photos[row].sha256 in model.images

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 - the name QListWidget gives it
        self.setCurrentIndex(self.photos.index(row) if row >= 0 else QModelIndex())

    def rows_in_view(self) -> range:
        """The rows whose tiles are in the viewport: tiles are laid out in row order, left to right
        and top to bottom, so two binary searches over their rectangles find them."""
        count, room = self.count(), self.viewport().rect()

        def first(before: Callable[[int], bool]) -> int:
            lo, hi = 0, count
            while lo < hi:
                mid = (lo + hi) // 2
                if before(mid):
                    lo = mid + 1
                else:
                    hi = mid
            return lo

        def rect(row: int):
            return self.visualRect(self.photos.index(row))

        top = first(lambda row: rect(row).bottom() < room.top())
        end = first(lambda row: rect(row).top() <= room.bottom())
        return range(top, max(top, end))

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """After a paint, the tiles in view ask for their thumbnails; a tooltip is worded when shown."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if not index.isValid():
                QToolTip.hideText()
                return True
            QToolTip.showText(event.globalPos(), self.tip(index.row()), self.viewport(), self.visualRect(index))
            return True
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Paint:
            self.photos.want(self.rows_in_view())
        return handled
