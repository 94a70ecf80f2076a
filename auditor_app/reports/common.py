"""What every page of both PDFs carries: a running header, "page x of y", the DRAFT watermark until
the audit is finalized, and the seal fingerprint once it is. Also small text helpers both use.

"Page x of y" needs the page count before the first page is written, so the canvas keeps each
finished page's drawing state and draws the furniture on all of them at `save()`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from auditor_app.checklist.time_zones import factory_zone, site_time
from auditor_app.reports.fonts import BODY, BOLD, MONO, draw_mixed
from auditor_app.reports.styles import ACCENT, MUTED, RULE
from auditor_app.store.vocab import AUDIT_TYPES

MARGIN = 16 * mm

# Streams (page content, fonts, JPEG photos) are written binary, not ASCII85-encoded: every PDF reader
# takes binary streams, the files are a fifth smaller, and without ReportLab's C accelerator the ASCII85
# encoder is pure Python (a third of a 200-photo report's time went into it). Process-wide, and only
# the app's own PDFs use ReportLab.
rl_config.useA85 = 0


class ReportCancelled(Exception):
    """The caller's `cancelled()` said stop; no file was left behind."""


@dataclass(frozen=True)
class PageDecor:
    title: str              # left of the running header, e.g. "ESCP Audit Report"
    subject: str            # right of the running header: the factory
    reference: str          # left of the footer: audit id, revision
    seal: str | None        # the seal fingerprint; None while the audit is a draft
    draft: bool


def decor_for(doc: dict, title: str) -> PageDecor:
    audit, factory = doc["audit"], doc.get("factory_profile") or {}
    name = factory.get("name") or "(factory not named)"
    local = factory.get("name_local") or ""
    subject = f"{name} {local}".strip()
    reference = f"Audit {audit['id'][:8]} · rev. {audit.get('revision', 1)} · {audit['audit_type']}"
    draft = audit.get("state", "draft") == "draft" or not audit.get("seal")
    return PageDecor(title, subject, reference, None if draft else audit["seal"], draft)


def _furniture(canvas: Canvas, decor: PageDecor, page: int, total: int) -> None:
    width, height = canvas._pagesize
    canvas.saveState()
    if page > 1:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - 11 * mm, width - MARGIN, height - 11 * mm)
        canvas.setFillColor(ACCENT)
        draw_mixed(canvas, MARGIN, height - 9.5 * mm, decor.title, BOLD, 8)
        canvas.setFillColor(MUTED)
        draw_mixed(canvas, width - MARGIN, height - 9.5 * mm, decor.subject, BODY, 8, align="right")
    canvas.setStrokeColor(RULE)
    canvas.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
    canvas.setFillColor(MUTED)
    draw_mixed(canvas, MARGIN, 9.5 * mm, decor.reference, BODY, 7.5)
    draw_mixed(canvas, width - MARGIN, 9.5 * mm, f"Page {page} of {total}", BOLD, 7.5, align="right")
    if decor.seal:
        seal_text = f"Sealed · SHA-256 {decor.seal}"
    else:
        seal_text = "DRAFT — not finalized: no seal; content may still change"
    draw_mixed(canvas, MARGIN, 6 * mm, seal_text, MONO if decor.seal else BODY, 6.5)
    if decor.draft:
        canvas.setFillColorRGB(0.75, 0.1, 0.1, alpha=0.10)
        canvas.setFont(BOLD, 110 if width < height else 140)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, -40, "DRAFT")
    canvas.restoreState()


def numbered_canvas(decor: PageDecor | Callable[[Canvas, int, int], None], counter: dict):
    """A canvas class that draws each page's furniture once the page count is known; `counter['pages']`
    is set. `decor` is the report's PageDecor, or any `furniture(canvas, page, total)` of another PDF."""
    furniture: Callable[[Canvas, int, int], None]
    if isinstance(decor, PageDecor):
        page_decor = decor
        furniture = lambda canvas, page, total: _furniture(canvas, page_decor, page, total)  # noqa: E731
    else:
        furniture = decor

    class _NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            counter["pages"] = total
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                furniture(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return _NumberedCanvas


def write_pdf(out: str | os.PathLike, story: list, decor: PageDecor, pagesize, *, title: str,
              author: str, subject: str) -> int:
    """Lay out `story` into `out` atomically (temp file, then rename); returns the page count."""
    out = Path(out)
    tmp = out.with_name(f".{out.name}.part")
    counter: dict = {}
    doc = SimpleDocTemplate(str(tmp), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=18 * mm, title=title, author=author,
                            subject=subject, creator="ESCP Field Auditor",
                            initialFontName=BODY)  # else Helvetica is named on every page, unused
    try:
        doc.build(story, canvasmaker=numbered_canvas(decor, counter))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return counter["pages"]


# ---- small text helpers shared by report and CAP ----

def audit_type_words(code: str) -> str:
    return f"{AUDIT_TYPES.get(code, code)} ({code})"


def parse_when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def when_text(value: str | None, zone: tzinfo, with_time: bool = True) -> str:
    """A stored UTC time in the factory's local time, with its offset (`2026-11-18 08:50 UTC+08:00`):
    what the people on site saw on their watches, and still unambiguous."""
    moment = parse_when(value)
    if moment is None:
        return value or "—"
    if not with_time:
        return moment.astimezone(zone).strftime("%Y-%m-%d")
    return site_time(moment, zone)


def doc_zone(doc: dict) -> tzinfo:
    """The factory's time zone for this audit document."""
    return factory_zone(doc.get("factory_profile"))


def day_text(value: str | None) -> str:
    return value or "—"


def yes_no(value: object) -> str:
    return "Yes" if value else "No"
