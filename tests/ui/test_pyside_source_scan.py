"""PySide6's import hook no longer reads the source of each module imported after Qt
(ui/pyside_source_scan.py), and still tells a module that uses Qt from one that does not."""

from __future__ import annotations

import linecache
import sys
import uuid

import auditor_app.ui  # noqa: F401 - installs the answer
from auditor_app.ui.pyside_source_scan import skip_source_reads, uses_pyside


def _write_module(folder, body: str) -> tuple[str, str]:
    name = f"scan_probe_{uuid.uuid4().hex}"
    path = folder / f"{name}.py"
    path.write_text(body, encoding="utf-8")
    return name, str(path)


def test_a_module_imported_after_qt_is_not_read_again(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    plain, plain_path = _write_module(tmp_path, "VALUE = 1\n")
    qt, qt_path = _write_module(tmp_path, "from PySide6.QtCore import QObject\n")
    for name in (plain, qt):
        __import__(name)  # through builtins.__import__, which PySide6 replaced with its hook
        monkeypatch.delitem(sys.modules, name)

    assert plain_path not in linecache.cache
    assert qt_path not in linecache.cache
    features = sys.modules["shibokensupport.feature"].pyside_feature_dict
    assert features[plain] == -1  # "ignore this module"
    assert features[qt] == 0  # uses Qt, no feature selected


def test_this_pyside6_has_the_hook_it_replaces():
    # False would mean a PySide6 without the source scan: this module would then be dead code.
    assert skip_source_reads() is True


def test_what_counts_as_using_qt():
    from PySide6 import QtCore
    from PySide6.QtWidgets import QWidget

    def module_with(**names):
        module = type(sys)("probe")
        vars(module).update(names)
        return module

    assert uses_pyside(module_with(QtCore=QtCore))
    assert uses_pyside(module_with(QWidget=QWidget))
    assert uses_pyside(module_with(signal=QtCore.Signal(int)))
    assert not uses_pyside(module_with(json=__import__("json"), value=3, name="PySide6"))

    class Raises:
        def __getattr__(self, name):
            raise RuntimeError("a lazy proxy")

    assert not uses_pyside(module_with(lazy=Raises()))
