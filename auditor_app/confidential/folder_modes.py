"""The data folder is the user's alone: folders 0700, files 0600.

Interview notes, rosters, photos and the database all live there; on a shared or stolen laptop no
other account may read them. New files get these modes from the process umask (set when a data
folder is opened, so SQLite's database, WAL and backups, evidence, derived copies, logs and drafts
are created private); folders and files left by an older version are tightened on open.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
PRIVATE_UMASK = 0o077


def make_new_files_private() -> None:
    """Every file and folder this process creates from now on is readable by its user only.

    Process-wide on purpose: the writers of the data folder (SQLite, Pillow, the evidence store,
    logging) create files with their own default modes, and a umask reaches all of them."""
    os.umask(PRIVATE_UMASK)


def private_folder(path: Path) -> Path:
    """`path` made (with its parents) and set to 0700, also when it existed with wider modes."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(path, FOLDER_MODE)
    return path


def tighten(root: Path) -> int:
    """Set every folder under `root` to 0700 and every file to 0600; returns how many were changed.

    Symbolic links are left alone (never followed out of the folder). Files that vanish while we
    walk (a temp file renamed) are skipped."""
    changed = 0
    for folder, dirs, files in os.walk(root):
        for name, wanted in [(folder, FOLDER_MODE)] + [(os.path.join(folder, f), FILE_MODE) for f in files]:
            try:
                st = os.lstat(name)
                if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == wanted:
                    continue
                os.chmod(name, wanted)
                changed += 1
            except FileNotFoundError:
                continue
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    return changed


def loose_modes(root: Path) -> list[str]:
    """Every folder not 0700 and file not 0600 under `root` (relative paths): [] when private."""
    loose = []
    for folder, _dirs, files in os.walk(root):
        for name, wanted in [(folder, FOLDER_MODE)] + [(os.path.join(folder, f), FILE_MODE) for f in files]:
            mode = stat.S_IMODE(os.lstat(name).st_mode)
            if not os.path.islink(name) and mode != wanted:
                loose.append(f"{os.path.relpath(name, root)} {oct(mode)}")
    return loose
