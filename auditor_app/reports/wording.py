"""The reports' fixed words in the reader's language: English, Chinese, or both on one page.

The words are data, like every other sentence the core shows: `resources/messages/report.yaml` holds,
per id, the `en` and `zh` text with the same `{placeholders}` (checked on load by
`checklist/messages.py`). The PDF code names ids, never English.

A report in `both` languages is for a reader who signs what they can read (the CAP, agreed at the
closing meeting with a factory manager who may read no English): each heading, label and sentence
comes in English and in Chinese. Short ones (a column head, a field label) read "English / 中文" on
one line; longer ones stack, the Chinese under the English, so no table column has to be twice as wide.

What the factory and the auditor typed is never translated or doubled: it is printed as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from auditor_app.checklist.messages import Words, template

REPORT_LANGUAGES = ("en", "zh", "both")
CAP_LANGUAGE = "both"  # the CAP's default: the factory manager signs what they can read
# "English / 中文" on one line while the English is this short; longer texts stack.
INLINE_UP_TO = 38


def report_language(value: str | None, default: str = "en") -> str:
    """'en', 'zh' or 'both' for a choice as users write it ('EN', 'zh_CN', 'Both', None -> default)."""
    text = (value or "").strip().lower().replace("-", "_")
    if not text:
        return default
    if text.startswith("zh"):
        return "zh"
    if text in REPORT_LANGUAGES:
        return text
    raise ValueError(f"unknown report language {value!r}; known: {', '.join(REPORT_LANGUAGES)}")


class Wording:
    """The fixed words of one PDF in `en`, `zh` or `both`.

    `w(id, **values)` is the text of a report fragment; a value may be a function of the language
    ("en"/"zh") for words that are themselves translated (a grade, a status), so each language's
    half is whole. `w.pick(fn)` is the same for a label from elsewhere (the rule files, the checklist)."""

    def __init__(self, lang: str = "en"):
        self.lang = report_language(lang)
        self.langs: tuple[str, ...] = ("en", "zh") if self.lang == "both" else (self.lang,)
        self.words = {code: Words(code) for code in self.langs}

    @property
    def colon(self) -> str:
        return "：" if self.lang == "zh" else ":"

    def one(self, fragment_id: str, lang: str, **values: Any) -> str:
        """The fragment in one language ("en" or "zh")."""
        resolved = {k: (v(lang) if callable(v) else v) for k, v in values.items()}
        return template(fragment_id).get(lang).format_map(resolved)

    def __call__(self, fragment_id: str, **values: Any) -> str:
        return self.join([self.one(fragment_id, code, **values) for code in self.langs])

    def inline(self, fragment_id: str, **values: Any) -> str:
        """Both halves on one line whatever their length: page headers and footers, chart legends."""
        return " / ".join(dict.fromkeys(self.one(fragment_id, code, **values) for code in self.langs))

    def marked(self, fragment_id: str, raw: dict[str, Any], **values: Any) -> str:
        """Paragraph markup of the fragment: its words escaped (`markup`), the `raw` values put in as
        markup (a hash in the monospaced font, a coloured notice); a raw value may be a function of
        the language, like any value."""
        from auditor_app.reports.fonts import markup

        slots = {name: f"\ue000{i}\ue001" for i, name in enumerate(raw)}  # private use: never in text
        halves, plain = [], []
        for lang in self.langs:
            by_slot = {slot: (raw[name](lang) if callable(raw[name]) else raw[name]) for name, slot in slots.items()}
            text = self.one(fragment_id, lang, **values, **slots)
            pieces = re.split("(\ue000\\d+\ue001)", text)
            halves.append("".join(by_slot[p] if p in by_slot else markup(p) for p in pieces))
            plain.append(text)
        if len(halves) == 1 or halves[0] == halves[1]:
            return halves[0]
        short = all(len(p) <= INLINE_UP_TO for p in plain)
        return (" / " if short else "<br/>").join(halves)

    def count(self, n: int, stem: str, **values: Any) -> str:
        """`<stem>.one` for 1, else `<stem>.many` (Chinese has one form; the file still has both)."""
        return self(f"{stem}.one" if n == 1 else f"{stem}.many", n=n, **values)

    def count_one(self, n: int, stem: str, lang: str, **values: Any) -> str:
        return self.one(f"{stem}.one" if n == 1 else f"{stem}.many", lang, n=n, **values)

    def pick(self, by_lang: Callable[[str], str]) -> str:
        """A label from elsewhere (a grade, a status, a checkpoint's question) in this wording's languages."""
        return self.join([by_lang(code) for code in self.langs])

    def join(self, parts: list[str]) -> str:
        """One text of the halves: a half equal to the other (a number, a code) once."""
        parts = list(dict.fromkeys(parts))
        if len(parts) == 1:
            return parts[0]
        short = all(len(p) <= INLINE_UP_TO and "\n" not in p for p in parts)
        return (" / " if short else "\n").join(parts)

    def yes_no(self, value: object) -> str:
        return self("report.yes" if value else "report.no")

    # labels of the rule files and the checklist, in this wording's languages
    def grade(self, key: str) -> str:
        return self.pick(lambda code: _or_code(lambda: self.words[code].grade(key), key))

    def status(self, key: str) -> str:
        return self.pick(lambda code: _or_code(lambda: self.words[code].status(key), key))

    def audit_type(self, code: str) -> str:
        """'Initial Annual Audit (IAA)' / '初次年度审核（IAA）'."""
        return self.pick(lambda lang: self.one("report.audit_type", lang, code=code, name=_or_code(
            lambda: self.words[lang].audit_type(code), code)))

    def label(self, group: str, key: str) -> str:
        return self.pick(lambda code: _or_code(lambda: self.words[code].label(group, key), key))


def _or_code(find: Callable[[], str], code: str) -> str:
    """A label, or the stored code itself when this install has no label for it (an older rules file)."""
    try:
        return find()
    except (KeyError, ValueError):
        return code.replace("_", " ")


ENGLISH = Wording("en")
