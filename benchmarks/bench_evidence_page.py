"""Opening the Evidence page of an audit with 500 photos: time to first paint, on the GUI thread.

The real main window (offscreen) on a data folder with one audit whose 500 photos are rows with
their thumbnails already made (as after the background check). Measured from the call that opens
the audit on the Evidence stage to the end of the grid's first paint. Target: at most 100 ms.
Each opening starts from a quiet window, as an auditor's does: what the previous one started in the
background (its rating, its pixel check) is waited for first, not measured as part of the next.
The floor printed beside is a bare QListWidget filled with 500 named items and painted.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from datetime import timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AUDITOR_APP_KEYRING", "off")  # the folder key in a file: a bench machine has no keyring

from benchmarks import bench_evidence_import as camera  # noqa: E402
from benchmarks import scratch_folder  # noqa: E402

PHOTOS = int(os.environ.get("BENCH_PAGE_PHOTOS", "500"))
TARGET_MS = 100
RUNS = 5
SETTLE_S = 10  # at most, for the previous opening's background work to end


def audit_with_photos(store, photos: int) -> str:
    from auditor_app.audits import create_audit
    from auditor_app.store.models import Evidence
    from auditor_app.store.types import utcnow

    with store.transaction() as s:
        audit_id = create_audit(s, audit_type="IAA", factory={"name": "Page Toys Ltd", "headcount_female": 300},
                                team=[{"name": "Li Na", "role": "lead auditor"}]).id
        now = utcnow()
        s.add_all([Evidence(audit_id=audit_id, sha256=f"{n:064x}", original_name=f"IMG_{n:04d}.JPG",
                            media_type="image/jpeg", size=4_000_000, width=4000, height=3000,
                            captured_at=now - timedelta(minutes=n), captured_from="exif", caption="")
                   for n in range(photos)])
    return audit_id


def first_paint(app, widget_of) -> float:
    """Seconds until the widget returned by `widget_of()` has been painted once (event filter)."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watch = Watch()
    started = time.perf_counter()
    widget = widget_of()
    widget.installEventFilter(watch)
    if hasattr(widget, "viewport"):
        widget.viewport().installEventFilter(watch)
    while not painted and time.perf_counter() - started < 10:
        app.processEvents()
    return painted[0] - started


def settle(app) -> None:
    """Until no operation of the window runs (the previous opening's rating, its pixel check)."""
    from auditor_app.ui.operations import running_operations
    from benchmarks.bench_heartbeat import wait

    wait(app, lambda: running_operations() == 0, SETTLE_S)


def main() -> str:
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.ui.app import create_app
    from auditor_app.ui.main_window import MainWindow

    work = scratch_folder("bench-page-")
    app = create_app()
    store = open_store(DataFolder(work / "data"), actor="bench")
    try:
        audit_id = audit_with_photos(store, PHOTOS)
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        settle(app)
        pages, bare = [], []
        for _ in range(RUNS):
            def open_page():
                window.open_audit(audit_id, "evidence")
                return window.audit_view.pages["evidence"].grid

            pages.append(first_paint(app, open_page))
            window.show_list()
            settle(app)

            def bare_grid():
                grid = QListWidget()
                grid.setViewMode(QListWidget.ViewMode.IconMode)
                for n in range(PHOTOS):
                    grid.addItem(QListWidgetItem(f"IMG_{n:04d}.JPG"))
                grid.resize(1366, 768)
                grid.show()
                bare.append(grid)
                return grid

            bare.append(first_paint(app, bare_grid))
            bare[-2].close()
            bare.pop(-2)
        window.close()
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    ms, floor_ms = statistics.median(pages) * 1000, statistics.median(bare) * 1000
    line = (f"evidence page, {PHOTOS} photos: first paint {ms:.0f} ms (median of {RUNS}; target <= {TARGET_MS} ms; "
            f"floor {floor_ms:.0f} ms, a bare list of {PHOTOS} named items): {'OK' if ms <= TARGET_MS else 'MISSED'} "
            f"(load average {camera.load_average()})")
    print(f"   load average {camera.load_average()}")
    print("   " + line)
    return line


if __name__ == "__main__":
    main()
