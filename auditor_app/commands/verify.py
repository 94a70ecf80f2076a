"""`auditor-app verify file.escp`: check every hash, the event chain and the seal, without importing."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("verify", help="check that an .escp file is intact (exit 0) or list its problems (exit 1)")
    p.add_argument("package", metavar="FILE", type=Path, help="the .escp file")
    p.set_defaults(func=run)


def run(args) -> int:
    from auditor_app.errors import UserError
    from auditor_app.package.verify import confidential_line, seal_signer, verify_package
    from auditor_app.text import printable

    if not args.package.is_file():
        raise UserError(f"{args.package}: no such file")
    problems = verify_package(args.package)
    if not problems:
        signer = seal_signer(args.package)
        print(f"{args.package}: intact" + (f"; sealed and {printable(signer)}" if signer else "; a draft (not sealed)"))
        print(f"  {printable(confidential_line(args.package))}")
        return 0
    print(f"{args.package}: {len(problems)} problem{'s' if len(problems) > 1 else ''}")
    for problem in problems:
        print(f"  - {printable(problem)}")  # quotes the package's own names: shown, never obeyed
    return 1
