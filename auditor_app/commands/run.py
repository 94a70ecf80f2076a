"""`auditor-app run` (the default): open the application window."""

from __future__ import annotations

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
    from auditor_app.cli import UserError
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import StoreError, open_store
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
        from auditor_app.ui.unlock_dialog import unlock_for_window

        if not unlock_for_window(folder):  # a passphrase asked in a dialog, before any data shows
            return 1
        try:
            store = open_store(folder)
        except StoreError as exc:
            raise UserError(str(exc)) from exc
        try:
            if args.ensure_demo:
                _ensure_demo(store)
            from auditor_app.ui.app import run_app

            return run_app(store)
        finally:
            store.close()
    finally:
        lock.release()


def _ensure_demo(store) -> None:
    try:
        from auditor_app.demo import ensure_demo
    except ImportError:
        print("auditor-app: the demo audit is not available in this version", file=sys.stderr)
        return
    ensure_demo(store)
