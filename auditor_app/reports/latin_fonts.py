"""The font of the Latin text of both PDFs: DejaVu Sans, embedded (subset), so a report reads the same in
every viewer; Helvetica (not embedded: the viewer supplies it) only when no DejaVu file is found.

ReportLab knows the fonts by the fixed names below whichever file backs them, so styles and markup
never change with the machine. The files are looked for in `resources/fonts/` (a font the app may
ship), then the usual system folders (Debian `fonts-dejavu-core`, installed by
`scripts/system-deps.sh`: regular, bold and mono; the obliques come with `fonts-dejavu-extra` and are
replaced by the upright faces when absent). Registration happens once, on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from auditor_app.resources import resources_dir

BODY = "ReportSans"
BOLD = "ReportSans-Bold"
ITALIC = "ReportSans-Italic"
BOLD_ITALIC = "ReportSans-BoldItalic"
MONO = "ReportMono"

SYSTEM_DIRS = (
    "/usr/share/fonts/truetype/dejavu",     # Debian, Ubuntu
    "/usr/share/fonts/dejavu-sans-fonts",   # Fedora
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",                 # Arch
    "/Library/Fonts",
    "C:/Windows/Fonts",
)
# ReportLab name -> (DejaVu file, the name it falls back to within DejaVu, the built-in face)
FACES = {
    BODY: ("DejaVuSans.ttf", None, "Helvetica"),
    BOLD: ("DejaVuSans-Bold.ttf", None, "Helvetica-Bold"),
    ITALIC: ("DejaVuSans-Oblique.ttf", "DejaVuSans.ttf", "Helvetica-Oblique"),
    BOLD_ITALIC: ("DejaVuSans-BoldOblique.ttf", "DejaVuSans-Bold.ttf", "Helvetica-BoldOblique"),
    MONO: ("DejaVuSansMono.ttf", None, "Courier"),
}


@dataclass(frozen=True)
class LatinFont:
    source: str                     # the folder of the DejaVu files, or "built-in Helvetica"
    embedded: bool                  # False: Helvetica, which the viewer must supply
    covered: frozenset[int] | None  # code points the body font has (None: Helvetica's WinAnsi)


def font_dirs() -> list[Path]:
    return [resources_dir() / "fonts"] + [Path(d) for d in SYSTEM_DIRS]


def _find(name: str) -> Path | None:
    for folder in font_dirs():
        path = folder / name
        if path.is_file():
            return path
    return None


_lock = threading.Lock()
_latin: LatinFont | None = None


def _register_dejavu() -> LatinFont | None:
    regular, bold = _find("DejaVuSans.ttf"), _find("DejaVuSans-Bold.ttf")
    if regular is None or bold is None:
        return None
    fonts = []
    try:
        for name, (file, fallback, builtin) in FACES.items():
            path = _find(file) or (_find(fallback) if fallback else None)
            fonts.append(TTFont(name, str(path)) if path else pdfmetrics.Font(name, builtin, "WinAnsiEncoding"))
    except Exception:  # noqa: BLE001 - a damaged file: fall back to Helvetica rather than fail the report
        return None
    for font in fonts:
        pdfmetrics.registerFont(font)
    face = pdfmetrics.getFont(BODY).face
    return LatinFont(str(regular.parent), True, frozenset(getattr(face, "charToGlyph", {})))


def latin_font() -> LatinFont:
    """Register the Latin fonts once per process (DejaVu Sans, else Helvetica) and say which."""
    global _latin
    with _lock:
        if _latin is None:
            found = _register_dejavu()
            if found is None:
                for name, (_file, _fallback, builtin) in FACES.items():
                    pdfmetrics.registerFont(pdfmetrics.Font(name, builtin, "WinAnsiEncoding"))
                found = LatinFont("built-in Helvetica", False, None)
            addMapping(BODY, 0, 0, BODY)
            addMapping(BODY, 1, 0, BOLD)
            addMapping(BODY, 0, 1, ITALIC)
            addMapping(BODY, 1, 1, BOLD_ITALIC)
            _latin = found
        return _latin


def _cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def latin_can(ch: str, font: LatinFont | None = None) -> bool:
    """Whether the body font has a glyph for `ch` (control characters count as yes: they are layout)."""
    code = ord(ch)
    if code < 0x20:
        return True
    covered = (font or latin_font()).covered
    return code in covered if covered is not None else _cp1252(ch)
