"""`auditor-app export / import / verify` through the real entry point, with the data folder from
AUDITOR_APP_HOME as a user would run them."""

from __future__ import annotations

import zipfile

import pytest

from auditor_app import cli
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

from .crafting import build_audit, repack, store_contents


@pytest.fixture
def run(monkeypatch, capsys):
    # Only these commands: the others belong to other work in progress.
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["export", "import_package", "verify"])

    def run(home, *argv):
        monkeypatch.setenv("AUDITOR_APP_HOME", str(home))
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def home_with_audit(tmp_path):
    home = tmp_path / "auditor"
    store = open_store(DataFolder(home), actor="li.wei")
    try:
        audit_id = build_audit(store)
    finally:
        store.close()
    return home, audit_id


def test_export_import_verify_round_trip(run, home_with_audit, tmp_path):
    home, audit_id = home_with_audit
    out = tmp_path / "dongguan.escp"
    code, stdout, _ = run(home, "export", audit_id[:8], "-o", str(out))
    assert code == 0
    assert f"Exported audit {audit_id[:8]} (Dongguan Happy Toys Co., Ltd., IAA, draft)" in stdout
    assert zipfile.is_zipfile(out)

    assert run(home, "verify", str(out))[:2] == (0, f"{out}: intact\n")

    lead = tmp_path / "lead"
    code, stdout, _ = run(lead, "import", str(out))
    assert code == 0
    assert f"Imported audit {audit_id[:8]} (Dongguan Happy Toys Co., Ltd.)" in stdout
    code, stdout, _ = run(lead, "import", str(out))
    assert code == 0
    assert "already imported: nothing changed" in stdout


def test_export_names_an_unknown_audit_and_refuses_what_is_no_id(run, home_with_audit, tmp_path):
    # Ambiguous prefixes and wildcards in detail: tests/test_cli_errors.py.
    home, _ = home_with_audit
    code, _, err = run(home, "export", "ffffffff-0000", "-o", str(tmp_path / "x.escp"))
    assert code == 2
    assert f"no audit with id 'ffffffff-0000' in {home}" in err
    store = open_store(DataFolder(home))
    try:
        build_audit(store)
    finally:
        store.close()
    code, _, err = run(home, "export", "", "-o", str(tmp_path / "x.escp"))
    assert code == 2 and "no audit id was given" in err
    assert not (tmp_path / "x.escp").exists()


def test_export_does_not_overwrite_without_force(run, home_with_audit, tmp_path):
    home, audit_id = home_with_audit
    out = tmp_path / "a.escp"
    out.write_bytes(b"yesterday's package")
    code, _, err = run(home, "export", audit_id, "-o", str(out))
    assert code == 2 and "already exists; use --force" in err
    assert out.read_bytes() == b"yesterday's package"
    assert run(home, "export", audit_id, "-o", str(out), "--force")[0] == 0
    assert zipfile.is_zipfile(out)


def test_import_of_a_damaged_package_lists_the_problem_and_imports_nothing(run, home_with_audit, tmp_path):
    home, audit_id = home_with_audit
    good = tmp_path / "a.escp"
    run(home, "export", audit_id, "-o", str(good))
    bad = tmp_path / "b.escp"

    def edit(events):
        events[1]["actor"] = "someone else"
    repack(good, bad, edit_json={"events.json": edit})
    lead = tmp_path / "lead"
    code, _, err = run(lead, "import", str(bad))
    assert code == 2
    assert "was refused, nothing was imported" in err
    assert "events.json: event 2 (" in err
    contents = store_contents(DataFolder(lead))
    assert contents["audit"] == contents["event"] == 0 and contents["evidence_files"] == []


def test_verify_exits_1_and_lists_each_problem(run, home_with_audit, tmp_path):
    home, audit_id = home_with_audit
    good = tmp_path / "a.escp"
    run(home, "export", audit_id, "-o", str(good))
    bad = tmp_path / "b.escp"
    repack(good, bad, replace={"notes.txt": b"hi"}, fix_manifest=False)
    code, stdout, _ = run(home, "verify", str(bad))
    assert code == 1
    assert f"{bad}: 1 problem\n  - notes.txt: in the package but not in the manifest\n" == stdout


def test_missing_file_is_a_user_error(run, tmp_path):
    for command in ("import", "verify"):
        code, _, err = run(tmp_path / "home", command, str(tmp_path / "nowhere.escp"))
        assert code == 2 and "nowhere.escp: no such file" in err
