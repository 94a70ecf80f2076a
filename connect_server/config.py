"""Where the server keeps its things, from the environment or the command line.

- `CONNECT_SERVER_DATA` (or `--data`): the data folder: the SQLite database (when no database URL is
  given), the blob folder and the server's signing key. Default `./connect-data`.
- `CONNECT_DATABASE_URL` (or `--database-url`): a SQLAlchemy URL, e.g.
  `postgresql+psycopg://connect@db/connect`. Default: SQLite in the data folder.
- `CONNECT_SESSION_HOURS`: how long a session lasts (default 12).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_ENV = "CONNECT_SERVER_DATA"
DATABASE_ENV = "CONNECT_DATABASE_URL"
SESSION_HOURS_ENV = "CONNECT_SESSION_HOURS"


@dataclass(frozen=True)
class Settings:
    data: Path
    database_url: str
    session_hours: float = 12.0

    @property
    def blobs(self) -> Path:
        return self.data / "blobs"

    @property
    def key_file(self) -> Path:
        return self.data / "server-ed25519.pem"

    @classmethod
    def from_env(cls, data: str | os.PathLike | None = None, database_url: str | None = None) -> Settings:
        folder = Path(data or os.environ.get(DATA_ENV) or "connect-data").expanduser().resolve()
        url = database_url or os.environ.get(DATABASE_ENV) or f"sqlite:///{folder / 'connect.sqlite3'}"
        hours = float(os.environ.get(SESSION_HOURS_ENV) or 12)
        return cls(data=folder, database_url=url, session_hours=hours)
