"""The Evidence page's grid of photos: a list model over the photo rows and an icon view of it.

No widget or item per photo: the view asks the model only for the tiles it paints, all tiles are one
size (the view lays 500 out without measuring each), and a tile's words and tooltip are made when it
is painted. Thumbnails are read and scaled to the tile in a worker thread the first time a tile is
painted (a grey tile until then), kept decoded, and turned into a pixmap only when painted (QPixmap
is GUI-thread only, QImage is not). Photos arriving during an import are appended, never re-listed.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from auditor_app.store.models import Evidence

ID_ROLE = Qt.ItemDataRole.UserRole
TILE = QSize(176, 196)     # the grid cell: thumbnail and two lines of caption
THUMB = QSize(150, 150)    # the thumbnail's box in the tile
PLACEHOLDER_GREY = "#e4e6ea"
DAMAGED_RED = "#b71c1c"

# What a tile, its tooltip and the side pane show of a photo: read as plain rows (attribute access like
# the model's), several times faster to load than 500 ORM objects.
TILE_COLUMNS = (Evidence.id, Evidence.sha256, Evidence.original_name, Evidence.caption, Evidence.width,
                Evidence.height, Evidence.size, Evidence.captured_at, Evidence.captured_from)

# (photo, damage reason or None) -> (tile text, tooltip); the page words them (its translations).
Words = Callable[[Evidence, "str | None"], tuple[str, str]]
# (shas, on_ready(images)) -> None: reads thumbnails off the GUI thread, scaled to THUMB.
Loader = Callable[[list[str], Callable[[dict[str, QImage]], None]], None]
AnyIndex = QModelIndex | QPersistentModelIndex


class PhotoModel(QAbstractListModel):
    """The audit's photos in grid order; `images` holds the decoded thumbnails by SHA-256."""

    def __init__(self, words: Words, loader: Loader, parent=None):
        super().__init__(parent)
        self.words = words
        self.loader = loader
        self.photos: list[Evidence] = []
        self.damaged: dict[str, str] = {}
        self.images: dict[str, QImage] = {}      # decoded (and scaled) off the GUI thread
        self._pixmaps: dict[str, QPixmap] = {}   # made from `images` at first paint
        self._words: dict[str, tuple[str, str]] = {}
        self._requested: set[str] = set()        # thumbnails asked for and not back yet
        self._wanted: list[str] = []             # asked for by a paint since the last request
        self._row_of: dict[str, int] = {}
        self._request = QTimer(self)  # one worker request per turn of the event loop, for every tile painted
        self._request.setSingleShot(True)
        self._request.setInterval(0)
        self._request.timeout.connect(self._load_wanted)
        self._placeholder = QPixmap(THUMB)
        self._placeholder.fill(QColor(PLACEHOLDER_GREY))

    # ---- the rows ----
    def set_photos(self, photos: list[Evidence], damaged: dict[str, str]) -> None:
        """The rows as read again. The same photos in the same order (a caption, a link changed) are
        updated in place, so the view keeps its scroll position and selection."""
        same = [ev.id for ev in photos] == [ev.id for ev in self.photos]
        if not same:
            self.beginResetModel()
        self.photos = list(photos)
        self.damaged = dict(damaged)
        self._words.clear()
        self._reindex()
        if not same:
            self.endResetModel()
        elif photos:
            self.dataChanged.emit(self.index(0), self.index(len(photos) - 1), [])

    def append(self, photos: list[Evidence]) -> None:
        if not photos:
            return
        first = len(self.photos)
        self.beginInsertRows(QModelIndex(), first, first + len(photos) - 1)
        self.photos += photos
        self._reindex()
        self.endInsertRows()

    def mark_damaged(self, damaged: dict[str, str]) -> None:
        self.damaged.update(damaged)
        for sha in damaged:
            self._words.pop(sha, None)
        self._changed(set(damaged))

    def row_of(self, evidence_id: str) -> int:
        return self._row_of.get(evidence_id, -1)

    def _reindex(self) -> None:
        self._row_of = {ev.id: row for row, ev in enumerate(self.photos)}

    # ---- thumbnails ----
    def set_images(self, images: dict[str, QImage]) -> None:
        """Thumbnails ready (from the worker, or an import's previews): shown at the tiles' next paint."""
        for sha, image in images.items():
            if not image.isNull():
                self.images[sha] = image
                self._pixmaps.pop(sha, None)
        self._requested -= set(images)
        self._changed(set(images), Qt.ItemDataRole.DecorationRole)

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

    def _changed(self, shas: set[str], role: Qt.ItemDataRole | None = None) -> None:
        rows = sorted(row for row, ev in enumerate(self.photos) if ev.sha256 in shas)
        if not rows:
            return
        roles = [role] if role is not None else []
        self.dataChanged.emit(self.index(rows[0]), self.index(rows[-1]), roles)

    # ---- Qt ----
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.photos)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.photos):
            return None
        ev = self.photos[index.row()]
        if role == ID_ROLE:
            return ev.id
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(ev.sha256)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            words = self._words.get(ev.sha256)
            if words is None:
                words = self._words[ev.sha256] = self.words(ev, self.damaged.get(ev.sha256))
            return words[0] if role == Qt.ItemDataRole.DisplayRole else words[1]
        if role == Qt.ItemDataRole.ForegroundRole and ev.sha256 in self.damaged:
            return QBrush(QColor(DAMAGED_RED))
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(TILE.width() - 6, TILE.height() - 6)
        return None

    def _pixmap(self, sha: str) -> QPixmap:
        pixmap = self._pixmaps.get(sha)
        if pixmap is not None:
            return pixmap
        image = self.images.get(sha)
        if image is None:
            self._ask([sha])
            return self._placeholder
        pixmap = self._pixmaps[sha] = QPixmap.fromImage(image)
        return pixmap


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
        self.setModel(model)

    def photo_model(self) -> PhotoModel:
        model = self.model()
        assert isinstance(model, PhotoModel)
        return model

    def count(self) -> int:
        return self.photo_model().rowCount()

    def text(self, row: int) -> str:
        return self.photo_model().data(self.photo_model().index(row)) or ""

    def tip(self, row: int) -> str:
        return self.photo_model().data(self.photo_model().index(row), Qt.ItemDataRole.ToolTipRole) or ""

    def has_thumbnail(self, row: int) -> bool:
        """The tile shows the photo's thumbnail, not the grey placeholder."""
        model = self.photo_model()
        return 0 <= row < len(model.photos) and model.photos[row].sha256 in model.images

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 - the name QListWidget gives it
        self.setCurrentIndex(self.photo_model().index(row) if row >= 0 else QModelIndex())
