"""The wheel, installed without -e into a fresh virtual environment, runs on its own.

The wheel is built from a copy of the checkout (so no stale build/ folder can add or hide files).
The fresh environment gets only the wheel; the already-installed dependencies are borrowed from the
environment running the tests through a .pth line added after the install (a plain path: that folder's
own .pth files, e.g. the editable install's finder, are not run), so the test needs no network and
takes seconds. auditor_app must then come from the new environment, with its resources and migrations.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.install.checks import Installed, clean_env, demo_export_verify_report, window_opens

REPO = Path(__file__).resolve().parents[2]
# What the wheel is built from (pyproject.toml and setup.py say what goes in).
SOURCES = ("pyproject.toml", "setup.py", "README.md", "auditor_app", "connect_server", "resources")


def _bin(env_dir: Path) -> Path:
    return env_dir / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the fresh environment, the wheel) once for the module."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    dist = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(source)],
                   check=True, cwd=tmp, timeout=240)
    (wheel,) = dist.glob("auditor_app-*.whl")

    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = _bin(env_dir) / ("python.exe" if os.name == "nt" else "python")
    # The wheel alone, before the borrowed dependencies are visible: pip sees nothing to replace.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, cwd=tmp, timeout=120)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True, cwd=tmp).stdout.strip())
    borrowed = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site / "zz-borrowed-dependencies.pth").write_text("".join(f"{p}\n" for p in borrowed), encoding="utf-8")
    return env_dir, wheel


def test_the_wheel_carries_resources_and_migrations(installed):
    import zipfile

    _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"auditor_app/_resources/{p.relative_to(REPO / 'resources').as_posix()}"
               for p in (REPO / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert shipped and shipped <= names, sorted(shipped - names)[:10]
    for folder in ("auditor_app/store/migrations", "connect_server/migrations"):
        scripts = {f"{folder}/{p.relative_to(REPO / folder).as_posix()}"
                   for p in (REPO / folder).rglob("*.py") if "__pycache__" not in p.parts}
        assert f"{folder}/env.py" in scripts and scripts <= names, sorted(scripts - names)
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def test_the_installed_package_finds_its_files_in_the_environment(installed, tmp_path):
    env_dir, _ = installed
    python = _bin(env_dir) / ("python.exe" if os.name == "nt" else "python")
    probe = (
        "import auditor_app, connect_server.db\n"
        "from alembic.script import ScriptDirectory\n"
        "from auditor_app.resources import resources_dir\n"
        "from auditor_app.store.db import head_revision\n"
        "from auditor_app.checklist.loader import list_editions\n"
        "print(auditor_app.__file__); print(connect_server.db.__file__); print(resources_dir())\n"
        "print(head_revision()); print(ScriptDirectory(str(connect_server.db.MIGRATIONS)).get_current_head())\n"
        "print(len(list_editions()))\n"
    )
    out = subprocess.run([str(python), "-c", probe], cwd=tmp_path, env=clean_env(tmp_path / "home"),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    package, server, resources, head, server_head, editions = out.stdout.splitlines()
    site = env_dir.resolve()
    for path in (package, server, resources):
        assert Path(path).resolve().is_relative_to(site), (path, site)
    assert Path(resources).name == "_resources" and (Path(resources) / "rules" / "status.yaml").is_file()
    assert head and server_head and int(editions) >= 2


def test_the_installed_program_makes_the_demo_reports_and_opens_the_window(installed, tmp_path):
    env_dir, _ = installed
    exe = str(_bin(env_dir) / ("auditor-app.exe" if os.name == "nt" else "auditor-app"))
    app = Installed(cli=[exe], window=[exe, "run"], home=tmp_path / "home", cwd=tmp_path)
    demo_export_verify_report(app, tmp_path)
    window_opens(app)
