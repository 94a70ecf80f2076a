"""What a photo import says when it is done: imported, duplicates skipped, each refused file and why.

The Evidence page and the tour's "Add photos" run the same import and report it the same way.
"""

from __future__ import annotations

from auditor_app.store.evidence import BatchResult


def import_summary(result: BatchResult) -> str:
    parts = [f"{len(result.imported)} photo(s) imported"]
    if result.duplicates:
        parts.append(f"{len(result.duplicates)} duplicate(s) skipped")
    if result.failed:
        parts.append(f"{len(result.failed)} could not be imported")
    text = ", ".join(parts) + (" (cancelled)" if result.cancelled else "") + "."
    return text + "".join(f"\n• {err}" for err in result.failed)
