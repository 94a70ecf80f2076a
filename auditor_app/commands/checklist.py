"""`auditor-app checklist`: read the checklist editions shipped in resources/checklists/.

    auditor-app checklist list                         the editions, oldest first
    auditor-app checklist show [--version V] [--section S] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import textwrap
from typing import Any

from auditor_app.checklist.definition import (
    AUDIT_TYPES,
    TAGS,
    Checklist,
    Checkpoint,
    Section,
)
from auditor_app.checklist.grades import grade
from auditor_app.checklist.loader import ChecklistError, list_editions, load_checklist
from auditor_app.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("checklist", help="show the ESCP checklist editions")
    sub = parser.add_subparsers(dest="checklist_command", metavar="ACTION", required=True)

    show = sub.add_parser("show", help="print one edition: sections, checkpoints, grades")
    show.add_argument("--version", help="edition to show (default: the newest)")
    show.add_argument("--section", help="only this section, by number (e.g. 9)")
    show.add_argument("--json", action="store_true", help="print the full structure as JSON")
    show.set_defaults(func=_show)

    lst = sub.add_parser("list", help="list the editions with their effective dates")
    lst.set_defaults(func=_list)


def _load(version: str | None) -> Checklist:
    try:
        return load_checklist(version)
    except ChecklistError as exc:
        raise UserError(str(exc)) from None


def _list(args: argparse.Namespace) -> int:
    try:
        editions = list_editions()
    except ChecklistError as exc:
        raise UserError(str(exc)) from None
    if not editions:
        raise UserError("no checklist editions found")
    for i, (version, title, effective) in enumerate(editions):
        newest = "  (newest, used for new audits)" if i == len(editions) - 1 else ""
        print(f"{version:<6} effective {effective.isoformat()}  {title}{newest}")
    return 0


def _show(args: argparse.Namespace) -> int:
    checklist = _load(args.version)
    sections = checklist.sections
    if args.section is not None:
        sections = tuple(s for s in sections if s.id == args.section)
        if not sections:
            known = ", ".join(s.id for s in checklist.sections)
            raise UserError(f"edition {checklist.version} has no section {args.section!r}; "
                            f"sections: {known}")
    if args.json:
        data = checklist_as_dict(checklist)
        data["sections"] = [section_as_dict(s) for s in sections]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{checklist.title} {checklist.version}, effective {checklist.effective_date.isoformat()}: "
          f"{len(checklist.sections)} sections, {len(checklist.checkpoints)} checkpoints")
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    for section in sections:
        print()
        print(f"{section.id}. {section.title} [{section.area}], {len(section.checkpoints)} checkpoints")
        for sub in section.subsections:
            print(f"  {sub.id} {sub.title}")
            for cp in sub.checkpoints:
                _print_checkpoint(cp, width)
    return 0


def _grade_text(cp: Checkpoint) -> str:
    """The grade as the auditor reads it: "Zero Tolerance (Critical if transparent)"."""
    if cp.conditional is None:
        return grade(cp.grade).label
    return f"{grade(cp.grade).label} ({grade(cp.conditional.grade).label} if {cp.conditional.when})"


def _print_checkpoint(cp: Checkpoint, width: int) -> None:
    head = f"    {cp.id:<8} {_grade_text(cp)}"
    print(head)
    print(textwrap.fill(cp.question, width=width, initial_indent=" " * 13,
                        subsequent_indent=" " * 13))


def checkpoint_as_dict(cp: Checkpoint) -> dict[str, Any]:
    return {
        "id": cp.id,
        "question": cp.question,
        "guidance": cp.guidance,
        "evidence": {
            "documents": list(cp.evidence.documents),
            "tour": list(cp.evidence.tour),
            "interviews": list(cp.evidence.interviews),
        },
        "grade": cp.grade,
        "conditional": None if cp.conditional is None else {
            "grade": cp.conditional.grade,
            "when": cp.conditional.when,
            "note": cp.conditional.note,
        },
        "stage": cp.stage,
        # Sets in their canonical order, so that the output is stable.
        "audit_types": [t for t in AUDIT_TYPES if t in cp.audit_types],
        "tags": [t for t in TAGS if t in cp.tags],
    }


def section_as_dict(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title,
        "area": section.area,
        "subsections": [
            {"id": sub.id, "title": sub.title,
             "checkpoints": [checkpoint_as_dict(cp) for cp in sub.checkpoints]}
            for sub in section.subsections
        ],
    }


def checklist_as_dict(checklist: Checklist) -> dict[str, Any]:
    return {
        "version": checklist.version,
        "title": checklist.title,
        "effective_date": checklist.effective_date.isoformat(),
        "sections": [section_as_dict(s) for s in checklist.sections],
    }
