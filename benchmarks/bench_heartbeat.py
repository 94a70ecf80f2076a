"""Is the GUI ever frozen? A heartbeat on the GUI thread while 100 camera photos are imported.

The real main window (offscreen) on a fresh data folder with one audit, on the Evidence stage. The
Evidence page's "Import camera card folder…" is clicked with the folder dialog answered by the bench;
the import (photos appear as they are stored, with the camera's preview) and then the background
check of their pixels run as the page runs them. Meanwhile a 10 ms QTimer on the GUI thread records
when it fires: a gap much longer than 10 ms is a time the window could not repaint or take a click.
Targets: no gap over 50 ms and the 99th percentile at most 16 ms (one frame at 60 Hz), until every
photo has its tile and every tile in view its thumbnail; the figures until the background check has finished are printed beside.

The photos are the 12-megapixel camera JPEGs of `bench_evidence_import` (cached in bench-out/).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AUDITOR_APP_KEYRING", "off")  # the folder key in a file: a bench machine has no keyring

from benchmarks import bench_evidence_import as camera  # noqa: E402
from benchmarks import scratch_folder  # noqa: E402

PHOTOS = int(os.environ.get("BENCH_HEARTBEAT_PHOTOS", "100"))
TICK_MS = 10
TARGET_MS = 50
TARGET_P99_MS = 16
TIMEOUT_S = 600


def card_folder(work: Path) -> Path:
    """A folder holding exactly PHOTOS camera photos (hard links to the cache: no copying)."""
    camera.COUNT = max(camera.COUNT, PHOTOS)
    folder = work / "DCIM" / "100ACME"
    folder.mkdir(parents=True)
    for path in camera.card()[:PHOTOS]:
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copyfile(path, folder / path.name)
    return folder


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


class Heartbeat:
    """A QTimer on the GUI thread; `gaps` are the intervals between its ticks, in ms."""

    def __init__(self):
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:])]


def thumbnails_shown(page) -> bool:
    """Every photo has its tile, and every tile in view shows its thumbnail (tiles out of view get
    theirs when scrolled to)."""
    grid = page.grid
    if grid.count() < PHOTOS:
        return False
    room = grid.viewport().rect()
    return all(grid.has_thumbnail(row) for row in range(grid.count())
               if grid.visualRect(grid.model().index(row, 0)).intersects(room))


def wait(app, until, timeout_s: float) -> bool:
    """Run the real event loop (as `app.exec()` would) until `until()` is true or time runs out."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    end = time.monotonic() + timeout_s
    check = QTimer()
    check.setInterval(50)
    check.timeout.connect(lambda: (until() or time.monotonic() > end) and loop.quit())
    check.start()
    if not until():
        loop.exec()
    check.stop()
    return bool(until())


def run(work: Path) -> tuple[list[float], float, int, list[float], float]:
    from PySide6.QtWidgets import QFileDialog

    from auditor_app.audits import create_audit
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.ui.app import create_app
    from auditor_app.ui.main_window import MainWindow
    from auditor_app.ui.operations import running_operations

    folder = card_folder(work)
    store = open_store(DataFolder(work / "data"), actor="bench")
    app = create_app()
    window = None
    try:
        with store.transaction() as s:
            audit_id = create_audit(s, audit_type="IAA", factory={"name": "Heartbeat Toys Ltd", "headcount_female": 300},
                                    team=[{"name": "Li Na", "role": "lead auditor"}]).id
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        window.open_audit(audit_id, "evidence")
        page = window.audit_view.pages["evidence"]
        wait(app, lambda: running_operations() == 0 and window.ops.writer.pending() == 0, 30)

        original = QFileDialog.getExistingDirectory
        QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(folder))
        beat = Heartbeat()
        try:
            beat.start()
            started = time.perf_counter()
            page.folder_button.click()  # what the auditor clicks; the dialog answers `folder`
            done = wait(app, lambda: page.last_import is not None and thumbnails_shown(page), TIMEOUT_S)
            elapsed = time.perf_counter() - started
            gaps = beat.stop()
            beat.start()
            wait(app, lambda: not page.unchecked and not page.checking and running_operations() == 0, TIMEOUT_S)
            checked = time.perf_counter() - started
            check_gaps = beat.stop()
        finally:
            QFileDialog.getExistingDirectory = original
        if not done:
            raise RuntimeError(f"import not done after {TIMEOUT_S} s: {page.grid.count()} tiles")
        imported = len(page.last_import.imported)
        if imported != PHOTOS or page.last_import.failed:
            raise RuntimeError(f"{imported} of {PHOTOS} imported; failed: {page.last_import.failed}")
        if page.unchecked:
            raise RuntimeError(f"{len(page.unchecked)} photos still unchecked after {TIMEOUT_S} s")
        return gaps, elapsed, imported, check_gaps, checked
    finally:
        if window is not None:
            window.close()
            app.processEvents()
        store.close()


def main() -> str:
    work = scratch_folder("bench-heartbeat-")
    try:
        gaps, elapsed, photos, check_gaps, checked = run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    longest, p99 = max(gaps), percentile(gaps, 0.99)
    slow = sum(1 for g in gaps if g > TARGET_MS)
    print(f"   {photos} photos imported and their thumbnails shown in {elapsed:.1f} s; "
          f"{len(gaps)} heartbeats, {slow} over {TARGET_MS} ms; load average {camera.load_average()}")
    print(f"   then the background check of their pixels, done {checked:.1f} s after the click: longest GUI gap "
          f"{max(check_gaps):.0f} ms, p99 {percentile(check_gaps, 0.99):.0f} ms")
    ok = longest <= TARGET_MS and p99 <= TARGET_P99_MS
    line = (f"heartbeat: longest GUI gap {longest:.0f} ms over {photos} photos (target <= {TARGET_MS} ms), "
            f"p99 {p99:.1f} ms (target <= {TARGET_P99_MS} ms; floor {TICK_MS} ms, the tick): "
            f"{'OK' if ok else 'MISSED'} (load average {camera.load_average()})")
    print("   " + line)
    return line


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
