"""README screenshots: the real app in a real window on a virtual X screen (Xvfb), at 1366x768, again
at 1280x720 (files ending in -720p), the two laptop screens the app is made for, and at 1024x600
(-600p), the smallest it must still work on.

`make screenshots` runs this. Without DISPLAY it starts Xvfb itself (on SCREENSHOT_DISPLAY, :97 unless
set) and runs again inside it. Each screen is grabbed from the X server (Pillow's ImageGrab), so what you
see is what a user sees. With AUDITOR_APP_LANG=zh_CN the window is in Chinese and the files end in -zh
(01-audits-zh.png, 02-opening-zh-720p.png).
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
OUT = Path(os.environ.get("SCREENSHOT_OUT", ROOT / "docs" / "screenshots"))
SIZES = {"": (1366, 768), "-720p": (1280, 720), "-600p": (1024, 600)}  # file-name suffix -> screen size
ONLY = os.environ.get("SCREENSHOT_ONLY", "")  # e.g. "08-closing,-600p" while working on one screen
SUFFIX = os.environ.get("SCREENSHOT_SUFFIX", "")
SCREEN = SIZES.get(SUFFIX, SIZES[""])
LANGUAGE = "-zh" if os.environ.get("AUDITOR_APP_LANG", "").lower().startswith("zh") else ""
DISPLAY = os.environ.get("SCREENSHOT_DISPLAY", ":97")
SCREENS = [  # (file name, stage to open or None for the audit list)
    ("01-audits", None), ("02-opening", "opening"), ("03-tour", "tour"), ("04-documents", "documents"),
    ("05-interviews", "interviews"), ("06-checklist", "checklist"), ("07-evidence", "evidence"),
    ("08-closing", "closing"), ("09-progress-visit", "pv:documents"), ("12-worker-survey", "pv:interviews"),
    ("13-pv-opening", "pv:opening"),
]
REVIEW_SCREENS = [("10-review", "items"), ("11-revision-diff", "diff")]  # the lead's laptop (review_demo.py)


def with_xvfb() -> int:
    for suffix, (width, height) in SIZES.items():
        if ONLY and suffix and suffix not in ONLY.split(","):
            continue
        display = DISPLAY
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.0)
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", SCREENSHOT_SUFFIX=suffix)
            if subprocess.call([sys.executable, __file__], env=env):
                return 1
        finally:
            xvfb.terminate()
            xvfb.wait()
    return 0


def settle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def progress_visit_of(store) -> str:
    from auditor_app.store.models import Audit

    with store.session() as session:
        return session.query(Audit.id).filter(Audit.audit_type == "PV").scalar()


def take() -> int:
    from PIL import ImageGrab

    from auditor_app.demo import ensure_demo
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.ui.app import create_app
    from auditor_app.ui.main_window import MainWindow

    home = Path(tempfile.mkdtemp(prefix="screens-"))
    store = open_store(DataFolder(home), actor="Li Na")
    try:
        audit_id = ensure_demo(store)
        app = create_app()
        window = MainWindow(store)
        window.setGeometry(0, 0, *SCREEN)
        window.showMaximized()  # as on a laptop: the whole screen less nothing (Xvfb has no task bar)
        OUT.mkdir(parents=True, exist_ok=True)
        for name, stage in SCREENS:
            if ONLY and not any(word in name for word in ONLY.split(",")):
                continue
            if stage is None:
                window.show_list()
            elif stage.startswith("pv:"):  # the demo's Progress Visit: the previous CAP to verify
                window.open_audit(progress_visit_of(store), stage[3:])
                if stage == "pv:documents":
                    tabs = window.audit_view.pages["documents"].tabs
                    tabs.setCurrentWidget(tabs.previous_cap)
            else:
                window.open_audit(audit_id, stage)
            settle(app, 2.0)
            ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(OUT / f"{name}{LANGUAGE}{SUFFIX}.png")
            print(f"{OUT}/{name}{LANGUAGE}{SUFFIX}.png")
        window.close()
        settle(app, 0.5)
        if not ONLY or any(word in name for word in ONLY.split(",") for name, _ in REVIEW_SCREENS):
            review_screens(app, home)
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
    return 0


def review_screens(app, home: Path) -> None:
    """The lead's window on revision 2 of a returned audit: its items and comments, then what changed."""
    from PIL import ImageGrab

    from auditor_app.ui.main_window import MainWindow
    from review_demo import build

    lead, audit_id = build(home / "review")
    try:
        window = MainWindow(lead)
        window.setGeometry(0, 0, *SCREEN)
        window.showMaximized()
        view = window.review_actions.show_review(audit_id)
        settle(app, 2.0)
        for name, tab in REVIEW_SCREENS:
            if ONLY and not any(word in name for word in ONLY.split(",")):
                continue
            if tab == "items":
                finding = next(i for i in view.snapshot.items if i.kind == "finding" and i.checkpoint == "6.2.2")
                view.items.select("finding", finding.id)
                view.tabs.setCurrentIndex(0)
            else:
                view.tabs.setCurrentIndex(view.diff_tab)
            settle(app, 1.0)
            ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(OUT / f"{name}{LANGUAGE}{SUFFIX}.png")
            print(f"{OUT}/{name}{LANGUAGE}{SUFFIX}.png")
        window.close()
        settle(app, 0.5)
    finally:
        lead.close()


if __name__ == "__main__":
    if not os.environ.get("DISPLAY"):
        if not shutil.which("Xvfb"):
            sys.exit("Xvfb is needed for screenshots: apt-get install xvfb")
        sys.exit(with_xvfb())
    sys.exit(take())
