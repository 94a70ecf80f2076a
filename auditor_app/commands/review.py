"""`auditor-app review ...`: the audit-firm lead's review of a sealed audit, and the auditor's side of it,
by files when there is no server (docs/review.md).

  lead:    review open FILE.escp · review comment AUDIT --on finding:11.1 TEXT · review return AUDIT --out F
           · review approve AUDIT [--out F] · review submitted AUDIT
  auditor: review open RETURNED.escp · review comments AUDIT · review answer COMMENT TEXT
           · review revise AUDIT · (correct, finalize) · review resubmit NEW --out F (or `review push`)
  both:    review status [AUDIT] · review diff OLD NEW · review history AUDIT|FILE [--flagged]

Through the Connect platform (after `auditor-app connect login`), the same record travels without files:
  review inbox · review pull [AUDIT] (a lead: AUDIT from the inbox is downloaded and received) · review push
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("review", help="review a sealed audit (lead), or answer a review (auditor), by .escp files")
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)

    def who(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--name", help="your name as it signs the entry (default: your login name)")
        parser.add_argument("--firm", default="", help="your audit firm")

    op = rsub.add_parser("open", help="open an .escp file for review, or a returned one to answer it")
    op.add_argument("package", metavar="FILE", type=Path)
    op.add_argument("--key", type=Path, help="the firm's private key file: opens the confidential part")
    who(op)
    op.set_defaults(func=run_open)

    cm = rsub.add_parser("comment", help="comment on a finding, CAP row, interview, photo, field or the audit")
    cm.add_argument("audit", metavar="AUDIT")
    cm.add_argument("--on", required=True, metavar="KIND:REF",
                    help="finding:11.1, cap_item:11.1, interview:W-07, evidence:photo.jpg, field:audit.notes, audit")
    cm.add_argument("text")
    who(cm)
    cm.set_defaults(func=run_comment)

    ls = rsub.add_parser("comments", help="the comments on an audit, each on its item, with their answers")
    ls.add_argument("audit", metavar="AUDIT")
    ls.set_defaults(func=run_comments)

    an = rsub.add_parser("answer", help="answer a comment (auditor, while the audit is returned)")
    an.add_argument("comment", metavar="COMMENT", help="the comment's id or a unique start of it")
    an.add_argument("text")
    who(an)
    an.set_defaults(func=run_answer)

    for name, helptext in (("return", "return the audit for rework (signed); --out writes the file for the auditor"),
                           ("approve", "approve the audit for submission to the program (signed)"),
                           ("submitted", "record that the approved audit was submitted to the program")):
        d = rsub.add_parser(name, help=helptext)
        d.add_argument("audit", metavar="AUDIT")
        d.add_argument("--note", default="", help="a word with the decision")
        d.add_argument("--out", type=Path, help="the .escp file to write (through the platform: `review push`)")
        d.add_argument("--force", action="store_true", help="replace the output file if it exists")
        who(d)
        d.set_defaults(func=run_decision, kind=name)

    rv = rsub.add_parser("revise", help="start a new revision of a returned audit (auditor)")
    rv.add_argument("audit", metavar="AUDIT")
    rv.set_defaults(func=run_revise)

    rs = rsub.add_parser("resubmit", help="hand the sealed new revision back for review (auditor)")
    rs.add_argument("audit", metavar="AUDIT", help="the new revision, finalized")
    rs.add_argument("--out", type=Path, help="the .escp file to write for the lead (through the platform: "
                                             "`review push`)")
    rs.add_argument("--note", default="")
    rs.add_argument("--force", action="store_true")
    who(rs)
    rs.set_defaults(func=run_decision, kind="resubmit")

    st = rsub.add_parser("status", help="review states of the audits here, or of one")
    st.add_argument("audit", metavar="AUDIT", nargs="?")
    st.set_defaults(func=run_status)

    df = rsub.add_parser("diff", help="what changed between two revisions (audit ids or .escp files)")
    df.add_argument("old", metavar="OLD")
    df.add_argument("new", metavar="NEW")
    df.set_defaults(func=run_diff, uses_data_folder=lambda a: not (_is_file(a.old) and _is_file(a.new)))

    hi = rsub.add_parser("history", help="who changed what, when; changes after the factory signed flagged")
    hi.add_argument("audit", metavar="AUDIT|FILE")
    hi.add_argument("--flagged", action="store_true", help="only the changes after the factory signed the CAP")
    hi.set_defaults(func=run_history, uses_data_folder=lambda a: not _is_file(a.audit))
    ib = rsub.add_parser("inbox", help="the platform's audits in review, and a lead's submitted audits to receive")
    ib.set_defaults(func=run_inbox)

    pl = rsub.add_parser("pull", help="take in the platform's review entries (with AUDIT: a lead receives it)")
    pl.add_argument("audit", metavar="AUDIT", nargs="?", help="a submitted audit from the inbox to receive")
    pl.add_argument("--key", type=Path, help="the firm's private key file: opens the confidential part")
    who(pl)
    pl.set_defaults(func=run_pull)

    ps = rsub.add_parser("push", help="send the review entries made here to the platform")
    ps.add_argument("audit", metavar="AUDIT", nargs="?", help="only the review of this audit")
    ps.set_defaults(func=run_push)

    for action in rsub.choices.values():
        if action.get_default("uses_data_folder") is None:
            action.set_defaults(uses_data_folder=True)


def _is_file(text: str) -> bool:
    from auditor_app.commands.audit_target import is_package_path

    return is_package_path(text)


def _author(args, store) -> tuple[str, str]:
    return (args.name or store.actor), args.firm


def _writing(func):
    """Run `func(args, store)` owning the data folder (a writer), the store closed after."""
    def run(args) -> int:
        from auditor_app.paths import DataFolder
        from auditor_app.store.db import open_store
        from auditor_app.store.folder_lock import owning

        folder = DataFolder.default()
        with owning(folder):
            store = open_store(folder)
            try:
                return func(args, store)
            finally:
                store.close()
    return run


def _audit_id(store, text: str) -> str:
    from auditor_app.commands.audit_target import find_audit

    with store.session(read_only=True) as session:
        return find_audit(store, session, text)


def _check_out(path: Path | None, force: bool) -> None:
    from auditor_app.errors import UserError

    if path is None:
        return
    if path.exists() and not force:
        raise UserError(f"{path} already exists; use --force to replace it")
    if not path.parent.is_dir():
        raise UserError(f"cannot write {path}: folder {path.parent} does not exist")


@_writing
def run_open(args, store) -> int:
    from auditor_app.confidential.recipients import read_private_key
    from auditor_app.errors import UserError
    from auditor_app.review.files import open_for_review
    from auditor_app.review.states import STATE_LABELS

    if not args.package.is_file():
        raise UserError(f"{args.package}: no such file")
    key = read_private_key(args.key) if args.key else None
    name, firm = _author(args, store)
    opened = open_for_review(store, args.package, author=name, firm=firm, key=key)
    how = "imported and " if opened.imported else ""
    print(f"Audit {opened.audit_id[:8]}: {how}{STATE_LABELS.get(opened.state)} "
          f"({opened.new_entries} new review entr{'y' if opened.new_entries == 1 else 'ies'}; you are its "
          f"{'auditor' if opened.side == 'auditor' else 'reviewer'})")
    return 0


@_writing
def run_comment(args, store) -> int:
    from auditor_app.audits.operation import run_operation
    from auditor_app.package.document import audit_document
    from auditor_app.review.actions import comment
    from auditor_app.review.targets import lookup
    from auditor_app.text import printable

    audit_id = _audit_id(store, args.audit)
    kind, _, ref = args.on.partition(":")
    with store.session(read_only=True) as session:
        target_id = lookup(audit_document(session, audit_id), kind, ref)
    name, firm = _author(args, store)
    entry = run_operation(store, comment, audit_id, kind, target_id, args.text, folder=store.folder,
                          author=name, firm=firm).result
    print(f"Comment {entry['id'][:8]} on {printable(entry['target']['label'])}")
    return 0


def run_comments(args) -> int:
    from auditor_app.review.comments import comments_for
    from auditor_app.store.db import open_store
    from auditor_app.text import printable

    store = open_store()
    try:
        audit_id = _audit_id(store, args.audit)
        with store.session(read_only=True) as session:
            comments = comments_for(session, audit_id)
    finally:
        store.close()
    if not comments:
        print(f"No review comments on audit {audit_id[:8]}")
    for c in comments:
        where = "" if c.target_id else " (no longer in this revision)"
        print(f"[{c.id[:8]}] {printable(c.label)}{where}, revision {c.revision}, {printable(c.author)} at {c.at}:")
        print(f"    {printable(c.text)}")
        for a in c.answers:
            print(f"    answer by {printable(a.author)} at {a.at}: {printable(a.text)}")
    return 0


@_writing
def run_answer(args, store) -> int:
    from sqlalchemy import select

    from auditor_app.audits.operation import run_operation
    from auditor_app.errors import UserError
    from auditor_app.review.actions import answer
    from auditor_app.store.models import ReviewEntry

    with store.session(read_only=True) as session:
        ids = list(session.scalars(select(ReviewEntry.id).where(ReviewEntry.kind == "comment",
                                                                ReviewEntry.id.startswith(args.comment))))
    if len(ids) != 1:
        raise UserError(f"{'no' if not ids else len(ids)} comment(s) match {args.comment!r}",
                        "`auditor-app review comments AUDIT` lists them")
    name, firm = _author(args, store)
    entry = run_operation(store, answer, ids[0], args.text, folder=store.folder, author=name, firm=firm).result
    print(f"Answered comment {ids[0][:8]} ({entry['id'][:8]})")
    return 0


@_writing
def run_decision(args, store) -> int:
    from auditor_app.audits.operation import run_operation
    from auditor_app.review import actions
    from auditor_app.review.files import write_review_package
    from auditor_app.review.states import STATE_LABELS, TRANSITIONS

    op = {"return": actions.return_for_rework, "approve": actions.approve, "submitted": actions.mark_submitted,
          "resubmit": actions.resubmit}[args.kind]
    _check_out(args.out, args.force)
    audit_id = _audit_id(store, args.audit)
    name, firm = _author(args, store)
    entry = run_operation(store, op, audit_id, folder=store.folder, author=name, firm=firm, text=args.note).result
    state = next(iter(TRANSITIONS[entry["kind"]].values()))
    print(f"Audit {audit_id[:8]}: {STATE_LABELS[state]} (signed by {name}, key {entry['author']['key_id']})")
    if args.out is not None:
        write_review_package(store, audit_id, args.out)
        print(f"  wrote {args.out} with the review record ({entry['seq']} entries)")
    return 0


@_writing
def run_revise(args, store) -> int:
    from auditor_app.audits.lifecycle import new_revision
    from auditor_app.audits.operation import run_operation

    audit_id = _audit_id(store, args.audit)
    new = run_operation(store, new_revision, audit_id)
    new_id = next(iter(new.rows["audit"] - {audit_id}))
    print(f"New revision {new_id} of audit {audit_id[:8]}: a draft; correct it, finalize it, then "
          f"`auditor-app review resubmit {new_id[:8]} --out FILE`")
    return 0


def run_status(args) -> int:
    from auditor_app.review.overview import review_overview, review_status
    from auditor_app.store.db import open_store

    store = open_store()
    try:
        with store.session(read_only=True) as session:
            if args.audit:
                audit_id = _audit_id(store, args.audit)
                status = review_status(session, audit_id)
                statuses = {audit_id: status} if status else {}
            else:
                statuses = review_overview(session)
    finally:
        store.close()
    if not statuses:
        print("No audit is in review here")
    shown = set()
    for status in statuses.values():
        if status.thread_id in shown:
            continue
        shown.add(status.thread_id)
        print(f"{(status.under_review or '?')[:8]}: {status.label}; {status.comments} comment(s), "
              f"{status.unanswered} unanswered; revisions {', '.join(r[:8] for r in status.revisions)}"
              + (f"; last decision: {status.last_decision} by {status.decided_by}" if status.last_decision else ""))
    return 0


def _document(store_box: list, text: str) -> dict:
    from auditor_app.commands.audit_target import document_for, is_package_path

    if is_package_path(text):
        return document_for(text)
    from auditor_app.package.document import audit_document
    from auditor_app.store.db import open_store

    if not store_box:
        store_box.append(open_store())
    store = store_box[0]
    with store.session(read_only=True) as session:
        return audit_document(session, _audit_id(store, text))


def run_diff(args) -> int:
    from auditor_app.review.diff import revision_diff
    from auditor_app.review.diff_text import diff_lines

    box: list = []
    try:
        old, new = _document(box, args.old), _document(box, args.new)
    finally:
        for store in box:
            store.close()
    for line in diff_lines(revision_diff(old, new)):
        print(line)
    return 0


def run_history(args) -> int:
    from auditor_app.review.history import change_history, history_lines
    from auditor_app.store.eventlog import audit_events

    if _is_file(args.audit):
        from auditor_app.errors import UserError
        from auditor_app.package.errors import PackageError
        from auditor_app.package.reader import read_package

        try:
            events = read_package(args.audit).events
        except PackageError as exc:
            raise UserError(str(exc)) from None
    else:
        from auditor_app.store.db import open_store

        store = open_store()
        try:
            audit_id = _audit_id(store, args.audit)
            with store.session(read_only=True) as session:
                events = audit_events(session, audit_id)
        finally:
            store.close()
    for line in history_lines(change_history(events), only_flagged=args.flagged):
        print(line)
    return 0


# ---- through the platform ------------------------------------------------------------------------

def _platform_author(args, store) -> tuple[str, str]:
    """The name and firm that sign: given, else the platform account's, else the login name."""
    from auditor_app.sync.review_sync import account_name

    name, firm = account_name(store.folder)
    return (args.name or name or store.actor), (args.firm or firm)


