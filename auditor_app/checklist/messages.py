"""Messages the core produces: an id and parameters, rendered in English or Simplified Chinese.

Rating reasons, finalize gaps, age flags, roster triage and roster errors, hours findings: the rule
engine chooses a message id and plain parameters (strings, numbers, booleans, lists and dicts of them:
JSON as it is, and codes rather than labels: `"status": "assessed"`, `"grade": "minor"`), never prose.
The words are data: resources/messages/*.yaml holds, per id, its `en` and `zh` text with `{placeholders}`
(checked on load: both languages present and non-blank, the same placeholders in both, ids unique
across the files). An id under `messages:` is a whole message; one under `fragments:` is a piece a
message is built from (a plural, a clause that is there or not).

A message whose text needs more than its parameters put in place (a list of checkpoints, a label, a
clause chosen by a flag) has a *preparer*, registered with `@prepares(id)`: a function of the
parameters and a `Words` of the language that returns the template's values, built from fragments and
labels in that language. Preparers choose; they hold no words of any language.

    msg = message("open_critical", findings=[...], status="assessed")
    msg.text            # English (also str(msg)), computed once: what screens and reports print today
    msg.render("zh")    # the same message in Chinese ("zh", "zh_CN", "en" ...)
    render(id, params, "zh")

Parameter conventions (the preparers rely on them):
- `findings`: a list of {"checkpoint": "6.1", "finding": "<finding id>"}; shown as
  "checkpoint 6.1" (or "6.1 (2 NCs)"): no internal id in the text, the finding ids stay in the parameters;
- dates are ISO strings (YYYY-MM-DD); moments are ISO strings with their offset, printed as the
  people on site read them: "2026-11-20 17:30 UTC+08:00";
- shares are given as two whole numbers (`num`, `den`) so that nothing is rounded before rendering.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor_app.checklist.definition import lang_code
from auditor_app.checklist.labels import Text, label
from auditor_app.resources import RulesFileError, load_rules, resources_dir, shipped_resources_dir

MESSAGES_DIR = "messages"
LANGS = ("en", "zh")

Preparer = Callable[[Mapping[str, Any], "Words"], Mapping[str, Any]]

_PREPARERS: dict[str, Preparer] = {}


# ---- the message value ----

@dataclass(frozen=True)
class Message:
    """A message id and its parameters. `text` (and `str()`) is the English, rendered once when the
    message is made, so a message that cannot be rendered fails where it is made."""

    id: str
    params: Mapping[str, Any] = field(default_factory=dict)
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.text:
            object.__setattr__(self, "text", render(self.id, self.params, "en"))

    def render(self, lang: str | None = "en") -> str:
        return self.text if lang_code(lang) == "en" else render(self.id, self.params, lang)

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "params": dict(self.params), "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """A message kept as {"id", "params"} (e.g. with a stored age flag)."""
        return cls(str(data["id"]), dict(data.get("params") or {}))


class MessageText(str):
    """A message as its English text: a `str` (joined, compared, written to JSON and logs as before)
    that still renders in another language, like a Message. For notes that callers have always handled
    as strings (a roster's or an hours file's warnings)."""

    id: str
    params: Mapping[str, Any]

    def __new__(cls, message_id: str, params: Mapping[str, Any] | None = None) -> MessageText:
        said = Message(message_id, dict(params or {}))
        text = super().__new__(cls, said.text)
        text.id, text.params = said.id, said.params
        return text

    @property
    def text(self) -> str:
        return str.__str__(self)

    def render(self, lang: str | None = "en") -> str:
        return self.text if lang_code(lang) == "en" else render(self.id, self.params, lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return (MessageText, (self.id, dict(self.params)))


def message_text(message_id: str, **params: Any) -> MessageText:
    """A message kept as its English string (see MessageText)."""
    return MessageText(message_id, params)


def message(message_id: str, **params: Any) -> Message:
    """A message from its id and parameters (its English text rendered at once)."""
    return Message(message_id, params)


def text_in(value: Any, lang: str | None = "en") -> str:
    """A Message (or anything with `render`) in `lang`; anything else as `str()`."""
    render_in = getattr(value, "render", None)
    return render_in(lang) if callable(render_in) else str(value)


# ---- the texts: resources/messages/*.yaml ----

@dataclass(frozen=True)
class Template:
    id: str
    en: str
    zh: str
    fragment: bool
    file: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: Text
    zh: Text


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_: Literal["escp-messages/1"] = Field(alias="schema")
    messages: dict[str, _Entry] = Field(default_factory=dict)
    fragments: dict[str, _Entry] = Field(default_factory=dict)


def placeholders(template: str) -> set[str]:
    """The names of the `{placeholders}` of a template ("{hours:g}" -> "hours")."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            if not name or not name.isidentifier():
                raise ValueError(f"placeholder {{{name}}} is not a name")
            names.add(name)
    return names


