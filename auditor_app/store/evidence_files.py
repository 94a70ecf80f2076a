"""Original evidence files, content-addressed: `evidence/<sha[:2]>/<sha>`, encrypted at rest.

Each file is encrypted on its way to disk (`confidential.file_cipher`: AES-256-GCM in 64 KiB chunks,
under a key derived from the data folder's key); its name stays the SHA-256 of the original bytes.
Every reader goes through `open` / `read` / `size` here, which decrypt (and read a plaintext file left
by an earlier version as it is, until `encrypt_plaintext_files` converts it at start).

Evidence files before rows: the bytes are durable on disk (temp file, fsync, atomic rename, fsync of
the directory) before any row names them. A crash in between leaves at most an orphan file, which
`reconcile` moves to quarantine at the next start-up; never a row without its file.

Between "file written" and "row committed" a file looks orphaned, so imports register what they are
writing in `IN_FLIGHT` (`with in_flight(sha) as arriving:` from before the temp file is created until
the row commits or the import fails); reconcile leaves registered files alone.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from auditor_app.confidential import file_cipher, folder_key
from auditor_app.paths import DataFolder
from auditor_app.store.dir_sync import fsync_dir

CHUNK = 1 << 20
# Written through a 1 MiB buffer: the cipher hands over 64 KiB chunks, and a write() each (61 for a
# photo) made the fsync'd import ~2 ms a photo slower than one plaintext write.
WRITE_BUFFER = 1 << 20
TEMP_PREFIX = "evidence-"
TEMP_SUFFIX = ".part"
_SHA = re.compile(r"[0-9a-f]{64}")


def is_sha256(text: str) -> bool:
    return bool(_SHA.fullmatch(text))


class InFlight:
    """Evidence this process is importing right now: hashes whose row has not committed yet, and
    temp files being written (by name: temp names are unique). Counted, so two imports of the same
    photo keep it registered until both are done."""

    def __init__(self) -> None:
        # Reentrant: reconcile asks `holds` while it holds the lock through `still`.
        self._lock = threading.RLock()
        self._hashes: Counter[str] = Counter()
        self._temps: Counter[str] = Counter()

    @contextmanager
    def importing(self, hashes: Iterable[str] = ()) -> Iterator[Arrival]:
        arrival = Arrival(self)
        try:
            for sha in hashes:
                arrival.add_hash(sha)
            yield arrival
        finally:
            arrival.release()

    def holds(self, name: str) -> bool:
        """True for the hash or temp file name of an import under way."""
        with self._lock:
            return self._hashes[name] > 0 or self._temps[name] > 0

    @contextmanager
    def still(self) -> Iterator[None]:
        """No import registers while this is held: reconcile checks `holds` and moves the file in it,
        so an import cannot start relying on a file between the check and the move."""
        with self._lock:
            yield

    def _change(self, table: Counter[str], key: str, by: int) -> None:
        with self._lock:
            table[key] += by
            if table[key] <= 0:
                del table[key]


class Arrival:
    """One import's registrations; `in_flight()` releases them all when the import ends."""

    def __init__(self, registry: InFlight):
        self._registry = registry
        self._hashes: list[str] = []
        self._temps: list[str] = []

    def add_hash(self, sha: str) -> None:
        self._registry._change(self._registry._hashes, sha, 1)
        self._hashes.append(sha)

    def add_temp(self, path: Path) -> None:
        """Call before the temp file is created."""
        self._registry._change(self._registry._temps, path.name, 1)
        self._temps.append(path.name)

    def release(self) -> None:
        for sha in self._hashes:
            self._registry._change(self._registry._hashes, sha, -1)
        for name in self._temps:
            self._registry._change(self._registry._temps, name, -1)
        self._hashes.clear()
        self._temps.clear()


IN_FLIGHT = InFlight()


def in_flight(*hashes: str) -> AbstractContextManager[Arrival]:
    """Register an import of `hashes` (more with `add_hash`/`add_temp`) until the block ends."""
    return IN_FLIGHT.importing(hashes)


