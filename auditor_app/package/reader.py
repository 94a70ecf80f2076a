"""Reading an `.escp` file without trusting it: names, sizes and ratios before any byte is read,
then every hash, then what the audit says. Evidence is streamed, never held in memory.

`inspect_package` collects every problem it can find (for `verify`); `read_package` refuses the
package when there is any. A reader that streams the photos anyway (a report from the package) may
ask `read_package(path, evidence="as_read")`: every check runs but the hashes of the evidence and
photo-copy members, which are proven as `copy_evidence` streams them, and the rest by
`check_unread_evidence` before anything made from the package is handed over. A package is read
once that way instead of twice, hashed once instead of twice.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import struct
import threading
import zipfile
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Literal

from auditor_app.package.contents import (
    document_problems,
    event_problems,
    evidence_problems,
    fill_added_fields,
)
from auditor_app.package.errors import PackageError
from auditor_app.package.limits import (
    AUDIT,
    EVENTS,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_TOTAL_BYTES,
    READ_CHUNK,
    REVIEW,
    SEALED,
    evidence_member,
    is_copy_member,
    is_evidence_member,
    name_problem,
    size_problem,
)
from auditor_app.package.manifest import manifest_problems
from auditor_app.package.outside_copies import copies_problems
from auditor_app.package.review_part import review_problems
from auditor_app.package.sealing import sealed_problems, summary
from auditor_app.signing.seal_statement import statement_problems
from auditor_app.store.verified_import import document_matches_events

# The zip file itself may be a little larger than its content (headers, directory).
MAX_FILE_BYTES = MAX_TOTAL_BYTES + MAX_MANIFEST_BYTES + 64 * 1024 * 1024


@dataclass
class Package:
    """A package that passed every check. Evidence stays in the zip: `copy_evidence` streams it."""

    path: Path
    manifest: dict
    document: dict
    events: list[dict]
    evidence: list[str] = field(default_factory=list)  # SHA-256 of each evidence member
    sealed: dict | None = None  # sealed.json: the confidential values, encrypted to the recipients
    review: dict | None = None  # review.json: a lead's review of the audit (format_version 3)
    # Evidence and photo-copy members not hashed yet (evidence="as_read"), as the checked directory
    # gave them: proven one by one as they are streamed, or by `check_unread_evidence`.
    _unchecked: dict[str, zipfile.ZipInfo] = field(default_factory=dict, repr=False)
    _refused: list[str] = field(default_factory=list, repr=False)  # a deferred check failed: trust nothing
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def for_outside(self) -> bool:
        """Photo copies without GPS and camera serials in place of the originals."""
        return "copies" in self.manifest

    @property
    def audit_id(self) -> str:
        return self.manifest["audit"]["id"]

    @property
    def confidential(self) -> str:
        """What is sealed and to whom, in one line."""
        return summary(self.manifest)

    @property
    def unchecked(self) -> frozenset[str]:
        """The members whose SHA-256 nobody has checked yet: empty unless read with evidence="as_read"."""
        with self._lock:
            return frozenset(self._unchecked)

    def photo_member(self, sha256: str) -> tuple[str, str]:
        """The member that shows the photo whose original is `sha256`, and that member's SHA-256: the
        original itself, or in a package for outside the firm its copy (no GPS, no camera serials)."""
        if not self.for_outside:
            return evidence_member(sha256), sha256
        path = self._copy_of[sha256]  # every original has one: checked when the package was read
        return path, path.split("/", 1)[1]

    @functools.cached_property
    def _copy_of(self) -> dict[str, str]:
        return {copy["of"]: copy["path"] for copy in self.manifest.get("copies") or []}

    def copy_evidence(self, sha256: str, out: BinaryIO, zf: zipfile.ZipFile | None = None) -> str:
        """Stream one original into `out`; returns the SHA-256 of what was actually read (see
        `copy_member`)."""
        return self.copy_member(evidence_member(sha256), out, zf)

    def copy_member(self, name: str, out: BinaryIO, zf: zipfile.ZipFile | None = None) -> str:
        """Stream one evidence or photo-copy member into `out`; returns the SHA-256 of what was actually
        read. `zf`: a handle on this package kept by the caller's thread for many photos (a `ZipFile` is
        not shared between threads); by default one is opened for this member.

        A member not checked yet is proven here, from the hash this read makes anyway: `PackageError`
        naming it when it differs from the manifest. Safe to call from several threads at once."""
        with self._lock:
            if self._refused:
                raise PackageError(str(self.path), self._refused)
            checked_info = self._unchecked.get(name)
        problems: list[str] = []
        size = 0

        def sink(chunk: bytes) -> None:
            nonlocal size
            size += len(chunk)
            out.write(chunk)

        with contextlib.ExitStack() as stack:
            if zf is None:
                zf = stack.enter_context(zipfile.ZipFile(self.path))
            # An unchecked member is read where the checked directory found it, within its checked size.
            info = checked_info if checked_info is not None else zf.getinfo(name)
            digest = read_member(zf, info, sink, problems)
        if checked_info is not None and digest is not None:
            _compare(name, size, digest, self._listed(name), problems)
        if problems:
            if checked_info is not None:
                self._refuse(problems)
            raise PackageError(str(self.path), problems)
        assert digest is not None  # read_member gives None only with a problem
        if checked_info is not None:
            with self._lock:
                self._unchecked.pop(name, None)
        return digest

    def member_head(self, name: str, size: int, zf: zipfile.ZipFile) -> bytes:
        """The first `size` bytes of one member from `zf` (a handle on this package), NOT
        hash-checked: for a reader that must know a photo's header before the photo is streamed (the
        report plans its print copy's size), never for anything handed over. Read where the checked
        directory found the member, as `copy_member` reads it."""
        with self._lock:
            if self._refused:
                raise PackageError(str(self.path), self._refused)
            info = self._unchecked.get(name)
        info = info if info is not None else zf.getinfo(name)
        with zf.open(info) as stream:
            return stream.read(min(size, info.file_size))

    def check_unread_evidence(self) -> None:
        """Hash every member still unchecked (two at a time, as `inspect_package` does); `PackageError`
        listing every problem. Nothing made from a package that fails it may be handed over."""
        with self._lock:
            infos = list(self._unchecked.values())  # the package's order, as `inspect_package` names them
        problems: list[str] = []
        for info, (digest, member_problems) in zip(infos, _member_digests(self.path, infos)):
            problems += member_problems
            if digest is not None:
                _compare(info.filename, info.file_size, digest, self._listed(info.filename), problems)
        if problems:
            self._refuse(problems)
            raise PackageError(str(self.path), problems)
        with self._lock:
            for info in infos:
                self._unchecked.pop(info.filename, None)

    def _listed(self, name: str) -> dict:
        return self._members_by_path[name]

    @functools.cached_property
    def _members_by_path(self) -> dict[str, dict]:
        return {member["path"]: member for member in self.manifest["members"]}

    def _refuse(self, problems: list[str]) -> None:
        with self._lock:
            self._refused += [p for p in problems if p not in self._refused]


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sink: Callable[[bytes], Any],
                problems: list[str]) -> str | None:
    """Stream a member into `sink`, never past its declared size; its SHA-256, or None on a problem."""
    digest = hashlib.sha256()
    count = 0
    try:
        with zf.open(info) as stream:
            while chunk := stream.read(READ_CHUNK):
                count += len(chunk)
                if count > info.file_size:
                    problems.append(f"{info.filename}: decompresses to more than its declared "
                                    f"{info.file_size} bytes (a zip bomb?)")
                    return None
                digest.update(chunk)
                sink(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        problems.append(f"{info.filename}: damaged, cannot be read ({exc})")
        return None
    return digest.hexdigest()


def _member_digests(path: Path, infos: list[zipfile.ZipInfo]) -> list[tuple[str | None, list[str]]]:
    """Each member's SHA-256 (None when it cannot be read) and its problems, in the order given. Two
    members at a time, each thread with its own handle on the zip (a `ZipFile` counts its open members
    without a lock): reading, the CRC and the SHA-256 run without the GIL, so a second core nearly
    halves the check of a package of photos. The members are the ones checked in the first handle's
    directory; whatever file the path now names, each must still give the manifest's hash."""
    handles: list[zipfile.ZipFile] = []
    local = threading.local()

    def digest(info: zipfile.ZipInfo) -> tuple[str | None, list[str]]:
        problems: list[str] = []
        try:
            zf = getattr(local, "zf", None)
            if zf is None:
                zf = local.zf = zipfile.ZipFile(path)
                handles.append(zf)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error) as exc:
            return None, [f"{info.filename}: damaged, cannot be read ({exc})"]
        return read_member(zf, info, lambda _chunk: None, problems), problems

    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="package-hash") as pool:
            return list(pool.map(digest, infos))
    finally:
        for zf in handles:
            zf.close()


