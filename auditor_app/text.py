"""Text from audits and packages made safe to print: control characters shown, not obeyed.

A factory name or a file name inside a `.escp` file comes from someone else's machine. Printed as
it is, an escape sequence in it recolours or rewrites the terminal, and a bidi override reorders
what the reader sees. `printable` shows such characters the way Python writes them (`\\x1b`) and
leaves ordinary text, Chinese included, as it is.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with C0/C1 control, format (bidi, zero-width), unassigned and private characters
    and line/paragraph separators escaped; newlines kept only with `keep_newlines`."""
    text = str(text)
    if text.isprintable():  # the usual case: nothing to do
        return text
    return "".join(ch if _shown(ch, keep_newlines) else _escape(ch) for ch in text)


def dumps_printable(value: Any, **kwargs: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, ...)` with every non-printing character escaped.

    JSON escapes C0 controls itself but leaves C1 controls and bidi overrides raw; outside strings
    the output holds only spaces and newlines, so every such character is inside a string, where
    a `\\uXXXX` escape means the same."""
    out = json.dumps(value, ensure_ascii=False, **kwargs)
    if out.isprintable():
        return out
    return "".join(ch if _shown(ch, True) else _json_escape(ch) for ch in out)


def _shown(ch: str, keep_newlines: bool) -> bool:
    if ch.isprintable():
        return True
    if ch == "\n":
        return keep_newlines
    # Spaces other than " " (the ideographic space of Chinese text, no-break space) are not
    # "printable" to Python but move no cursor and hide nothing.
    return unicodedata.category(ch) == "Zs"


def _escape(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON has no 8-digit escape: a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
