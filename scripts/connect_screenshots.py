"""README screenshots of Connect: the lead's web view in headless Chromium, and the app's Connect screens
(Settings > Connect, the audit list with assignments and sync badges, the sync panel, the Zero Tolerance
bar) in a real window on Xvfb, each at 1366x768 (into docs/screenshots) and 1280x720 (into a temporary
folder, or CONNECT_SCREENS_APP_OUT, to check the layout still fits).

`make connect-screenshots` runs this (Chromium and Xvfb come from `scripts/system-deps.sh screens`; no
test depends on them). A real server process on 127.0.0.1 gets a firm, an auditor and a lead; a laptop
(a temporary data folder) signs in, seals the package tests' audit and syncs it. Chromium cannot sign in
by itself with a flag, so it loads the pages through a small local proxy that adds the lead's session
cookie to each request: the pages are the server's own.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = [(1366, 768), (1280, 720)]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]


class CookieProxy(http.server.ThreadingHTTPServer):
    def __init__(self, target: str, cookie: str):
        import requests

        self.target, self.cookie, self.http = target, cookie, requests.Session()
        super().__init__(("127.0.0.1", 0), _Forward)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Forward(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        server = self.server
        assert isinstance(server, CookieProxy)
        answer = server.http.get(server.target + self.path, headers={"Cookie": server.cookie},
                                 allow_redirects=False, timeout=60)
        self.send_response(answer.status_code)
        for key in ("Content-Type", "Location", "Content-Security-Policy"):
            if key in answer.headers:
                self.send_header(key, answer.headers[key])
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    def log_message(self, *_args) -> None:
        pass


def chromium_shot(url: str, out: Path, size: tuple[int, int]) -> None:
    profile = tempfile.mkdtemp(prefix="chromium-")
    try:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}",
                        f"--screenshot={out}", url], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    print(out.relative_to(ROOT))


def make_world(tmp: Path):
    from connect_helpers import Laptop, ServerProcess

    from auditor_app.sync.account import download_assignments, sign_in
    from auditor_app.sync.protocol import AssignmentIn
    from auditor_app.sync.worker import sync_once
    from connect_server import admin
    from connect_server.api import add_assignment
    from connect_server.blobs import FolderBlobStore

    server = ServerProcess(tmp / "server").start()
    with server.admin() as db:
        admin.create_firm(db, "Pearl River Audits")
        admin.create_user(db, login="li.na", name="Li Na", role="auditor", firm="Pearl River Audits")
        admin.create_user(db, login="wang.fang", name="Wang Fang", role="lead", firm="Pearl River Audits",
                          password="a long password")
        token = admin.issue_enrolment_token(db, "li.na")
        auditor = admin.find_user(db, "li.na")
        for name, local, start in (("Shantou Bright Star Toys", "汕头明星玩具厂", date(2027, 2, 1)),
                                   ("Huizhou Sunrise Plastics", "惠州日出塑胶", date(2027, 2, 15))):
            add_assignment(db, AssignmentIn(auditor_id=auditor.id, audit_type="IAA",
                                            factory={"name": name, "name_local": local, "country": "CN"},
                                            window_start=start, window_end=date(start.year, start.month, start.day + 4)),
                           auditor, FolderBlobStore(server.data / "blobs"))
    laptop = Laptop(tmp / "laptop", actor="Li Na")
    sign_in(laptop.folder, server.url, token)
    laptop.sealed_audit()
    sync_once(laptop.store, laptop.folder)
    found = download_assignments(laptop.folder)
    # The first assignment started (a draft, as "Start audit" makes it); the second still waits.
    from auditor_app.audits import create_audit
    from auditor_app.audits.operation import run_operation
    from auditor_app.sync.assignments import audit_arguments, record_started
    from auditor_app.sync.credentials import require_link

    first = found[0].model_dump(mode="json")
    args = audit_arguments(first, require_link(laptop.folder).user)
    args["factory"].update(headcount_male=140, headcount_female=210)
    audit = run_operation(laptop.store, create_audit, **args).result
    record_started(laptop.folder, first["id"], audit.id)
    return server, laptop


def web_screens(server) -> None:
    import requests

    web = requests.Session()
    web.post(server.url + "/web/login", data={"login": "wang.fang", "password": "a long password"}, timeout=10)
    cookie = "; ".join(f"{c.name}={c.value}" for c in web.cookies)
    proxy = CookieProxy(server.url, cookie)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        listing = web.get(server.url + "/web/", timeout=10).text
        audit_id = listing.split('href="/web/submissions/')[1].split('"')[0]
        OUT.mkdir(parents=True, exist_ok=True)
        chromium_shot(proxy.url + "/web/", OUT / "connect-submissions.png", SIZES[0])
        chromium_shot(proxy.url + f"/web/submissions/{audit_id}", OUT / "connect-submission.png", SIZES[0])
    finally:
        proxy.shutdown()


def app_screens(laptop, out: Path) -> None:
    """The app's Connect screens at each size, on Xvfb (a display per size)."""
    for width, height in SIZES:
        display = f":{90 + SIZES.index((width, height))}"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.0)
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", AUDITOR_APP_HOME=str(laptop.folder.root))
            subprocess.run([sys.executable, __file__, "--app", str(out), f"{width}x{height}"], env=env, check=True)
        finally:
            xvfb.terminate()
            xvfb.wait()


def take_app(out: Path, size: str) -> int:
    """Inside Xvfb: the window with the laptop's data folder."""
    from PIL import ImageGrab

    from auditor_app.audits import add_finding
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.ui.app import create_app
    from auditor_app.ui.main_window import MainWindow

    width, height = (int(v) for v in size.split("x"))
    store = open_store(DataFolder(Path(os.environ["AUDITOR_APP_HOME"])), actor="Li Na")
    app = create_app()
    window = MainWindow(store)
    window.setGeometry(0, 0, width, height)
    window.show()

    def settle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def grab(name: str) -> None:
        settle(1.5)
        # The README shows the laptop size; the smaller screen is for checking the layout fits.
        path = (OUT if (width, height) == SIZES[0] else out) / f"connect-app-{name}-{size}.png"
        ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(path)
        print(path)

    settle(2.0)
    grab("list")
    dialog = window.connect_actions.open_settings()
    grab("settings")
    dialog.close()
    panel = window.connect_actions.open_panel()
    panel.move(max(0, (width - panel.width()) // 2), max(0, (height - panel.height()) // 2))
    grab("sync-panel")
    panel.close()
    draft = next(r.id for r in window.audit_list.model.rows if r.state == "draft")
    window.ops.writer.run_write(add_finding, draft, "2.1.1", grade="zero_tolerance",
                                description="A red envelope in the payroll folder")
    settle(1.0)
    window.show_list()
    grab("zt-bar")
    window.close()
    settle(0.5)
    store.close()
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--app":
        return take_app(Path(sys.argv[2]), sys.argv[3])
    keep = Path(os.environ.get("CONNECT_SCREENS_APP_OUT", tempfile.mkdtemp(prefix="connect-app-screens-")))
    tmp = Path(tempfile.mkdtemp(prefix="connect-screens-"))
    server, laptop = make_world(tmp)
    try:
        web_screens(server)
        laptop.store.close()
        app_screens(laptop, keep)
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
