"""`auditor-app check AUDIT|file.escp [--json] [--lang en|zh]`: is the audit complete? Every gap, stage
by stage.

Exit 0 when nothing is open (what was closed with a reason is listed too), 1 otherwise: a lead who
receives a package sees at once what the audit day did not produce. `--lang zh` prints it in Chinese
(the gaps are messages: resources/messages/audit.yaml); `--json` keeps each gap's English `text` and
adds its `message` (id and parameters).
"""

from __future__ import annotations

import argparse

from auditor_app.commands.audit_target import is_package_path

SHOWN_PER_STAGE = 25  # a new audit has ~235 unanswered checkpoints: the count says the rest


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="list what the audit still lacks before it can be finalized (exit 0: complete)",
        description="List every gap of an audit (a stored audit id or a .escp file), stage by stage, and "
        "the gaps closed with a reason. Exit 0 when the audit is complete, 1 when gaps remain.")
    parser.add_argument("target", metavar="AUDIT|file.escp", help="audit id, or path to a .escp package")
    parser.add_argument("--json", action="store_true", help="print the gaps as JSON")
    parser.add_argument("--all", action="store_true", help=f"list every gap (default: {SHOWN_PER_STAGE} per stage)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the list (default: en)")
    parser.set_defaults(func=run, uses_data_folder=lambda args: not is_package_path(args.target))


def run(args: argparse.Namespace) -> int:
    from auditor_app.audits.completeness import check_document
    from auditor_app.audits.gaps import reason_label
    from auditor_app.checklist.labels import label
    from auditor_app.checklist.messages import Words
    from auditor_app.commands.audit_target import document_for
    from auditor_app.text import dumps_printable, printable

    doc = document_for(args.target)
    state = check_document(doc)
    lang = getattr(args, "lang", "en") or "en"
    if args.json:
        data = state.as_dict()
        gaps = state.open + [c.gap for c in state.closed]
        if lang != "en":
            for entry, gap in zip(data["open"] + data["closed"], gaps):
                entry["text_" + lang] = gap.render(lang)
        print(dumps_printable(data, indent=2))
        return 0 if state.complete else 1
    w = Words(lang)
    audit = doc["audit"]
    factory = (doc.get("factory_profile") or {}).get("name") or w.t("check.no_factory")
    try:
        state_words = w.t(f"state.{audit['state']}")
    except KeyError:
        state_words = str(audit["state"])
    outcome = w.t("check.complete") if state.complete else w.t("check.open", count=len(state.open))
    print(printable(w.t("check.head", factory=factory, audit_type=audit["audit_type"], state=state_words,
                        answered=state.answered, applicable=state.applicable, outcome=outcome)))
    for stage, gaps in state.by_stage():
        print("\n" + w.t("check.stage", stage=label("stages", stage, lang), count=len(gaps)))
        shown = gaps if args.all else gaps[:SHOWN_PER_STAGE]
        for gap in shown:
            must = "" if gap.closable else w.t("check.must_be_done")
            print(printable(w.t("check.gap", text=gap.render(lang), must=must)))
        if len(shown) < len(gaps):
            print(w.t("check.more", count=len(gaps) - len(shown)))
    if state.closed:
        print("\n" + w.t("check.closed_heading", count=len(state.closed)))
        for closed in state.closed:
            note = w.t("check.note", note=closed.note) if closed.note else ""
            print(printable(w.t("check.closed", text=closed.gap.render(lang),
                                reason=reason_label(closed.reason, lang), note=note)))
    return 0 if state.complete else 1
