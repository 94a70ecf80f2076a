"""`auditor-app rate AUDIT|file.escp [--json] [--lang en|zh]`: the recommended factory status and its
reasons, in English or Chinese (the reasons are messages: resources/messages/rating.yaml).

Finding the audit document is `commands.audit_target`'s job and turning it into `AuditFacts` is
`auditor_app.rating_source`'s; this command only rates the facts and prints the result.
"""

from __future__ import annotations

import argparse

from auditor_app.commands.audit_target import is_package_path
from auditor_app.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rate",
        help="recommend the factory status for an audit, with its reasons",
        description="Recommend the factory status for an audit (a stored audit id or a .escp file), "
        "with the rule behind each reason. ESCP's review team decides the final status.",
    )
    parser.add_argument("target", metavar="AUDIT|file.escp", help="audit id, or path to a .escp package")
    parser.add_argument("--json", action="store_true", help="print the recommendation as JSON")
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="language of the reasons (default: en; with --json, adds each reason's text in it)")
    # A stored audit is read from the data folder; a .escp file is not.
    parser.set_defaults(func=run, uses_data_folder=lambda args: not is_package_path(args.target))


def facts_for(target: str):
    """The rating facts of a stored audit (id or unique start) or of a `.escp` file."""
    from auditor_app.commands.audit_target import document_for
    from auditor_app.rating_source import facts_from_document

    return facts_from_document(document_for(target))


def run(args: argparse.Namespace) -> int:
    # Imported here so that `auditor-app --help` stays fast and light.
    from auditor_app.checklist.rating import (
        format_recommendation,
        recommend_status,
        recommendation_as_dict,
    )
    from auditor_app.resources import RulesFileError
    from auditor_app.text import dumps_printable, printable

    try:
        facts = facts_for(args.target)
        rec = recommend_status(facts)
    except (RulesFileError, ValueError) as exc:
        raise UserError(f"cannot rate {args.target}: {exc}") from None
    # Reasons quote finding ids and names from the audit, which may come from a package.
    lang = getattr(args, "lang", "en") or "en"
    if args.json:
        data = recommendation_as_dict(rec)
        if lang != "en":
            for entry, reason in zip(data["reasons"], rec.reasons):
                entry["text_" + lang] = reason.render(lang)
        print(dumps_printable(data, indent=2))
    else:
        print(printable(format_recommendation(rec, section_titles=facts.section_titles, lang=lang,
                                              edition=facts.checklist_version if lang != "en" else None),
                        keep_newlines=True))
    return 0
