"""The call list as a PDF: the auditor's working paper for calling the drawn workers, one row each.

It names workers (code, roster worker id, name, department, shift, line), so it is built only when the
auditor asks, from the roster kept on the laptop, and it is never part of the report or the package.
A4 landscape; every page says that it is confidential, names the factory and the draw, and counts its
pages; the last column is left blank for the time called and a note, written by hand.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle

from auditor_app.checklist.call_list import CallEntry
from auditor_app.reports.common import MARGIN, numbered_canvas
from auditor_app.reports.fonts import BODY, BOLD, draw_mixed
from auditor_app.reports.styles import MUTED, RULE, SPLIT_IN_ROW, Table, bold, grid_style, para
from auditor_app.reports.wording import ENGLISH, Wording

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
# Fragment ids of the column heads (resources/messages/report.yaml) and widths in mm; the last column,
# for the time called and a note, takes the rest.
COLUMNS = [("call_list.col.code", 15), ("call_list.col.worker_id", 22), ("call_list.col.name", 28),
           ("call_list.col.department", 30), ("call_list.col.shift", 18), ("call_list.col.line", 24),
           ("call_list.col.why", 60), ("call_list.col.status", 34)]
NOTES_COLUMN = "call_list.col.notes"
CONFIDENTIAL = "call_list.confidential"
FLAGGED_BAND = colors.HexColor("#FBE9E7")


@dataclass(frozen=True)
class CallListHeader:
    factory: str       # the factory's names
    audit: str         # "IAA Initial Annual Audit, 2026-11-18"
    draw: str          # "Drawn 2026-11-18 13:00 UTC+08:00 with seed 4711 from roster.csv (SHA-256 1fb0…)"
    explanation: str   # why the sample holds the workers it holds
    printed: str       # "Printed 2026-11-18 14:02 UTC+08:00"


def _furniture(header: CallListHeader, w: Wording):
    """CONFIDENTIAL and the factory above, the draw and the page count below, on every page."""
    def draw(canvas: Canvas, page: int, total: int) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#B71C1C"))
        draw_mixed(canvas, MARGIN, height - 9.5 * mm, w.inline(CONFIDENTIAL), BOLD, 8)
        canvas.setFillColor(MUTED)
        draw_mixed(canvas, width - MARGIN, height - 9.5 * mm, header.factory, BODY, 8, align="right")
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
        draw_mixed(canvas, MARGIN, 9.5 * mm, f"{w.inline('call_list.title')} · {header.audit} · {header.printed}",
                   BODY, 7.5)
        draw_mixed(canvas, width - MARGIN, 9.5 * mm, w.inline("report.page.number", page=page, total=total), BOLD,
                   7.5, align="right")
        canvas.restoreState()
    return draw


def _row(entry: CallEntry) -> list:
    worker = entry.worker
    code = f"{entry.code}\n(for {entry.replaces})" if entry.replaces else entry.code
    return [bold(code, "cell"), para(worker.worker_id if worker else "—", "cell"),
            para(worker.name if worker else "—", "cell"),
            para(worker.department if worker else entry.stratum.get("department", ""), "cell"),
            para(worker.shift if worker else entry.stratum.get("shift", ""), "cell"),
            para(entry.line or "—", "cell"), para(entry.why, "small"), para(entry.status, "cell"), ""]


def build_call_list(entries: Sequence[CallEntry], header: CallListHeader, out: str | os.PathLike,
                    lang: str = "en") -> int:
    """Write the call list to `out` (whole or not at all), its fixed words in `lang` ('en', 'zh' or
    'both'); returns the number of pages."""
    w = Wording(lang) if lang != "en" else ENGLISH
    out = Path(out)
    widths = [width * mm for _label, width in COLUMNS]
    widths.append(WIDTH - sum(widths))
    head = [para(w(label), "cell_head") for label, _w in COLUMNS] + [para(w(NOTES_COLUMN), "cell_head")]
    table = Table([head] + [_row(e) for e in entries], colWidths=widths, repeatRows=1,
                  style=grid_style(), splitInRow=SPLIT_IN_ROW)
    shading = [("BACKGROUND", (0, n), (-1, n), FLAGGED_BAND) for n, e in enumerate(entries, start=1) if e.flagged]
    if shading:
        table.setStyle(TableStyle(shading))
    story = [para(w.inline("call_list.heading", factory=header.factory), "h1"), para(header.audit, "subtitle"),
             Spacer(1, 3 * mm), para(header.draw, "body"), para(header.explanation, "body"), Spacer(1, 2 * mm),
             para(w("call_list.how"), "muted"),
             Spacer(1, 4 * mm), table]
    tmp = out.with_name(f".{out.name}.part")
    counter: dict = {}
    doc = SimpleDocTemplate(str(tmp), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=18 * mm, title=f"Call list: {header.factory}", author="ESCP Field Auditor",
                            subject="Confidential working paper", creator="ESCP Field Auditor",
                            initialFontName=BODY)
    try:
        doc.build(story, canvasmaker=numbered_canvas(_furniture(header, w), counter))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return counter["pages"]
