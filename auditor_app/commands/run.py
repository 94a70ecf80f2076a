"""`auditor-app run` (the default): open the application window."""

from __future__ import annotations

import gc
import os
import sys

NO_DISPLAY = ("No display found: start the app from a desktop session, or under Xvfb "
              "(`xvfb-run make run`, or `xvfb-run .venv/bin/auditor-app`).")


def register(sub) -> None:
    p = sub.add_parser("run", help="open the application window (the default without a command)")
    p.add_argument("--ensure-demo", action="store_true",
                   help="create the demo audit first if the data folder has none")
    p.set_defaults(func=run)


def has_display(env=None, platform: str | None = None) -> bool:
    """False on a Linux/BSD machine without X11 or Wayland, where Qt would abort with a core dump."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if env.get("QT_QPA_PLATFORM"):
        return True  # the user chose a platform plugin (offscreen, vnc, ...)
    if platform.startswith(("win", "darwin", "cygwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def run(args) -> int:
    # Start-up makes a few hundred thousand objects that live as long as the app (modules, classes, the
    # ORM's mappings) and little garbage: the cyclic collector would walk them again and again on the way
    # to the window (~100 ms of the start). It is paused until the window is built; `ui.app.run_app` then
    # freezes what start-up made (never walked again) and resumes it.
    gc.disable()
    try:
        return _run(args)
    finally:
        gc.enable()


def _run(args) -> int:
    from auditor_app.cli import UserError
    from auditor_app.paths import DataFolder
    from auditor_app.store.folder_lock import WINDOW, FolderInUse, FolderLock

    folder = DataFolder.default()
    # The window owns its data folder until it closes: a second start must not tidy (reconcile)
    # or write under it. Taken before the store opens, since opening may migrate.
    lock = FolderLock(folder, program="an ESCP Field Auditor window", kind=WINDOW)
    if not has_display():
        # "Already open in another window" is the more useful news. Without a lock file there is no
        # owner: nothing is created in a folder this run will not use.
        if lock.path.exists():
            try:
                lock.acquire().release()
            except FolderInUse as exc:
                print(exc, file=sys.stderr)
                return 1
            except OSError:
                pass
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    try:
        lock.acquire()
    except FolderInUse as exc:
        print(exc, file=sys.stderr)
        from auditor_app.ui.single_instance import second_start

        return second_start(folder.root, exc)
    except OSError as exc:
        raise UserError(f"the data folder {folder.root} cannot be used: {exc.strerror or exc}") from exc
    try:
        from auditor_app.store.start_list import read_start_list

        # The list in plain SQL (None on a first start, before a migration, after an error, or when a
        # passphrase must be asked first). It needs no Qt, so it is read before Qt loads.
        rows = read_start_list(folder)
        from auditor_app.ui.unlock import unlock_for_window

        if not unlock_for_window(folder):  # a passphrase asked in a dialog, before any data shows
            return 1
        if rows is None:
            rows = read_start_list(folder)  # now that a passphrase was given
        if rows is not None:
            # The list at once; the store (SQLAlchemy, the models, the schema check) opens on a thread.
            from auditor_app.ui.app import run_app_on_start_list

            return run_app_on_start_list(folder, rows, lambda: _open(folder, args.ensure_demo))
        from auditor_app.store.db import StoreError

        try:
            store = _open(folder, args.ensure_demo)
        except StoreError as exc:
            raise UserError(str(exc)) from exc
        try:
            from auditor_app.ui.app import run_app

            return run_app(store)
        finally:
            store.close()
    finally:
        lock.release()


def _open(folder, ensure_demo: bool):
    """The store, with the demo audit if asked."""
    from auditor_app.store.db import open_store

    store = open_store(folder, tighten_all=False)  # the window tightens after the list shows
    if ensure_demo:
        try:
            _ensure_demo(store)
        except BaseException:
            store.close()
            raise
    return store


def _ensure_demo(store) -> None:
    if demo_is_here(store):
        return  # as demo.ensure_demo would, without importing it (Pillow, the checklist: ~0.15 s of `make run`)
    try:
        from auditor_app.demo import ensure_demo
    except ImportError:
        print("auditor-app: the demo audit is not available in this version", file=sys.stderr)
        return
    ensure_demo(store)


def demo_is_here(store) -> bool:
    """The demo audit is in the folder (`audits.demo_marker.demo_draft_id`, as `demo.ensure_demo` asks)."""
    from auditor_app.audits.demo_marker import demo_draft_id

    with store.session(read_only=True) as session:
        return demo_draft_id(session) is not None
