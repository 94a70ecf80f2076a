"""A verified submission as an `.escp` file again: its manifest and its blobs, zipped as the app writes a
package (`auditor_app.package.export`), so that a lead's laptop reads, verifies and imports it as any other."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from typing import BinaryIO

from auditor_app.package.limits import MANIFEST, is_evidence_member
from auditor_app.store.canonical import canonical_bytes
from connect_server.blobs import READ_CHUNK


def _info(name: str, when: datetime, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = compress
    info.create_system = 3  # unix: a plain file, rw------- (as the app writes it)
    info.external_attr = 0o100600 << 16
    return info


def write_package(manifest: dict, store, out: BinaryIO) -> None:
    """Write the package whose manifest is `manifest` to `out`, every member read from the blob `store`."""
    when = datetime.fromisoformat(str(manifest["exported_at"]).replace("Z", "+00:00")).replace(tzinfo=None)
    with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
        zf.writestr(_info(MANIFEST, when, zipfile.ZIP_DEFLATED), canonical_bytes(manifest))
        for member in manifest["members"]:
            info = _info(member["path"], when,
                         zipfile.ZIP_STORED if is_evidence_member(member["path"]) else zipfile.ZIP_DEFLATED)
            info.file_size = member["size"]
            with store.open(member["sha256"]) as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, READ_CHUNK)
