"""The commands: keys, open-sealed, erase-confidential (registered on their own parser here, as
`auditor_app.cli` registers every module of COMMAND_MODULES)."""

from __future__ import annotations

import argparse
import stat

import pytest

from auditor_app.commands import erase_confidential, export, import_package, keys, open_sealed
from auditor_app.errors import UserFacingError
from auditor_app.store.db import open_store

from tests.package.crafting import build_audit

from .conftest import NOTE, plant


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="auditor-app")
    sub = parser.add_subparsers(dest="command")
    for module in (keys, open_sealed, erase_confidential, export, import_package):
        module.register(sub)
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_a_lead_reads_what_an_auditor_sealed(tmp_path, monkeypatch, capsys, folder):
    monkeypatch.setenv("AUDITOR_APP_HOME", str(folder.root))
    assert _run("keys", "firm-keypair", str(tmp_path / "lead"), "--label", "Pearl River Audits") == 0
    private = tmp_path / "lead" / "pearl-river-audits.private-key.json"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert _run("keys", "import-recipient", str(tmp_path / "lead" / "pearl-river-audits.recipient.json")) == 0
    assert _run("keys", "list") == 0
    assert "firm     Pearl River Audits" in capsys.readouterr().out
    store = open_store(folder)
    try:
        audit_id = build_audit(store)
        plant(store, audit_id)
    finally:
        store.close()
    out = tmp_path / "audit.escp"
    assert _run("export", audit_id[:8], "-o", str(out)) == 0
    assert "sealed for Pearl River Audits (firm)" in capsys.readouterr().out
    assert _run("open-sealed", str(out), "--key", str(private)) == 0
    assert f"W-07: notes: {NOTE}" in capsys.readouterr().out
    monkeypatch.setenv("AUDITOR_APP_HOME", str(tmp_path / "office"))
    assert _run("import", str(out), "--key", str(private)) == 0
    assert "opened with the key of Pearl River Audits" in capsys.readouterr().out
    monkeypatch.setenv("AUDITOR_APP_HOME", str(folder.root))
    with pytest.raises(UserFacingError, match="not accepted yet"):
        _run("erase-confidential", audit_id[:8])
    assert _run("erase-confidential", audit_id[:8], "--lead-request") == 0
    assert "erased at the lead's request" in capsys.readouterr().out
