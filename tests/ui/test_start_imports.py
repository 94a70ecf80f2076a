"""The window starts with what the audit list needs and nothing more (issue 17: cold start to a usable
audit list): the PDF libraries (ReportLab, pyHanko: about a second) load at the first report, Alembic
only when a migration runs, the Connect client (requests) at the first sync, the rules' models
(pydantic, PyYAML) and the checklist with the first audit opened, the review mode and the package
reader with the first review.

`auditor-app run` shows the list before the ORM is imported: read by `store.start_list` in plain SQL,
while the store opens on a thread (`test_run_shows_the_list_before_the_orm_loads`).

A child process does what `auditor-app run` does up to a usable audit list (the store opened, the
main window built, shown and painted with the list filled) and reports what it imported; a module-level
import of any of these anywhere on that path makes this fail. The audit is made in a first child, so
that making it (the operations, the checklist) does not count as the window's start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Top-level packages, and modules of the app, that the start must not import (see the docstring).
NOT_AT_START = ("reportlab", "pyhanko", "alembic", "requests", "urllib3", "pydantic", "yaml")
# Standard modules the window's start has no use for, each a few ms: logging.handlers (socket, pickle,
# queue) for the log's rotation, OpenSSL's libcrypto (_hashlib, through hashlib, hmac or secrets) for a
# few short hashes (`builtin_hashes`), termios (getpass) for the command line's prompt, importlib.resources
# to find the package's folder. No dataclass is defined on the way either (each ~1 ms: the start's records
# are NamedTuples).
STANDARD_NOT_AT_START = ("logging.handlers", "socket", "pickle", "_hashlib", "hashlib", "hmac", "secrets",
                         "getpass", "importlib.resources", "dataclasses")
APP_NOT_AT_START = (
    "auditor_app.reports", "auditor_app.sync.client", "auditor_app.sync.protocol", "auditor_app.sync.worker",
    "auditor_app.checklist.loader", "auditor_app.checklist.grades", "auditor_app.checklist.status_rules",
    "auditor_app.audits.creation", "auditor_app.audits.answers", "auditor_app.audits.lifecycle",
    "auditor_app.package.importer", "auditor_app.package.export", "auditor_app.review.files",
    "auditor_app.ui.audit_view", "auditor_app.ui.new_audit_dialog", "auditor_app.ui.review_view",
    "auditor_app.ui.sync_panel", "auditor_app.ui.connect_dialog",
)

MAKE_AUDIT = r"""
import sys
from pathlib import Path
from auditor_app.audits import create_audit
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

store = open_store(DataFolder(Path(sys.argv[1])), actor="test")
with store.transaction() as s:
    create_audit(s, audit_type="ICA", factory={"name": "Start Toys Ltd", "headcount_female": 20},
                 team=[{"name": "Li Na", "role": "lead auditor"}])
store.close()
"""

# What `auditor-app run` does up to the window (commands/run.py), in its order, then one turn of the
# event loop: the window painted, the list filled.
CHILD = r"""
import json, sys
from pathlib import Path
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.ui.unlock import unlock_for_window
from auditor_app.ui.app import create_app
from auditor_app.ui.main_window import MainWindow

folder = DataFolder(Path(sys.argv[1]))
assert unlock_for_window(folder)
store = open_store(folder, actor="test")
app = create_app()
window = MainWindow(store)
window.show()
window.resume_last_session()
window.recover_typing()
app.processEvents()
rows = window.audit_list.model.rowCount()
loaded = sorted(sys.modules)
window.close()
store.close()
print(json.dumps({"rows": rows, "modules": loaded}))
"""


def _child(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AUDITOR_APP_HOME=str(tmp_path / "data"),
               AUDITOR_APP_KEYRING="off", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def started_modules(tmp_path: Path) -> tuple[int, set[str]]:
    _child(MAKE_AUDIT, tmp_path)
    report = json.loads(_child(CHILD, tmp_path).stdout.strip().splitlines()[-1])
    return report["rows"], set(report["modules"])


def test_the_window_starts_with_only_what_the_list_needs(tmp_path):
    rows, modules = started_modules(tmp_path)
    assert rows == 1  # the list is usable: the audit is in it
    assert "PySide6" in modules and "sqlalchemy" in modules  # the child really started the window
    assert sorted({name.split(".")[0] for name in modules} & set(NOT_AT_START)) == []
    assert sorted(m for m in modules if m.startswith(APP_NOT_AT_START)) == []



DEMO_CHECK = r"""
import json, sys
from pathlib import Path
from auditor_app.commands.run import _ensure_demo, demo_is_here
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

