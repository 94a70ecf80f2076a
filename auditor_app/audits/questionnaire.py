"""The factory's pre-visit questionnaire for a Progress Visit: a blank file to send, the filled file read
back (CSV in UTF-8/GBK/UTF-16 or XLSX; a row per question: id, question, answer), the answers kept with
the visit, and the advice the PV specialist gives on each in the opening meeting's Q&A.

A file that cannot be used is refused whole with a sentence naming the file, the row and what is wrong;
what is stored does not change. Importing again replaces the answers and keeps the advice already given."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Message, message
from auditor_app.checklist.pv_questionnaire import PvQuestionnaire, load_pv_questionnaire
from auditor_app.checklist.roster import RosterError, _decode
from auditor_app.errors import UserFacingError
from auditor_app.store.models import Audit, QuestionnaireAnswer

MAX_BYTES = 5 * 1024 * 1024  # a questionnaire is a page of text; anything bigger is not one
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class QuestionnaireFileError(UserFacingError, ValueError):
    """The file cannot be used as the questionnaire; `msg.render(lang)` says why in either language."""

    def __init__(self, msg: Message):
        self.msg = msg
        super().__init__(msg.text)


@dataclass(frozen=True)
class AnsweredQuestion:
    question_id: str
    question: str
    answer: str
    row: int          # the row in the factory's file (Excel's numbering: the first line is 1)


@dataclass(frozen=True)
class QuestionnaireFile:
    name: str
    sha256: str
    answers: tuple[AnsweredQuestion, ...]


def _error(message_id: str, **params) -> QuestionnaireFileError:
    return QuestionnaireFileError(message(message_id, **params))


def _grid(data: bytes, name: str) -> list[list[str]]:
    if name.lower().endswith(XLSX_SUFFIXES):
        from python_calamine import CalamineWorkbook

        try:
            sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds for every broken workbook
            raise _error("questionnaire.not_a_workbook", file=name, reason=f"{type(exc).__name__}") from None
        return [["" if v is None else str(v).strip() for v in row] for row in rows]
    try:
        text, _encoding = _decode(data, name)
    except RosterError:
        raise _error("questionnaire.undecodable", file=name) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)  # the heading's separator; a tie keeps the comma
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise _error("questionnaire.not_csv", file=name, reason=str(exc)) from None


def _columns(header: list[str], words: PvQuestionnaire) -> dict[str, int] | None:
    """Which column is which, from a heading such as "answer", "回答" or "answer 回答" (both languages)."""
    found: dict[str, int] = {}
    for column, cell in enumerate(header):
        said = cell.strip().lower()
        tokens = {said, *said.replace("/", " ").split()}
        for field in ("id", "question", "answer"):
            if field not in found and tokens & {w.lower() for w in getattr(words.headers, field)}:
                found[field] = column
                break
    return found if {"id", "answer"} <= set(found) else None


def read_questionnaire(path: Path) -> QuestionnaireFile:
    """The answers in a factory's questionnaire file, or QuestionnaireFileError saying what is wrong."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _error("questionnaire.too_big", file=name, size_mb=round(size / 1024 / 1024, 1))
        data = path.read_bytes()
    except OSError as exc:
        raise _error("questionnaire.unreadable", file=name, reason=exc.strerror or str(exc)) from None
    return parse_questionnaire(data, name)


def parse_questionnaire(data: bytes, name: str) -> QuestionnaireFile:
    words = load_pv_questionnaire()
    grid = _grid(data, name)
    header_row, columns = next(((n, c) for n, row in enumerate(grid[:10]) if (c := _columns(row, words))),
                               (None, None))
    if header_row is None or columns is None:
        raise _error("questionnaire.no_header", file=name, id_words=" / ".join(words.headers.id[:3]),
                     answer_words=" / ".join(words.headers.answer[:3]))
    answers: list[AnsweredQuestion] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(grid[header_row + 1:], start=header_row + 2):
        cells = row + [""] * (max(columns.values()) + 1 - len(row))
        qid, answer = cells[columns["id"]].strip(), cells[columns["answer"]].strip()
        if not qid and not answer:
            continue
        known = words.question(qid) if qid else None
        if known is None:
            raise _error("questionnaire.unknown_question", file=name, row=n, id=qid or "—")
        if known.id in seen:
            raise _error("questionnaire.twice", file=name, row=n, first=seen[known.id], id=known.id)
        seen[known.id] = n
        worded = cells[columns["question"]].strip() if "question" in columns else ""
        answers.append(AnsweredQuestion(known.id, worded or known.en, answer, n))
    if not any(a.answer for a in answers):
        raise _error("questionnaire.no_answers", file=name)
    return QuestionnaireFile(name, hashlib.sha256(data).hexdigest(), tuple(answers))


def blank_questionnaire() -> bytes:
    """The questionnaire to send to the factory: CSV in UTF-8 with a BOM (Excel opens it in Chinese),
    one row per question in both languages, the answer column empty."""
    words = load_pv_questionnaire()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id 编号", "question 问题", "answer 回答"])
    for q in words.questions:
        writer.writerow([q.id, f"{q.en}\n{q.zh}", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def questionnaire_answers(session: Session, audit_id: str) -> list[QuestionnaireAnswer]:
    return list(session.scalars(select(QuestionnaireAnswer).where(QuestionnaireAnswer.audit_id == audit_id)
                                .order_by(QuestionnaireAnswer.question_id)))


@operation
def import_questionnaire(session: Session, audit_id: str, path: str | Path) -> int:
    """Read the factory's file (in the writer: off the window's thread) and keep its answers; returns
    how many questions were answered."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    found = read_questionnaire(Path(path))
    kept = {row.question_id: row for row in questionnaire_answers(session, audit_id)}
    for answered in found.answers:
        source = {"name": found.name, "sha256": found.sha256, "row": answered.row}
        row = kept.pop(answered.question_id, None)
        if row is None:
            session.add(QuestionnaireAnswer(audit_id=audit_id, question_id=answered.question_id,
                                            question=answered.question, answer=answered.answer, source=source))
        else:  # the advice already given stays with its question
            row.question, row.answer, row.source = answered.question, answered.answer, source
    for row in kept.values():  # a question the new file no longer answers
        if row.advice:
            row.answer, row.source = "", {"name": found.name, "sha256": found.sha256, "row": None}
        else:
            session.delete(row)
    session.flush()
    return sum(1 for a in found.answers if a.answer)


@operation
def advise_on_question(session: Session, answer_id: str, advice: str) -> None:
    """What the PV specialist advised on one question in the opening meeting's Q&A."""
    row = session.get(QuestionnaireAnswer, answer_id)
    if row is None:
        raise InvalidChange(message("refusal.questionnaire.no_answer"))
    row.advice = advice.strip()
    session.flush()