def parse_messages(files: Iterable[Path]) -> dict[str, Template]:
    out: dict[str, Template] = {}
    for path in files:
        parsed = load_rules(_File, path)
        for section, fragment in (("messages", False), ("fragments", True)):
            for key, entry in getattr(parsed, section).items():
                where = f"{section}.{key}"
                if key in out:
                    raise RulesFileError(path, where, f"message id {key!r} is also in {out[key].file}")
                try:
                    en, zh = placeholders(entry.en), placeholders(entry.zh)
                except ValueError as exc:
                    raise RulesFileError(path, where, str(exc)) from None
                if en != zh:
                    only_en, only_zh = sorted(en - zh), sorted(zh - en)
                    raise RulesFileError(path, f"{where}.zh", "the placeholders differ between en and zh: "
                                         + "; ".join(part for part in (
                                             f"only in en: {', '.join(only_en)}" if only_en else "",
                                             f"only in zh: {', '.join(only_zh)}" if only_zh else "") if part))
                out[key] = Template(key, entry.en, entry.zh, fragment, path.name)
    return out


@lru_cache(maxsize=None)
def load_messages(folder: str = MESSAGES_DIR) -> dict[str, Template]:
    """Every message and fragment of resources/messages/, by id. The app's own words: a resources
    folder set by AUDITOR_APP_RESOURCES without messages/ (a test's rules) falls back to the shipped one."""
    directory = Path(folder) if Path(folder).is_absolute() else resources_dir() / folder
    if not Path(folder).is_absolute() and not directory.is_dir():
        directory = shipped_resources_dir() / folder
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise RulesFileError(directory, "", "no message files (*.yaml)")
    _load_preparers()
    return parse_messages(files)


def _load_preparers() -> None:
    """Import the checklist's modules that register preparers, so that their messages render wherever
    they are asked. The preparers of `audits.completeness` and `hours` register when those modules are
    imported, which they are wherever their messages are made (checklist imports nothing above it)."""
    from auditor_app.checklist import age_flags, rating_text, roster, roster_checks, roster_summary  # noqa: F401


def known_ids(fragments: bool = False) -> tuple[str, ...]:
    """The ids of whole messages (with `fragments`, also of the pieces)."""
    return tuple(sorted(k for k, t in load_messages().items() if fragments or not t.fragment))


