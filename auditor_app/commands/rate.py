"""`auditor-app rate AUDIT|file.escp [--json]`: the recommended factory status and its reasons.

Turning a stored audit or a `.escp` package into `AuditFacts` is `auditor_app.rating_source`'s job;
this command only asks it for the facts, rates them and prints the result.
"""

from __future__ import annotations

import argparse
import json

from auditor_app.cli import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rate",
        help="recommend the factory status for an audit, with its reasons",
        description="Recommend the factory status for an audit (a stored audit id or a .escp file), "
        "with the rule behind each reason. ESCP's review team decides the final status.",
    )
    parser.add_argument("target", metavar="AUDIT|file.escp", help="audit id, or path to a .escp package")
    parser.add_argument("--json", action="store_true", help="print the recommendation as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that `auditor-app --help` stays fast and light.
    from auditor_app.checklist.rating import format_recommendation, recommend_status, recommendation_as_dict
    from auditor_app.resources import RulesFileError

    try:
        from auditor_app.rating_source import facts_for
    except ModuleNotFoundError as exc:
        if exc.name != "auditor_app.rating_source":
            raise
        raise UserError("rating stored audits is not available in this build (no rating_source)") from None
    try:
        facts = facts_for(args.target)
        rec = recommend_status(facts)
    except (RulesFileError, ValueError) as exc:
        raise UserError(f"cannot rate {args.target}: {exc}") from None
    if args.json:
        print(json.dumps(recommendation_as_dict(rec), ensure_ascii=False, indent=2))
    else:
        print(format_recommendation(rec, section_titles=facts.section_titles))
    return 0
