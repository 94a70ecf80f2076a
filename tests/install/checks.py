"""What an installed ESCP Field Auditor must do from where it is installed (a wheel in a fresh virtual
environment, or the PyInstaller bundle): make the demo, export, verify, write the report and CAP, open
the window. Every program runs from a temporary folder with PYTHONPATH and AUDITOR_APP_RESOURCES
cleared, so nothing can come from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtNetwork import QLocalServer

from auditor_app.store.folder_lock import FolderLock
from auditor_app.ui.single_instance import server_name

# Variables that could make an installed program read the checkout (or another install) instead.
LEAKY_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "AUDITOR_APP_RESOURCES", "VIRTUAL_ENV",
                   "AUDITOR_APP_CJK_FONT", "AUDITOR_APP_SECOND_START")


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEAKY_VARIABLES}
    env.update(AUDITOR_APP_HOME=str(home), AUDITOR_APP_KEYRING="off", QT_QPA_PLATFORM="offscreen")
    return env


@dataclass
class Installed:
    cli: list[str]  # the command line program
    window: list[str]  # what an auditor starts to open the window
    home: Path  # the data folder (AUDITOR_APP_HOME)
    cwd: Path  # anywhere but the checkout

    @property
    def env(self) -> dict[str, str]:
        return clean_env(self.home)

    def run(self, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run([*self.cli, *args], cwd=self.cwd, env={**self.env, **env},
                                capture_output=True, text=True, timeout=timeout)
        assert result.returncode == 0, f"auditor-app {' '.join(args)}: exit {result.returncode}\n{result.stderr}"
        return result


def demo_export_verify_report(app: Installed, out: Path) -> None:
    """The demo audits are made (checklists, rules, roster from the installed resources, migrations
    run); the finalized one is exported, verified, and its report and CAP written and signed."""
    app.run("demo")
    listing = app.run("list").stdout
    finalized = [line.split()[0] for line in listing.splitlines() if " finalized " in line]
    assert finalized, listing
    package = out / "demo.escp"
    app.run("export", finalized[0], "-o", str(package))
    assert "intact; sealed and signed" in app.run("verify", str(package)).stdout
    report, cap = out / "report.pdf", out / "cap.pdf"
    app.run("report", finalized[0], "-o", str(report), "--cap", str(cap), "--quiet")
    for pdf in (report, cap):
        assert pdf.read_bytes().startswith(b"%PDF-"), pdf
    edition = json.loads(app.run("checklist", "show", "--json").stdout)
    checkpoints = [c for section in edition["sections"] for sub in section["subsections"] for c in sub["checkpoints"]]
    assert len(checkpoints) > 100, edition


def window_opens(app: Installed, seconds: float = 3.0) -> None:
    """The window starts offscreen, owns the data folder, answers a second start ("brought forward")
    and is still running a few seconds later; then it is killed (nothing in it to save)."""
    window = subprocess.Popen(app.window, cwd=app.cwd, env=app.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        answer = ""
        while "The other window was brought forward." not in answer:
            assert window.poll() is None, f"the window exited with {window.returncode}: {window.communicate()[1]}"
            assert time.monotonic() < deadline, f"the window never answered a second start: {answer}"
            owner = FolderLock(app.home).owner_info()
            if owner is None or owner.pid != window.pid:
                time.sleep(0.3)  # not the owner yet: a second start now would open a window of its own
                continue
            second = subprocess.run([*app.cli, "run"], cwd=app.cwd, env={**app.env, "AUDITOR_APP_SECOND_START": "show"},
                                    capture_output=True, text=True, timeout=60)
            answer = second.stderr
            assert second.returncode == 0, answer
        time.sleep(seconds)
        assert window.poll() is None, f"the window exited with {window.returncode}: {window.communicate()[1]}"
    finally:
        window.kill()
        _, stderr = window.communicate(timeout=30)
        QLocalServer.removeServer(server_name(app.home))  # the killed window's socket file (Unix)
    assert "Traceback" not in stderr, stderr
    log = (app.home / "logs" / "auditor-app.log").read_text(encoding="utf-8")
    assert " ERROR " not in log, log
