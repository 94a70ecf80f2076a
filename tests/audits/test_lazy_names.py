"""audits/__init__.py loads its operations' modules on first use (a start-up cost the audit list does not
need): every name it offers must still resolve, to the function its module defines."""

from __future__ import annotations

import importlib

import auditor_app.audits as audits


def test_every_offered_name_resolves_to_its_module():
    for name in audits.__all__:
        value = getattr(audits, name)
        module = audits._LAZY.get(name)
        if module is not None:
            assert value is getattr(importlib.import_module(f"auditor_app.audits.{module}"), name), name
