"""Two laptops: the auditor's data folder and the lead's, each with its own device key."""

from __future__ import annotations

import pytest

from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

from tests.package.crafting import build_audit

AUDITOR = "Li Wei"  # the lead auditor on site: the seal statement's signer (build_audit's team)
LEAD = "Wang Fang"  # the audit firm's lead who reviews


@pytest.fixture
def auditor_store(tmp_path):
    store = open_store(DataFolder(tmp_path / "auditor-laptop"), actor="li.wei")
    yield store
    store.close()


@pytest.fixture
def lead_store(tmp_path):
    store = open_store(DataFolder(tmp_path / "lead-laptop"), actor="wang.fang")
    yield store
    store.close()


@pytest.fixture
def sealed_audit(auditor_store) -> str:
    return build_audit(auditor_store, sealed=True)
