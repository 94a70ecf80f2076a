"""The language of the window: English or Simplified Chinese, the Qt way.

Every text the UI shows goes through `self.tr()` or `translate(context, text)`; the Chinese is in
`resources/i18n/auditor_app_zh_CN.ts` (updated by `pyside6-lupdate`, compiled to `.qm` by
`pyside6-lrelease`: `make translations`). Which language: `AUDITOR_APP_LANG` (zh_CN, en; tests and
screenshots) over the choice in Settings (kept in the data folder, `ui-settings.ini`) over the system
locale. A change in Settings takes effect at the next start.

The words of the standard itself (stages, grades, statuses, audit types, answers ...) come from
`resources/rules` in the chosen language through the helpers below, never through the `.ts` file, so
the checklist, the report and the window use the same words. Code never keys on a displayed text.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from auditor_app.resources import resources_dir

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

ENV_VAR = "AUDITOR_APP_LANG"
SETTINGS_FILE = "ui-settings.ini"
LANGUAGE_KEY = "ui/language"          # "", "en" or "zh_CN" ("" = follow the system)
REPORT_LANGUAGE_KEY = "report/language"  # "en", "zh" or "both": read by the report export
LANGUAGES = ("en", "zh_CN")
REPORT_LANGUAGES = ("en", "zh", "both")
CATALOG = "auditor_app"

_current = "en"
_installed: list[QTranslator] = []


def settings(data_root: Path | str) -> QSettings:
    """The app's settings, kept in the data folder (each data folder, a test's or a USB stick's, has its own)."""
    return QSettings(str(Path(data_root) / SETTINGS_FILE), QSettings.Format.IniFormat)


def normalize(value: str | None) -> str:
    """'zh', 'zh_CN', 'zh-Hans', 'zh_CN.UTF-8' -> 'zh_CN'; 'en...', 'C' -> 'en'; '' or None -> ''."""
    text = (value or "").strip()
    if not text:
        return ""
    return "zh_CN" if text.lower().replace("-", "_").startswith("zh") else "en"


def system_language() -> str:
    locale = QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def chosen_language(data_root: Path | str | None = None) -> str:
    """'en' or 'zh_CN': AUDITOR_APP_LANG, else the choice in Settings, else the system locale."""
    from_env = normalize(os.environ.get(ENV_VAR))
    if from_env:
        return from_env
    if data_root is not None:
        stored = normalize(str(settings(data_root).value(LANGUAGE_KEY, "") or ""))
        if stored:
            return stored
    return system_language()


def catalog_folder() -> Path:
    return resources_dir() / "i18n"


