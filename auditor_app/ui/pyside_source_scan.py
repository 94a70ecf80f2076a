"""PySide6 reads the whole source of every module imported after it (PYSIDE-2029).

Its import hook asks of each new module "does it use PySide6?", to know which modules its optional
"features" (`from __feature__ import snake_case`) switch for, and answers by reading the module's
source file through `inspect.getsource` and searching it for the word. For this app that is the
store's modules, SQLAlchemy and ReportLab on every start: about 100 ms of processor time and a
megabyte of source in `linecache`, measured over the 340 modules a window imports after Qt.

`skip_source_reads()` gives the hook the same answer from what the module holds once it has run
(a PySide6 module, class or object among its names), without opening its file."""

from __future__ import annotations

import sys
from types import ModuleType

QT_PACKAGES = ("PySide6", "shiboken6")


def skip_source_reads() -> bool:
    """Imports PySide6 (which installs the hook) and gives the hook this answer; False (nothing
    changed) when this PySide6 has no such hook, so a later one that drops it costs nothing."""
    import PySide6  # noqa: F401 - its import installs the hook

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True


def uses_pyside(module: ModuleType) -> bool:
    """True when one of the module's names is a PySide6 module, class or object."""
    try:
        names = list(vars(module).values())
    except TypeError:  # an object standing in for a module, without a __dict__
        return False
    for value in names:
        try:
            owner = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
        except Exception:  # noqa: BLE001 - a lazy proxy's attribute may raise anything; not Qt then
            continue
        if isinstance(owner, str) and owner.startswith(QT_PACKAGES):
            return True
    return False
