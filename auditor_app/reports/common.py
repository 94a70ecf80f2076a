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
from auditor_app.reports.cancelled import ReportCancelled as ReportCancelled  # where callers look for it
from auditor_app.reports.fonts import BODY, BOLD, MONO, draw_mixed, mixed_width
from auditor_app.reports.styles import ACCENT, MUTED, RULE
from auditor_app.reports.wording import ENGLISH, Wording

MARGIN = 16 * mm

# Streams (page content, fonts, JPEG photos) are written binary, not ASCII85-encoded: every PDF reader
# takes binary streams, the files are a fifth smaller, and without ReportLab's C accelerator the ASCII85
# encoder is pure Python (a third of a 200-photo report's time went into it). Process-wide, and only
# the app's own PDFs use ReportLab.
rl_config.useA85 = 0


@dataclass(frozen=True)
class PageDecor:
    title: str              # left of the running header, e.g. "ESCP Audit Report"
    subject: str            # right of the running header: the factory
    reference: str          # left of the footer: audit id, revision
    seal: str | None        # the seal fingerprint; None while the audit is a draft
    draft: bool
    w: Wording = ENGLISH    # the words of "page x of y", the seal line and the watermark


def decor_for(doc: dict, title: str, w: Wording = ENGLISH) -> PageDecor:
    """`title` is a fragment id of resources/messages/report.yaml."""
    audit, factory = doc["audit"], doc.get("factory_profile") or {}
    name = factory.get("name") or factory.get("name_local") or w.inline("report.factory_not_named")
    local = factory.get("name_local") or ""
    subject = f"{name} {local}".strip() if local != name else name
    reference = w.inline("report.page.reference", id=audit["id"][:8], revision=audit.get("revision", 1),
                         type=audit["audit_type"])
    draft = audit.get("state", "draft") == "draft" or not audit.get("seal")
    return PageDecor(w.inline(title), subject, reference, None if draft else audit["seal"], draft, w)


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
    w = decor.w
    draw_mixed(canvas, width - MARGIN, 9.5 * mm, w.inline("report.page.number", page=page, total=total), BOLD, 7.5,
               align="right")
    if decor.seal:
        # The fingerprint in the monospaced font, the words before it in the text's.
        words = w.inline("report.page.sealed") + " · SHA-256 "
        draw_mixed(canvas, MARGIN, 6 * mm, words, BODY, 6.5)
        draw_mixed(canvas, MARGIN + mixed_width(words, BODY, 6.5), 6 * mm, decor.seal, MONO, 6.5)
    else:
        draw_mixed(canvas, MARGIN, 6 * mm, w.inline("report.page.draft"), BODY, 6.5)
    if decor.draft:
        canvas.setFillColorRGB(0.75, 0.1, 0.1, alpha=0.10)
        mark = w.inline("report.page.draft_mark")
        size = 110 if width < height else 140
        # As large as fits along the page's diagonal ("DRAFT / 草稿" is wider than "DRAFT").
        size = min(size, 0.75 * (width ** 2 + height ** 2) ** 0.5 / max(mixed_width(mark, BOLD, 1), 1))
        canvas.translate(width / 2, height / 2)
        canvas.rotate(35)
        draw_mixed(canvas, 0, -size * 0.36, mark, BOLD, size, align="centre")
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

def audit_type_words(code: str, w: Wording = ENGLISH) -> str:
    return w.audit_type(code)


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

