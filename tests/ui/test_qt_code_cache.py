"""shiboken6's embedded modules and their patterns are compiled once and then read from the cache
(ui/qt_code_cache.py): the same code and patterns as compiling them, Qt still works, and nothing of the
cache is left in place after."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from types import CodeType

import pytest

import auditor_app.ui.qt_code_cache as qt_code_cache
from auditor_app.ui.qt_code_cache import CACHE_NAME, CodeCache

# A child process: PySide6 is imported here already. The module is loaded from its file, not through
# auditor_app.ui (whose __init__ would use the user's own cache folder).
_CHILD = r"""
import builtins, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("qt_code_cache", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
placed = module.remember_compiled(__import__("pathlib").Path(sys.argv[2]))
from PySide6.QtWidgets import QApplication, QLabel
from shibokensupport.signature import get_signature
app = QApplication([])
label = QLabel("checked")
cache = getattr(sys.modules["shiboken6.Shiboken"].__spec__.loader, "cache", None)
print(json.dumps({
    "placed": placed,
    "compiled": cache.compiled if cache else None, "served": cache.served if cache else None,
    "patterns_compiled": cache.patterns_compiled if cache else None,
    "patterns_served": cache.patterns_served if cache else None,
    "pattern_compiler_restored": __import__("re")._compiler.compile is module.BUILTIN_COMPILE_PATTERN,
    "text": label.text(), "signature": str(get_signature(QLabel.setText)),
    "compile_restored": builtins.compile is module.BUILTIN_COMPILE,
    "finder_left": not any(type(f).__name__ == "_ShibokenFinder" for f in sys.meta_path),
}))
"""


def _start(folder: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", _CHILD, qt_code_cache.__file__, str(folder)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_first_start_compiles_and_keeps_the_next_reads(tmp_path):
    first = _start(tmp_path)
    assert first["placed"] is True
    assert first["compiled"] >= 10 and first["served"] == 0  # shibokensupport's modules, compiled
    assert (tmp_path / CACHE_NAME).is_file()
    kept = (tmp_path / CACHE_NAME).read_bytes()

    assert first["patterns_compiled"] >= 2 and first["patterns_served"] == 0  # pyi_generator's and parser's

    second = _start(tmp_path)
    assert second["compiled"] == 0 and second["served"] == first["compiled"]
    assert second["patterns_compiled"] == 0 and second["patterns_served"] == first["patterns_compiled"]
    assert (tmp_path / CACHE_NAME).read_bytes() == kept  # nothing new: not written again
    for start in (first, second):
        assert start["text"] == "checked"
        assert start["signature"] == "(self, arg__1: str, /) -> None"  # shiboken6's signature module works
        assert start["compile_restored"] and start["finder_left"] and start["pattern_compiler_restored"]


def test_a_damaged_cache_is_compiled_again_and_replaced(tmp_path):
    (tmp_path / CACHE_NAME).write_bytes(b"\x00not marshal at all")
    start = _start(tmp_path)
    assert start["compiled"] >= 10 and start["text"] == "checked"
    assert CodeCache(tmp_path / CACHE_NAME).codes  # replaced by a readable one


def test_an_unwritable_cache_folder_only_means_compiling(tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    start = _start(blocked)
    assert start["compiled"] >= 10 and start["text"] == "checked"


def test_cached_code_is_what_compile_gives(tmp_path):
    source = "from __future__ import annotations\ndef f(x: Later) -> int:\n    return x + 1\n"
    cache = CodeCache(tmp_path / CACHE_NAME)
    made = cache.compile(source, "probe.py", "exec")
    cache.save()
    again = CodeCache(tmp_path / CACHE_NAME).compile(source, "probe.py", "exec")
    plain = compile(source, "probe.py", "exec", dont_inherit=True)
    for code in (made, again):
        assert code.co_code == plain.co_code and code.co_consts == plain.co_consts
    # Another file name, mode or set of __future__ flags is another entry, never the same code.
    cache.compile(source, "other.py", "exec")
    cache.compile("1 + 1", "probe.py", "eval")
    assert len(cache.codes) == 3


def test_the_callers_future_flags_are_inherited_as_compile_inherits_them(tmp_path):
    cache = CodeCache(tmp_path / CACHE_NAME)
    source = "def f(x: Undefined): pass\nnotes = f.__annotations__\n"
    with qt_code_cache._compile_from(cache):
        # This test module has `from __future__ import annotations`: compile() called here inherits it.
        code = compile(source, "inherit.py", "exec")
        tree = compile("1 + 1", "tree.py", "eval", ast.PyCF_ONLY_AST)  # not a plain compile: the builtin's
    names: dict = {}
    exec(code, names)
    assert names["notes"] == {"x": "Undefined"}  # a string: annotations were not evaluated
    assert isinstance(tree, ast.Expression)
    assert compile is qt_code_cache.BUILTIN_COMPILE  # put back after the block


def test_a_call_the_cache_leaves_to_the_builtin_inherits_its_callers_flags_not_the_caches(tmp_path):
    cache = CodeCache(tmp_path / CACHE_NAME)
    caller = ("code = compile('def f(x: Undefined): pass', 'plain.py', 'exec', optimize=0)\n"  # optimize: not cached
              "exec(code, {})\n")
    with qt_code_cache._compile_from(cache):
        # Code without `from __future__ import annotations` compiles code without it: the annotation
        # is evaluated, and fails. (Compiled from within qt_code_cache, it would inherit that module's.)
        with pytest.raises(NameError, match="Undefined"):
            exec(compile(caller, "caller.py", "exec", dont_inherit=True), {})
    codes = [code.co_filename for code in cache.codes.values() if isinstance(code, CodeType)]
    assert codes == ["caller.py"]  # plain.py: not kept (pytest.raises' pattern is kept beside)


PATTERNS = [  # named groups, flags set inside and outside, bytes: each part of what the engine is given
    (r"(?x) (?P<name>[A-Z]\w*) \s* (?P<args>\(.*?\))?  |  \d+  # verbose, set inside", 0),
    (r"^qt(?:core|gui)$", re.IGNORECASE | re.MULTILINE),
    (rb"(?P<tag>\xff[\xc0-\xcf])", 0),
]


def test_cached_patterns_are_what_re_compiles(tmp_path):
    cache = CodeCache(tmp_path / CACHE_NAME)
    made = [cache.compile_pattern(pattern, flags) for pattern, flags in PATTERNS]
    cache.save()
    again = CodeCache(tmp_path / CACHE_NAME)
    served = [again.compile_pattern(pattern, flags) for pattern, flags in PATTERNS]
    assert (cache.patterns_compiled, again.patterns_served, again.patterns_compiled) == (3, 3, 0)
    for (pattern, flags), first, second in zip(PATTERNS, made, served, strict=True):
        plain = re._compiler.compile(pattern, flags)
        for compiled in (first, second):
            # Equal patterns have the same flags, source and engine code; groups are compared apart.
            assert compiled == plain and compiled.groupindex == plain.groupindex and compiled.groups == plain.groups
    text = "Label (x, y) and 42"
    assert served[0].match(text).groupdict() == {"name": "Label", "args": "(x, y)"}
    assert served[1].search("x\nQtGui") and served[2].search(b"\x00\xff\xc4").group("tag") == b"\xff\xc4"
    # The same text as str and as bytes, or with other flags, is another entry.
    again.compile_pattern("abc", 0)
    again.compile_pattern(b"abc", 0)
    again.compile_pattern("abc", re.IGNORECASE)
    assert again.patterns_compiled == 3


def test_a_damaged_pattern_entry_is_compiled_again(tmp_path):
    cache = CodeCache(tmp_path / CACHE_NAME)
    cache.compile_pattern("a+b", 0)
    key = next(iter(cache.codes))
    cache.codes[key] = (0, [1, 2, 3], 0, {}, (None,))  # engine code _sre refuses
    assert cache.compile_pattern("a+b", 0).fullmatch("aab")
    assert cache.patterns_compiled == 2 and cache.codes[key][1] != [1, 2, 3]  # replaced by the right one


def test_patterns_are_taken_from_the_cache_on_its_own_thread_only(tmp_path):
    cache = CodeCache(tmp_path / CACHE_NAME)
    elsewhere = []
    with qt_code_cache._compile_from(cache):
        re.compile(r"on (?P<thread>this) thread \d{3}")
        worker = threading.Thread(target=lambda: elsewhere.append(re.compile(r"another \w+ thread \d{4}")))
        worker.start()
        worker.join()
        with pytest.raises(re.error) as unclosed:
            re.compile(r"(unclosed")  # the pattern's own mistake, as re says it
    assert "missing )" in str(unclosed.value)
    assert cache.patterns_compiled == 1 and elsewhere[0].pattern.startswith("another")
    assert re._compiler.compile is qt_code_cache.BUILTIN_COMPILE_PATTERN  # put back after the block
