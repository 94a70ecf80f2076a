"""The confidential part of a package on import: opened with a private key, or kept sealed.

Opened: the audit's key goes to the key store and every value to the audit's vault before the rows
go in, so the app shows the notes as the auditor wrote them. Not opened (no key, or a package with
none): the audit still gets a key of its own here, so that anything added to it later is sealed
too; its markers stay markers. A package from before confidential values were sealed brings its
values in the clear and its audit stays as it was made (no key).
"""

from __future__ import annotations

import base64
import binascii

from auditor_app.confidential.audit_keys import KeyExists
from auditor_app.confidential.audit_values import AuditValues
from auditor_app.confidential.recipients import PrivateKey
from auditor_app.confidential.sealed_box import NotForThisKey
from auditor_app.confidential.sealed_part import OpenedPart, markers_of, open_part
from auditor_app.kept_rosters import KeptRosters
from auditor_app.package.errors import PackageError
from auditor_app.package.reader import Package


def open_sealed(package: Package, key: PrivateKey) -> OpenedPart:
    """The package's sealed part opened and checked; `PackageError` when it cannot be."""
    if package.sealed is None:
        raise PackageError(str(package.path), [f"no sealed part to open: {package.confidential}"])
    try:
        opened = open_part(package.sealed, key, package.document)
    except NotForThisKey as exc:
        raise PackageError(str(package.path), [str(exc)]) from None
    if opened.problems:
        raise PackageError(str(package.path), opened.problems)
    return opened


def keep_confidential(values: AuditValues, package: Package, opened: OpenedPart | None) -> None:
    """Put the audit's key and values in place, before its rows."""
    audit_id = package.audit_id
    if opened is not None:
        try:
            secret = values.keys.put(audit_id, opened.secret)
        except KeyExists as exc:
            raise PackageError(str(package.path), [str(exc)]) from None
        for marker, value in opened.values.items():
            values.vault.put(secret, audit_id, marker, value)
        rosters = KeptRosters(values.folder)
        for roster in opened.rosters:
            try:
                rosters.keep(audit_id, base64.b64decode(roster["data"], validate=True), str(roster["name"]))
            except (KeyError, TypeError, binascii.Error):
                raise PackageError(str(package.path), ["sealed.json: a roster in it cannot be read"]) from None
    elif markers_of(package.document) or package.sealed is not None:
        values.keys.create(audit_id)


def forget_confidential(values: AuditValues, audit_id: str) -> None:
    """Undo `keep_confidential` after a failed import (the audit is not in the folder)."""
    values.vault.drop_audit(audit_id)
    KeptRosters(values.folder).forget(audit_id)
    values.keys.forget(audit_id)