def lists_joined(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    """A preparer for messages that quote lists of codes (field names, statuses): each list joined in
    the language ("a, b" / "a、b"). Registered for each such id: `prepares(id)(lists_joined)`."""
    return {key: w.join(value) if isinstance(value, list) else value for key, value in p.items()}


def prepares(message_id: str) -> Callable[[Preparer], Preparer]:
    """Register the function that turns a message's parameters into its template's values."""
    def register(prepare: Preparer) -> Preparer:
        if message_id in _PREPARERS and _PREPARERS[message_id] is not prepare:
            raise ValueError(f"message id {message_id!r} has two preparers")
        _PREPARERS[message_id] = prepare
        return prepare
    return register


def preparer_ids() -> tuple[str, ...]:
    _load_preparers()
    return tuple(sorted(_PREPARERS))


def template(message_id: str) -> Template:
    try:
        return load_messages()[message_id]
    except KeyError:
        raise KeyError(f"unknown message id {message_id!r} (resources/{MESSAGES_DIR}/)") from None


def render(message_id: str, params: Mapping[str, Any], language: str | None = "en") -> str:
    """The text of a message in a language ("en", "zh" or a locale name)."""
    lang = lang_code(language)
    found = template(message_id)
    prepare = _PREPARERS.get(message_id)
    try:
        values = prepare(params, Words(lang)) if prepare is not None else params
    except KeyError as exc:
        raise KeyError(f"message {message_id!r} ({found.file}) needs the value {exc.args[0]!r}") from None
    return _fill(found, lang, values)


def _fill(found: Template, lang: str, values: Mapping[str, Any]) -> str:
    try:
        return found.get(lang).format_map(values)
    except KeyError as exc:
        raise KeyError(f"message {found.id!r} ({found.file}) needs the value {exc.args[0]!r}") from None


# ---- pieces of text in one language, for the preparers ----

class Words:
    """Fragments, labels and figures in one language."""

    def __init__(self, lang: str):
        self.lang = lang_code(lang)

    def t(self, fragment_id: str, **values: Any) -> str:
        """A fragment (or message) of resources/messages/ filled with `values`."""
        return _fill(template(fragment_id), self.lang, values)

    def message(self, message_id: str, params: Mapping[str, Any]) -> str:
        return render(message_id, params, self.lang)

    def count(self, n: int, stem: str, **values: Any) -> str:
        """`<stem>.one` for 1, else `<stem>.many`, filled with n and `values`."""
        return self.t(f"{stem}.one" if n == 1 else f"{stem}.many", n=n, **values)

    def either(self, condition: Any, yes: str, no: str, **values: Any) -> str:
        return self.t(yes if condition else no, **values)

    def join(self, items: Iterable[Any]) -> str:
        return self.t("list.sep").join(str(i) for i in items)

    def listing(self, items: Iterable[Any], conjunction: str = "and") -> str:
        """'a, b and c' / 'a、b和c'."""
        items = [str(i) for i in items]
        if len(items) <= 1:
            return "".join(items)
        return self.t(f"list.{conjunction}", head=self.join(items[:-1]), last=items[-1])

    def refs(self, findings: list[Mapping[str, str]]) -> str:
        """'checkpoint 6.1' or 'checkpoints 6.1 (2 NCs), 6.3': the auditor's words, never internal ids
        (the finding ids stay in the message's parameters for machines)."""
        counts: dict[str, int] = {}
        for f in findings:
            counts[f["checkpoint"]] = counts.get(f["checkpoint"], 0) + 1
        listed = self.join(cp if n == 1 else self.t("refs.repeated", checkpoint=cp, n=n) for cp, n in counts.items())
        return self.t("refs.one" if len(counts) == 1 else "refs.many", list=listed)

    def pct(self, num: int, den: int) -> str:
        return self.t("pct", value=_percent(Fraction(num, den) * 100))

    def share_pct(self, share: float | str) -> str:
        """A threshold written in a rules file (0.3) as '30 %'."""
        return self.t("pct", value=_percent(Fraction(str(share)) * 100))

    def moment(self, iso: str) -> str:
        return site_moment(iso)

    # labels of the rule files, in this language
    def status(self, key: str) -> str:
        from auditor_app.checklist.status_rules import load_status_rules

        s = load_status_rules().statuses[key]
        return s.label_zh if self.lang == "zh" else s.label

    def audit_type(self, code: str, lower: bool = False) -> str:
        from auditor_app.checklist.status_rules import load_status_rules

        rules = load_status_rules()
        if self.lang == "zh":
            return rules.audit_types_zh[code]
        return rules.audit_types[code].lower() if lower else rules.audit_types[code]

    def grade(self, key: str) -> str:
        from auditor_app.checklist.grades import grade

        return grade(key).text(self.lang)

    def raise_reason(self, key: str, lower: bool = False) -> str:
        from auditor_app.checklist.grades import raise_to

        text = raise_to().reason(key).text("label", self.lang)
        return text.lower() if lower and self.lang == "en" else text

    def label(self, group: str, key: str) -> str:
        return label(group, key, self.lang)


def _percent(value: Fraction) -> str:
    return f"{value.numerator // value.denominator}" if value.denominator == 1 else f"{float(value):.1f}"


# ---- language-neutral figures ----

def pct(num: int, den: int) -> str:
    """English '30 %' (Words.pct gives the language's form)."""
    return Words("en").pct(num, den)


def share_pct(share: float | str) -> str:
    return Words("en").share_pct(share)


def site_moment(iso: str) -> str:
    """An ISO moment with its offset as people on site read it: '2026-11-20 17:30 UTC+08:00'."""
    moment = datetime.fromisoformat(iso)
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{moment.strftime('%Y-%m-%d %H:%M')} {zone}"
