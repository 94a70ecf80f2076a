"""`auditor-app run` opens the store without walking every file for its modes (a start cost that grows
with the evidence); the window's first background check tightens them, after the list shows."""

from __future__ import annotations

import os

from waiting import wait_for_operations

from auditor_app.confidential.folder_modes import loose_modes
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.ui.main_window import MainWindow


def test_an_old_world_readable_folder_is_tightened_after_the_window_shows(qtbot, tmp_path):
    root = tmp_path / "old"
    (root / "evidence" / "ab").mkdir(parents=True)
    (root / "evidence" / "ab" / "abcd").write_bytes(b"photo")
    (root / "notes.txt").write_text("draft")
    os.chmod(root / "evidence" / "ab", 0o755)
    for path in [root / "evidence" / "ab" / "abcd", root / "notes.txt"]:
        os.chmod(path, 0o644)
    store = open_store(DataFolder(root), tighten_all=False)  # as `auditor-app run` opens it
    try:
        assert os.stat(root).st_mode & 0o777 == 0o700  # the root at once: no other account gets in
        assert "notes.txt 0o644" in loose_modes(root)  # the walk waits for the window
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        window.start_reconcile()
        assert wait_for_operations()
        assert loose_modes(root) == []
        window.close()
    finally:
        store.close()
