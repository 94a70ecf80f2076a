"""Every way a command can fail reaches the user as a sentence on stderr: never a traceback, SQL
or the data being written. Driven through `auditor_app.cli.main` in-process, and once as a real
process (`python -m auditor_app`)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import portalocker
import pytest
from sqlalchemy.exc import IntegrityError

import auditor_app.audits
from auditor_app.store.db import raw_connection
from auditor_app import cli
from auditor_app.package.export import export_audit
from auditor_app.paths import DataFolder
from auditor_app.store import db as store_db
from auditor_app.store.db import open_store
from auditor_app.store.folder_lock import LOCK_NAME, OwnerInfo, held_since
from auditor_app.store.models import Audit, FactoryProfile
from auditor_app.store.types import utcnow
from tests.package.crafting import repack, store_contents
from tests.read_only import read_only

PROJECT = Path(__file__).resolve().parent.parent
# Only the commands these tests drive: the others belong to work going on at the same time.
COMMANDS = ["list_audits", "demo", "export", "import_package", "verify", "rate", "report"]
ESC_NAME = "Evil\x1b[31m Toys\x9b2J"
ESC_LOCAL = "东莞\x1b]0;pwned\x07玩具"
ID_1 = "abcd1111-0000-4000-8000-000000000001"
ID_2 = "abcd2222-0000-4000-8000-000000000002"
ID_3 = "0123ffff-0000-4000-8000-000000000003"


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setattr(cli, "COMMAND_MODULES", COMMANDS)

    def run(home, *argv):
        monkeypatch.setenv("AUDITOR_APP_HOME", str(home))
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def add_audit(home: Path, audit_id: str, name: str = "Dongguan Happy Toys Co., Ltd.", local: str = "") -> None:
    store = open_store(DataFolder(home), actor="li.wei")
    try:
        with store.transaction() as s:
            s.add(Audit(id=audit_id, audit_type="ICA", checklist_version="4.0"))
            s.flush()
            s.add(FactoryProfile(audit_id=audit_id, name=name, name_local=local))
    finally:
        store.close()


def assert_one_sentence(err: str, *names) -> None:
    """What a user sees: `auditor-app: <sentence>` and at most a hint line, naming `names`."""
    lines = err.splitlines()
    assert lines and lines[0].startswith("auditor-app: "), err
    assert len(lines) <= 2, err
    for leak in ("Traceback", 'File "', "SELECT", "INSERT", "UPDATE ", "[SQL", "parameters", "sqlalche"):
        assert leak not in err, err
    for name in names:
        assert str(name) in err, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- audit ids: exact, or a unique start of hex digits and dashes; never a wildcard -------------------

@pytest.fixture
def one_audit(tmp_path):
    """The case the LIKE match got wrong: with one audit, "" or "%" silently picked it."""
    home = tmp_path / "one"
    add_audit(home, ID_1)
    return home


@pytest.fixture
def three_audits(tmp_path):
    home = tmp_path / "three"
    for audit_id in (ID_1, ID_2, ID_3):
        add_audit(home, audit_id)
    return home


@pytest.mark.parametrize("text", ["", "   ", "%", "_", "*", "abc%", "ab_d", "abcd*", "abcd1111%",
                                  "xyz1", f"{ID_1}' OR '1'='1", "ａｂｃｄ"])
def test_what_is_no_audit_id_is_refused_with_what_one_looks_like(run, one_audit, tmp_path, text):
    out = tmp_path / "x.escp"
    code, stdout, err = run(one_audit, "export", text, "-o", out)
    assert code == 2
    assert "An audit id is made of the digits 0-9, the letters a-f and dashes" in err
    assert stdout == "" and not out.exists()


def test_a_start_shorter_than_4_characters_is_refused(run, one_audit, tmp_path):
    code, _, err = run(one_audit, "export", "abc", "-o", tmp_path / "x.escp")
    assert code == 2 and "'abc' is too short to pick an audit" in err


def test_a_start_matching_two_audits_is_refused(run, three_audits, tmp_path):
    code, _, err = run(three_audits, "export", "abcd", "-o", tmp_path / "x.escp")
    assert code == 2
    assert f"'abcd' matches 2 audits; type more of the id in {three_audits}" in err
    assert not (tmp_path / "x.escp").exists()


def test_a_unique_start_picks_its_audit_in_any_case(run, three_audits, tmp_path):
    code, stdout, _ = run(three_audits, "export", "ABCD2", "-o", tmp_path / "x.escp")
    assert code == 0 and stdout.startswith("Exported audit abcd2222 ")


def test_an_exact_id_picks_its_audit(run, three_audits, tmp_path):
    code, stdout, _ = run(three_audits, "export", ID_3.upper(), "-o", tmp_path / "x.escp")
    assert code == 0 and stdout.startswith("Exported audit 0123ffff ")


def test_an_id_of_no_audit_names_the_folder_searched(run, three_audits, tmp_path):
    code, _, err = run(three_audits, "export", "abcd3", "-o", tmp_path / "x.escp")
    assert code == 2 and f"no audit with id 'abcd3' in {three_audits}" in err
    assert "`auditor-app list` shows the audits" in err


def test_rate_and_report_resolve_ids_the_same_way(run, one_audit, tmp_path):
    assert run(one_audit, "rate", "%")[0] == 2
    code, _, err = run(one_audit, "report", "", "-o", tmp_path / "r.pdf")
    assert code == 2 and "no audit id was given" in err
    code, stdout, _ = run(one_audit, "rate", "abcd")
    assert code == 0 and stdout.startswith("Recommended status:")


# --- control characters from packages are shown, never obeyed ----------------------------------------

@pytest.fixture
def escape_package(tmp_path):
    """A valid, sealed-or-not package whose factory names carry terminal escape sequences."""
    source = tmp_path / "source"
    add_audit(source, ID_1, ESC_NAME, ESC_LOCAL)
    store = open_store(DataFolder(source), actor="li.wei")
    try:
        return export_audit(store, ID_1, tmp_path / "evil.escp").path
    finally:
        store.close()


def no_raw_controls(text: str) -> bool:
    return not any(c in text for c in ("\x1b", "\x9b", "\x07"))


def test_import_then_list_show_escape_codes_escaped(run, escape_package, tmp_path):
    lead = tmp_path / "lead"
    code, out, err = run(lead, "import", escape_package)
    assert code == 0
    assert "(Evil\\x1b[31m Toys\\x9b2J)" in out
    assert no_raw_controls(out + err)

    code, out, _ = run(lead, "list")
    assert code == 0 and no_raw_controls(out)
    assert "Evil\\x1b[31m Toys\\x9b2J (东莞\\x1b]0;pwned\\x07玩具)" in out  # Chinese stays readable

    code, out, _ = run(lead, "list", "--json")
    assert code == 0 and no_raw_controls(out)
    listed = json.loads(out)
    assert (listed[0]["factory_name"], listed[0]["factory_name_local"]) == (ESC_NAME, ESC_LOCAL)

    code, out, _ = run(lead, "export", "abcd1111", "-o", tmp_path / "again.escp")
    assert code == 0 and "(Evil\\x1b[31m Toys\\x9b2J, ICA, draft)" in out and no_raw_controls(out)


def test_problems_quoting_package_content_are_escaped(run, escape_package, tmp_path):
    # A problem that quotes a value from inside audit.json as it is (the package's own checks
    # already escape member names): the command line escapes what it prints.
    def edit(doc):
        doc["factory_profile"]["audit_id"] = "x\x1b[2J\u202e"
    bad = tmp_path / "bad.escp"
    repack(escape_package, bad, edit_json={"audit.json": edit})
    code, out, _ = run(tmp_path / "lead", "verify", bad)
    assert code == 1
    assert "belongs to audit x\\x1b[2J\\u202e, not to" in out
    assert no_raw_controls(out) and "\u202e" not in out

    code, out, err = run(tmp_path / "lead", "import", bad)
    assert code == 2
    assert "belongs to audit x\\x1b[2J\\u202e, not to" in err
    assert no_raw_controls(err) and "\u202e" not in err
    assert store_contents(DataFolder(tmp_path / "lead"))["audit"] == 0


def test_rate_reasons_are_escaped(run, escape_package, tmp_path):
    code, out, _ = run(tmp_path / "lead", "rate", escape_package, "--json")
    assert code == 0 and no_raw_controls(out)


# --- a read-only data folder ---------------------------------------------------------------------------

def test_writing_commands_in_a_read_only_folder_say_so(run, one_audit, escape_package):
    before = digest(one_audit / "audits.sqlite3")
    with read_only(one_audit):
        for argv in (["demo"], ["import", escape_package]):
            code, out, err = run(one_audit, *argv)
            assert code in (1, 2), (argv, err)
            assert out == ""
            assert_one_sentence(err, one_audit)
    assert digest(one_audit / "audits.sqlite3") == before
    assert not (one_audit / "logs").exists()  # logging gave up quietly too


def test_reading_a_read_only_folder_fails_in_a_sentence_or_works(run, one_audit):
    with read_only(one_audit):
        code, out, err = run(one_audit, "list")
    if code == 0:
        assert "abcd1111" in out and err == ""
    else:
        assert_one_sentence(err, one_audit / "audits.sqlite3")


def test_a_new_data_folder_that_cannot_be_made(run, tmp_path):
    parent = tmp_path / "locked-down"
    parent.mkdir()
    with read_only(parent):
        code, out, err = run(parent / "home", "list")
    assert code in (1, 2) and out == ""
    assert_one_sentence(err, parent / "home")


def test_an_unexpected_error_without_a_log_says_no_log_could_be_written(run, one_audit, monkeypatch):
    def bug(*args, **kwargs):
        raise RuntimeError("a bug")
    monkeypatch.setattr(auditor_app.audits, "list_audits", bug)
    (one_audit / "logs").mkdir()
    with read_only(one_audit / "logs"):  # the database can be read, the log cannot be written
        code, _, err = run(one_audit, "list")
    assert code == 1
    assert_one_sentence(err, "unexpected error (RuntimeError)", f"no log could be written in {one_audit}")


# --- a locked database -----------------------------------------------------------------------------------

@pytest.fixture
def short_busy_timeout(monkeypatch):
    # The store waits 10 s for a lock; the test needs only to see it give up.
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)


def hold_write_lock(home: Path):
    con = raw_connection(DataFolder(home))  # keyed: the database is encrypted
    con.isolation_level = None
    con.execute("BEGIN IMMEDIATE")
    return con


def test_writing_to_a_locked_database_names_it_and_saves_nothing(run, one_audit, escape_package,
                                                                 short_busy_timeout):
    blocker = hold_write_lock(one_audit)
    try:
        for argv in (["demo", "--force"], ["import", escape_package]):
            code, out, err = run(one_audit, *argv)
            assert code in (1, 2), (argv, err)
            assert_one_sentence(err, one_audit / "audits.sqlite3")
            assert "busy" in err or "locked" in err
        # A reader either reads past the writer (WAL) or, if opening the store checks that it can
        # write (store.db decides), says so in the same way.
        code, out, err = run(one_audit, "list")
        if code == 0:
            assert "abcd1111" in out
        else:
            assert_one_sentence(err, one_audit / "audits.sqlite3")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store_contents(DataFolder(one_audit))["audit"] == 1
    assert run(one_audit, "demo")[0] == 0  # and once it is free, the same command works


# --- a database from a newer version ---------------------------------------------------------------------

@pytest.fixture
def newer_home(one_audit):
    con = raw_connection(DataFolder(one_audit))
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.close()
    return one_audit


@pytest.mark.parametrize("argv", [["list"], ["demo"], ["export", "abcd1111", "-o", "x.escp"], ["rate", "abcd"]])
def test_a_newer_schema_is_refused_and_left_alone(run, newer_home, tmp_path, argv, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = digest(newer_home / "audits.sqlite3")
    code, out, err = run(newer_home, *argv)
    assert code == 2 and out == ""
    assert_one_sentence(err, newer_home / "audits.sqlite3", "newer version")
    assert digest(newer_home / "audits.sqlite3") == before


# --- bugs: one sentence pointing at the log, the traceback only in the log ---------------------------------

def test_a_bug_is_one_sentence_and_its_traceback_goes_to_the_log(run, one_audit, monkeypatch):
    def bug(*args, **kwargs):
        # What SQLAlchemy raises carries the statement and the values: they must not reach the screen.
        raise IntegrityError("INSERT INTO factory_profile (name) VALUES (?)", ("Secret Toys Ltd",),
                             sqlite3.IntegrityError("UNIQUE constraint failed"))
    monkeypatch.setattr(auditor_app.audits, "list_audits", bug)
    code, out, err = run(one_audit, "list")
    log = one_audit / "logs" / "auditor-app.log"
    assert code == 1 and out == ""
    assert_one_sentence(err, "unexpected error (IntegrityError) while running `list`", f"details in {log}")
    assert "Secret Toys" not in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "IntegrityError" in text
    assert "command list started" in text


@pytest.mark.parametrize("code_, words", [(errno.ENOSPC, "is full"), (errno.EROFS, "is on a read-only disk"),
                                          (errno.EACCES, "permission denied for")])
def test_failures_of_the_machine_exit_1_with_their_sentence(run, one_audit, monkeypatch, code_, words):
    target = one_audit / "evidence" / "ab" / "abcdef"

    def failing(*args, **kwargs):
        raise OSError(code_, os.strerror(code_), str(target))
    monkeypatch.setattr(auditor_app.audits, "list_audits", failing)
    code, _, err = run(one_audit, "list")
    assert code == 1
    assert_one_sentence(err, target, words)
    assert "Traceback" in (one_audit / "logs" / "auditor-app.log").read_text()


def test_the_log_holds_ids_and_counts_not_audit_content(run, escape_package, tmp_path):
    lead = tmp_path / "lead"
    assert run(lead, "import", escape_package)[0] == 0
    assert run(lead, "list")[0] == 0
    text = (lead / "logs" / "auditor-app.log").read_text(encoding="utf-8")
    assert "command import started" in text and "finished with exit code 0" in text
    assert "Evil" not in text and "东莞" not in text


def test_commands_outside_the_data_folder_leave_no_log_behind(run, escape_package, tmp_path):
    home = tmp_path / "never-made"
    assert run(home, "verify", escape_package)[0] == 0
    assert run(home, "rate", escape_package)[0] == 0
    assert not home.exists()


# --- the data folder's lock: writers take it, readers do not ------------------------------------------------

@pytest.fixture
def window_holds(one_audit):
    """The folder's lock held as the window holds it (a separate open file: flock is per open file)."""
    with open(one_audit / LOCK_NAME, "a+b") as handle:
        portalocker.lock(handle, portalocker.LOCK_EX | portalocker.LOCK_NB)
        handle.truncate(0)
        handle.write(OwnerInfo(4242, utcnow(), "an ESCP Field Auditor window", "window").to_json())
        handle.flush()
        yield one_audit
        portalocker.unlock(handle)


