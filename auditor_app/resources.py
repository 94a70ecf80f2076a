"""Where the rule and checklist data files live, and how they are read.

Rules are data (`resources/`): every file is loaded through `load_yaml` so that a broken file
always produces a `RulesFileError` naming the file, the place inside it and what is wrong.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from auditor_app.errors import UserFacingError

if TYPE_CHECKING:
    from pydantic import BaseModel

# PyYAML and pydantic are imported by the first file read, not with this module: the window imports it
# at start for resources_dir() alone (issue 17: a usable audit list first).
M = TypeVar("M", bound="BaseModel")
# Where an installed auditor_app keeps the resources/ folder (setup.py's package_dir mapping).
PACKAGED_RESOURCES = "_resources"


class RulesFileError(UserFacingError, ValueError):
    """A data file in resources/ is missing, unreadable or invalid."""

    def __init__(self, file: str | Path, where: str, problem: str):
        self.file = str(file)
        self.where = where
        self.problem = problem
        place = f" at {where}" if where else ""
        UserFacingError.__init__(self, f"{self.file}{place}: {problem}")


def resources_dir() -> Path:
    """The resources folder; AUDITOR_APP_RESOURCES overrides it (tests, a portable install)."""
    override = os.environ.get("AUDITOR_APP_RESOURCES")
    if override:
        return Path(override)
    return shipped_resources_dir()


@functools.cache
def shipped_resources_dir() -> Path:
    """The resources the app was installed with, whatever AUDITOR_APP_RESOURCES says.

    An installed wheel (and the PyInstaller bundle) carries the top-level `resources/` folder as the
    package data folder `auditor_app/_resources/` (setup.py maps it), beside this module: the package is
    always a folder on disk (PyInstaller's too: it sets `__file__` inside its folder), so its path is
    this file's, without `importlib.resources` (~1.5 ms of every start of the window). A checkout, run
    in place or installed with `pip install -e .`, has no such folder: its `resources/` sits next to the
    package, where it is edited."""
    package = Path(__file__).parent
    installed = package / PACKAGED_RESOURCES
    if installed.is_dir():
        return installed
    return package.resolve().parent / "resources"


@functools.cache
def _safe_loader() -> Any:
    """libyaml's parser when PyYAML was built with it (ten times faster than the pure-Python one: a
    checklist edition parses in ~0.1 s instead of ~1 s); the same safe subset of YAML either way."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Parsed files by resolved path, with the text they were parsed from: a file is parsed again only when
# its text changed (compared whole, so no timestamp granularity can serve a stale parse). Callers get a
# deep copy, free to change it.
_parsed: dict[Path, tuple[str, Any]] = {}


def load_yaml(path: str | Path) -> Any:
    """Parse one YAML file; syntax errors name the file and line."""
    path = Path(path)
    if not path.is_absolute():
        path = resources_dir() / path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesFileError(path, "", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesFileError(path, "", f"cannot be read ({exc})") from None
    import copy  # here, not at the top: the window's start imports this module for resources_dir() alone

    key = path.resolve()
    cached = _parsed.get(key)
    if cached is not None and cached[0] == text:
        return copy.deepcopy(cached[1])
    import yaml

    try:
        value = yaml.load(text, Loader=_safe_loader())  # a safe loader, C or Python
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise RulesFileError(path, where, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    _parsed[key] = (text, value)
    return copy.deepcopy(value)


def pydantic_where(error: Mapping[str, Any]) -> str:
    """Turn a pydantic error location into a readable path like `sections[2].checkpoints[0].grade`."""
    out = ""
    for part in error.get("loc", ()):
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(model: type[M], raw: Any, file: str | Path) -> M:
    """Validate parsed YAML against a pydantic model; the first error becomes a RulesFileError
    naming the file, the place in it and the problem (with the offending value)."""
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        problem = err["msg"]
        if err["type"] not in ("missing", "extra_forbidden"):
            problem += f" (got {err.get('input')!r})"
        raise RulesFileError(file, pydantic_where(err), problem) from None


def load_rules(model: type[M], path: str | Path) -> M:
    """Read and validate one rules file of resources/ (a relative path) or anywhere (absolute)."""
    full = Path(path) if Path(path).is_absolute() else resources_dir() / path
    return validate(model, load_yaml(full), full)
