"""The file route: a review carried in `.escp` files when there is no server.

The auditor hands over the sealed audit's package. The lead opens it for review (`open_for_review`:
the audit is imported, read-only as every sealed audit is, and received), comments, and returns it
(`write_review_package`: the same audit with review.json, the comments and the signed decision).
The auditor opens the returned file the same way: the comments join the record here and show on the
items they concern; the auditor answers, corrects the audit in a new revision, finalizes it,
resubmits it and writes its package with the record; the lead opens that, sees what changed and
decides again.

Which side one is on follows from the keys: the installation that sealed the revision in the file is
its auditor; any other opens it as a reviewer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from auditor_app.audits.operation import run_operation
from auditor_app.confidential.recipients import PrivateKey
from auditor_app.errors import UserError
from auditor_app.package.errors import PackageError
from auditor_app.package.export import export_audit
from auditor_app.package.importer import import_package
from auditor_app.package.reader import Package, read_package
from auditor_app.package.review_part import add_review, review_document
from auditor_app.review import actions, thread
from auditor_app.review.records import under_review
from auditor_app.signing.device_key import load_or_create
from auditor_app.store.models import Audit


@dataclass(frozen=True)
class OpenedForReview:
    audit_id: str
    thread_id: str
    state: str | None
    imported: bool  # the audit was brought into this data folder from the file
    new_entries: int  # entries of the record new here (the receipt made here included)
    side: str  # "lead": this installation reviews it; "auditor": it sealed the revision in the file


def _sealer_key(package: Package) -> str:
    statement = package.document["audit"].get("seal_statement") or {}
    return str((statement.get("signer") or {}).get("key_id") or "")


def _check_local(store, package: Package, incoming: list[dict]) -> bool:
    """True when the audit is already here (the same sealed audit); refuses a clash before any write."""
    with store.session(read_only=True) as session:
        local = session.get(Audit, package.audit_id)
        if local is not None and (local.seal != package.document["audit"].get("seal")
                                  or local.seal_statement != package.document["audit"].get("seal_statement")):
            raise UserError(f"audit {package.audit_id[:8]} is in this data folder with another seal: nothing "
                            "was opened", "a corrected audit travels as a new revision with its own id")
        if incoming:
            ours = thread.entries(session, incoming[0]["thread_id"])
            for mine, theirs in zip(ours, incoming):
                if mine["hash"] != theirs["hash"]:
                    raise UserError(f"the review record here and the one in the file differ from entry "
                                    f"{mine['seq']} on: nothing was opened",
                                    "each side continues the record the other sent last; ask for the latest file")
        return local is not None


def open_for_review(store, path: str | Path, *, author: str, firm: str = "",
                    key: PrivateKey | None = None) -> OpenedForReview:
    """Open an `.escp` file for review here: import its audit if it is not here yet (with `key`, the
    firm's, its confidential part is opened), take in the review record it carries, and receive it for
    review when it carries none and this installation did not seal it."""
    try:
        package = read_package(path)
    except PackageError as exc:
        raise UserError(f"{path} was refused, nothing was opened:\n" + "\n".join(f"  - {p}" for p in exc.problems)) \
            from None
    if package.for_outside:
        raise UserError("a package for outside the firm (photo copies) cannot be reviewed here",
                        "ask the auditor for the package with the originals")
    if not package.document["audit"].get("seal"):
        raise UserError("the file holds a draft: only a sealed audit is reviewed")
    incoming = (package.review or {}).get("entries") or []
    present = _check_local(store, package, incoming)
    imported = False
    if not present:
        try:
            import_package(store, path, key=key)
        except PackageError as exc:
            raise UserError(f"{path} was refused, nothing was opened:\n"
                            + "\n".join(f"  - {p}" for p in exc.problems)) from None
        imported = True
    new = run_operation(store, actions.take_in, incoming).result if incoming else 0
    mine = load_or_create(store.folder).key_id
    side = "auditor" if mine == _sealer_key(package) else "lead"
    if not incoming:
        if side == "auditor":
            raise UserError("this installation sealed the audit in the file: an auditor does not review its "
                            "own audit", "the lead opens it on the lead's laptop")
        with store.session(read_only=True) as session:
            already = thread.thread_of(session, package.audit_id)
        if already is None:
            run_operation(store, actions.receive, package.audit_id, folder=store.folder, author=author, firm=firm)
            new += 1
    with store.session(read_only=True) as session:
        thread_id = thread.thread_of(session, package.audit_id)
        assert thread_id is not None  # taken in or received above
        records = thread.entries(session, thread_id)
    return OpenedForReview(package.audit_id, thread_id, thread.state_of(records), imported, new, side)


def write_review_package(store, audit_id: str, out_path: str | Path) -> dict:
    """Write the audit under review with its review record (review.json) to `out_path`; the manifest."""
    with store.session(read_only=True) as session:
        thread_id = thread.thread_of(session, audit_id)
        records = thread.entries(session, thread_id) if thread_id else []
    if thread_id is None or not records:
        raise UserError("this audit is not in review here: there is no review to write")
    if under_review(records) != audit_id:
        raise UserError(f"the revision under review is {under_review(records) or '?'}, not {audit_id}",
                        "write the package of the revision under review")
    out_path = Path(out_path)
    plain = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex[:8]}.plain")
    try:
        export_audit(store, audit_id, plain)
        return add_review(plain, out_path, review_document(audit_id, thread_id, records))
    finally:
        plain.unlink(missing_ok=True)
