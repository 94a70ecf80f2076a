"""A photo drawn into the PDF as its JPEG bytes (DCTDecode), never decoded.

ReportLab's `Image` flowable opens bytes with Pillow, and `Canvas.drawImage` decodes every pixel of
it to fingerprint the picture before it embeds the same JPEG bytes anyway: for a report of 200 photos
that was a gigabyte of RGB buffers kept until the PDF was saved, and seconds of decoding on the layout
thread. A report's photo is known by its SHA-256 already, so that names it in the PDF: a photo drawn
twice is embedded once, as `drawImage` would have it.
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.platypus import Flowable


class PdfJpeg(Flowable):
    """`data` (a JPEG without metadata) drawn at `width` x `height` points; `key` names it in the PDF."""

    def __init__(self, data: bytes, key: str, width: float, height: float) -> None:
        super().__init__()
        self.data, self.key = data, key
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        name = f"photo-{self.key}"
        document = canvas._doc
        if document.getXObjectName(name) not in document.idToObject:
            xobject = PDFImageXObject(name)
            # Reads the frame header (size, components) and keeps the bytes as they are.
            if not xobject.loadImageFromJPEG(io.BytesIO(self.data)):
                raise ValueError("the photo's print copy is not a JPEG")
            document.addForm(name, xobject)
        canvas.saveState()
        canvas.scale(self.width, self.height)  # an image XObject fills the unit square
        canvas.doForm(name)
        canvas.restoreState()


__all__ = ["PdfJpeg"]