def install(app: QCoreApplication, language: str) -> bool:
    """Load the app's catalogue of `language` into `app` (for English only its plural forms: "1 photo",
    "3 photos") and, for Chinese, Qt's own (OK, Cancel, Yes, No). Returns whether the app's catalogue
    was loaded. Calling it again replaces what it installed."""
    global _current
    uninstall(app)
    language = normalize(language) or "en"
    _current = language
    catalogues = [(f"{CATALOG}_{language}", catalog_folder())]
    if language != "en":
        catalogues.append((f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded = False
    for name, folder in catalogues:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded = loaded or name.startswith(CATALOG)
        else:
            log.warning("translation %s not found in %s", name, folder)
    if not loaded and language != "en":
        _current = "en"
        QLocale.setDefault(QLocale.system())
    return loaded


def uninstall(app: QCoreApplication) -> None:
    global _current
    while _installed:
        app.removeTranslator(_installed.pop())
    if _current != "en":
        QLocale.setDefault(QLocale.system())
    _current = "en"


def current() -> str:
    """The language the window shows: 'en' or 'zh_CN'."""
    return _current


def report_language(data_root: Path | str) -> str:
    """The report language chosen in Settings ('en', 'zh' or 'both'); unset, the window's language."""
    chosen = str(settings(data_root).value(REPORT_LANGUAGE_KEY, "") or "")
    if chosen in REPORT_LANGUAGES:
        return chosen
    return "zh" if is_chinese() else "en"


def lang() -> str:
    """The window's language as the rule files name it: 'en' or 'zh' (for `label(group, key, lang)`)."""
    return "zh" if _current.startswith("zh") else "en"


def is_chinese() -> bool:
    return lang() == "zh"


# ---- the words of the standard, from resources/rules, in the window's language ----

def vocab(group: str, key: str, fallback: str | None = None) -> str:
    """A label of resources/rules/labels.yaml (areas, stages, answers, strata, forms ...)."""
    from auditor_app.checklist.labels import label

    try:
        return label(group, key, lang())
    except KeyError:
        return fallback if fallback is not None else key


def stage_label(stage: str) -> str:
    return vocab("stages", stage)


def team_role_label(code: str) -> str:
    """A role in the audit team (lead auditor, auditor, PV specialist, trainee)."""
    return vocab("team_roles", code)


def audit_type_name(code: str) -> str:
    if is_chinese():
        from auditor_app.checklist.status_rules import load_status_rules

        return load_status_rules().audit_types_zh.get(code, code)
    from auditor_app.store.vocab import AUDIT_TYPES

    return AUDIT_TYPES.get(code, code)


def status_label(code: str, fallback: str = "") -> str:
    from auditor_app.checklist.status_rules import load_status_rules

    status = load_status_rules().statuses.get(code)
    if status is None:
        return fallback or code
    return status.label_zh if is_chinese() else status.label


def grade_label(key: str) -> str:
    from auditor_app.checklist.grades import grade

    try:
        return grade(key).text(lang())
    except KeyError:
        return key


def message_text(msg) -> str:
    """A core message (an id and parameters) in the window's language; its English text until the core
    renders that language."""
    text = getattr(msg, "text", str(msg))
    if not is_chinese() or not getattr(msg, "id", None):
        return text
    from auditor_app.checklist import messages

    try:
        return messages.render(msg.id, msg.params, lang())
    except (ValueError, KeyError, TypeError):
        return text


# ---- words of the app that are not in resources/rules ----

def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for the .ts file without translating it here (translated where it is shown)."""
    return text


_STATES = {
    "draft": QT_TRANSLATE_NOOP("AuditState", "draft"),
    "finalized": QT_TRANSLATE_NOOP("AuditState", "finalized"),
    "submitted": QT_TRANSLATE_NOOP("AuditState", "submitted"),
    "accepted": QT_TRANSLATE_NOOP("AuditState", "accepted"),
    "returned": QT_TRANSLATE_NOOP("AuditState", "returned"),
}


def state_label(state: str) -> str:
    """An audit's state (draft, finalized ...) in the window's language."""
    return translate("AuditState", _STATES[state]) if state in _STATES else state


_SYNC_WORDS = {
    "not queued": QT_TRANSLATE_NOOP("SyncBadge", "not queued"),
    "waiting": QT_TRANSLATE_NOOP("SyncBadge", "waiting"),
    "sending": QT_TRANSLATE_NOOP("SyncBadge", "sending"),
    "sent": QT_TRANSLATE_NOOP("SyncBadge", "sent"),
    "failed": QT_TRANSLATE_NOOP("SyncBadge", "failed"),
}


def sync_badge_key(text: str) -> str:
    """The code a sync badge's text starts with (`sync.status`: not queued, waiting, sending, sent, failed)."""
    return next((key for key in _SYNC_WORDS if text == key or text.startswith(key + " ")), "")


def sync_badge_text(text: str) -> str:
    """A sync badge ("sent 6 Dec 08:40 UTC") in the window's language."""
    from datetime import datetime

    key = sync_badge_key(text)
    if not key:
        return text
    rest = text[len(key):].strip()
    if rest and is_chinese():
        try:
            when = datetime.strptime(rest.removesuffix(" UTC"), "%d %b %H:%M")
            rest = f"{when.month}月{when.day}日 {when:%H:%M} UTC"
        except ValueError:
            pass
    word = translate("SyncBadge", _SYNC_WORDS[key])
    return f"{word} {rest}" if rest else word


def _document_words() -> dict[str, str]:
    """English name -> Chinese of every document request and its category (document-requests.yaml)."""
    global _DOCUMENT_WORDS
    if _DOCUMENT_WORDS is None:
        from auditor_app.resources import load_yaml

        words: dict[str, str] = {}
        try:
            for category in load_yaml("rules/document-requests.yaml").get("categories") or []:
                words[category["name"]] = category.get("name_zh") or category["name"]
                for doc in category.get("documents") or []:
                    words[doc["name"]] = doc.get("name_zh") or doc["name"]
        except (OSError, KeyError, TypeError, AttributeError, ValueError) as exc:
            log.warning("document request names not read: %s", exc)
        _DOCUMENT_WORDS = words
    return _DOCUMENT_WORDS


_DOCUMENT_WORDS: dict[str, str] | None = None


def document_text(name: str) -> str:
    """A requested document's name or category as stored (English) -> in the window's language."""
    return _document_words().get(name, name) if is_chinese() else name


_GAP_REASONS = {
    "not_available": QT_TRANSLATE_NOOP("GapReason", "Not available"),
    "absent": QT_TRANSLATE_NOOP("GapReason", "Worker absent"),
    "refused": QT_TRANSLATE_NOOP("GapReason", "Refused"),
    "not_applicable": QT_TRANSLATE_NOOP("GapReason", "Not applicable"),
    "other": QT_TRANSLATE_NOOP("GapReason", "Other"),
}
_NOT_INTERVIEWED = {
    "not_available": QT_TRANSLATE_NOOP("GapReason", "not available"),
    "absent": QT_TRANSLATE_NOOP("GapReason", "absent"),
    "refused": QT_TRANSLATE_NOOP("GapReason", "refused"),
    "not_applicable": QT_TRANSLATE_NOOP("GapReason", "not applicable"),
    "other": QT_TRANSLATE_NOOP("GapReason", "not interviewed"),
}


def gap_reason_label(reason: str) -> str:
    """Why a gap was closed (audits.gaps GAP_REASONS), as the Gaps dialog offers it."""
    return translate("GapReason", _GAP_REASONS[reason]) if reason in _GAP_REASONS else reason


def not_interviewed_word(reason: str) -> str:
    """A drawn worker not interviewed, by the reason the gap was closed with (checklist.call_list STATUS_WORDS)."""
    return translate("GapReason", _NOT_INTERVIEWED.get(reason, _NOT_INTERVIEWED["other"]))


def stratum_value(dimension: str, value: str) -> str:
    """A roster value as recorded, its code words (gender, contract type, migrant) in the window's language."""
    if dimension == "age_band" and value:
        from auditor_app.checklist.sampling import age_band_label

        return age_band_label(str(value), lang())
    group = {"gender": "genders", "contract_type": "contract_types", "migrant": "migrant"}.get(dimension)
    if group is None or not value:
        return str(value)
    return vocab(group, str(value), fallback=str(value))