def _no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    dup = [k for k, n in Counter(keys).items() if n > 1]
    if dup:
        raise ValueError(f"key {dup[0]!r} appears twice in one object")
    return dict(pairs)


def _bad_constant(name):
    raise ValueError(f"{name} is not allowed")


def parse_json(name: str, data: bytes, problems: list[str]) -> Any:
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys,
                          parse_constant=_bad_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        problems.append(f"{name}: not valid JSON ({str(exc)[:200]})")
        return None


def _read_json_member(zf, info, listed: dict | None, problems: list[str]) -> Any:
    buf = bytearray()
    digest = read_member(zf, info, buf.extend, problems)
    if digest is None:
        return None
    if listed is not None:
        _compare(info.filename, len(buf), digest, listed, problems)
    return parse_json(info.filename, bytes(buf), problems)


def _compare(name: str, size: int, digest: str, listed: dict, problems: list[str]) -> None:
    if size != listed["size"]:
        problems.append(f"{name}: {size} bytes, but the manifest says {listed['size']}")
    elif digest != listed["sha256"]:
        problems.append(f"{name}: SHA-256 differs from the manifest (the file was changed or damaged)")


def _entry_problems(infos: list[zipfile.ZipInfo]) -> list[str]:
    if len(infos) > MAX_MEMBERS + 1:
        return [f"{len(infos)} members, over the limit of {MAX_MEMBERS}"]
    problems = [p for p in map(name_problem, infos) if p]
    problems += [f"{name!r}: the member name appears {n} times"
                 for name, n in Counter(i.filename for i in infos).items() if n > 1]
    return problems


