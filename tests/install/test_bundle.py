"""The PyInstaller bundle (`make bundle`) runs headless on its own: `make bundle-test`.

Building the bundle takes over a minute, so `make test` does not: these tests run only when
AUDITOR_APP_BUNDLE names the built executable (dist/escp-field-auditor/escp-field-auditor), which
`make bundle-test` sets after building it; .ci/run calls that target.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.install.checks import Installed, demo_export_verify_report, window_opens

BUNDLE = os.environ.get("AUDITOR_APP_BUNDLE", "")
REPO = Path(__file__).resolve().parents[2]
EXE = ".exe" if os.name == "nt" else ""

pytestmark = pytest.mark.skipif(not BUNDLE, reason="no bundle to test: `make bundle-test` builds and tests it")


@pytest.fixture
def bundle() -> Path:
    """The bundle's folder (dist/escp-field-auditor), from AUDITOR_APP_BUNDLE."""
    exe = Path(BUNDLE)
    if not exe.is_absolute():
        exe = REPO / exe
    assert exe.with_suffix(EXE).is_file(), f"{exe} is not built: run `make bundle`"
    return exe.parent


def test_the_bundle_carries_resources_and_migrations(bundle):
    internal = bundle / "_internal"
    for p in (REPO / "resources").rglob("*"):
        if p.is_file():
            assert (internal / "auditor_app" / "_resources" / p.relative_to(REPO / "resources")).is_file(), p
    for p in (REPO / "auditor_app" / "store" / "migrations").rglob("*.py"):
        assert (internal / p.relative_to(REPO)).is_file(), p
    assert not (internal / "connect_server").exists()  # the server is not part of the auditor's program


def test_the_bundle_makes_the_demo_verifies_reports_and_opens_the_window(bundle, tmp_path):
    app = Installed(cli=[str(bundle / f"auditor-app{EXE}")], window=[str(bundle / f"escp-field-auditor{EXE}")],
                    home=tmp_path / "home", cwd=tmp_path)
    demo_export_verify_report(app, tmp_path)
    window_opens(app, seconds=5.0)
