"""The QApplication: name, language (ui/i18n.py), fonts (a bundled CJK font when there is one), and
the window's run: `run_app(store)`, or `run_app_on_start_list` (the list first, the store on a thread)."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from auditor_app.resources import resources_dir

if TYPE_CHECKING:
    from auditor_app.paths import DataFolder
    from auditor_app.store.audit_summary import AuditSummary
    from auditor_app.store.db import Store
    from auditor_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)
FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}


def create_app(argv: list[str] | None = None, data_root: Path | None = None) -> QApplication:
    """The application, with the translator of the chosen language installed (AUDITOR_APP_LANG, else
    the choice kept in `data_root`'s settings, else the system locale)."""
    from auditor_app.ui import i18n

    # Workers (import, photo check, report) run Python too: a thread that holds the GIL keeps it up to
    # the switch interval (5 ms) after the GUI thread asks for it, at every tick of a timer or paint.
    # 1 ms keeps the window's heartbeat steady during an import (measured with benchmarks/bench_heartbeat).
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName("ESCP Field Auditor")
    app.setOrganizationName("ESCP")
    app.setApplicationDisplayName("ESCP Field Auditor")
    i18n.install(app, i18n.chosen_language(data_root))
    families = register_fonts()
    if families:
        # Factory names and addresses are often Chinese: fall back to the bundled font for them.
        from PySide6.QtGui import QFont  # here: QFont's type and enums cost a start without fonts ~1 ms

        font = QFont(app.font())
        font.setFamilies([app.font().family(), *families])
        app.setFont(font)
    return app


def register_fonts(folder: Path | None = None) -> list[str]:
    """Register every font file in resources/fonts (e.g. an open-licensed CJK font) with Qt.

    Debian has no CJK font by default and Chinese would show as empty boxes; Windows and macOS do.
    Returns the font families added."""
    folder = folder or resources_dir() / "fonts"
    families: list[str] = []
    if not folder.is_dir():
        return families
    from PySide6.QtGui import QFontDatabase

    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded", path)
            continue
        families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    return families


def run_app(store, argv: list[str] | None = None) -> int:
    """Open the main window on `store`, reopen where the auditor was after a crash, run the event loop.

    The caller owns the data folder (`auditor-app run` holds its FolderLock): the window listens for
    a second start on the same folder, which asks it to come forward instead of opening another."""
    from auditor_app.ui.first_paint import after_first_paint

    app, window = _app_and_window(store.folder, argv, store)
    window.show()
    after_first_paint(window, lambda: _listen_for_second_starts(window, store.folder))
    _store_ready(window)
    return app.exec()


def run_app_on_start_list(folder: DataFolder, rows: list[AuditSummary], open_store: Callable[[], Store],
                          argv: list[str] | None = None) -> int:
    """`run_app`, the list first: the window shows `rows` (`store.start_list`, read without the ORM) and
    `open_store` runs on a thread once the list is painted; the window gets the store when it is open.
    If it cannot be opened the auditor is told why and the window closes (exit code 1)."""
    from auditor_app.ui.first_paint import after_first_paint
    from auditor_app.ui.store_opener import StoreOpener

    app, window = _app_and_window(folder, argv, None, start_rows=rows)
    opener = StoreOpener(open_store, window)
    failed: list[BaseException] = []
    opener.opened.connect(lambda store: (window.attach(store), _store_ready(window)))
    opener.failed.connect(lambda exc: (failed.append(exc), _not_opened(window, exc)))
    window.show()
    def painted() -> None:  # the list on screen first: the thread's imports hold the GIL
        opener.start()
        _listen_for_second_starts(window, folder)

    after_first_paint(window, painted)
    try:
        code = app.exec()
    finally:
        store = opener.wait()
        if store is not None:
            store.close()
    return 1 if failed else code


def _app_and_window(folder: DataFolder, argv: list[str] | None, store: Store | None,
                    **start) -> tuple[QApplication, MainWindow]:
    """The application and the main window (on `store`, or on the start list), not shown yet."""
    from auditor_app.ui import crash_handler, window_geometry
    from auditor_app.ui.main_window import MainWindow

    app = create_app(argv, folder.root)
    crash_handler.install()
    window = MainWindow(store, folder=folder, **start)
    window_geometry.restore(window, folder.root)
    return app, window


def _listen_for_second_starts(window: MainWindow, folder: DataFolder) -> None:
    """Once the window is painted (QtNetwork is not needed to show it): a second start meanwhile asks
    again until it is answered (`single_instance.ask_owner_to_show`)."""
    from auditor_app.ui.single_instance import ShowRequests

    ShowRequests(window, folder.root).listen()  # a child of the window: lives as long as it


def _store_ready(window: MainWindow) -> None:
    window.resume_last_session()
    window.recover_typing()
    window.start_reconcile()
    # What start-up made lives as long as the app: frozen, later collections never walk it again (the
    # first `settle_heap`, at opening an audit, unfreezes and collects what start-up left). The collector,
    # paused by `auditor-app run` while the window was built, runs again from here.
    gc.freeze()
    gc.enable()


def _not_opened(window: MainWindow, exc: BaseException) -> None:
    from PySide6.QtWidgets import QMessageBox

    from auditor_app.ui.i18n import translate
    from auditor_app.ui.operations import error_text

    log.error("the store could not be opened: %s", exc)
    QMessageBox.critical(window, translate("app", "The audits could not be opened"), "\n\n".join(error_text(exc)))
    window.close()
