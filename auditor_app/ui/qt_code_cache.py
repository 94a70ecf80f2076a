"""PySide6 compiles the same Python source and patterns at every start; this keeps what it compiled.

shiboken6 carries its signature support (`shibokensupport`: the parser of its type signatures, its
`.pyi` generator, its feature switches; ~145 KB of Python) as source in a zip inside its library.
While `shiboken6.Shiboken` initialises, its importer compiles each of those modules with `compile()`:
about 38 ms of processor time at every start (measured here), since nothing is written. Two of those
modules then compile large regular expressions (`pyi_generator.Formatter`, `parser`): ~25 ms more,
as Python keeps no compiled pattern between runs.

`remember_compiled(folder)`, called before PySide6 is first imported, wraps the loading of
`shiboken6.Shiboken` so that, on the importing thread and only while it initialises, `compile` is
looked up in one file in `folder` by everything that decides its result: this Python's bytecode
magic, the file name, the mode, the caller's `__future__` flags and the source itself (hashed). The
same key always gives the same code, so no stale entry can be served: an upgrade brings new source.
Patterns are kept the same way: what `re` hands to its C engine (`_sre.compile`) for a pattern and its
flags, keyed by the engine's version, this Python's and the pattern; kept only once a pattern made
from it compares equal to the one `re` made (same code, flags and groups).
A file that cannot be read or written only means compiling as before; the cache is safe to delete.
"""

from __future__ import annotations

import __future__
import builtins
import _sre
import importlib
import importlib.machinery
import importlib.util
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from types import CodeType
from typing import Any

from auditor_app.builtin_hashes import blake2b

# re's own compiler (private, stable from 3.11 to 3.13): used only to learn what it gives _sre.compile.
# Anything unexpected in it only means the pattern is compiled by `re` as usual.
SRE_COMPILER: Any = importlib.import_module("re._compiler")
SRE_PARSER: Any = importlib.import_module("re._parser")
BUILTIN_COMPILE_PATTERN = SRE_COMPILER.compile

CACHE_NAME = "shiboken-signature-code.marshal"
SHIBOKEN = "shiboken6.Shiboken"  # its initialisation runs shiboken6's embedded bootstrap
BUILTIN_COMPILE = builtins.compile  # taken before anything stands in for it
FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag


def user_cache() -> Path:
    """This user's cache folder for the app (not the data folder: the code is the same for every folder)."""
    import platformdirs

    from auditor_app.paths import APP_AUTHOR, APP_NAME

    return platformdirs.user_cache_path(APP_NAME, APP_AUTHOR)


def remember_compiled(folder: Path) -> bool:
    """Before PySide6 is imported: shiboken6's embedded modules are compiled once, then read from
    `folder`. False (nothing done) when it is imported already."""
    if SHIBOKEN in sys.modules:
        return False
    sys.meta_path.insert(0, _ShibokenFinder(folder / CACHE_NAME))
    return True


class CodeCache:
    """Compiled code and patterns by key (see the module's doc), in one marshal file read at once."""

    def __init__(self, path: Path):
        self.path = path
        self.codes: dict[bytes, CodeType | tuple] = self._read()
        self.compiled = 0  # this run: code compiled (and kept) ...
        self.served = 0  # ... and read from the cache
        self.patterns_compiled = 0  # the same for patterns
        self.patterns_served = 0
        self.unsaved = False

    def compile(self, source, filename, mode, flags: int = 0) -> CodeType:
        """What `compile(source, filename, mode, flags, dont_inherit=True)` gives, from the cache when
        the same was compiled before."""
        raw = source.encode() if isinstance(source, str) else bytes(source)
        key = blake2b(b"\0".join([importlib.util.MAGIC_NUMBER, os.fsencode(filename), mode.encode(),
                                  str(flags).encode(), raw]), digest_size=20).digest()
        code = self.codes.get(key)
        if not isinstance(code, CodeType):
            code = self.codes[key] = BUILTIN_COMPILE(source, filename, mode, flags, dont_inherit=True)
            self.compiled += 1
            self.unsaved = True
        else:
            self.served += 1
        return code

    def compile_pattern(self, pattern: str | bytes, flags: int) -> re.Pattern:
        """What `re._compiler.compile(pattern, flags)` gives, from the cache when the same was compiled before."""
        raw = pattern.encode("utf-8", "surrogatepass") if isinstance(pattern, str) else bytes(pattern)
        key = blake2b(b"\0".join([b"pattern", str(_sre.MAGIC).encode(), sys.version.encode(),
                                  type(pattern).__name__.encode(), str(flags).encode(), raw]),
                      digest_size=20).digest()
        parts = self.codes.get(key)
        if isinstance(parts, tuple):
            try:
                made = _sre.compile(pattern, *parts)
            except Exception:  # noqa: BLE001 - not one this Python accepts: compiled below
                del self.codes[key]
            else:
                self.patterns_served += 1
                return made
        compiled = BUILTIN_COMPILE_PATTERN(pattern, flags)
        parts = _engine_arguments(pattern, flags)
        if parts is not None and _same_pattern(_sre.compile(pattern, *parts), compiled):
            self.codes[key] = parts
            self.patterns_compiled += 1
            self.unsaved = True
        return compiled

    def save(self) -> None:
        """Write the codes (all of them, in one file replaced at once) when any was added."""
        if not self.unsaved:
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.urandom(4).hex()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps(self.codes))
            os.replace(temporary, self.path)
            self.unsaved = False
        except OSError:  # a full disk, a read-only home: compiled again next time
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass

    def _read(self) -> dict[bytes, CodeType]:
        try:
            codes = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}  # none yet, or not one we wrote: compiled again and written anew
        if not isinstance(codes, dict):
            return {}
        return {k: v for k, v in codes.items()
                if isinstance(k, bytes) and (isinstance(v, CodeType) or _are_engine_arguments(v))}


