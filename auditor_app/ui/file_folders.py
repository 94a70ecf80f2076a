"""Where a file dialog opens: the last folder used for that kind of file, else where such files live.

Photos start in Pictures, rosters, records and packages in Documents; once the auditor picks a file,
the next dialog of the same kind opens in that folder (kept per data folder, `ui-folders.json`), so a
camera card or the factory's USB stick is one click away all day.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths

log = logging.getLogger(__name__)

SETTINGS_FILE = "ui-folders.json"
_HOMES = {"photos": QStandardPaths.StandardLocation.PicturesLocation}  # everything else: Documents


def start_folder(data_root: Path, kind: str) -> str:
    """The folder a dialog for `kind` ("photos", "roster", "package", "hours") opens in."""
    remembered = _load(data_root).get(kind)
    if remembered and Path(remembered).is_dir():
        return remembered
    location = QStandardPaths.writableLocation(_HOMES.get(kind, QStandardPaths.StandardLocation.DocumentsLocation))
    return location or str(Path.home())  # the dialog falls back itself if that folder is not made yet


def remember_folder(data_root: Path, kind: str, chosen: str | Path) -> None:
    """Remember the folder of a chosen file (or the chosen folder itself)."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    settings = _load(data_root)
    settings[kind] = str(folder)
    try:
        (Path(data_root) / SETTINGS_FILE).write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:  # a convenience: never bother the auditor with it
        log.warning("could not remember the %s folder: %s", kind, exc)


def _load(data_root: Path) -> dict[str, str]:
    try:
        data = json.loads((Path(data_root) / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
