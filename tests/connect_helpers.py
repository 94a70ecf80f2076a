"""Real Connect server processes for tests: uvicorn on 127.0.0.1 on a free port, SQLite or a real
PostgreSQL (initdb and pg_ctl in a temporary folder, as the `postgres` user when the tests run as root),
and a TCP proxy that cuts the connection after a number of bytes."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from auditor_app.sync.protocol import API
from connect_server import admin
from connect_server.db import make_engine, migrate, sessions

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`connect-server serve` in a subprocess; `kill()` and `start()` again keep its data."""

    def __init__(self, data: Path, database_url: str | None = None, port: int | None = None):
        self.data = data
        self.database_url = database_url or f"sqlite:///{data / 'connect.sqlite3'}"
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.engine = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> ServerProcess:
        self.data.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, PYTHONPATH=str(REPO))
        log = open(self.data / "server.log", "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "connect_server", "--data", str(self.data), "--database-url", self.database_url,
             "serve", "--host", "127.0.0.1", "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT, env=env)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}: "
                                   + (self.data / "server.log").read_text(errors="replace")[-3000:])
            try:
                if requests.get(self.url + API + "/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError("the server did not start in time")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    def admin(self):
        """A transaction on the server's database, for `connect_server.admin` functions."""
        if self.engine is None:
            self.engine = make_engine(self.database_url)
            migrate(self.engine)
        return sessions(self.engine).begin()

    def user(self, role: str, firm: str | None = None, *, password: str | None = None) -> tuple[str, str]:
        """A new user of `role` (in `firm`, made if new); returns (login, enrolment token)."""
        login = f"{role}-{uuid.uuid4().hex[:8]}"
        with self.admin() as db:
            if firm is not None:
                try:
                    admin.find_firm(db, firm)
                except admin.AdminError:
                    admin.create_firm(db, firm)
            admin.create_user(db, login=login, name=f"{role.title()} {login[-4:]}", role=role, firm=firm,
                              password=password)
            token = admin.issue_enrolment_token(db, login)
        return login, token


class Api:
    """Raw HTTP as one user: every status code is the server's own."""

    def __init__(self, url: str, token: str | None = None):
        self.url, self.token = url, token

    def call(self, method: str, path: str, **kw) -> requests.Response:
        headers = kw.pop("headers", {})
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        return requests.request(method, self.url + API + path, headers=headers, timeout=30, **kw)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def put(self, path, **kw):
        return self.call("PUT", path, **kw)

    def post(self, path, **kw):
        return self.call("POST", path, **kw)

    def patch(self, path, **kw):
        return self.call("PATCH", path, **kw)



# ---- PostgreSQL -------------------------------------------------------------------------------------

class Postgres:
    """A throwaway PostgreSQL cluster. As root, it runs as the `postgres` user (initdb refuses root)."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        if not bins:
            raise RuntimeError("PostgreSQL is not installed (Debian's postgresql package): run "
                               "`bash scripts/system-deps.sh test`")
        self.bin = Path(bins[-1]).parent
        self.root = Path(tempfile.mkdtemp(prefix="connect-pg-"))
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.root / "data"

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stdout[-2000:]} {result.stderr[-2000:]}")

    def start(self) -> Postgres:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "connect", "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--no-instructions")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w",
                  "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://connect@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"t{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=connect dbname=postgres", autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


# ---- a proxy that cuts -------------------------------------------------------------------------------

class CuttingProxy:
    """Forwards 127.0.0.1:port to the server; after `cut_after` bytes sent upstream in total (client to
    server), it closes both sides of that connection, once. With `drop_response_after`, the first request
    containing those bytes reaches the server, but its answer is thrown away and the connection closed.
    Later connections pass untouched."""

    def __init__(self, target_port: int, cut_after: int | None = None, drop_response_after: bytes | None = None):
        self.target = target_port
        self.cut_after = cut_after
        self.drop_pattern = drop_response_after
        self.sent = 0
        self.cuts = 0
        self.dropped = 0
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        self._listener.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _addr = self._listener.accept()
            except (socket.timeout, OSError):
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            state = {"drop": False}
            threading.Thread(target=self._pipe, args=(client, upstream, True, state), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False, state), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, upstream: bool, state: dict) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if upstream and self.drop_pattern and self.dropped == 0 and self.drop_pattern in data:
                    state["drop"] = True
                    self.dropped += 1
                if not upstream and state["drop"]:
                    break  # the server answered; the client never hears it
                if upstream and self.cut_after is not None and self.cuts == 0 and self.sent + len(data) > self.cut_after:
                    keep = self.cut_after - self.sent
                    dst.sendall(data[:keep])
                    self.sent += keep
                    self.cuts += 1
                    break
                dst.sendall(data)
                if upstream:
                    self.sent += len(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        self._thread.join(2)


# ---- laptops ------------------------------------------------------------------------------------------

class Laptop:
    """One installation: a data folder, its store and device key, and sealed audits made on demand."""

    def __init__(self, root: Path, actor: str = "li.wei"):
        from auditor_app.paths import DataFolder
        from auditor_app.signing.device_key import load_or_create
        from auditor_app.store.db import open_store

        self.folder = DataFolder(root)
        self.folder.ensure()
        self.store = open_store(self.folder, actor=actor)
        self.key = load_or_create(self.folder)

    def sealed_audit(self, *, evidence_sizes: tuple[int, ...] = ()) -> str:
        """A finalized audit (the package tests' realistic audit), with extra evidence originals of these
        sizes (random bytes) when asked; returns its id. Finalize queued it in the outbox."""
        from package.crafting import build_audit

        from auditor_app.audits.lifecycle import finalize
        from complete_audit import complete_audit

        audit_id = build_audit(self.store)
        if evidence_sizes:
            add_random_evidence(self.store, audit_id, evidence_sizes)
        with self.store.transaction() as s:
            complete_audit(s, audit_id)
            finalize(s, audit_id, folder=self.folder)
        return audit_id

    def manifest(self, audit_id: str) -> dict:
        """The frozen submission manifest of a finalized audit (what sync sends)."""
        from auditor_app.sync.outbox import frozen_manifest

        return frozen_manifest(self.store, self.outbox_item(audit_id).id)

    def member_bytes(self, member: dict) -> bytes:
        from auditor_app.sync.outbox import open_member

        with open_member(self.folder, member) as f:  # an original is decrypted, as the upload sends it
            return f.read()

    def outbox_item(self, audit_id: str, kind: str = "submission"):
        from sqlalchemy import select

        from auditor_app.store.models import OutboxItem

        with self.store.session() as s:
            return s.scalars(select(OutboxItem).where(OutboxItem.audit_id == audit_id,
                                                      OutboxItem.kind == kind)).one()

    def link_key(self) -> dict:
        from auditor_app.sync.credentials import require_link

        return require_link(self.folder).server_key

    def close(self) -> None:
        self.store.close()


def add_random_evidence(store, audit_id: str, sizes: tuple[int, ...]) -> list[str]:
    from datetime import datetime, timezone

    from auditor_app.store.evidence_files import EvidenceFiles
    from auditor_app.store.models import Evidence

    files = EvidenceFiles(store.folder)
    shas = [files.put_bytes(os.urandom(size)) for size in sizes]
    with store.transaction() as s:
        for n, (sha, size) in enumerate(zip(shas, sizes)):
            s.add(Evidence(audit_id=audit_id, sha256=sha, original_name=f"IMG_{n:04d}.JPG", media_type="image/jpeg",
                           size=size, width=4000, height=3000, captured_at=datetime.now(timezone.utc)))
    return shas


def server_holdings(server: ServerProcess) -> dict:
    """What the server holds: submissions by audit id (state), blob files by name, and problems found."""
    import hashlib

    from sqlalchemy import func, select

    from connect_server.models import Blob, Submission

    with server.admin() as db:
        subs = {s.audit_id: s.state for s in db.scalars(select(Submission))}
        counts = dict(db.execute(select(Submission.audit_id, func.count()).group_by(Submission.audit_id)).all())
        blob_rows = sorted(db.scalars(select(Blob.sha256)))
    files = sorted(p for p in (server.data / "blobs").glob("??/*") if p.is_file())
    bad = [p.name for p in files if hashlib.sha256(p.read_bytes()).hexdigest() != p.name]
    return {"submissions": subs, "rows_per_submission": counts, "blob_files": [p.name for p in files],
            "blob_rows": blob_rows, "bad_hashes": bad,
            "partials": sorted(p.name for p in (server.data / "blobs" / "partial").glob("*"))}