class EvidenceFiles:
    """The store of original evidence bytes. Files are never re-encoded, edited or deleted here."""

    def __init__(self, folder: DataFolder):
        self.folder = folder
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = folder_key.unlock(self.folder).evidence_key
        return self._key

    def open(self, sha: str) -> io.BufferedReader:
        """The original's bytes as a seekable file (decrypted chunk by chunk). FileNotFoundError when
        missing; `file_cipher.Damaged` (an OSError) when its bytes do not decrypt."""
        return file_cipher.open_plain(self.path(sha), self.key)

    def read(self, sha: str) -> bytes:
        """The original's bytes (photos: a few MB; stream large files with `open`)."""
        return file_cipher.read_plain(self.path(sha), self.key)

    def size(self, sha: str) -> int:
        """The original's size in bytes (not the stored, encrypted file's)."""
        return file_cipher.stored_plain_size(self.path(sha))

    def path(self, sha: str) -> Path:
        """Where the stored (encrypted) file is: for existence and housekeeping, never to read it."""
        if not is_sha256(sha):
            raise ValueError(f"not a SHA-256 hex digest: {sha!r}")
        return self.folder.evidence / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put_bytes(self, data: bytes, *, sha256: str | None = None,
                  folders_to_sync: set[Path] | None = None) -> str:
        """Store `data`; returns its SHA-256. `sha256` lets a caller that already hashed skip a re-hash.

        The bytes are fsynced before the rename. The rename is made durable by an fsync of its folder
        here, or, when the caller passes `folders_to_sync`, by the caller (`sync_folders`) before
        any row names the file: one journal commit then covers the renames of a whole group.
        """
        sha = sha256 or hashlib.sha256(data).hexdigest()
        if self._intact_copy_exists(sha, len(data)):
            return sha
        with in_flight() as arriving:
            tmp = self._temp_path(arriving)
            try:
                with open(tmp, "xb", buffering=WRITE_BUFFER) as out:
                    file_cipher.write_encrypted(out, (data,), self.key)
                    out.flush()
                    os.fsync(out.fileno())
                self._publish(tmp, sha, folders_to_sync)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        return sha

    def write_temp(self, data: bytes, arriving: Arrival) -> Path:
        """The bytes in a registered temp file in incoming/, fsynced; `publish` names it."""
        tmp = self._temp_path(arriving)
        try:
            with open(tmp, "xb", buffering=WRITE_BUFFER) as out:
                file_cipher.write_encrypted(out, (data,), self.key)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return tmp

    @contextmanager
    def incoming(self, arriving: Arrival) -> Iterator[tuple[Path, file_cipher.EncryptingWriter]]:
        """A registered temp file being written encrypted (`write` plaintext to the writer); durable when
        the block ends; `publish(tmp, sha, writer.size)` names it. Removed if the block fails."""
        tmp = self._temp_path(arriving)
        try:
            with open(tmp, "xb", buffering=WRITE_BUFFER) as out:
                writer = file_cipher.EncryptingWriter(out, self.key)
                yield tmp, writer
                writer.finish()
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def publish(self, tmp: Path, sha: str, size: int, folders_to_sync: set[Path] | None = None) -> None:
        """Rename a durable temp file (`write_temp`) to its content address; see `put_bytes` on
        `folders_to_sync`. An intact copy already there stays, and the temp file goes."""
        try:
            if self._intact_copy_exists(sha, size):
                tmp.unlink()
            else:
                self._publish(tmp, sha, folders_to_sync)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def put_file(self, path: str | os.PathLike) -> str:
        """Store a file by streaming it (large packages); returns its SHA-256."""
        digest = hashlib.sha256()
        with in_flight() as arriving:
            tmp = self._temp_path(arriving)
            try:
                with open(path, "rb") as src, open(tmp, "xb", buffering=WRITE_BUFFER) as out:
                    def pieces() -> Iterator[bytes]:
                        while chunk := src.read(CHUNK):
                            digest.update(chunk)
                            yield chunk
                    size = file_cipher.write_encrypted(out, pieces(), self.key)
                    out.flush()
                    os.fsync(out.fileno())
                sha = digest.hexdigest()
                if self._intact_copy_exists(sha, size):
                    tmp.unlink()
                else:
                    self._publish(tmp, sha)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        return sha

    def verify(self, sha: str) -> bool:
        """Re-hash the stored file: False when it is missing or its bytes no longer match its name."""
        try:
            with self.open(sha) as f:
                return hashlib.file_digest(f, "sha256").hexdigest() == sha
        except OSError:  # missing, unreadable, or not decrypting (file_cipher.Damaged)
            return False

    def all_hashes(self) -> set[str]:
        """Every content-addressed file present (names only: `verify` checks the bytes)."""
        found: set[str] = set()
        if not self.folder.evidence.is_dir():
            return found
        for sub in self.folder.evidence.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.iterdir():
                if is_sha256(f.name) and f.name[:2] == sub.name and f.is_file():
                    found.add(f.name)
        return found

    def stray_files(self) -> list[Path]:
        """Files under evidence/ that are not content-addressed originals (for reconcile)."""
        stray = []
        for p in sorted(self.folder.evidence.rglob("*")):
            if p.is_file() and not (is_sha256(p.name) and p.parent.name == p.name[:2]
                                    and p.parent.parent == self.folder.evidence):
                stray.append(p)
        return stray

    def _intact_copy_exists(self, sha: str, size: int) -> bool:
        # Same name = same bytes, unless the disk damaged it: a size mismatch gets rewritten.
        try:
            return self.size(sha) == size
        except OSError:  # missing, or too short to be whole
            return False

    def _temp_path(self, arriving: Arrival) -> Path:
        self.folder.incoming.mkdir(parents=True, exist_ok=True)
        tmp = self.folder.incoming / f"{TEMP_PREFIX}{secrets.token_hex(16)}{TEMP_SUFFIX}"
        arriving.add_temp(tmp)  # before it exists: reconcile must never see it unregistered
        return tmp

    def _publish(self, tmp: Path, sha: str, folders_to_sync: set[Path] | None = None) -> None:
        dest = self.path(sha)
        if not dest.parent.is_dir():
            self._make_fanout()
        os.replace(tmp, dest)
        if folders_to_sync is None:
            fsync_dir(dest.parent)
        else:
            folders_to_sync.add(dest.parent)

    def _make_fanout(self) -> None:
        """All 256 `evidence/<xx>` folders at once, made durable with one fsync of evidence/,
        rather than a folder (and two fsyncs) on each of the first few hundred imports."""
        evidence = self.folder.evidence
        evidence.mkdir(parents=True, exist_ok=True)
        for n in range(256):
            (evidence / f"{n:02x}").mkdir(exist_ok=True)
        fsync_dir(evidence)