from sqlalchemy import text

store = open_store(DataFolder(Path(sys.argv[1])), actor="test")
def count():
    with store.session(read_only=True) as s:
        return s.execute(text("select count(*) from audit")).scalar()
before = count()
here = demo_is_here(store)
if here:
    _ensure_demo(store)  # what `auditor-app run --ensure-demo` does (make run)
report = {"here": here, "audits": before, "added": count() - before, "demo imported": "auditor_app.demo" in sys.modules}
store.close()
print(json.dumps(report))
"""


def test_make_run_finds_the_demo_without_importing_it(tmp_path):
    _child(MAKE_AUDIT, tmp_path)  # an audit, not the demo's
    first = json.loads(_child(DEMO_CHECK, tmp_path).stdout.strip().splitlines()[-1])
    assert first == {"here": False, "audits": 1, "added": 0, "demo imported": False}
    _child("import sys; from auditor_app.cli import main; sys.exit(main(['demo']))", tmp_path)
    made = json.loads(_child(DEMO_CHECK, tmp_path).stdout.strip().splitlines()[-1])
    assert made["here"] is True and made["demo imported"] is False
    assert made["audits"] >= 2 and made["added"] == 0  # the demo is beside the first audit: none added again


# The real `auditor-app run`: at the first turn of its event loop (the window shown, the list filled),
# what is imported; then, once the store is attached, what the list shows.
RUN = r"""
import json, sys
import auditor_app.ui.app as app_module
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

report = {}

def window():
    return next(w for w in QApplication.instance().topLevelWidgets() if hasattr(w, "audit_list"))

def first_turn():
    w = window()
    report["first"] = {"rows": w.audit_list.model.rowCount(), "store": w.store is not None,
                       "modules": sorted(sys.modules)}
    attached()

def attached():
    w = window()
    if w.store is None:
        QTimer.singleShot(20, attached)
        return
    report["attached"] = {"rows": w.audit_list.model.rowCount(), "badges": len(w.audit_list.model.badges),
                          "search": w.audit_list.search.isEnabled()}
    w.close()

create = app_module.create_app

def create_app(*args, **kwargs):
    app = create(*args, **kwargs)
    QTimer.singleShot(0, first_turn)
    return app

app_module.create_app = create_app
if len(sys.argv) > 2:  # the store cannot be opened: the box says why, the run fails
    from PySide6.QtWidgets import QMessageBox
    from auditor_app.store import db

    def refuse(*args, **kwargs):
        raise db.StoreError("The audit database is damaged (test).", "Restore the latest backup.")
    db.open_store = refuse
    QMessageBox.critical = staticmethod(lambda parent, title, text: report.update(box=[title, text]))
from auditor_app.cli import main
code = main(["run"])
print(json.dumps({"code": code, **report}))
"""


def test_run_shows_the_list_before_the_orm_loads(tmp_path):
    _child(MAKE_AUDIT, tmp_path)
    report = json.loads(_child(RUN, tmp_path).stdout.strip().splitlines()[-1])
    first = report["first"]
    assert first["rows"] == 1 and first["store"] is False  # the list is there, the store still opening
    tops = {name.split(".")[0] for name in first["modules"]}
    assert "PySide6" in tops and "sqlcipher3" in tops  # the window and the plain SQL read
    # Nor cryptography: the folder key's labels are derived with the standard library (confidential/hkdf.py).
    assert sorted(tops & {"sqlalchemy", "cryptography", *NOT_AT_START}) == []
    assert sorted(set(first["modules"]) & set(STANDARD_NOT_AT_START)) == []
    assert report["attached"] == {"rows": 1, "badges": 1, "search": True}
    assert report["code"] == 0


def test_run_says_why_when_the_store_cannot_open_after_the_list(tmp_path):
    _child(MAKE_AUDIT, tmp_path)
    proc = subprocess.run([sys.executable, "-c", RUN, str(tmp_path / "data"), "refuse"], cwd=ROOT,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", AUDITOR_APP_HOME=str(tmp_path / "data"),
                                   AUDITOR_APP_KEYRING="off", PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=180)
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["first"]["rows"] == 1 and "attached" not in report
    assert report["box"][0] == "The audits could not be opened"
    assert "The audit database is damaged (test)." in report["box"][1] and "Restore the latest backup." in report["box"][1]
    assert report["code"] == 1
