"""A pad to sign on with the mouse, a pen or a finger; the drawing becomes PNG bytes for the store."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_SIZE = (480, 160)  # the stored image size, whatever the widget's size on screen


class SignaturePad(QWidget):
    signed = Signal()  # a stroke was finished

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signature-pad")
        self.setMinimumSize(320, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Sign here with the mouse or a pen"))
        self.strokes: list[list[QPointF]] = []  # in pad coordinates (PAD_SIZE), not widget pixels
        self.stored: QImage | None = None       # a signature already in the store, shown until cleared
        self.read_only = False

    def sizeHint(self):  # noqa: N802 - Qt override
        return self.minimumSize().expandedTo(self.minimumSizeHint())

    # ---- state ----
    def is_empty(self) -> bool:
        return not self.strokes and self.stored is None

    def has_new_ink(self) -> bool:
        return bool(self.strokes)

    def clear(self) -> None:
        self.strokes = []
        self.stored = None
        self.update()

    def set_png(self, data: bytes | None) -> None:
        """Show a stored signature (the auditor's own strokes, if any, are dropped)."""
        self.strokes = []
        image = QImage()
        self.stored = image if data and image.loadFromData(data, "PNG") else None
        self.update()

    def to_png(self) -> bytes:
        image = QImage(*PAD_SIZE, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter, 1.0, 1.0)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())

    # ---- drawing ----
    def _to_pad(self, pos) -> QPointF:
        return QPointF(pos.x() * PAD_SIZE[0] / max(1, self.width()), pos.y() * PAD_SIZE[1] / max(1, self.height()))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.read_only or event.button() != Qt.MouseButton.LeftButton:
            return
        if self.stored is not None:
            self.stored = None  # signing again replaces the stored signature
        self.strokes.append([self._to_pad(event.position())])
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.read_only or not self.strokes or not (event.buttons() & Qt.MouseButton.LeftButton):
            return
        self.strokes[-1].append(self._to_pad(event.position()))
        self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.read_only and self.strokes and event.button() == Qt.MouseButton.LeftButton:
            self.strokes[-1].append(self._to_pad(event.position()))
            self.update()
            self.signed.emit()

    def _draw(self, painter: QPainter, sx: float, sy: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#10206a"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            if len(stroke) == 1:
                painter.drawPoint(QPointF(stroke[0].x() * sx, stroke[0].y() * sy))
                continue
            path = QPainterPath(QPointF(stroke[0].x() * sx, stroke[0].y() * sy))
            for p in stroke[1:]:
                path.lineTo(QPointF(p.x() * sx, p.y() * sy))
            painter.drawPath(path)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f4f4f4") if self.read_only else QColor("white"))
        painter.setPen(QPen(QColor("#b0b0b0"), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.78)
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.stored is not None:
            painter.drawImage(self.rect(), self.stored)
        elif not self.strokes:
            painter.setPen(QColor("#a0a0a0"))
            painter.drawText(self.rect().adjusted(12, 0, 0, -8), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             self.tr("Sign here") if not self.read_only else self.tr("Not signed"))
        self._draw(painter, self.width() / PAD_SIZE[0], self.height() / PAD_SIZE[1])
        painter.end()