def test_writing_commands_are_refused_while_the_window_owns_the_folder(run, window_holds, escape_package):
    for argv in (["demo"], ["import", escape_package]):
        code, out, err = run(window_holds, *argv)
        assert code == 2 and out == ""
        assert f"The data folder {window_holds} is already open in an ESCP Field Auditor window" in err
    assert store_contents(DataFolder(window_holds))["audit"] == 1


def test_reading_commands_work_while_the_window_owns_the_folder(run, window_holds, tmp_path):
    assert run(window_holds, "list")[0] == 0
    assert run(window_holds, "export", "abcd", "-o", tmp_path / "x.escp")[0] == 0
    assert run(window_holds, "rate", "abcd")[0] == 0


def test_demo_holds_the_lock_while_it_writes_and_list_never_takes_it(run, one_audit, monkeypatch):
    seen = {}

    def ensure_demo(store):
        seen["demo"] = held_since(store.folder)
        return ID_1
    monkeypatch.setattr("auditor_app.demo.ensure_demo", ensure_demo)
    real_list = auditor_app.audits.list_audits

    def list_audits(*args, **kwargs):
        seen["list"] = held_since(DataFolder(one_audit))
        return real_list(*args, **kwargs)
    monkeypatch.setattr(auditor_app.audits, "list_audits", list_audits)
    assert run(one_audit, "demo")[0] == 0
    assert run(one_audit, "list")[0] == 0
    assert seen["demo"] is not None and seen["list"] is None
    assert held_since(DataFolder(one_audit)) is None  # released at the end


# --- once as a real process ------------------------------------------------------------------------------

def run_process(home: Path, *argv) -> subprocess.CompletedProcess:
    env = {"AUDITOR_APP_HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "PYTHONPATH": str(PROJECT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "auditor_app", *map(str, argv)], capture_output=True,
                          text=True, env=env, cwd=home.parent, timeout=120, check=False)


def test_as_a_real_process(three_audits, newer_home):
    done = run_process(three_audits, "export", "%", "-o", "x.escp")
    assert done.returncode == 2 and done.stdout == ""
    assert_one_sentence(done.stderr, "'%' is not an audit id")

    done = run_process(newer_home, "demo")
    assert done.returncode == 2 and done.stdout == ""
    assert_one_sentence(done.stderr, "newer version")

    # No log can be opened here either: nothing may fall back to printing the traceback.
    with read_only(three_audits):
        done = run_process(three_audits, "import", newer_home / "nothing.escp")
        assert done.returncode == 2 and "no such file" in done.stderr
        done = run_process(three_audits, "demo")
    assert done.returncode in (1, 2) and done.stdout == ""
    assert_one_sentence(done.stderr, three_audits)
