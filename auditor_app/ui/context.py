"""What every page of one open audit shares: the store, the audit id, its checklist, the writer.

Signals (all on the GUI thread):
- `changed(set[str])`: after every committed write that touched this audit, the table names it
  touched ("meeting", "finding", ...). Pages refresh from it; nobody polls.
- `recommendation_changed(LiveRating)`: the recommended status, computed off the GUI thread
  once per burst of changes for every view that shows it (header badge, closing page).
- `request_finding(str, dict)`: a page asks the checklist page to raise an NC. The first argument is
  the tour area id ("" when the NC is not about one area); the dict gives hints the NC editor may use:
  `{"tour_area_id": str, "document_check_id": str, "record_inconsistency": bool, "evidence_ids": [str],
  "interview_ids": [str], "checkpoint_id": str (opens the NC editor on it), "workers_affected": int,
  "frequency": str, "description": str, "tag": "record_inconsistency" | ...}` (every key optional). A slot taking only
  `area_id` works too. The audit view switches to the checklist stage when this is emitted.
- `request_stage(str)`: show another stage (one of `vocab.STAGES`).
- `write_failed(object)`: a write for this audit was rolled back (e.g. `AuditFrozen`); the audit view
  shows the message.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from auditor_app.audits.operation import OpChanges
from auditor_app.audits.rating import live_rating
from auditor_app.checklist.time_zones import factory_zone, site_time
from auditor_app.store.models import Audit, FactoryProfile
from auditor_app.ui.operations import Operations

RATING_DELAY_MS = 400  # one rating for a burst of edits (typing, a batch of answers)
RATED_TABLES = frozenset({"finding", "answer", "audit", "cap_item"})


class AuditContext(QObject):
    changed = Signal(set)
    recommendation_changed = Signal(object)
    rating_failed = Signal(object)
    request_finding = Signal(str, dict)
    request_stage = Signal(str)
    write_failed = Signal(object)

    def __init__(self, store, audit_id: str, checklist, ops: Operations, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.audit_id = audit_id
        self.checklist = checklist
        self.ops = ops
        self.drafts = ops.drafts
        self.recommendation = None
        self._zone = None
        self._profile_changes = 0  # a zone read in a worker before the latest change is not kept
        # True while the pages are told of a change committed outside the writer (`announce`): they
        # read what it changed off the GUI thread.
        self.announcing = False
        ops.writer.committed.connect(self._on_committed)
        self._rating_timer = QTimer(self, singleShot=True, interval=RATING_DELAY_MS)
        self._rating_timer.timeout.connect(self.rate_now)

    # ---- reading: a few rows on the GUI thread is fine ----
    def read(self, fn: Callable[[Any], Any]) -> Any:
        """`fn(session)` in a short session that refuses to write; returned rows stay usable (no expiry)."""
        with self.store.session(read_only=True) as session:
            return fn(session)

    def audit(self) -> Audit:
        return self.read(lambda s: s.get(Audit, self.audit_id))

    def zone(self):
        """The factory's time zone (read once, again when the profile changes)."""
        if self._zone is None:
            self._zone = self.read(self._read_zone)
        return self._zone

    def _read_zone(self, session):
        return factory_zone(session.query(FactoryProfile).filter_by(audit_id=self.audit_id).one_or_none())

    def zone_reader(self) -> Callable[[Any], Callable[[], None]]:
        """For a page's read in a worker: `reader(session)` reads the zone there, unless it is known,
        and returns what keeps it, to call on the GUI thread; a profile changed meanwhile wins. The
        first read of the zone (the profile row, the country's zone) was ~2 ms of the GUI thread at
        the end of an import (issue 17)."""
        known, changes = self._zone is not None, self._profile_changes

        def read(session) -> Callable[[], None]:
            zone = None if known else self._read_zone(session)

            def keep() -> None:
                if zone is not None and self._zone is None and changes == self._profile_changes:
                    self._zone = zone
            return keep

        return read

    def time_text(self, moment, fmt: str = "%Y-%m-%d %H:%M") -> str:
        return site_time(moment, self.zone(), fmt)

    def is_frozen(self) -> bool:
        """Finalized (or later): pages show the record but refuse edits."""
        return self.audit().state != "draft"

    # ---- writing: always an audit operation, through the one serial writer ----
    def write(self, op: Callable, *args, key: Any = None, on_done: Callable | None = None, **kwargs) -> None:
        """Run the audit operation `op(session, *args, **kwargs)` off the GUI thread. With `key`,
        debounced: only the last call for the same key within the pause is written (typing)."""
        on_failure = self.write_failed.emit
        if key is None:
            self.ops.writer.run_write(op, *args, on_done=on_done, on_failure=on_failure, **kwargs)
        else:
            self.ops.writer.schedule((self.audit_id, key), op, *args, on_done=on_done,
                                     on_failure=on_failure, **kwargs)

    def is_pending(self, key: Any) -> bool:
        """A debounced edit under `key` (as given to `write`) is not in the store yet."""
        return self.ops.writer.is_pending((self.audit_id, key))

    def announce(self, tables: set[str]) -> None:
        """Tell the pages about a change committed outside the writer (photo imports: files first).
        Meanwhile `announcing` is true: what they read about it, they read off the GUI thread (an
        import's end, told on the GUI thread, was its longest turn: issue 17)."""
        self.announcing = True
        try:
            self._on_tables(set(tables))
        finally:
            self.announcing = False

    def _on_committed(self, changes: OpChanges) -> None:
        if self.audit_id in changes.audit_ids:
            self._on_tables(set(changes.tables))

    def _on_tables(self, tables: set[str]) -> None:
        if "factory_profile" in tables:
            self._zone = None
            self._profile_changes += 1
        self.changed.emit(tables)
        if tables & RATED_TABLES:
            self._rating_timer.start()

    # ---- the recommendation, once for every view ----
    def rate_now(self) -> None:
        store, audit_id = self.store, self.audit_id

        def rate(_progress):
            with store.session(read_only=True) as session:
                return live_rating(session, audit_id)

        self.ops.run(self, rate, on_success=self._rated, on_failure=self.rating_failed.emit)

    def _rated(self, rec) -> None:
        self.recommendation = rec
        self.recommendation_changed.emit(rec)
