"""`auditor-app open-sealed FILE --key KEYFILE`: read a package's confidential part with the firm's
(or the program's) private key: notes, every quote, the draw's seed, the call list, age flags."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("open-sealed", help="show the confidential part of an .escp file, with the firm's private key")
    p.add_argument("package", metavar="FILE", type=Path, help="the .escp file")
    p.add_argument("--key", required=True, type=Path, help="the private key file (from `keys firm-keypair`)")
    p.set_defaults(func=run)


def run(args) -> int:
    from auditor_app.confidential.recipients import read_private_key
    from auditor_app.confidential.review import review_lines
    from auditor_app.errors import UserError
    from auditor_app.package.confidential_import import open_sealed
    from auditor_app.package.errors import PackageError
    from auditor_app.package.reader import read_package
    from auditor_app.text import printable

    key = read_private_key(args.key)
    try:
        package = read_package(args.package)
        opened = open_sealed(package, key)
    except PackageError as exc:
        raise UserError(f"{args.package}: " + "; ".join(printable(p) for p in exc.problems)) from None
    print(f"{args.package}: {printable(package.confidential)}")
    if opened.missing:
        print(f"  {opened.missing} sealed value(s) are not in the sealed part (sealed by another laptop)")
    for line in review_lines(package.document, opened):
        print(printable(line))
    return 0