def _engine_arguments(pattern: str | bytes, flags: int) -> tuple | None:
    """The arguments after the pattern that `re._compiler.compile` gives `_sre.compile` (its own steps,
    in plain types marshal can keep), or None where this Python's `re` works otherwise."""
    try:
        parsed = SRE_PARSER.parse(pattern, flags)
        code = [int(op) for op in SRE_COMPILER._code(parsed, flags)]
        groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - another Python's internals: the pattern is simply not kept
        return None


def _same_pattern(made: re.Pattern, compiled: re.Pattern) -> bool:
    # Patterns compare equal by their flags, source and engine code; their groups are compared here.
    return made == compiled and made.groups == compiled.groups and made.groupindex == compiled.groupindex


def _are_engine_arguments(value) -> bool:
    return (isinstance(value, tuple) and len(value) == 5 and isinstance(value[0], int)
            and isinstance(value[1], list) and isinstance(value[2], int) and isinstance(value[3], dict)
            and isinstance(value[4], tuple))


class _ShibokenFinder:
    """Finds `shiboken6.Shiboken` where Python would, and loads it with the cache's `compile` in place
    of the builtin on this thread while it initialises; then it leaves `sys.meta_path`."""

    def __init__(self, path: Path):
        self.path = path

    def find_spec(self, name, path=None, target=None):
        if name != SHIBOKEN:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _CachedCompileLoader(spec.loader, CodeCache(self.path))
        return spec


class _CachedCompileLoader:
    def __init__(self, loader, cache: CodeCache):
        self.loader = loader
        self.cache = cache

    def create_module(self, spec):
        with _compile_from(self.cache):
            return self.loader.create_module(spec)

    def exec_module(self, module):
        try:
            with _compile_from(self.cache):
                self.loader.exec_module(module)
        finally:
            self.cache.save()


class _compile_from:  # noqa: N801 - used as a context manager, named like one
    """`builtins.compile` and re's pattern compiler answered from `cache` for plain calls on this thread,
    for the block's time."""

    def __init__(self, cache: CodeCache):
        self.cache = cache
        self.thread = threading.get_ident()
        self.builtin = builtins.compile
        self.builtin_pattern = SRE_COMPILER.compile

    def __enter__(self):
        builtin, builtin_pattern, cache, thread = self.builtin, self.builtin_pattern, self.cache, self.thread

        def cached_compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **kwargs):
            # What the builtin would inherit from its caller (the calling code's __future__ flags), given
            # explicitly: called from here, it would inherit this module's instead.
            if not dont_inherit:
                flags |= sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
            if (threading.get_ident() == thread and not kwargs and optimize == -1 and not flags & ~FUTURE_FLAGS
                    and isinstance(source, str | bytes)):
                try:
                    return cache.compile(source, filename, mode, flags)
                except Exception:  # noqa: BLE001, S110 - never in the way: shiboken6 aborts the process if its start fails
                    pass
            return builtin(source, filename, mode, flags, True, optimize, **kwargs)

        def cached_pattern(pattern, flags=0):
            # re._compile calls it for a str or bytes pattern, its flags an int; DEBUG prints as it compiles.
            if threading.get_ident() == thread and isinstance(pattern, str | bytes) and not flags & re.DEBUG:
                try:
                    return cache.compile_pattern(pattern, int(flags))
                except re.error:
                    raise  # the pattern's own mistake, said once
                except Exception:  # noqa: BLE001, S110 - never in the way, as above
                    pass
            return builtin_pattern(pattern, flags)

        builtins.compile = cached_compile
        SRE_COMPILER.compile = cached_pattern
        return self

    def __exit__(self, *exc):
        builtins.compile = self.builtin
        SRE_COMPILER.compile = self.builtin_pattern
        return False
