"""What a photo import says when it is done: imported, duplicates skipped, each refused file and why.

The Evidence page and the tour's "Add photos" run the same import and report it the same way.
"""

from __future__ import annotations

from auditor_app.store.evidence import BatchResult
from auditor_app.ui.i18n import translate


def import_summary(result: BatchResult) -> str:
    # The counts are named first: lupdate reads a translate() whose count is a call as no text at all.
    imported, duplicates, failed = len(result.imported), len(result.duplicates), len(result.failed)
    parts = [translate("import_summary", "%n photo(s) imported", "", imported)]
    if duplicates:
        parts.append(translate("import_summary", "%n duplicate(s) skipped", "", duplicates))
    if failed:
        parts.append(translate("import_summary", "%n could not be imported", "", failed))
    text = translate("import_summary", ", ").join(parts)
    text += translate("import_summary", " (cancelled)") if result.cancelled else ""
    return text + translate("import_summary", ".") + "".join(f"\n• {err}" for err in result.failed)
