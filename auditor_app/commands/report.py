"""`auditor-app report AUDIT|file.escp -o report.pdf [--cap cap.pdf] [--lang en|zh|both] [--cap-lang ...]`:
the audit report and the CAP as PDF, in the reader's language. The report is English unless asked; the
CAP is in both languages unless asked, since the factory's manager signs it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor_app.commands.audit_target import find_audit, is_package_path
from auditor_app.commands.held_files import held_back
from auditor_app.errors import UserError, as_user_error

# The choices of --lang (auditor_app/reports/wording.py REPORT_LANGUAGES; not imported here, so that
# `auditor-app --help` does not load the reports' modules).
REPORT_LANGUAGES = ("en", "zh", "both")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the audit report (and the CAP) of an audit as PDF",
        description="Write the audit report of a stored audit (id or unique prefix) or of a .escp "
        "package as PDF, and with --cap the Corrective Action Plan too.",
    )
    parser.add_argument("target", metavar="AUDIT|file.escp", help="audit id, or path to a .escp package")
    parser.add_argument("-o", "--output", required=True, type=Path, help="where to write the report PDF")
    parser.add_argument("--cap", type=Path, help="also write the CAP PDF here")
    parser.add_argument("--lang", choices=REPORT_LANGUAGES, default=None,
                        help="language of the report's headings and fixed text: en (default), zh, or both "
                             "(what the factory and the auditor typed is printed as typed)")
    parser.add_argument("--cap-lang", choices=REPORT_LANGUAGES, default=None,
                        help="language of the CAP: both (default, so the factory's manager signs what they "
                             "can read), en or zh")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    # A stored audit is read from the data folder; a .escp file is not.
    parser.set_defaults(func=run, uses_data_folder=lambda args: not is_package_path(args.target))


def _progress(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\rpreparing photos {done}/{total}", end="" if done < total else "\n", file=sys.stderr)
    return show


def _check_outputs(args) -> None:
    for path in filter(None, (args.output, args.cap)):
        if path.is_dir():
            raise UserError(f"{path} is a folder; give a file name such as {path / 'report.pdf'}")
        if not path.parent.exists():
            raise UserError(f"cannot write {path}: the folder {path.parent} does not exist")
    if args.cap is not None and args.cap.resolve() == args.output.resolve():
        raise UserError("the report and the CAP need different file names")


def _sign(doc, store, pdfs: dict) -> str | None:
    """A finalized audit's PDFs are signed by the installation that sealed it (see signing.report_signing);
    what to say about it, None for a draft."""
    from auditor_app.signing.report_signing import sign_finalized
    from auditor_app.text import printable

    if (doc.get("audit") or {}).get("state") != "finalized":
        return None
    pdfs = {kind: path for kind, path in pdfs.items() if path is not None}
    if sign_finalized(doc, store.folder if store is not None else None, pdfs):
        signer = doc["audit"]["seal_statement"]["signer"]
        return f"Signed (PAdES) by {printable(signer['name'])} with this installation's key"
    return "Not signed: the audit was sealed on another installation (its seal is printed in the report)"


def _every_problem(exc, package) -> UserError:
    """A photo of the package failed its hash check while the report was made: the members not read
    yet are checked too, so the refusal lists every problem, as `verify` would."""
    from auditor_app.package.errors import PackageError

    try:
        if package is not None:
            package.check_unread_evidence()
    except PackageError as every:
        exc = every
    return UserError(f"{exc}; no report was written")


def _start_photos(doc: dict, photos, cache, progress):
    """The report's photos prepared on worker threads from now on, in reading order (None without
    any): started before the layout's modules (ReportLab) are loaded, so that loading them overlaps the
    first photos instead of leaving a core idle."""
    from auditor_app.reports.content import photo_order
    from auditor_app.reports.photos import PhotoCopier

    shas = photo_order(doc)
    if not shas:
        return None
    return PhotoCopier.for_report(shas, photos, cache, progress=progress)


def run(args: argparse.Namespace) -> int:
    import contextlib

    from auditor_app.package.errors import PackageError
    from auditor_app.reports.photos import PackagePhotos, PhotoCache, PhotoSource, StorePhotos
    from auditor_app.text import printable

    _check_outputs(args)
    progress = _progress(args.quiet)
    target = args.target
    photos: PhotoSource
    cache: PhotoCache | None
    package = None
    if is_package_path(target):
        from auditor_app.package.reader import read_package

        try:
            # The photos' hashes are checked as the report reads them, the other members' after it.
            package = read_package(target, evidence="as_read")
        except PackageError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"cannot read {target}: {exc.strerror or exc}") from None
        doc, photos, cache, store = package.document, PackagePhotos(package), None, None
    else:
        from auditor_app.package.document import audit_document
        from auditor_app.store.db import open_store

        store = open_store()
        try:
            with store.session() as session:
                doc = audit_document(session, find_audit(store, session, target))
        except BaseException:
            store.close()
            raise
        stored = StorePhotos(store)
        photos, cache = stored, stored.cache()
    try:
        # Written under hidden names and put in place together once all is proven (and signed).
        with held_back(args.output, args.cap) as (report_out, cap_out), contextlib.ExitStack() as stack:
            assert report_out is not None
            cap = None
            try:
                copier = _start_photos(doc, photos, cache, progress)
                if copier is not None:
                    stack.enter_context(copier)
                from auditor_app.reports.cap import DEFAULT_LANGUAGE as CAP_LANGUAGE
                from auditor_app.reports.pair import build_report_and_cap
                from auditor_app.reports.report import build_report

                if cap_out is None:
                    result = build_report(doc, report_out, photos=photos, photo_cache=cache, progress=progress,
                                          lang=args.lang or "en", copier=copier)
                else:  # together: the CAP's layout overlaps the report's photos
                    result, cap = build_report_and_cap(doc, report_out, cap_out, photos=photos,
                                                       photo_cache=cache, progress=progress,
                                                       report_lang=args.lang or "en",
                                                       cap_lang=args.cap_lang or CAP_LANGUAGE, copier=copier)
            except PackageError as exc:  # a photo the report read failed its hash check
                raise _every_problem(exc, package) from None
            if package is not None:
                try:
                    package.check_unread_evidence()  # what the report did not read: documents, other photos
                except PackageError as exc:
                    raise UserError(f"{exc}; no report was written") from None
            signed = _sign(doc, store, {"report": report_out, "cap": cap_out})
        print(f"Report: {args.output} ({result.pages} pages, {result.photos} photos)")
        for sha, problem in result.photo_problems.items():
            # The problem may quote the photo's file: shown, never obeyed.
            print(f"  photo {printable(sha[:12])} left out: {printable(problem)}", file=sys.stderr)
        if cap is not None:
            print(f"CAP: {args.cap} ({cap.pages} pages)")
        if signed:
            print(signed)
    except OSError as exc:
        if as_user_error(exc) is not None:
            raise  # a full or read-only disk, a missing file: the entry point names it (exit 1), logs it
        raise UserError(f"cannot write the PDF: {exc.strerror or exc}") from None
    finally:
        if store is not None:
            store.close()
    return 0
