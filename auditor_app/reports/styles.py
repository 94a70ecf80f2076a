"""The look of both PDFs: paragraph styles, colours, grade colours, and a `para` helper that picks
CJK line-breaking when the text holds Chinese (Chinese has no spaces to break at)."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, TableStyle
from reportlab.platypus import Table as _Table

from auditor_app.reports.fonts import BODY, BOLD, latin_font, markup

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
RULE = colors.HexColor("#C9D1DA")
BAND = colors.HexColor("#EEF2F6")
ACCENT = colors.HexColor("#1D4E89")

# Grade colours: the same in the chart, the badges and the CAP so a reader learns them once.
GRADE_COLOURS = {
    "minor": colors.HexColor("#7FA7D1"),
    "major": colors.HexColor("#E3A33B"),
    "critical": colors.HexColor("#D0572F"),
    "zero_tolerance": colors.HexColor("#7A1F3D"),
}
FALLBACK_GRADE_COLOUR = colors.HexColor("#8894A0")


class Table(_Table):
    """ReportLab's Table with the house's defaults:
    - the body font as its cells' default font (ReportLab's default, Helvetica, would be named on every
      page with a table, unembedded, though no text uses it);
    - `whole_rows`: a row that would fit on a fresh page is never split inside (it moves to the next
      page whole); only a row taller than a page is split inside, so any length of text lays out
      without slicing ordinary rows at the foot of a page. Needs `splitInRow` to split at all."""

    whole_rows = True

    def __init__(self, data, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        if self._nrows and self._ncols:
            self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BODY)]))

    def _next_row_fits_a_page(self, avail_height: float) -> bool:
        """The first row that does not fit in `avail_height` would fit on a fresh page (with the
        repeated header rows), and this is not a fresh page."""
        frame = getattr(self, "_frame", None)
        heights = list(getattr(self, "_rowHeights", None) or [])
        if frame is None or not heights:
            return False
        fresh = frame._height - frame._topPadding - frame._bottomPadding
        used = 0.0
        for height in heights:
            if used + height > avail_height:
                repeat = self.repeatRows if isinstance(self.repeatRows, int) else 0
                return avail_height < fresh - 1 and sum(heights[:repeat]) + height <= fresh
            used += height
        return False

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        self._calc(availWidth, availHeight)
        in_row = self.splitInRow
        if not (in_row and self.whole_rows and self._next_row_fits_a_page(availHeight)):
            return super().split(availWidth, availHeight)
        self.splitInRow = 0  # this time only between rows; the parts may split inside rows again
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row
        for part in parts:
            if isinstance(part, _Table):
                part.splitInRow = in_row
        return parts


def grade_colour(key: str):
    return GRADE_COLOURS.get(key, FALLBACK_GRADE_COLOUR)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    latin_font()  # the names below must be registered before a paragraph is laid out
    base = ParagraphStyle("body", fontName=BODY, fontSize=9, leading=12, textColor=INK)
    s = {"body": base}

    def add(name, **kw):
        s[name] = ParagraphStyle(name, parent=base, **kw)

    add("small", fontSize=7.5, leading=9.5)
    add("muted", fontSize=8, leading=10, textColor=MUTED)
    add("cell", fontSize=8, leading=10)
    add("cell_bold", fontSize=8, leading=10, fontName=BOLD)
    add("cell_head", fontSize=7.5, leading=9, fontName=BOLD, textColor=colors.white)
    add("h1", fontName=BOLD, fontSize=16, leading=20, textColor=ACCENT, spaceBefore=4, spaceAfter=8)
    add("h2", fontName=BOLD, fontSize=12, leading=15, textColor=ACCENT, spaceBefore=10, spaceAfter=5)
    add("h3", fontName=BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3)
    add("title", fontName=BOLD, fontSize=24, leading=30, textColor=ACCENT, alignment=TA_LEFT)
    add("subtitle", fontSize=12, leading=16, textColor=MUTED)
    add("factory", fontName=BOLD, fontSize=18, leading=24)
    add("factory_local", fontSize=16, leading=22)
    add("status", fontName=BOLD, fontSize=15, leading=19, alignment=TA_CENTER, textColor=colors.white)
    add("status_note", fontName=BOLD, fontSize=9, leading=12, alignment=TA_CENTER, textColor=colors.white)
    add("caption", fontSize=7, leading=8.5, textColor=MUTED)
    add("badge", fontName=BOLD, fontSize=7.5, leading=9, textColor=colors.white, alignment=TA_CENTER)
    return s


@lru_cache(maxsize=None)
def _cjk_variant(name: str) -> ParagraphStyle:
    style = styles()[name]
    return ParagraphStyle(f"{name}_cjk", parent=style, wordWrap="CJK")


class Para(Paragraph):
    """A Paragraph that breaks its lines once per width. Tables wrap each cell's paragraph several
    times at the same width (measuring rows, splitting at a page end, drawing); the lines depend on
    the width only, so the last breaking is reused. CJK line breaking is slow in pure Python: this
    halves the layout time of a 300-finding report."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:  # split() drops blPara
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


# Chinese runs up to this long (a label, a name: "工厂意见") break like words, so the English beside
# them keeps its words whole ("Factory comment / 工厂意见"); longer Chinese text is broken the CJK way,
# between any two characters (Chinese has no spaces), where ReportLab may also cut an English word.
SHORT_CHINESE = 12
_TAG = re.compile(r"<[^>]*>")
_CHINESE_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")


def breaks_as_chinese(text: str) -> bool:
    """Text holding a Chinese run longer than SHORT_CHINESE: lines break between any two characters."""
    if text.isascii():
        return False
    return any(len(run) > SHORT_CHINESE for run in _CHINESE_RUN.findall(text))


def para(text: object, style: str = "body", raw: str | None = None) -> Paragraph:
    """A paragraph of plain text (escaped, Chinese in the CJK font). `raw` is trusted markup instead."""
    plain = "" if text is None else str(text)
    body = raw if raw is not None else markup(plain)
    probe = plain if raw is None else _TAG.sub("", raw)
    chosen = _cjk_variant(style) if breaks_as_chinese(probe) else styles()[style]
    return Para(body, chosen)


def bold(text: object, style: str = "body") -> Paragraph:
    return para(text, style, raw=f"<b>{markup(text)}</b>")


def grid_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """The house table: a dark header band, hairlines, light zebra rows."""
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        cmds += [("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT)]
    if zebra:
        cmds += [("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, BAND])]
    return TableStyle(cmds)


def key_value_style() -> TableStyle:
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ])


# A row may be taller than a page (a long description, note or comment): tables split inside a row,
# but not into slivers shorter than this.
SPLIT_IN_ROW = 24


def key_values(rows: list[tuple[str, object]], width: float, key_w: float = 42 * mm) -> Table:
    data = [[bold(k, "cell"), v if not isinstance(v, (str, int, type(None))) else para(v, "cell")]
            for k, v in rows]
    return Table(data, colWidths=[key_w, width - key_w], style=key_value_style(), splitInRow=SPLIT_IN_ROW)


def grid(header: list[str], rows: list[list], widths: list[float]) -> Table:
    head = [para(h, "cell_head") for h in header]
    body = [[c if not isinstance(c, (str, int, type(None))) else para(c, "cell") for c in row] for row in rows]
    return Table([head] + body, colWidths=widths, repeatRows=1, style=grid_style(), splitInRow=SPLIT_IN_ROW)
