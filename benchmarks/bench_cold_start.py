"""Cold start: from process start to a usable audit list, beside a bare PySide6 window's start.

Two kinds of child process, run alternately (RUNS of each) in one run, so both see the same machine:
  - app:  `auditor-app run` on a data folder holding the demo audit (offscreen): the interpreter
          starts, the command line is parsed, the audit list is read in plain SQL, the main window
          is built on it and shown; "usable" is the first turn of the event loop with the audit list
          filled and the window painted once. The store (SQLAlchemy, migrations checked) then opens
          on a thread: the time until the window has it is printed beside ("store attached");
  - bare: a QApplication and an empty QMainWindow, shown, first turn of the event loop.
The clock starts in the parent just before the child is spawned and stops at the child's own
timestamp (both CLOCK_REALTIME), so interpreter start and every import are inside it.
Target: app at most 1.5x bare (medians). `python -X importtime` of the app's imports is printed when
it misses (BENCH_COLD_IMPORTTIME=1 prints it anyway). The children's processor time (start to exit) is
printed too: on a shared machine it moves less than the clock. Where valgrind is installed, so are the
machine instructions each runs to its painted window, which do not move at all from run to run.
Children start from the bytecode cache, as an installed app does (written by the first, untimed start;
PYTHONDONTWRITEBYTECODE is not passed on).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import ROOT, scratch_folder

RUNS = int(os.environ.get("BENCH_COLD_RUNS", "5"))
TARGET_RATIO = 1.5

# The probe: the first turn of the event loop once the window is up prints the time, the number of
# audits listed, and quits. For the app it is scheduled by wrapping `ui.app.create_app` as that module
# is imported (an import hook), so that the app imports its modules in its own order: importing Qt
# first would have PySide6 read the source of the app's first modules (PYSIDE-2029), before the app
# turns that off (ui/pyside_source_scan.py), time the app does not spend on its own.
_READY = r"""
import os, sys, time

def ready():
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    app.processEvents()  # the first paint
    rows = -1
    for w in app.topLevelWidgets():
        lst = getattr(w, "audit_list", None)
        if lst is not None:
            rows = lst.model.rowCount()
    print(f"READY {time.time():.6f} {rows}", flush=True)
    if os.environ.get("BENCH_COLD_STOP_AT_READY"):
        os._exit(0)  # counting instructions: the start only
    attached()

def attached():
    # The app's window then gets its store (opened on a thread: `ui/store_opener.py`): opening an audit
    # waits for it. The bare window has none.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    windows = [w for w in app.topLevelWidgets() if hasattr(w, "audit_list")]
    if windows and getattr(windows[0], "store", None) is None:
        QTimer.singleShot(5, attached)
        return
    if windows:
        print(f"ATTACHED {time.time():.6f}", flush=True)
    for w in app.topLevelWidgets():
        w.close()
    app.quit()
"""

_APP = _READY + r"""
import importlib.machinery

# A plain finder: importlib.abc (and the importlib.resources it loads) would cost the app's start ~8 ms
# that the app itself does not spend.
class _Hook:
    def find_spec(self, name, path, target=None):
        if name != "auditor_app.ui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            create = module.create_app

            def create_app(*args, **kwargs):
                app = create(*args, **kwargs)
                from PySide6.QtCore import QTimer
                QTimer.singleShot(0, ready)
                return app
            module.create_app = create_app
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _Hook())
from auditor_app.cli import main
sys.exit(main(["run"]))
"""

_BARE = _READY + r"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1024, 700)
window.show()
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""


def _env(home: Path) -> dict:
    # The folder's key in a file (as the tests keep it): no keyring on a bench machine, no passphrase asked.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AUDITOR_APP_HOME=str(home), AUDITOR_APP_KEYRING="off")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # An installed app starts from compiled bytecode (pip and PyInstaller compile it): the first start
    # below (not timed) writes the checkout's __pycache__, so no timed start compiles the app's source
    # (~0.3 s of each start in a checkout never compiled, as under PYTHONDONTWRITEBYTECODE).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _once(code: str, home: Path, cpu: list[float] | None = None,
          attached: list[float] | None = None) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(home), capture_output=True,
                          text=True, timeout=120)
    ready = [line for line in proc.stdout.splitlines() if line.startswith("READY ")]
    if not ready:
        raise RuntimeError(f"the child never got ready (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    if cpu is not None:
        # The child's processor time, start to exit: steadier than the clock on a shared machine.
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    _, stamp, rows = ready[-1].split()
    if attached is not None:
        stamps = [line.split()[1] for line in proc.stdout.splitlines() if line.startswith("ATTACHED ")]
        if stamps:
            attached.append(float(stamps[-1]) - started)
    return float(stamp) - started, int(rows)


def instructions(code: str, home: Path) -> float | None:
    """Millions of machine instructions the child runs to its first painted turn (valgrind's callgrind;
    None without valgrind). Unlike the clock it is the same at every run, on a busy machine too: a
    small change to the start shows in it. It leaves out what the clock also holds: the kernel's work
    (files, memory mapped) and waits for memory, which weigh more on the app, that touches more of it."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    proc = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
                          cwd=ROOT, env=dict(_env(home), BENCH_COLD_STOP_AT_READY="1"), capture_output=True,
                          text=True, timeout=600)
    counts = [line.rsplit(":", 1)[1] for line in proc.stderr.splitlines() if "Collected :" in line]
    return int(counts[0]) / 1e6 if counts and "READY " in proc.stdout else None


