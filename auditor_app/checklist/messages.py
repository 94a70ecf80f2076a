"""Messages the rule engine produces: an id, its parameters and the English text.

Rating reasons, roster triage groups and age flags are built here from an id and plain parameters
(strings, numbers, booleans, lists and dicts of them: JSON as it is), never as prose assembled at the
place where the rule fires. The English text is rendered from the id and the parameters by the
renderer registered for that id, so another language needs only another set of renderers, and a
test can check that every message's text is exactly what its id and parameters give.

Parameter conventions (the renderers rely on them):
- `findings`: a list of {"checkpoint": "6.1", "finding": "<finding id>"}; shown as
  "checkpoint 6.1" (or "6.1 (2 NCs)"): no internal id in the text, the finding ids stay in the parameters;
- dates are ISO strings (YYYY-MM-DD); moments are ISO strings with their offset, printed as the
  people on site read them: "2026-11-20 17:30 UTC+08:00";
- shares are given as two whole numbers (`num`, `den`) so that nothing is rounded before rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

Renderer = Callable[[Mapping[str, Any]], str]

_EN: dict[str, Renderer] = {}


@dataclass(frozen=True)
class Message:
    id: str
    params: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "params": dict(self.params), "text": self.text}


def english(message_id: str) -> Callable[[Renderer], Renderer]:
    """Register the English renderer of one message id (at import time; ids are unique)."""
    def register(render: Renderer) -> Renderer:
        if message_id in _EN:
            raise ValueError(f"message id {message_id!r} registered twice")
        _EN[message_id] = render
        return render
    return register


def known_ids() -> tuple[str, ...]:
    return tuple(sorted(_EN))


def render(message_id: str, params: Mapping[str, Any], language: str = "en") -> str:
    if language != "en":
        raise ValueError(f"no renderer for language {language!r} yet; known: en")
    try:
        renderer = _EN[message_id]
    except KeyError:
        raise KeyError(f"unknown message id {message_id!r}") from None
    return renderer(params)


def message(message_id: str, **params: Any) -> Message:
    """A message with its English text rendered from the id and the parameters."""
    return Message(message_id, params, render(message_id, params))


# ---- shared pieces of English ----

def refs(findings: list[Mapping[str, str]]) -> str:
    """'checkpoint 6.1' or 'checkpoints 6.1 (2 NCs), 6.3': the auditor's words, never internal ids (the
    finding ids stay in the message's parameters for machines)."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["checkpoint"]] = counts.get(f["checkpoint"], 0) + 1
    word = "checkpoint" if len(counts) == 1 else "checkpoints"
    return f"{word} " + ", ".join(cp if n == 1 else f"{cp} ({n} NCs)" for cp, n in counts.items())


def pct(num: int, den: int) -> str:
    value = Fraction(num, den) * 100
    return f"{value.numerator // value.denominator} %" if value.denominator == 1 else f"{float(value):.1f} %"


def share_pct(share: float | str) -> str:
    """A threshold written in a rules file (0.3) as '30 %'."""
    value = Fraction(str(share)) * 100
    return f"{value.numerator // value.denominator} %" if value.denominator == 1 else f"{float(value):.1f} %"


def site_moment(iso: str) -> str:
    """An ISO moment with its offset as people on site read it: '2026-11-20 17:30 UTC+08:00'."""
    moment = datetime.fromisoformat(iso)
    offset = moment.strftime("%z")
    label = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{moment.strftime('%Y-%m-%d %H:%M')} {label}"


def listing(items: list[str], conjunction: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} {items[-1]}"
