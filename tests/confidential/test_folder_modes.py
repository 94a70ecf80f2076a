"""The data folder is the user's alone: 0700 folders, 0600 files, after a demo, an export and an import."""

from __future__ import annotations

import os
import stat

from auditor_app.cli import main
from auditor_app.confidential.folder_modes import loose_modes
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store


def _audit_ids(folder: DataFolder) -> list[str]:
    from auditor_app.store.models import Audit

    store = open_store(folder)
    try:
        with store.session() as s:
            return [a.id for a in s.query(Audit).order_by(Audit.state != "draft")]  # the demo's own audit first
    finally:
        store.close()


def test_every_file_is_private_after_demo_export_and_import(tmp_path, monkeypatch, capsys):
    laptop, office = DataFolder(tmp_path / "laptop"), DataFolder(tmp_path / "office")
    monkeypatch.setenv("AUDITOR_APP_HOME", str(laptop.root))
    assert main(["demo"]) == 0
    audit_id = _audit_ids(laptop)[0]
    package = tmp_path / "usb" / "demo.escp"
    package.parent.mkdir()
    assert main(["export", audit_id, "-o", str(package)]) == 0
    monkeypatch.setenv("AUDITOR_APP_HOME", str(office.root))
    assert main(["import", str(package)]) == 0
    for folder in (laptop, office):
        names = {p.name for p in folder.root.iterdir()}
        assert {"audits.sqlite3", "evidence", "derived", "logs", "audit-keys"} <= names
        assert any(p.is_file() for p in folder.evidence.rglob("*"))
        assert loose_modes(folder.root) == []
    assert stat.S_IMODE(package.stat().st_mode) == 0o600


def test_an_old_world_readable_folder_is_tightened_on_open(tmp_path):
    root = tmp_path / "old"
    (root / "evidence" / "ab").mkdir(parents=True)
    (root / "evidence" / "ab" / "abcd").write_bytes(b"photo")
    (root / "notes.txt").write_text("draft")
    for path in [root, root / "evidence", root / "evidence" / "ab"]:
        os.chmod(path, 0o755)
    for path in [root / "evidence" / "ab" / "abcd", root / "notes.txt"]:
        os.chmod(path, 0o644)
    store = open_store(DataFolder(root))
    store.close()
    assert loose_modes(root) == []
