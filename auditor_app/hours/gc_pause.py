"""Reading 180,000 rows makes millions of small lists and tuples; Python's cyclic garbage collector
would walk them again and again (most of the time of an import). None of them form cycles, so the
collector is paused while a file is read or a result computed, and resumed after, whatever happens.
Nested and concurrent pauses are counted: the collector resumes when the last one ends."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