def _membership_problems(by_name: dict, listed: dict) -> list[str]:
    problems = [f"{name}: in the package but not in the manifest"
                for name in sorted(by_name) if name != MANIFEST and name not in listed]
    problems += [f"{name}: listed in the manifest but missing from the package"
                 for name in sorted(listed) if name not in by_name]
    problems += [f"{name}: missing (every package holds it)"
                 for name in (AUDIT, EVENTS) if name not in listed and name not in by_name]
    for name, member in listed.items():
        info = by_name.get(name)
        if info is None:
            continue
        problem = size_problem(info)
        if problem:
            problems.append(problem)
        elif info.file_size != member["size"]:
            problems.append(f"{name}: {info.file_size} bytes in the zip, but the manifest says {member['size']}")
        if (is_evidence_member(name) or is_copy_member(name)) and member["sha256"] != name.split("/", 1)[1]:
            problems.append(f"{name}: the manifest gives it another SHA-256 than its name")
    total = sum(info.file_size for info in by_name.values())
    if total > MAX_TOTAL_BYTES:
        problems.append(f"the package holds {total} bytes, over the limit of {MAX_TOTAL_BYTES}")
    return problems


def inspect_package(path: str | Path) -> tuple[Package | None, list[str]]:
    """The package and [] when it is intact; otherwise (None or a partial package, the problems)."""
    return _inspect(Path(path), hash_evidence=True)


