"""Looking at evidence photos: thumbnails made off the GUI thread, and a viewer for one photo.

The viewer shows the display copy (never the original, which may be 20 MB), fitted to the window or
at 100 %, with what proves the photo: its original file name, SHA-256 and capture time. A photo whose
pixels the background check found damaged says so plainly, with the decoder's words.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
    QWidget,
)

from auditor_app.checklist.time_zones import photo_time
from auditor_app.store.evidence import display_copy, thumbnail, thumbnail_now
from auditor_app.store.models import Evidence, PhotoCheck
from auditor_app.store.models.photo_check import DAMAGED
from auditor_app.ui.i18n import translate


def load_images(ctx, parent: QWidget, shas: list[str], on_ready: Callable[[dict[str, QImage]], None],
                *, display: bool = False, fit: QSize | None = None) -> None:
    """Read (and if need be make) the thumbnails (or display copies) of `shas` in a worker thread.

    A thumbnail is the one made from the pixels, else the camera's preview saved at import; only a
    photo with neither is decoded here. QImage, unlike QPixmap, may be built outside the GUI
    thread; the caller turns it into a pixmap. `fit` scales each image to that box in the worker, so
    that painting it is a copy, not a scaling."""
    shas = list(dict.fromkeys(shas))
    if not shas:
        on_ready({})
        return

    making = translate("photo_viewer", "Making thumbnails")

    def work(progress):
        images = {}
        for done, sha in enumerate(shas, start=1):
            if progress.cancelled():
                break
            data = None if display else thumbnail_now(ctx.store, sha)
            if data is None:
                try:
                    data = display_copy(ctx.store, sha) if display else thumbnail(ctx.store, sha)
                except Exception:  # noqa: BLE001 - a missing or damaged original shows as a blank tile
                    continue
            image = QImage.fromData(data)  # decrypted in memory: never a plaintext file
            if not image.isNull():
                images[sha] = fitted(image, fit) if fit is not None else image
            progress.update(done, len(shas), making)
        return images

    ctx.ops.run(parent, work, on_success=on_ready, label=translate("photo_viewer", "Loading photos"))


def fitted(image: QImage, box: QSize) -> QImage:
    """`image` scaled down to fit `box` (never up); safe off the GUI thread."""
    if image.isNull() or (image.width() <= box.width() and image.height() <= box.height()):
        return image
    return image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def damage_words(reason: str) -> str:
    return translate("photo_viewer", "The pixels of this photo are damaged: {reason}. The original file is kept exactly "
                     "as imported (its SHA-256 is unchanged); copy it again from the camera card if you still "
                     "can.").format(reason=reason)


def describe(ev: Evidence, ctx) -> str:
    taken = photo_time(ev.captured_at, ev.captured_from, ctx.zone())
    return f"{ev.original_name} · {ev.width}×{ev.height} · " + translate("photo_viewer", "taken {time}").format(time=taken)


class PhotoViewer(QDialog):
    """One photo at a time; Left/Right step through `evidence_ids`, F fits, 1 shows 100 %."""

    def __init__(self, ctx, evidence_ids: list[str], index: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photo-viewer")
        self.ctx = ctx
        self.ids = list(evidence_ids)
        self.index = index
        self.fit = True
        self.zoom = 1.0
        self._image: QImage | None = None
        self.damage = ""  # the damage found in the current photo's pixels, in words
        self.resize(1100, 700)

        self.picture = QLabel(self.tr("Loading…"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)  # the words for a damaged photo
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(True)

        info = QWidget()
        info.setMaximumWidth(320)
        form = QFormLayout(info)
        self.name_label, self.sha_label, self.time_label, self.size_label, self.caption_label = (
            QLabel() for _ in range(5))
        self.caption_label.setObjectName("photo-caption")  # the auditor's own words
        for label in (self.name_label, self.sha_label, self.time_label, self.caption_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A field too wide for the pane (the 64-digit hash) goes under its label rather than cutting it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Original name"), self.name_label)
        form.addRow(self.tr("SHA-256"), self.sha_label)
        form.addRow(self.tr("Taken"), self.time_label)
        form.addRow(self.tr("Size"), self.size_label)
        form.addRow(self.tr("Caption"), self.caption_label)

        buttons = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.fit_button = QPushButton(self.tr("Fit (F)"))
        self.actual_button = QPushButton("100 % (1)")
        close = QPushButton(self.tr("Close"))
        for button, slot in ((self.prev_button, lambda: self.step(-1)), (self.next_button, lambda: self.step(1)),
                             (self.fit_button, self.zoom_fit), (self.actual_button, self.zoom_actual),
                             (close, self.accept)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.insertStretch(4)

        body = QHBoxLayout()
        body.addWidget(self.scroll, 1)
        body.addWidget(info)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        for key, slot in (("Left", lambda: self.step(-1)), ("Right", lambda: self.step(1)),
                          ("F", self.zoom_fit), ("1", self.zoom_actual),
                          ("+", lambda: self.zoom_by(1.25)), ("-", lambda: self.zoom_by(0.8))):
            QShortcut(QKeySequence(key), self).activated.connect(slot)
        self.show_current()

    def show_current(self) -> None:
        ev = self.ctx.read(lambda s: s.get(Evidence, self.ids[self.index]))
        self.setWindowTitle(self.tr("Photo {number} of {count} – {name}").format(
            number=self.index + 1, count=len(self.ids), name=ev.original_name))
        self.name_label.setText(ev.original_name)
        self.sha_label.setText(ev.sha256)
        self.sha_label.setToolTip(ev.sha256)  # wider than the pane: whole here
        self.time_label.setText(photo_time(ev.captured_at, ev.captured_from, self.ctx.zone(), "%Y-%m-%d %H:%M:%S"))
        self.size_label.setText(self.tr("{width} × {height} px, {size} MB original").format(
            width=ev.width, height=ev.height, size=f"{ev.size / 1e6:.1f}"))
        self.caption_label.setText(ev.caption or "—")
        check = self.ctx.read(lambda s: s.get(PhotoCheck, ev.sha256))
        self.damage = damage_words(check.reason) if check is not None and check.condition == DAMAGED else ""
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.ids) - 1)
        self._image = None
        self.picture.setPixmap(QPixmap())
        self.picture.setText(self.tr("Loading…"))
        sha = ev.sha256
        load_images(self.ctx, self, [sha], lambda images: self._loaded(sha, images.get(sha)), display=True)

    def _loaded(self, sha: str, image: QImage | None) -> None:
        if self.name_label.text() and self.sha_label.text() != sha:
            return  # the auditor already stepped on to another photo
        if image is None:
            self.picture.setText(self.damage or self.tr("The display copy of this photo could not be made."))
            return
        self._image = image
        self._render()

    def _render(self) -> None:
        if self._image is None:
            return
        pixmap = QPixmap.fromImage(self._image)
        if self.fit:
            self.scroll.setWidgetResizable(True)
            pixmap = pixmap.scaled(self.scroll.viewport().size(), Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        else:
            self.scroll.setWidgetResizable(False)
            pixmap = pixmap.scaled(pixmap.size() * self.zoom, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            self.picture.resize(pixmap.size())
        self.picture.setPixmap(pixmap)

    def step(self, delta: int) -> None:
        new = self.index + delta
        if 0 <= new < len(self.ids):
            self.index = new
            self.show_current()

    def zoom_fit(self) -> None:
        self.fit = True
        self._render()

    def zoom_actual(self) -> None:
        self.fit, self.zoom = False, 1.0
        self._render()

    def zoom_by(self, factor: float) -> None:
        self.fit = False
        self.zoom = max(0.1, min(8.0, self.zoom * factor))
        self._render()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.fit:
            self._render()
