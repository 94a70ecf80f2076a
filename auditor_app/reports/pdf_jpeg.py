"""A photo drawn into the PDF as its JPEG bytes (DCTDecode), never decoded.

ReportLab's `Image` flowable opens bytes with Pillow, and `Canvas.drawImage` decodes every pixel of
it to fingerprint the picture before it embeds the same JPEG bytes anyway: for a report of 200 photos
that was a gigabyte of RGB buffers kept until the PDF was saved, and seconds of decoding on the layout
thread. A report's photo is known by its SHA-256 already, so that names it in the PDF: a photo drawn
twice is embedded once, as `drawImage` would have it.

A photo still being made (`photos.PlannedPhoto`) is drawn by its planned pixel size; its bytes are
asked for when the PDF is written (`PdfJpeg.planned`), so the pages are laid out while the photos are
decoded. A copy that is not of the planned size (or not made) raises `PhotoNotAsPlanned` then.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.platypus import Flowable

from auditor_app.reports.photos import PhotoNotAsPlanned


def _jpeg_xobject(name: str, data: bytes) -> PDFImageXObject:
    xobject = PDFImageXObject(name)
    # Reads the frame header (size, components) and keeps the bytes as they are.
    if not xobject.loadImageFromJPEG(io.BytesIO(data)):
        raise ValueError("the photo's print copy is not a JPEG")
    return xobject


class _PlannedJpeg(PDFImageXObject):
    """An image XObject of a known pixel size whose JPEG bytes are fetched when the PDF is written."""

    def __init__(self, name: str, pixels: tuple[int, int], fetch: Callable[[], bytes]) -> None:
        super().__init__(name)
        self.pixels, self._fetch = pixels, fetch

    def format(self, document):
        copy = _jpeg_xobject(self.name, self._fetch())
        if (copy.width, copy.height) != self.pixels or copy.colorSpace != "DeviceRGB":
            raise PhotoNotAsPlanned(f"{self.name}: {copy.width}x{copy.height} {copy.colorSpace}, planned "
                                    f"{self.pixels[0]}x{self.pixels[1]} DeviceRGB")
        return copy.format(document)


class PdfJpeg(Flowable):
    """`data` (a JPEG without metadata) drawn at `width` x `height` points; `key` names it in the PDF."""

    def __init__(self, data: bytes, key: str, width: float, height: float) -> None:
        super().__init__()
        self.data, self.key = data, key
        self.width, self.height = width, height
        self.hAlign = "LEFT"
        self._planned: tuple[tuple[int, int], Callable[[], bytes]] | None = None

    @classmethod
    def planned(cls, pixels: tuple[int, int], fetch: Callable[[], bytes], key: str, width: float,
                height: float) -> PdfJpeg:
        """A photo of `pixels` still being made: `fetch()` gives its JPEG when the PDF is written."""
        jpeg = cls(b"", key, width, height)
        jpeg._planned = (pixels, fetch)
        return jpeg

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        name = f"photo-{self.key}"
        document = canvas._doc
        if document.getXObjectName(name) not in document.idToObject:
            xobject = _PlannedJpeg(name, *self._planned) if self._planned else _jpeg_xobject(name, self.data)
            document.addForm(name, xobject)
        canvas.saveState()
        canvas.scale(self.width, self.height)  # an image XObject fills the unit square
        canvas.doForm(name)
        canvas.restoreState()


__all__ = ["PdfJpeg"]
