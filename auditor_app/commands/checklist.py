"""`auditor-app checklist`: read the checklist editions shipped in resources/checklists/.

    auditor-app checklist list                         the editions, oldest first
    auditor-app checklist show [--version V] [--section S] [--lang en|zh] [--full] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import textwrap
from typing import Any

from auditor_app.checklist.definition import (
    AUDIT_TYPES,
    LANGS,
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
    show.add_argument("--lang", choices=LANGS, default="en",
                      help="language of the text: en (default) or zh (Simplified Chinese)")
    show.add_argument("--full", action="store_true",
                      help="also print each checkpoint's guidance, conditional grade and evidence")
    show.add_argument("--json", action="store_true",
                      help="print the full structure as JSON (both languages: `x` and `x_zh`)")
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
    lang = args.lang
    words = _WORDS[lang]
    date = checklist.effective_date.isoformat()
    print(words["head"].format(title=checklist.text("title", lang), version=checklist.version,
                               date=date, sections=len(checklist.sections),
                               checkpoints=len(checklist.checkpoints)))
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    for section in sections:
        print()
        print(words["section"].format(id=section.id, title=section.text("title", lang),
                                      area=section.area, checkpoints=len(section.checkpoints)))
        for sub in section.subsections:
            print(f"  {sub.id} {sub.text('title', lang)}")
            for cp in sub.checkpoints:
                _print_checkpoint(cp, width, lang, args.full)
    return 0


# The fixed words of the text output, by language.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "head": "{title} {version}, effective {date}: {sections} sections, {checkpoints} checkpoints",
        "section": "{id}. {title} [{area}], {checkpoints} checkpoints",
        "conditional": "{default} ({other} if {when})",
        "transparent": "transparent",
        "isolated": "isolated",
        "guidance": "Guidance",
        "documents": "Documents",
        "tour": "Tour",
        "interviews": "Interviews",
        "sep": "; ",
        "colon": ": ",
    },
    "zh": {
        "head": "{title} {version}，生效日期 {date}：{sections} 个部分，{checkpoints} 个检查点",
        "section": "{id}. {title} [{area}]，{checkpoints} 个检查点",
        "conditional": "{default}（{when}为{other}）",
        "transparent": "工厂透明时",
        "isolated": "个别情况时",
        "guidance": "指引",
        "documents": "文件",
        "tour": "现场巡查",
        "interviews": "访谈",
        "sep": "；",
        "colon": "：",
    },
}


def _label(key: str, lang: str) -> str:
    g = grade(key)
    return g.label_zh if lang == "zh" else g.label


def _grade_text(cp: Checkpoint, lang: str = "en") -> str:
    """The grade as the auditor reads it: "Zero Tolerance (Critical if transparent)",
    "零容忍（工厂透明时为严重）"."""
    if cp.conditional is None:
        return _label(cp.grade, lang)
    words = _WORDS[lang]
    return words["conditional"].format(default=_label(cp.grade, lang),
                                       other=_label(cp.conditional.grade, lang),
                                       when=words[cp.conditional.when])


def _fill(text: str, width: int, lang: str, indent: int = 13) -> str:
    # A Chinese character takes two columns in a terminal and needs no space to break at.
    columns = width if lang == "en" else (width + indent) // 2
    return textwrap.fill(text, width=columns, initial_indent=" " * indent,
                         subsequent_indent=" " * indent)


def _print_checkpoint(cp: Checkpoint, width: int, lang: str = "en", full: bool = False) -> None:
    head = f"    {cp.id:<8} {_grade_text(cp, lang)}"
    print(head)
    print(_fill(cp.text("question", lang), width, lang))
    if not full:
        return
    words = _WORDS[lang]
    print(_fill(f"{words['guidance']}{words['colon']}{cp.text('guidance', lang)}", width, lang))
    if cp.conditional is not None:
        print(_fill(cp.conditional.text("note", lang), width, lang))
    for kind in ("documents", "tour", "interviews"):
        items = cp.evidence.text(kind, lang)
        if items:
            print(_fill(f"{words[kind]}{words['colon']}{words['sep'].join(items)}", width, lang))


def checkpoint_as_dict(cp: Checkpoint) -> dict[str, Any]:
    """Both languages, as the YAML has them: `question` (English) and `question_zh`."""
    return {
        "id": cp.id,
        "question": cp.question,
        "question_zh": cp.question_zh,
        "guidance": cp.guidance,
        "guidance_zh": cp.guidance_zh,
        "evidence": {
            "documents": list(cp.evidence.documents),
            "documents_zh": list(cp.evidence.documents_zh),
            "tour": list(cp.evidence.tour),
            "tour_zh": list(cp.evidence.tour_zh),
            "interviews": list(cp.evidence.interviews),
            "interviews_zh": list(cp.evidence.interviews_zh),
        },
        "grade": cp.grade,
        "conditional": None if cp.conditional is None else {
            "grade": cp.conditional.grade,
            "when": cp.conditional.when,
            "note": cp.conditional.note,
            "note_zh": cp.conditional.note_zh,
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
        "title_zh": section.title_zh,
        "area": section.area,
        "subsections": [
            {"id": sub.id, "title": sub.title, "title_zh": sub.title_zh,
             "checkpoints": [checkpoint_as_dict(cp) for cp in sub.checkpoints]}
            for sub in section.subsections
        ],
    }


def checklist_as_dict(checklist: Checklist) -> dict[str, Any]:
    return {
        "version": checklist.version,
        "title": checklist.title,
        "title_zh": checklist.title_zh,
        "effective_date": checklist.effective_date.isoformat(),
        "sections": [section_as_dict(s) for s in checklist.sections],
    }
