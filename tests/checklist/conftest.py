"""Fixtures for the checklist tests: a temporary resources folder with its own editions."""

from __future__ import annotations

import shutil

import pytest

from auditor_app.checklist import loader
from tests.checklist.editions import REAL_RESOURCES, Resources


@pytest.fixture
def tmp_res(tmp_path, monkeypatch) -> Resources:
    root = tmp_path / "resources"
    (root / "rules").mkdir(parents=True)
    shutil.copy(REAL_RESOURCES / "rules" / "grades.yaml", root / "rules" / "grades.yaml")
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(root))
    loader.clear_cache()
    yield Resources(root)
    loader.clear_cache()


@pytest.fixture
def real_resources(monkeypatch):
    """The shipped resources folder, whatever the environment says."""
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(REAL_RESOURCES))
    loader.clear_cache()
    yield REAL_RESOURCES
    loader.clear_cache()
