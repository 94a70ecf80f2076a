"""The background check of stored photos: decode the pixels, make the display copy, mark damage.

Import stores a photo after a structural check only (`intake_check`). This pass does the rest, a few
photos per call so the caller (the window's background-operation helper, the command line) can
interleave other work and stop between calls: it decodes each original once at JPEG draft scale,
which proves the pixels whole and gives the display copy and the thumbnail, then records the result
in `photo_check`. A photo whose pixels turn out damaged stays evidence: it is marked, with the
decoder's words, and shown plainly as damaged; it is never dropped.

Decoding runs on one thread of its own at a lowered OS priority (Linux: per thread), so a pass never
takes a core from the window or from an import; Pillow releases the GIL while it decodes.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import select

from auditor_app.store.camera_preview import preview_location
from auditor_app.store.db import Store
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.images import EvidenceError, decode_photo, make_derived
from auditor_app.store.models import Evidence, PhotoCheck
from auditor_app.store.models.photo_check import DAMAGED, WHOLE

log = logging.getLogger(__name__)

BATCH = 6          # photos per call: about a third of a second of decoding on a laptop core
NICENESS = 10      # how far the decoding thread steps back for the window and other programs


@dataclass(frozen=True)
class Condition:
    condition: str  # WHOLE or DAMAGED
    reason: str = ""

    @property
    def damaged(self) -> bool:
        return self.condition == DAMAGED


@dataclass
class CheckRound:
    checked: dict[str, Condition] = field(default_factory=dict)  # sha -> what was found
    missing: list[str] = field(default_factory=list)  # originals not on disk: nothing to decode
    remaining: int = 0  # photos still waiting after this round


def _step_back() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
    except (AttributeError, OSError):  # Windows and macOS: no per-thread nice; the thread still helps
        pass


_decoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-check", initializer=_step_back)


def unchecked_photos(store: Store, audit_id: str | None = None) -> list[str]:
    """SHA-256 of photos not decoded yet (of one audit, or of all), oldest import first."""
    with store.session(read_only=True) as s:
        query = (select(Evidence.sha256).outerjoin(PhotoCheck, PhotoCheck.sha256 == Evidence.sha256)
                 .where(PhotoCheck.sha256.is_(None)).order_by(Evidence.created_at))
        if audit_id is not None:
            query = query.where(Evidence.audit_id == audit_id)
        return list(dict.fromkeys(s.scalars(query)))


def conditions(store: Store, shas: Iterable[str] | None = None) -> dict[str, Condition]:
    """What is known of these photos (all, when None); a photo not listed is still waiting."""
    with store.session(read_only=True) as s:
        query = select(PhotoCheck)
        if shas is not None:
            query = query.where(PhotoCheck.sha256.in_(list(shas)))
        return {row.sha256: Condition(row.condition, row.reason) for row in s.scalars(query)}


def check_pending(store: Store, audit_id: str | None = None, limit: int = BATCH,
                  skip: Iterable[str] = (), cancelled: Callable[[], bool] | None = None) -> CheckRound:
    """Check up to `limit` waiting photos; call again while `remaining` (pass the round's `missing`
    as `skip` so an original that is not on disk is not asked for again and again)."""
    skipped = set(skip)
    waiting = [sha for sha in unchecked_photos(store, audit_id) if sha not in skipped]
    result = check_photos(store, waiting[:limit], cancelled)
    result.remaining = len(waiting) - len(result.checked) - len(result.missing)
    return result


def check_photos(store: Store, shas: Iterable[str], cancelled: Callable[[], bool] | None = None) -> CheckRound:
    """Decode each photo, make its copies and record whole or damaged; stops early when cancelled."""
    result = CheckRound()
    for sha in shas:
        if cancelled is not None and cancelled():
            break
        found = _decoder.submit(_decode_one, store, sha).result()
        if found is None:
            result.missing.append(sha)
            continue
        with store.transaction() as s:
            row = s.get(PhotoCheck, sha) or PhotoCheck(sha256=sha)
            row.condition, row.reason = found.condition, found.reason
            s.add(row)
        result.checked[sha] = found
    return result


def _decode_one(store: Store, sha: str) -> Condition | None:
    try:
        data = EvidenceFiles(store.folder).read(sha)
    except FileNotFoundError:
        return None  # reconcile and the re-import that restores it deal with a lost original
    try:
        make_derived(data, sha, store.folder, decode_photo(data, sha))
    except EvidenceError as err:
        return Condition(DAMAGED, err.reason)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure is damage the auditor must see
        log.warning("photo %s could not be decoded: %r", sha, exc)
        return Condition(DAMAGED, f"the photo cannot be decoded ({exc})")
    preview_location(store.folder, sha).unlink(missing_ok=True)  # the real thumbnail replaces it
    return Condition(WHOLE)
