"""Limits and member-name rules for `.escp` files: a package is untrusted input from a USB stick.

The limits are generous for a real audit (hundreds of photos) and stop zip bombs and path tricks
before a single byte is written to the data folder.
"""

from __future__ import annotations

import re
import stat
import zipfile

FORMAT = "escp-package"
# 2: confidential values are markers in audit.json and travel encrypted in sealed.json.
FORMAT_VERSION = 2
# 3: the package also carries a lead's review (review.json: comments and signed decisions). Written
# only for such packages, so every other package stays readable by apps that read 2.
REVIEW_FORMAT_VERSION = 3
NEWEST_FORMAT_VERSION = REVIEW_FORMAT_VERSION  # the newest this app reads

MANIFEST = "manifest.json"
AUDIT = "audit.json"
EVENTS = "events.json"
SEALED = "sealed.json"
REVIEW = "review.json"
EVIDENCE_DIR = "evidence/"

MB = 1024 * 1024
MAX_MANIFEST_BYTES = 8 * MB
MAX_AUDIT_BYTES = 50 * MB
MAX_EVENTS_BYTES = 100 * MB
MAX_EVIDENCE_BYTES = 200 * MB
MAX_SEALED_BYTES = 200 * MB  # rosters can be large spreadsheets
MAX_REVIEW_BYTES = 20 * MB
MAX_TOTAL_BYTES = 2048 * MB
MAX_MEMBERS = 50_000
# Deflate ratio above which a member is treated as a zip bomb. Real JSON and photos stay far below.
MAX_RATIO = 100
# Members this small cannot hurt, whatever their ratio (a few hundred spaces deflate 100:1).
RATIO_FLOOR = 64 * 1024
READ_CHUNK = 1 * MB

_DRIVE = re.compile(r"^[A-Za-z]:")
_EVIDENCE_NAME = re.compile(r"^evidence/[0-9a-f]{64}$")
# A package for outside the firm: copies of the photos without GPS and camera serials, by their own hash.
COPIES_DIR = "copies/"
_COPY_NAME = re.compile(r"^copies/[0-9a-f]{64}$")


def evidence_member(sha256: str) -> str:
    return f"{EVIDENCE_DIR}{sha256}"


def is_evidence_member(name: str) -> bool:
    return bool(_EVIDENCE_NAME.match(name))


def is_copy_member(name: str) -> bool:
    return bool(_COPY_NAME.match(name))


def member_limit(name: str) -> int:
    """The largest uncompressed size allowed for one member."""
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES
    if name == AUDIT:
        return MAX_AUDIT_BYTES
    if name == EVENTS:
        return MAX_EVENTS_BYTES
    if name == SEALED:
        return MAX_SEALED_BYTES
    if name == REVIEW:
        return MAX_REVIEW_BYTES
    return MAX_EVIDENCE_BYTES


def name_problem(info: zipfile.ZipInfo) -> str | None:
    """Why this entry may not be extracted anywhere, or None when its name and kind are safe."""
    name = info.filename
    if not name:
        return "an entry has an empty name"
    if "\\" in name:
        return f"{name!r}: backslash in a member path"
    if name.startswith("/"):
        return f"{name!r}: absolute member path"
    if _DRIVE.match(name):
        return f"{name!r}: drive letter in a member path"
    if any(ord(ch) < 32 for ch in name):
        return f"{name!r}: control character in a member path"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return f"{name!r}: member path leaves the archive root"
    if any(part in ("", ".") for part in parts):
        return f"{name!r}: member path is not normalized"
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        return f"{name!r}: symbolic link entries are not allowed"
    if info.flag_bits & 0x1:
        return f"{name!r}: encrypted member"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"{name!r}: unsupported compression method {info.compress_type}"
    return None


def size_problem(info: zipfile.ZipInfo) -> str | None:
    """Declared sizes: the member limit and the compression ratio (checked again while reading)."""
    name = info.filename
    limit = member_limit(name)
    if info.file_size > limit:
        return f"{name}: {info.file_size} bytes is over the limit of {limit} bytes"
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (f"{name}: compressed {info.file_size // max(info.compress_size, 1)}:1, over the "
                f"limit of {MAX_RATIO}:1 (a zip bomb?)")
    return None
