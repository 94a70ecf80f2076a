"""Fonts for the PDFs: DejaVu Sans for Latin text (`latin_fonts`; Helvetica when it is missing), a CJK
font for Chinese (and any other character the Latin font lacks), registered once with ReportLab.

ReportLab has no font fallback inside a paragraph, so `markup` wraps every run of characters that
the Latin font cannot show in a `<font>` tag naming the CJK font. The CJK font is the first that loads of:
`AUDITOR_APP_CJK_FONT` (a path, for a portable install), fonts the app ships in `resources/fonts/`,
then the usual Windows, macOS and Linux locations. ReportLab embeds only TrueType outlines, so the
OpenType/CFF Noto CJK files are tried but usually refused; WenQuanYi Micro Hei (Debian
fonts-wqy-microhei) and Microsoft YaHei / SimSun load. When none loads, ReportLab's built-in CID font
STSong-Light is used: it is not embedded, so the viewer must supply the glyphs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from auditor_app.reports.latin_fonts import BODY, BOLD, ITALIC, MONO, LatinFont, latin_can, latin_font
from auditor_app.resources import resources_dir

__all__ = ["BODY", "BOLD", "CJK", "ITALIC", "MONO", "CjkFont", "cjk_font", "draw_mixed", "foreign_runs",
           "has_cjk", "latin_font", "markup", "mixed_width"]

CJK = "ReportCJK"
CID_FALLBACK = "STSong-Light"

# (path, index of the face inside a .ttc collection)
SYSTEM_CANDIDATES: tuple[tuple[str, int], ...] = (
    # Linux
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),      # Fedora
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # CFF: usually refused
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    # Windows
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttf", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/Deng.ttf", 0),
    # macOS
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
)


@dataclass(frozen=True)
class CjkFont:
    name: str          # the ReportLab font name to use
    source: str        # the file it came from, or "built-in CID font STSong-Light"
    embedded: bool     # False for the CID fallback: the viewer must have the glyphs


def candidates() -> list[tuple[Path, int]]:
    found: list[tuple[Path, int]] = []
    override = os.environ.get("AUDITOR_APP_CJK_FONT")
    if override:
        found.append((Path(override), 0))
    shipped = resources_dir() / "fonts"
    if shipped.is_dir():
        found += [(p, 0) for p in sorted(shipped.iterdir()) if p.suffix.lower() in (".ttf", ".ttc")]
    found += [(Path(p), i) for p, i in SYSTEM_CANDIDATES]
    windir = os.environ.get("WINDIR")
    if windir:  # Windows installed elsewhere than C:
        found += [(Path(windir) / "Fonts" / n, 0) for n in ("msyh.ttc", "simhei.ttf", "simsun.ttc")]
    return found


@lru_cache(maxsize=1)
def cjk_font() -> CjkFont:
    """Register the CJK font (and the Latin ones) once per process and say which one it is."""
    latin_font()
    for path, index in candidates():
        if not path.is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(CJK, str(path), subfontIndex=index))
        except Exception:  # noqa: BLE001 - CFF outlines, damaged files: try the next one
            continue
        return CjkFont(CJK, str(path), True)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CjkFont(CID_FALLBACK, f"built-in CID font {CID_FALLBACK}", False)


@lru_cache(maxsize=4)
def _ascii_is_latin(font: LatinFont) -> bool:
    """The body font has every ASCII character but DEL (DejaVu and Helvetica do)."""
    return all(latin_can(chr(code), font) for code in range(0x7f))


def foreign_runs(text: str) -> list[tuple[str, bool]]:
    """Split text into (run, needs_cjk_font) pieces, in order: a run needs the CJK font when the Latin
    font has no glyph for its characters."""
    font = latin_font()
    # Nearly every run of a report is plain ASCII: no look-up per character (DEL, which DejaVu lacks, aside).
    if text.isascii() and "\x7f" not in text and _ascii_is_latin(font):
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    start, current = 0, None
    for i, ch in enumerate(text):
        needs = not latin_can(ch, font)
        if current is None:
            current = needs
        elif needs != current:
            out.append((text[start:i], current))
            start, current = i, needs
    if text:
        out.append((text[start:], bool(current)))
    return out


def has_cjk(text: str) -> bool:
    return any(needs for _, needs in foreign_runs(text))


def markup(text: object) -> str:
    """Paragraph markup for plain text: XML-escaped, foreign runs in the CJK font, newlines kept."""
    name = cjk_font().name
    parts = []
    for run, needs in foreign_runs("" if text is None else str(text)):
        safe = escape(run).replace("\n", "<br/>")
        parts.append(f'<font name="{name}">{safe}</font>' if needs else safe)
    return "".join(parts)


def mixed_width(text: str, font: str, size: float) -> float:
    cjk = cjk_font().name
    return sum(pdfmetrics.stringWidth(run, cjk if needs else font, size) for run, needs in foreign_runs(text))


def draw_mixed(canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left") -> None:
    """drawString with the CJK font for the runs the Latin font lacks (page headers, footers, cover lines)."""
    if align == "right":
        x -= mixed_width(text, font, size)
    elif align == "centre":
        x -= mixed_width(text, font, size) / 2
    cjk = cjk_font().name
    for run, needs in foreign_runs(text):
        face = cjk if needs else font
        canvas.setFont(face, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, face, size)
