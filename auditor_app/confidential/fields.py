"""Which values of an audit are confidential, and how a column value splits into them.

- interview.notes: the interviewer's notes, whole (empty notes hide nothing and stay empty);
- interview.quotes: the text of each quote not marked quotable (quotable ones may be printed,
  anonymised, in the report, and stay readable);
- sample_draw.seed: with the roster it names every worker drawn;
- survey_response.comment: what a surveyed worker added in their own words (a Progress Visit).

`hide` turns a column value into its public form (markers in place of the confidential parts) and
lists the parts; `show` puts values back where a lookup knows them. Age flags in the database carry
codes only; the rosters (names, worker ids) are kept outside the database (`kept_rosters`).
"""

from __future__ import annotations

from typing import Any, Callable

from auditor_app.confidential.markers import is_marker

CONFIDENTIAL: dict[str, tuple[str, ...]] = {"interview": ("notes", "quotes"), "sample_draw": ("seed",),
                                            "survey_response": ("comment",)}
TEXTS = ("notes", "comment")  # free text: empty hides nothing and stays empty
# In the auditor's words, for "what is sealed" lines.
SEALED_PARTS = ("interview notes", "quotes not marked quotable", "the draw's seed", "surveyed workers' comments",
                "the rosters "
                "(names, worker ids, birth dates; the call list and age flags with worker ids come from them)")

Mark = Callable[[Any], str]  # a part's value -> its marker


def is_confidential(table: str, field: str) -> bool:
    return field in CONFIDENTIAL.get(table, ())


def hide(table: str, field: str, value: Any, mark: Mark) -> tuple[Any, dict[str, Any]]:
    """(public value, {marker: part}) of one column value; markers already there stay as they are."""
    parts: dict[str, Any] = {}

    def one(part: Any) -> Any:
        if is_marker(part):
            return part
        m = mark(part)
        parts[m] = part
        return m

    if field == "quotes" and isinstance(value, list):
        out = [dict(q, text=one(q["text"])) if _sealed_quote(q) else q for q in value]
        return out, parts
    if field in TEXTS and value in ("", None):
        return value, parts
    if field == "seed" and value is None:
        return value, parts
    return one(value), parts


def show(field: str, value: Any, lookup: Callable[[str], Any]) -> Any:
    """The value with each marker `lookup` knows replaced by its part (`lookup` gives the marker
    itself back for one it does not know: a part sealed for someone else, or erased)."""
    if field == "quotes" and isinstance(value, list):
        return [dict(q, text=lookup(q["text"])) if isinstance(q, dict) and is_marker(q.get("text")) else q
                for q in value]
    return lookup(value) if is_marker(value) else value


def markers_in(field: str, value: Any) -> list[str]:
    if field == "quotes" and isinstance(value, list):
        return [q["text"] for q in value if isinstance(q, dict) and is_marker(q.get("text"))]
    return [value] if is_marker(value) else []


def has_plain_parts(field: str, value: Any) -> bool:
    """True when the value holds a confidential part in the clear (not yet a marker)."""
    if field == "quotes" and isinstance(value, list):
        return any(_sealed_quote(q) and not is_marker(q["text"]) for q in value)
    if field in TEXTS:
        return value not in ("", None) and not is_marker(value)
    return value is not None and not is_marker(value)


def _sealed_quote(q: Any) -> bool:
    return isinstance(q, dict) and not q.get("quotable") and bool(q.get("text"))
