"""A message as a sentence: a capital first letter and a full stop."""

from __future__ import annotations


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
