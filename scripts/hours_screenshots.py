"""Screenshots of Document review > Hours and wages: the demo audit with the sample generator's files
computed (planted breaches plus a 70-hour week and a payroll whose overtime hours differ), in a real
window on a virtual X screen at 1366x768 and 1280x720.

    .venv/bin/python scripts/hours_screenshots.py      # writes docs/screenshots/hours-*.png
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SIZES = {"1366x768": "hours-1366x768", "1280x720": "hours-1280x720"}


def with_xvfb(size: str) -> int:
    display = ":96"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        return subprocess.call([sys.executable, __file__, size], env=env)
    finally:
        xvfb.terminate()
        xvfb.wait()


def settle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def take(size: str) -> int:
    from PIL import ImageGrab

    from auditor_app.audits.hours_review import decide_hours_finding, save_hours_review
    from auditor_app.audits.operation import run_operation
    from auditor_app.demo import ensure_demo
    from auditor_app.hours import compute, import_attendance, import_payroll
    from auditor_app.hours.file_facts import file_facts
    from auditor_app.hours.sample_files import DEFAULT_PLANTS, write_sample_files
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.ui.app import create_app
    from auditor_app.ui.main_window import MainWindow

    width, height = (int(x) for x in size.split("x"))
    home = Path(tempfile.mkdtemp(prefix="hours-screens-"))
    store = open_store(DataFolder(home / "data"), actor="Li Na")
    try:
        audit_id = ensure_demo(store)
        files = write_sample_files(home / "files", workers=30, plants=DEFAULT_PLANTS + ("weekly_hours", "hours_differ"))
        result = compute(import_attendance(files.attendance), import_payroll(files.payroll), files.city, files.period)
        facts = {"attendance": file_facts(files.attendance), "payroll": file_facts(files.payroll)}
        run_operation(store, save_hours_review, audit_id, result.as_dict(), facts)
        run_operation(store, decide_hours_finding, audit_id, "11.1.1", "rejected")
        app = create_app()
        window = MainWindow(store)
        window.setGeometry(0, 0, width, height)
        window.show()
        window.open_audit(audit_id, "documents")
        page = window.audit_view.pages["documents"]
        page.tabs.setCurrentWidget(page.hours)
        page.hours.inputs.set_file("attendance", files.attendance)
        page.hours.inputs.set_file("payroll", files.payroll)
        if size == "1280x720":
            page.hours.breaches_only.setChecked(True)
        settle(app, 2.0)
        OUT.mkdir(parents=True, exist_ok=True)
        out = OUT / f"{SIZES[size]}.png"
        ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(out)
        print(out.relative_to(ROOT))
        window.close()
        settle(app, 0.5)
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(take(sys.argv[1]))
    if not shutil.which("Xvfb"):
        sys.exit("Xvfb is needed for screenshots: apt-get install xvfb")
    sys.exit(max(with_xvfb(size) for size in SIZES))