def run_inbox(args) -> int:
    from auditor_app.review.states import STATE_LABELS
    from auditor_app.store.db import open_store
    from auditor_app.sync.review_sync import inbox
    from auditor_app.text import printable

    store = open_store()
    try:
        items = inbox(store)
    finally:
        store.close()
    if not items:
        print("Nothing in review on the platform for this account")
    for i in items:
        here = (f"here: {STATE_LABELS.get(i.state_here)} ({i.entries_here} entries)" if i.thread_id and i.entries_here
                else "not here yet" if not i.held_here else "here: not in review")
        print(f"{i.audit_id[:8]} {printable(i.factory_name)} ({i.audit_type}, revision {i.revision}, "
              f"submitted by {printable(i.submitted_by)}): platform: {STATE_LABELS.get(i.state, i.state)}"
              + (f" ({i.entries} entries)" if i.thread_id else "") + f"; {here}")
    return 0


@_writing
def run_pull(args, store) -> int:
    from auditor_app.confidential.recipients import read_private_key
    from auditor_app.errors import UserError
    from auditor_app.review.states import STATE_LABELS
    from auditor_app.sync.review_sync import inbox, open_from_platform, pull

    key = read_private_key(args.key) if args.key else None
    if args.audit:
        waiting = [i for i in inbox(store) if not i.entries_here
                   and (i.audit_id.startswith(args.audit) or (i.thread_id or "-").startswith(args.audit))]
        if len(waiting) != 1:
            raise UserError(f"{'no' if not waiting else len(waiting)} audit(s) of the platform not in review here "
                            f"match {args.audit!r}", "`auditor-app review inbox` lists them")
        name, firm = _platform_author(args, store)
        opened = open_from_platform(store, waiting[0].thread_id or waiting[0].audit_id, author=name, firm=firm,
                                    key=key)
        print(f"Audit {opened.audit_id[:8]}: downloaded for review; {STATE_LABELS.get(opened.state)} "
              f"({opened.new_entries} new review entr{'y' if opened.new_entries == 1 else 'ies'} here)")
    results = pull(store, key=key)
    for r in results:
        imported = f"; imported revision(s) {', '.join(a[:8] for a in r.imported)}" if r.imported else ""
        print(f"{r.audit_id[:8]}: {STATE_LABELS.get(r.state)}; {r.pulled} new entr{'y' if r.pulled == 1 else 'ies'}"
              + imported)
    print(f"Pulled {sum(r.pulled for r in results)} entries of {len(results)} review(s).")
    return 0


@_writing
def run_push(args, store) -> int:
    from auditor_app.review import thread
    from auditor_app.review.states import STATE_LABELS
    from auditor_app.sync.review_sync import push

    thread_ids = None
    if args.audit:
        audit_id = _audit_id(store, args.audit)
        with store.session(read_only=True) as session:
            found = thread.thread_of(session, audit_id)
        if found is None:
            from auditor_app.errors import UserError

            raise UserError(f"audit {audit_id[:8]} is not in review here")
        thread_ids = [found]
    results = push(store, thread_ids=thread_ids)
    for r in results:
        print(f"{r.audit_id[:8]}: {STATE_LABELS.get(r.state)}; {r.pushed} entr{'y' if r.pushed == 1 else 'ies'} sent"
              + (f", {r.pulled} taken in first" if r.pulled else ""))
    print(f"Pushed {sum(r.pushed for r in results)} entries of {len(results)} review(s).")
    return 0