def import_profile(home: Path, top: int = 15) -> list[str]:
    """The slowest imports of the app's start (cumulative µs, from `python -X importtime`)."""
    # The modules `auditor-app run` imports, in its order (commands/run.py): only its own parser.
    code = ("from auditor_app.cli import build_parser; build_parser(['run'])\n"
            "import auditor_app.store.db, auditor_app.ui.unlock_dialog, auditor_app.ui.app, "
            "auditor_app.ui.main_window")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=ROOT, env=_env(home),
                          capture_output=True, text=True, timeout=120)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cum_us, name = line[len("import time:"):].split("|")
        rows.append((int(cum_us), int(self_us), name.rstrip()))
    total = sum(s for _, s, _ in rows)
    out = [f"imports: {total / 1e3:.0f} ms in all (self time summed)"]
    for cum, own, name in sorted(rows, reverse=True)[:top]:
        out.append(f"{cum / 1e3:7.0f} ms cumulative {own / 1e3:6.1f} ms self  {name}")
    return out


def main() -> str:
    from benchmarks.bench_evidence_import import load_average

    work = scratch_folder("bench-cold-")
    try:
        home = work / "data"
        demo = subprocess.run([sys.executable, "-m", "auditor_app", "demo"], cwd=ROOT, env=_env(home),
                              capture_output=True, text=True, timeout=300)
        if demo.returncode != 0:
            raise RuntimeError(f"demo failed:\n{demo.stderr}")
        _once(_APP, home)  # the first start after the demo: file cache warm, no migration pending
        _once(_BARE, home)
        app_s, bare_s, rows = [], [], 0
        app_cpu: list[float] = []
        bare_cpu: list[float] = []
        attached: list[float] = []
        for _ in range(RUNS):
            seconds, rows = _once(_APP, home, app_cpu, attached)
            app_s.append(seconds)
            bare_s.append(_once(_BARE, home, bare_cpu)[0])
        app, bare = statistics.median(app_s), statistics.median(bare_s)
        ratio = app / bare
        ok = ratio <= TARGET_RATIO and rows > 0
        print(f"   load average {load_average()}")
        print(f"   app starts (s):  {' '.join(f'{s:.2f}' for s in app_s)}  ({rows} audit(s) listed)")
        print(f"   bare starts (s): {' '.join(f'{s:.2f}' for s in bare_s)}")
        if attached:
            print(f"   store attached (s): {' '.join(f'{s:.2f}' for s in attached)} (opening an audit waits for it; "
                  f"the list is browsable before)")
        print(f"   processor time, start to exit (s): app {statistics.median(app_cpu):.2f}, "
              f"bare {statistics.median(bare_cpu):.2f} (medians)")
        app_instructions, bare_instructions = instructions(_APP, home), instructions(_BARE, home)
        if app_instructions and bare_instructions:
            print(f"   instructions to the painted list (callgrind, the same at every run): app {app_instructions:.0f} M, "
                  f"bare {bare_instructions:.0f} M, {app_instructions / bare_instructions:.2f}x")
        if not ok or os.environ.get("BENCH_COLD_IMPORTTIME"):
            for line in import_profile(home):
                print("   " + line)
        line = (f"cold start to a usable audit list: {app * 1000:.0f} ms (median of {RUNS}), "
                f"{ratio:.2f}x a bare PySide6 window ({bare * 1000:.0f} ms, the floor) — "
                f"target <= {TARGET_RATIO}x: {'OK' if ok else 'MISSED'} (load average {load_average()})")
        print("   " + line)
        return line
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
