"""What every page of one open audit shares: the store, the audit id, its checklist, the writer.

Signals (all on the GUI thread):
- `changed(set[str])`: after every committed write that touched this audit, the table names it
  touched ("meeting", "finding", ...). Pages refresh from it; nobody polls.
- `request_finding(str, dict)`: a page asks the checklist page to raise an NC. The first argument is
  the tour area id ("" when the NC is not about one area); the dict gives hints the NC editor may use:
  `{"tour_area_id": str, "document_check_id": str, "record_inconsistency": bool,
  "description": str, "tag": "record_inconsistency" | ...}` (every key optional). A slot taking only
  `area_id` works too. The audit view switches to the checklist stage when this is emitted.
- `request_stage(str)`: show another stage (one of `vocab.STAGES`).
- `write_failed(object)`: a write for this audit was rolled back (e.g. `AuditFrozen`); the audit view
  shows the message.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from auditor_app.store.models import Audit
from auditor_app.ui.operations import Committed, Operations


class AuditContext(QObject):
    changed = Signal(set)
    request_finding = Signal(str, dict)
    request_stage = Signal(str)
    write_failed = Signal(object)

    def __init__(self, store, audit_id: str, checklist, ops: Operations, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.audit_id = audit_id
        self.checklist = checklist
        self.ops = ops
        ops.writer.committed.connect(self._on_committed)

    # ---- reading: a few rows on the GUI thread is fine ----
    def read(self, fn: Callable[[Any], Any]) -> Any:
        """`fn(session)` in a short read-only session; returned rows stay usable (no expiry)."""
        with self.store.session() as session:
            return fn(session)

    def audit(self) -> Audit:
        return self.read(lambda s: s.get(Audit, self.audit_id))

    def zone(self):
        """The factory's time zone: on-site times show as the people there read them."""
        from auditor_app.audits.time_zones import factory_zone

        return self.read(lambda s: factory_zone(s.get(Audit, self.audit_id).factory))

    def time_text(self, moment, fmt: str = "%Y-%m-%d %H:%M") -> str:
        from auditor_app.audits.time_zones import site_time

        return site_time(moment, self.zone(), fmt)

    def is_frozen(self) -> bool:
        """Finalized (or later): pages show the record but refuse edits."""
        return self.audit().state != "draft"

    # ---- writing: always through the one serial writer ----
    def write(self, fn: Callable[[Any], Any], *, key: Any = None, on_done: Callable | None = None) -> None:
        """Commit `fn(session)` off the GUI thread. With `key`, debounced: only the last fn given for
        the same key within the pause is written (typing). `fn` must look rows up by id in the
        session it gets; never hand it rows read on the GUI thread."""
        on_failure = self.write_failed.emit
        if key is None:
            self.ops.writer.run_write(fn, on_done, on_failure)
        else:
            self.ops.writer.schedule((self.audit_id, key), fn, on_done, on_failure)

    def is_pending(self, key: Any) -> bool:
        """A debounced edit under `key` (as given to `write`) is not in the store yet."""
        return self.ops.writer.is_pending((self.audit_id, key))

    def _on_committed(self, committed: Committed) -> None:
        if self.audit_id in committed.audit_ids:
            self.changed.emit(set(committed.tables))
