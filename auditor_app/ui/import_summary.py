"""What a photo import says when it is done: imported, duplicates skipped, each refused file and why.

The Evidence page and the tour's "Add photos" run the same import and report it the same way.
"""

from __future__ import annotations

from auditor_app.store.evidence import BatchResult
from auditor_app.ui.i18n import translate


def import_summary(result: BatchResult) -> str:
    parts = [translate("import_summary", "%n photo(s) imported", "", len(result.imported))]
    if result.duplicates:
        parts.append(translate("import_summary", "%n duplicate(s) skipped", "", len(result.duplicates)))
    if result.failed:
        parts.append(translate("import_summary", "%n could not be imported", "", len(result.failed)))
    text = translate("import_summary", ", ").join(parts)
    text += translate("import_summary", " (cancelled)") if result.cancelled else ""
    return text + translate("import_summary", ".") + "".join(f"\n• {err}" for err in result.failed)
