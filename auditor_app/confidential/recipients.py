"""Who may read the sealed part of a package: the audit firm and the program, by their X25519 keys.

A recipient file (JSON, handed over by the lead; later from Connect) names a public key:
`{"format": "escp-recipient/1", "label": "Pearl River Audits", "role": "firm", "x25519": "<base64>"}`.
`import_recipient` keeps it in `<data folder>/recipients/<key id>.json`; every package exported
from the folder seals its confidential part to all of them. `make_keypair` makes a firm key pair
(for tests, demos and a firm without Connect): the private key file is 0600 and stays with the lead.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from auditor_app.confidential.folder_modes import FILE_MODE, private_folder
from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import create_new, write_atomic

RECIPIENT_FORMAT = "escp-recipient/1"
PRIVATE_FORMAT = "escp-private-key/1"
ROLES = ("firm", "program")


@dataclass(frozen=True)
class Recipient:
    label: str
    role: str
    public: bytes  # raw X25519, 32 bytes

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.public).hexdigest()[:16]

    def as_json(self) -> dict:
        return {"format": RECIPIENT_FORMAT, "label": self.label, "role": self.role,
                "x25519": base64.b64encode(self.public).decode("ascii")}


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def parse_recipient(data: object, source: str) -> Recipient:
    if not isinstance(data, dict) or data.get("format") != RECIPIENT_FORMAT:
        raise UserFacingError(f"{source} is not a recipient file (format {RECIPIENT_FORMAT})")
    try:
        public = base64.b64decode(str(data["x25519"]), validate=True)
        X25519PublicKey.from_public_bytes(public)
        label, role = str(data["label"]).strip(), str(data["role"])
    except (KeyError, ValueError) as exc:
        raise UserFacingError(f"{source}: the public key cannot be read ({exc})") from None
    if role not in ROLES or not label:
        raise UserFacingError(f"{source}: a recipient has a label and the role firm or program")
    return Recipient(label, role, public)


def read_recipient_file(path: Path) -> Recipient:
    try:
        return parse_recipient(json.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, ValueError) as exc:
        raise UserFacingError(f"{path} cannot be read as a recipient file ({exc})") from None


def import_recipient(folder: DataFolder, path: Path) -> Recipient:
    recipient = read_recipient_file(path)
    private_folder(folder.recipients)
    data = json.dumps(recipient.as_json(), indent=1).encode("utf-8")
    write_atomic(folder.recipients / f"{recipient.key_id}.json", data, mode=FILE_MODE)
    return recipient


def recipients(folder: DataFolder) -> list[Recipient]:
    """Every recipient kept in the folder, by key id."""
    try:
        files = sorted(folder.recipients.glob("*.json"))
    except OSError:
        return []
    return [read_recipient_file(p) for p in files]


@dataclass(frozen=True)
class PrivateKey:
    label: str
    key: X25519PrivateKey

    @property
    def key_id(self) -> str:
        return hashlib.sha256(_raw_public(self.key.public_key())).hexdigest()[:16]


def make_keypair(out_dir: Path, label: str, role: str = "firm") -> tuple[Path, Path]:
    """Write `<name>.recipient.json` (public) and `<name>.private-key.json` (0600); returns both."""
    key = X25519PrivateKey.generate()
    recipient = Recipient(label, role, _raw_public(key.public_key()))
    name = "".join(ch if ch.isalnum() else "-" for ch in label.lower()).strip("-") or "firm"
    out_dir.mkdir(parents=True, exist_ok=True)
    private_path, public_path = out_dir / f"{name}.private-key.json", out_dir / f"{name}.recipient.json"
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    private = {"format": PRIVATE_FORMAT, "label": label, "x25519": base64.b64encode(raw).decode("ascii")}
    if not create_new(private_path, json.dumps(private, indent=1).encode("utf-8"), mode=FILE_MODE):
        raise UserFacingError(f"{private_path} already exists: a private key is never overwritten")
    write_atomic(public_path, json.dumps(recipient.as_json(), indent=1).encode("utf-8"), mode=0o644)
    return private_path, public_path


def read_private_key(path: Path) -> PrivateKey:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != PRIVATE_FORMAT:
            raise ValueError(f"not a private key file ({PRIVATE_FORMAT})")
        raw = base64.b64decode(str(data["x25519"]), validate=True)
        return PrivateKey(str(data.get("label") or ""), X25519PrivateKey.from_private_bytes(raw))
    except (OSError, ValueError, KeyError) as exc:
        raise UserFacingError(f"{path} cannot be read as a private key ({exc})") from None
