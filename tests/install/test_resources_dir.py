"""Where the rule files are read from: the override, an installed package's data, a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

import auditor_app
from auditor_app import resources
from auditor_app.resources import PACKAGED_RESOURCES, resources_dir, shipped_resources_dir

REPO = Path(auditor_app.__file__).resolve().parents[1]


@pytest.fixture
def fresh_cache():
    shipped_resources_dir.cache_clear()
    yield
    shipped_resources_dir.cache_clear()


def test_auditor_app_resources_overrides_the_shipped_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(tmp_path))
    assert resources_dir() == tmp_path
    assert shipped_resources_dir() != tmp_path


def test_a_checkout_reads_its_own_resources_folder(monkeypatch, fresh_cache):
    monkeypatch.delenv("AUDITOR_APP_RESOURCES", raising=False)
    assert resources_dir() == REPO / "resources"
    assert (resources_dir() / "rules" / "status.yaml").is_file()


def test_an_installed_package_reads_its_package_data(tmp_path, monkeypatch, fresh_cache):
    """As in a wheel or the bundle: auditor_app/_resources next to the package's modules."""
    package = tmp_path / "site-packages" / "auditor_app"
    (package / PACKAGED_RESOURCES / "rules").mkdir(parents=True)
    monkeypatch.setattr(resources, "__file__", str(package / "resources.py"))  # where the module was installed
    monkeypatch.delenv("AUDITOR_APP_RESOURCES", raising=False)
    assert resources_dir() == package / PACKAGED_RESOURCES
