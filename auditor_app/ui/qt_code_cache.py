"""PySide6 compiles the same Python source at every start; this keeps what it compiled.

shiboken6 carries its signature support (`shibokensupport`: the parser of its type signatures, its
`.pyi` generator, its feature switches; ~145 KB of Python) as source in a zip inside its library.
While `shiboken6.Shiboken` initialises, its importer compiles each of those modules with `compile()`:
about 38 ms of processor time at every start (measured here), since nothing is written.

`remember_compiled(folder)`, called before PySide6 is first imported, wraps the loading of
`shiboken6.Shiboken` so that, on the importing thread and only while it initialises, `compile` is
looked up in one file in `folder` by everything that decides its result: this Python's bytecode
magic, the file name, the mode, the caller's `__future__` flags and the source itself (hashed). The
same key always gives the same code, so no stale entry can be served: an upgrade brings new source.
A file that cannot be read or written only means compiling as before; the cache is safe to delete.
"""

from __future__ import annotations

import __future__
import builtins
import hashlib
import importlib.machinery
import importlib.util
import marshal
import os
import secrets
import sys
import threading
from pathlib import Path
from types import CodeType

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
    """Compiled code by key (see the module's doc), in one marshal file read at once."""

    def __init__(self, path: Path):
        self.path = path
        self.codes: dict[bytes, CodeType] = self._read()
        self.compiled = 0  # this run: compiled (and kept) ...
        self.served = 0  # ... and read from the cache
        self.unsaved = False

    def compile(self, source, filename, mode, flags: int = 0) -> CodeType:
        """What `compile(source, filename, mode, flags, dont_inherit=True)` gives, from the cache when
        the same was compiled before."""
        raw = source.encode() if isinstance(source, str) else bytes(source)
        key = hashlib.blake2b(b"\0".join([importlib.util.MAGIC_NUMBER, os.fsencode(filename), mode.encode(),
                                          str(flags).encode(), raw]), digest_size=20).digest()
        code = self.codes.get(key)
        if code is None:
            code = self.codes[key] = BUILTIN_COMPILE(source, filename, mode, flags, dont_inherit=True)
            self.compiled += 1
            self.unsaved = True
        else:
            self.served += 1
        return code

    def save(self) -> None:
        """Write the codes (all of them, in one file replaced at once) when any was added."""
        if not self.unsaved:
            return
        temporary = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}")
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
        return {k: v for k, v in codes.items() if isinstance(k, bytes) and isinstance(v, CodeType)}


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
    """`builtins.compile` answered from `cache` for plain calls on this thread, for the block's time."""

    def __init__(self, cache: CodeCache):
        self.cache = cache
        self.thread = threading.get_ident()
        self.builtin = builtins.compile

    def __enter__(self):
        builtin, cache, thread = self.builtin, self.cache, self.thread

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

        builtins.compile = cached_compile
        return self

    def __exit__(self, *exc):
        builtins.compile = self.builtin
        return False
