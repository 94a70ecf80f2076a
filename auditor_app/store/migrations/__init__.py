"""The store's migrations as Alembic runs them, and their index read without Alembic.

Every start checks the database's schema version against the newest migration (the head). Importing
Alembic and walking its ScriptDirectory for that took about a third of a second of each start, so the
head and the known revisions are read here from the version files themselves: the `revision = ...` and
`down_revision = ...` lines Alembic reads too (script.py.mako writes them). Alembic is imported only
when a migration must run (`store.db.upgrade`); tests/store/test_schema_head.py proves this index equal
to Alembic's own.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

MIGRATIONS = Path(__file__).parent
VERSIONS = MIGRATIONS / "versions"
# A module-level assignment, with or without a type annotation (`revision: str = "0015"`).
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)


class MigrationIndexError(RuntimeError):
    """The version files do not form one line of revisions (a bug of a release, never of the user)."""


def read_revision(text: str, name: str = "<migration>") -> tuple[str, tuple[str, ...]]:
    """(revision, the revisions it follows) of one version file's source."""
    found: dict[str, object] = {}
    for key, value in _ASSIGNMENT.findall(text):
        if key in found:
            raise MigrationIndexError(f"{name} sets {key} twice")
        try:
            found[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError) as exc:
            raise MigrationIndexError(f"{name}: {key} is not a plain value ({value})") from exc
    revision, down = found.get("revision"), found.get("down_revision")
    if not isinstance(revision, str) or "down_revision" not in found:
        raise MigrationIndexError(f"{name} does not name its revision and down_revision")
    if down is None:
        downs: tuple[str, ...] = ()
    elif isinstance(down, str):
        downs = (down,)
    elif isinstance(down, (tuple, list)) and all(isinstance(d, str) for d in down):
        downs = tuple(down)  # a merge
    else:
        raise MigrationIndexError(f"{name}: down_revision is {down!r}")
    return revision, downs


def revision_graph(folder: Path = VERSIONS) -> dict[str, tuple[str, ...]]:
    """Every revision of the version files, with the revisions it follows."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.py")):
        revision, downs = read_revision(path.read_text(encoding="utf-8"), path.name)
        if revision in graph:
            raise MigrationIndexError(f"revision {revision} is in two version files")
        graph[revision] = downs
    return graph


def head_of(graph: dict[str, tuple[str, ...]]) -> str:
    """The one revision no other follows; more than one is a branch Alembic would refuse to upgrade."""
    followed = {down for downs in graph.values() for down in downs}
    missing = sorted(followed - set(graph))
    if missing:
        raise MigrationIndexError(f"the migrations follow revisions that do not exist: {missing}")
    heads = sorted(set(graph) - followed)
    if len(heads) != 1:
        raise MigrationIndexError(f"the migrations have {len(heads)} heads: {heads}")
    return heads[0]


@functools.cache
def head() -> str:
    """The revision a database of this version of the app is at once prepared."""
    return head_of(revision_graph())


@functools.cache
def known() -> frozenset[str]:
    """Every revision this version of the app can upgrade from (anything else is from a newer app)."""
    return frozenset(revision_graph())
