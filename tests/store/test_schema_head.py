"""The schema check at every start reads the head from the version files, not from Alembic (issue 17):
the index must say exactly what Alembic says, and a start at head must not import Alembic at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from auditor_app.paths import DataFolder
from auditor_app.store import migrations
from auditor_app.store.db import alembic_config, current_revision, head_revision, known_revisions, open_store
from auditor_app.store.migrations import MigrationIndexError, head_of, read_revision, revision_graph

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_the_index_of_the_version_files_is_alembics():
    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {rev.revision for rev in scripts.walk_revisions()}
    assert revision_graph() == {rev.revision: _as_tuple(rev.down_revision) for rev in scripts.walk_revisions()}


def _as_tuple(down) -> tuple[str, ...]:
    return () if down is None else (down,) if isinstance(down, str) else tuple(down)


def test_a_version_file_is_read_as_alembic_writes_it():
    old_template = "revision = '0014'\ndown_revision = '0013'\nbranch_labels = None\n"
    assert read_revision(old_template) == ("0014", ("0013",))
    # Alembic's newer template annotates the assignments; a first migration follows nothing.
    annotated = ('revision: str = "0015"\ndown_revision: Union[str, None] = None  # the first\n'
                 'branch_labels: Union[str, Sequence[str], None] = None\n')
    assert read_revision(annotated) == ("0015", ())
    assert read_revision("revision = 'm'\ndown_revision = ('a', 'b')\n") == ("m", ("a", "b"))
    # Words in the docstring ("Revises: 0013") and indented assignments are not the module's.
    assert read_revision('"""Revision ID: x\nRevises: y\n"""\n    revision = "z"\nrevision = "0002"\n'
                         'down_revision = "0001"\n') == ("0002", ("0001",))
    with pytest.raises(MigrationIndexError, match="does not name"):
        read_revision("revision = '0016'\n")
    with pytest.raises(MigrationIndexError, match="not a plain value"):
        read_revision("revision = make_id()\ndown_revision = None\n")


def test_a_branch_or_a_gap_in_the_migrations_is_refused(tmp_path):
    for name, text in (("0001_a.py", "revision = '0001'\ndown_revision = None\n"),
                       ("0002_b.py", "revision = '0002'\ndown_revision = '0001'\n")):
        (tmp_path / name).write_text(text)
    assert head_of(revision_graph(tmp_path)) == "0002"
    (tmp_path / "0003_c.py").write_text("revision = '0003'\ndown_revision = '0001'\n")
    with pytest.raises(MigrationIndexError, match="2 heads"):
        head_of(revision_graph(tmp_path))
    (tmp_path / "0003_c.py").write_text("revision = '0003'\ndown_revision = '0000'\n")
    with pytest.raises(MigrationIndexError, match="do not exist"):
        head_of(revision_graph(tmp_path))
    (tmp_path / "0003_c.py").write_text("revision = '0002'\ndown_revision = '0001'\n")
    with pytest.raises(MigrationIndexError, match="two version files"):
        revision_graph(tmp_path)


def test_the_schema_version_is_read_with_a_plain_query(tmp_path):
    folder = DataFolder(tmp_path / "old").ensure()
    shutil.copy(FIXTURES / "store-0001.sqlite3", folder.database)
    store = open_store(folder)
    try:
        assert store.backup is not None  # it was at 0001: upgraded, after a backup
        assert current_revision(store.engine) == migrations.head()
    finally:
        store.close()


START_AT_HEAD = r"""
import json, sys
from pathlib import Path
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

store = open_store(DataFolder(Path(sys.argv[1])), actor="test")
print(json.dumps({"backup": str(store.backup), "modules": sorted(sys.modules)}))
store.close()
"""


def _open_in_a_child(folder: Path) -> dict:
    env = dict(os.environ, AUDITOR_APP_KEYRING="off", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", START_AT_HEAD, str(folder)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_alembic_is_imported_only_when_a_migration_runs(tmp_path):
    folder = tmp_path / "data"
    DataFolder(folder).ensure()
    shutil.copy(FIXTURES / "store-0001.sqlite3", DataFolder(folder).database)
    upgraded = _open_in_a_child(folder)  # at 0001: the upgrade needs Alembic
    assert upgraded["backup"] != "None" and "alembic" in upgraded["modules"]
    at_head = _open_in_a_child(folder)  # the next start finds it at head
    assert at_head["backup"] == "None"
    assert [m for m in at_head["modules"] if m.split(".")[0] == "alembic"] == []