def _inspect(path: Path, *, hash_evidence: bool) -> tuple[Package | None, list[str]]:
    """`inspect_package`; without `hash_evidence`, the evidence and photo-copy members are left
    unchecked in the package (every other check runs)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [f"the file is {size} bytes, over the limit of {MAX_FILE_BYTES}"]
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error):
        return None, ["not an ESCP audit package: not a zip file"]
    except OSError as exc:
        return None, [f"cannot be read ({exc.strerror or exc})"]
    with zf:
        infos = zf.infolist()
        problems = _entry_problems(infos)
        if problems:  # never read from an archive with unsafe or ambiguous names
            return None, problems
        by_name = {info.filename: info for info in infos}
        if MANIFEST not in by_name:
            return None, [f"{MANIFEST} is missing: not an ESCP audit package"]
        manifest_info = by_name[MANIFEST]
        problem = size_problem(manifest_info)
        if problem:
            return None, [problem]
        manifest = _read_json_member(zf, manifest_info, None, problems)
        if problems:
            return None, problems
        problems = manifest_problems(manifest)
        if problems:
            return None, problems
        listed = {m["path"]: m for m in manifest["members"]}
        problems = _membership_problems(by_name, listed)
        if any("over the limit" in p for p in problems):
            return None, problems  # do not decompress anything from an oversized package
        readable = {name: info for name, info in by_name.items()
                    if name in listed and not size_problem(info) and info.file_size == listed[name]["size"]}
        document = events = sealed = review = None
        if REVIEW in readable:
            review = _read_json_member(zf, readable[REVIEW], listed[REVIEW], problems)
        if SEALED in readable:
            sealed = _read_json_member(zf, readable[SEALED], listed[SEALED], problems)
        if AUDIT in readable:
            document = _read_json_member(zf, readable[AUDIT], listed[AUDIT], problems)
        if EVENTS in readable:
            events = _read_json_member(zf, readable[EVENTS], listed[EVENTS], problems)
        evidence = sorted(name.split("/", 1)[1] for name in listed if is_evidence_member(name))
        copy_members = {name for name in listed if is_copy_member(name)}
        photos = [readable[name] for name in [evidence_member(sha) for sha in evidence] + sorted(copy_members)
                  if name in readable]
        unchecked = {} if hash_evidence else {info.filename: info for info in photos}  # in the order checked
        for info, (digest, member_problems) in zip(photos, _member_digests(path, photos) if hash_evidence else []):
            problems += member_problems
            if digest is not None:
                _compare(info.filename, info.file_size, digest, listed[info.filename], problems)
    if document is not None:
        fill_added_fields(document)  # a package from an older version: new fields at their defaults
        doc_problems = document_problems(document, manifest)
        problems += doc_problems
        if not doc_problems and "copies" in manifest:
            problems += copies_problems(manifest, document, copy_members)
        elif not doc_problems:
            problems += evidence_problems(document, set(evidence))
            problems += [f"{name}: a photo copy in a package that carries the originals" for name in sorted(copy_members)]
    problems += sealed_problems(manifest, document, sealed, SEALED in listed)
    problems += review_problems(manifest, document, review, REVIEW in listed)
    if events is not None:
        chain = event_problems(events, manifest)
        problems += chain
        if document is not None and not chain and not problems:
            # Rows edited without a matching event (hashes recomputed or not) are found by replay.
            problems += [f"{AUDIT}: {p}" for p in document_matches_events(document, events)]
            problems += seal_statement_problems(document, events)
    # Without its document or events it is no package at all (read_package refuses it either way).
    package = (Package(path, manifest, document, events, evidence, sealed, review, _unchecked=unchecked)
               if document is not None and events is not None else None)
    return package, problems


def seal_statement_problems(document: dict, events: list[dict]) -> list[str]:
    """A sealed audit's seal must be signed by a device key, over this seal and this history."""
    audit = document["audit"]
    if not audit.get("seal"):
        return []
    return [f"{AUDIT}: {p}" for p in statement_problems(audit.get("seal_statement") or {}, audit_id=audit["id"],
                                                         seal=audit["seal"], events=events)]


def read_package(path: str | Path, *, evidence: Literal["now", "as_read"] = "now") -> Package:
    """The validated package; `PackageError` listing every problem otherwise.

    `evidence="as_read"`: every check but the evidence members' hashes, which the package checks as
    `copy_evidence` streams them; the caller then calls `check_unread_evidence()` before it trusts
    anything it made from the package (see the module's docstring)."""
    if evidence not in ("now", "as_read"):
        raise ValueError(f"evidence must be 'now' or 'as_read', not {evidence!r}")
    package, problems = _inspect(Path(path), hash_evidence=evidence == "now")
    if problems or package is None or package.document is None or package.events is None:
        raise PackageError(str(path), problems or ["the package could not be read"])
    return package
