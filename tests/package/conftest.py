"""Fixtures: a realistic audit in a tmp data folder, its exported package, an empty target folder."""

from __future__ import annotations

import pytest

from auditor_app.package.export import export_audit
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

from .crafting import build_audit


@pytest.fixture
def source_store(tmp_path):
    store = open_store(DataFolder(tmp_path / "source"), actor="li.wei")
    yield store
    store.close()


@pytest.fixture
def audit_id(source_store):
    return build_audit(source_store)


@pytest.fixture
def package_path(source_store, audit_id, tmp_path):
    return export_audit(source_store, audit_id, tmp_path / "audit.escp").path


@pytest.fixture
def target_folder(tmp_path):
    return DataFolder(tmp_path / "target")


@pytest.fixture
def target_store(target_folder):
    store = open_store(target_folder, actor="lead")
    yield store
    store.close()
