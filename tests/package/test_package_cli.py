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

    assert run(home, "verify", str(out))[:2] == (0, f"{out}: intact; a draft (not sealed)\n  sealed and not in "
                                                 "this package (no recipient, or erased): interview notes; the "
                                                 "draw's seed\n")

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


def test_verify_names_the_signer_of_a_sealed_package_and_refuses_one_resealed_without_the_key(tmp_path, run):
    """Done when: verify prints the signer and exits 0; a copy re-sealed without the key exits 1."""
    from auditor_app.package.seal import compute_seal
    from auditor_app.store.eventlog import GENESIS, event_hash

    home = tmp_path / "home"
    store = open_store(DataFolder(home))
    try:
        audit_id = build_audit(store, sealed=True)
    finally:
        store.close()
    out = tmp_path / "sealed.escp"
    assert run(home, "export", audit_id[:8], "-o", str(out))[0] == 0
    code, stdout, _ = run(home, "verify", str(out))
    assert code == 0 and "intact; sealed and signed by Li Wei (Pearl River Audits), key " in stdout
    assert "an unregistered key" in stdout
    forged, new_seal = tmp_path / "forged.escp", {}

    def rewrite(doc):
        doc["finding"][0]["grade"] = "minor"  # the Critical finding softened, the rows and their events too
        doc["audit"]["seal"] = new_seal["seal"] = compute_seal(doc)

    def rewrite_events(events):
        for ev in events:
            if ev["entity"] == "finding" and ev["action"] == "create" and ev["changes"].get("grade") == "critical":
                ev["changes"]["grade"] = "minor"
        prev = GENESIS
        for ev in events:  # the chain re-hashed with the project's own code
            ev["prev_hash"] = prev
            ev["hash"] = prev = event_hash(ev)
        new_seal["head"] = prev

    repack(out, forged, edit_json={"audit.json": rewrite, "events.json": rewrite_events},
           edit_manifest=lambda m: (m["audit"].update(seal=new_seal["seal"]),
                                    m["events"].update(head_hash=new_seal.get("head", m["events"]["head_hash"]))))
    code, stdout, _ = run(home, "verify", str(forged))
    assert code == 1
    assert "signature does not match" in stdout or "seal statement" in stdout