def encrypt_plaintext_files(folder: DataFolder) -> int:
    """Encrypt the originals an earlier version stored in the clear (a data folder's first start with
    encryption); returns how many. Each is written encrypted beside itself, checked against its name's
    hash, renamed over the plaintext one, and the plaintext's bytes overwritten first (best effort).
    A note in the data folder says it is done, so later starts do not read every file's first bytes."""
    done_note = folder.root / ".evidence-encrypted-v1"
    if done_note.exists() or not folder.evidence.is_dir():
        return 0
    files = EvidenceFiles(folder)
    converted = 0
    for sha in sorted(files.all_hashes()):
        path = files.path(sha)
        with open(path, "rb") as f:
            if file_cipher.is_encrypted(f.read(len(file_cipher.MAGIC))):
                continue
        with in_flight(sha) as arriving:
            tmp = files._temp_path(arriving)
            digest = hashlib.sha256()
            try:
                with open(path, "rb") as src, open(tmp, "xb", buffering=WRITE_BUFFER) as out:
                    def pieces(src=src, digest=digest) -> Iterator[bytes]:
                        while chunk := src.read(CHUNK):
                            digest.update(chunk)
                            yield chunk
                    file_cipher.write_encrypted(out, pieces(), files.key)
                    out.flush()
                    os.fsync(out.fileno())
                if digest.hexdigest() != sha:  # damaged already: left as it is for reconcile to report
                    tmp.unlink()
                    continue
                doomed = tmp.with_name(tmp.name + ".plaintext")
                os.link(path, doomed)  # the plaintext keeps a second name until the new file is in place
                os.replace(tmp, path)
                _overwrite(doomed)
                doomed.unlink()
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        converted += 1
    if converted:
        for sub in {files.path(sha).parent for sha in files.all_hashes()}:
            fsync_dir(sub)
    done_note.write_bytes(b"")
    return converted


def _overwrite(path: Path) -> None:
    """Zero a plaintext file's bytes once its encrypted twin has its name (best effort: SSDs and
    copy-on-write disks may keep old blocks)."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        while f.tell() < size:
            f.write(b"\0" * min(CHUNK, size - f.tell()))
        f.flush()
        os.fsync(f.fileno())


def sync_folders(folders: set[Path]) -> None:
    """Make the renames into `folders` durable (see `EvidenceFiles.put_bytes`)."""
    for folder in sorted(folders):
        fsync_dir(folder)
    folders.clear()
