"""The window starts without the PDF libraries: ReportLab and pyHanko (about a second of imports)
load at the first report, not at every start (issue 17: cold start to a usable audit list).

A child process does what `auditor-app run` does up to a usable audit list (the store opened, the
main window built, shown and painted with the list filled) and reports what it imported; a module-level
import of either library anywhere on that path makes this fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = ("reportlab", "pyhanko")

CHILD = r"""
import json, sys
from pathlib import Path
from auditor_app.audits import create_audit
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.ui.app import create_app
from auditor_app.ui.main_window import MainWindow

store = open_store(DataFolder(Path(sys.argv[1])), actor="test")
with store.transaction() as s:
    create_audit(s, audit_type="ICA", factory={"name": "Start Toys Ltd", "headcount_female": 20},
                 team=[{"name": "Li Na", "role": "lead auditor"}])
app = create_app()
window = MainWindow(store)
window.show()
app.processEvents()
rows = window.audit_list.model.rowCount()
loaded = sorted({name.split(".")[0] for name in sys.modules})
window.close()
store.close()
print(json.dumps({"rows": rows, "modules": loaded}))
"""


def started_modules(tmp_path: Path) -> tuple[int, set[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AUDITOR_APP_HOME=str(tmp_path / "data"),
               AUDITOR_APP_KEYRING="off", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    return report["rows"], set(report["modules"])


def test_the_window_starts_without_the_pdf_libraries(tmp_path):
    rows, modules = started_modules(tmp_path)
    assert rows == 1  # the list is usable: the audit is in it
    assert "PySide6" in modules and "sqlalchemy" in modules  # the child really started the window
    assert sorted(modules & set(NOT_AT_START)) == []

