"""Shared fixtures: a fresh data folder and store per test (Vorta style)."""

from __future__ import annotations

import os

import pytest

# Device keys in files under each test's data folder, never in the keyring of the machine running tests.
os.environ.setdefault("AUDITOR_APP_KEYRING", "off")

from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store


@pytest.fixture
def data_folder(tmp_path, monkeypatch) -> DataFolder:
    root = tmp_path / "data"
    monkeypatch.setenv("AUDITOR_APP_HOME", str(root))
    return DataFolder(root)


@pytest.fixture
def store(data_folder):
    store = open_store(data_folder, actor="Test Auditor")
    yield store
    store.close()
