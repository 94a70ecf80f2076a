"""The findings part of the audit report: by section, each NC with its checkpoint, grade,
description, facts, the agreed correction, the interviews it cites (code and kind only), and its
evidence photos with caption and hash prefix."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, TypeVar

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

from auditor_app.reports.binding import finalized
from auditor_app.checklist.time_zones import photo_time
from auditor_app.reports.common import doc_zone, parse_when
from auditor_app.reports.content import ReportContent, grade_label
from auditor_app.reports.fonts import MONO, markup
from auditor_app.reports.pdf_jpeg import PdfJpeg
from auditor_app.reports.photos import PdfPhoto, PlannedPhoto
from auditor_app.reports.styles import BAND, MUTED, RULE, SPLIT_IN_ROW, Table, bold, grade_colour, para
from auditor_app.reports.wording import ENGLISH, Wording

FRAME_H = 263 * mm             # the A4 frame's height (page less margins)
KEEP_TEXT_UP_TO = 0.5 * FRAME_H  # a finding's text up to this height is never split across pages
START_ROOM = 45 * mm           # a longer one starts on a new page unless this much is left
PHOTO_COLUMNS = 2
PHOTO_MAX_H = 62 * mm
HASH_PREFIX = 12
T_co = TypeVar("T_co", covariant=True)


def grade_badge(key: str, width: float = 26 * mm, w: Wording = ENGLISH) -> Table:
    badge = Table([[para(grade_label(key, w).upper(), "badge")]], colWidths=[width])
    badge.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), grade_colour(key)),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return badge


def _labelled(w: Wording, fragment_id: str, value: str) -> str:
    """'<b>Frequency:</b> value': the label in the wording's languages, the value (markup) once."""
    return f"<b>{markup(w(fragment_id) + w.colon)}</b> {value}"


def _facts_line(f: dict, content: ReportContent, w: Wording = ENGLISH) -> str:
    parts = []
    if f.get("frequency"):
        parts.append(_labelled(w, "report.finding.frequency", markup(f["frequency"])))
    parts.append(_labelled(w, "report.finding.workers_affected", str(int(f.get("workers_affected") or 0))))
    parts.append(f"<b>{markup(w('report.finding.systemic'))}</b>" if f.get("systemic")
                 else markup(w("report.finding.isolated")))
    parts.append(_labelled(w, "report.finding.transparent", markup(w("report.yes" if f.get("transparent")
                                                                      else "report.no"))))
    if f.get("record_inconsistency"):
        parts.append(f"<b>{markup(w('report.finding.record_inconsistency'))}</b>")
    parts.append(_labelled(w, "report.col.status", markup(status_words(f, content.doc, w))))
    area = _tour_area(content, f.get("tour_area_id"))
    if area:
        parts.append(_labelled(w, "report.finding.observed_in", markup(area)))
    if f.get("carried_from_id"):
        parts.append(markup(w("report.finding.carried", id=f["carried_from_id"][:8])))
    return " · ".join(parts)


def status_words(f: dict, doc: dict, w: Wording = ENGLISH) -> str:
    """The finding's status; a finalized report describes the audit as it ended, so a correction
    under way is an open NC (never "in progress", a draft's word)."""
    status = str(f.get("status") or "open")
    if status == "in_progress" and finalized(doc):
        return w("report.finding.correction_under_way")
    if status in ("open", "in_progress", "closed"):
        return w.pick(lambda lang: Wording(lang).label("finding_statuses", status).lower() if lang == "en"
                      else Wording(lang).label("finding_statuses", status))
    return status.replace("_", " ")


def _tour_area(content: ReportContent, area_id: str | None) -> str:
    if not area_id:
        return ""
    for area in content.doc.get("tour_area", []):
        if area["id"] == area_id:
            return area["name"]
    return ""


def _cap_line(cap: dict | None, w: Wording = ENGLISH) -> str | None:
    if not cap or not (cap.get("corrective_action") or cap.get("due_date")):
        return None
    text = _labelled(w, "report.finding.action_agreed", markup(cap.get("corrective_action") or "—"))
    if cap.get("due_date"):
        text += " " + _labelled(w, "cap.due", markup(cap["due_date"]))
    return text


def finding_rows(f: dict, content: ReportContent, width: float, w: Wording = ENGLISH) -> list:
    """The text of a finding, one flowable per row of its box: checkpoint and grade, the question
    (in the report's languages, from the pinned edition), the description (as typed, any length: the
    row splits across pages), the facts, the correction, the evidence."""
    question = content.question(f["checkpoint_id"], w)
    head = Table([[bold(w.inline("report.finding.checkpoint", id=f["checkpoint_id"]), "h3"),
                   grade_badge(f["grade"], w=w)]],
                 colWidths=[width - 36 * mm, 30 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    rows: list = [head]
    if question:
        rows.append(para(question, "muted", raw=f"<i>{markup(question)}</i>"))
    rows.append(para(f.get("description") or w("report.no_description")))
    rows.append(para(None, "small", raw=_facts_line(f, content, w)))
    cap_text = _cap_line(content.cap_by_finding.get(f["id"]), w)
    if cap_text:
        rows.append(para(None, "small", raw=cap_text))
    labels = [content.evidence_label[e] for e in content.finding_evidence.get(f["id"], [])]
    cited = [markup(w("report.finding.photos", labels=", ".join(labels)))] if labels else []
    cited += [markup(c) for c in content.finding_interviews.get(f["id"], [])]
    if cited:
        rows.append(para(None, "small", raw=_labelled(w, "report.finding.evidence", "; ".join(cited))))
    return rows


class FindingTable(Table):
    """The table of one finding; `text_rows` says how many of its rows are text (the rest are photos).
    A long description splits wherever the page ends (`place` keeps short findings whole)."""

    text_rows = 0
    whole_rows = False


def finding_block(f: dict, content: ReportContent, width: float, photo_rows: list | None = None,
                  w: Wording = ENGLISH) -> FindingTable:
    """The finding's box (a bar in its grade's colour), then its photos, in one table, so nothing comes
    between a finding and its photos. Its text rows split across pages (text of any length lays out);
    a photo row never splits: each photo stays with its caption. `place` decides how it may split."""
    text = finding_rows(f, content, width, w)
    photos = photo_rows or []
    last = len(text) - 1
    table = FindingTable([[row] for row in text + photos], colWidths=[width], splitInRow=SPLIT_IN_ROW)
    table.text_rows = len(text)
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBEFORE", (0, 0), (0, last), 3, grade_colour(f["grade"])),
        ("BACKGROUND", (0, 0), (-1, last), colors.white),
        ("BOX", (0, 0), (-1, last), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, last), 7), ("RIGHTPADDING", (0, 0), (-1, last), 6),
        ("TOPPADDING", (0, 0), (-1, last), 1.5), ("BOTTOMPADDING", (0, 0), (-1, last), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), 5), ("BOTTOMPADDING", (0, last), (-1, last), 6),
    ]
    if photos:
        cmds += [("LEFTPADDING", (0, last + 1), (-1, -1), 0), ("RIGHTPADDING", (0, last + 1), (-1, -1), 0),
                 ("TOPPADDING", (0, last + 1), (-1, -1), 4), ("BOTTOMPADDING", (0, last + 1), (-1, -1), 0)]
    table.setStyle(TableStyle(cmds))
    return table


def place(block: FindingTable, width: float, heading: Flowable | None = None) -> list:
    """How a finding goes onto the pages. Text that fits comfortably on a page is not split: NOSPLIT
    over its rows and its first row of photos (the section heading moves with them). Longer text starts
    where it is, with room for its first lines, and splits inside its rows; its last line still goes
    with the first photos. Further rows of photos follow, a row at a time."""
    block.wrap(width, FRAME_H)
    rows = block.text_rows
    heights = block._rowHeights
    last = min(rows, len(heights) - 1)  # the first photo row, or the last text row when there is none
    text_h = sum(heights[:rows])
    heading_h = heading.wrap(width, FRAME_H)[1] + heading.getSpaceBefore() + heading.getSpaceAfter() if heading else 0
    if text_h <= KEEP_TEXT_UP_TO:
        block.setStyle(TableStyle([("NOSPLIT", (0, 0), (-1, last))]))
        need = heading_h + sum(heights[:last + 1])
    else:
        block.setStyle(TableStyle([("NOSPLIT", (0, rows - 1), (-1, last))]))
        block.splitByRow = 0  # in-row first: a long description fills the page it starts on
        need = heading_h + START_ROOM
    return [CondPageBreak(need)] + ([heading] if heading else []) + [block]


def photo_caption(ev: dict, label: str, zone, w: Wording = ENGLISH) -> str:
    caption = ev.get("caption") or ev.get("original_name") or ""
    taken = photo_time(parse_when(ev.get("captured_at")), ev.get("captured_from") or "", zone)
    return (f"<b>{label}</b> {markup(caption)}<br/>{_labelled(w, 'report.photo.taken', markup(taken))} · "
            f"SHA-256 <font name=\"{MONO}\">{ev['sha256'][:HASH_PREFIX]}</font>…")


def _photo_cell(ev: dict, label: str, photo: PdfPhoto | PlannedPhoto | None, problem: str | None, cell_w: float,
                zone, w: Wording = ENGLISH, made: Callable[[str], PdfPhoto] | None = None) -> list:
    if photo is None:
        why = markup(problem) if problem else markup(w("report.photo.no_copy"))
        missing = para(None, "caption", raw=f"<i>{_labelled(w, 'report.photo.not_available', why)}</i>")
        return [missing, para(None, "caption", raw=photo_caption(ev, label, zone, w))]
    scale = min(cell_w / photo.width, PHOTO_MAX_H / photo.height)
    img: PdfJpeg
    if isinstance(photo, PlannedPhoto):  # still being made: its bytes are taken when the PDF is written
        if made is None:
            raise ValueError("a planned photo needs the copier that makes it")
        take = made
        img = PdfJpeg.planned((photo.width, photo.height), lambda: take(photo.sha).data, ev["sha256"],
                              photo.width * scale, photo.height * scale)
    else:  # from memory: the copy is decrypted (a data folder's) or made there, never a plaintext file
        img = PdfJpeg(photo.data, ev["sha256"], photo.width * scale, photo.height * scale)
    return [img, Spacer(1, 2), para(None, "caption", raw=photo_caption(ev, label, zone, w))]


class PhotoLookup(Protocol[T_co]):
    """The prepared photos (or their problems) by SHA-256: a dict, or the copier that waits for each."""

    def get(self, sha: str, /) -> T_co | None: ...


def photo_rows(f: dict, content: ReportContent, photos: PhotoLookup[PdfPhoto | PlannedPhoto],
               problems: PhotoLookup[str], width: float, w: Wording = ENGLISH,
               made: Callable[[str], PdfPhoto] | None = None) -> list[Table]:
    """The finding's photos, two to a row; each row one unsplittable table of image and caption.
    `photos` may give a `PlannedPhoto` (a copy still being made): `made(sha)` gives it when the PDF
    is written. A photo's problem is asked for only when it has no photo."""
    ids = content.finding_evidence.get(f["id"], [])
    cell_w = (width - 8 * mm) / PHOTO_COLUMNS
    cells: list[list | str] = []  # "" pads the last row
    for eid in ids:
        ev = content.evidence[eid]
        photo = photos.get(ev["sha256"])
        problem = problems.get(ev["sha256"]) if photo is None else None
        cells.append(_photo_cell(ev, content.evidence_label[eid], photo, problem, cell_w, doc_zone(content.doc), w,
                                 made))
    out = []
    for i in range(0, len(cells), PHOTO_COLUMNS):
        row = cells[i:i + PHOTO_COLUMNS]
        row += [""] * (PHOTO_COLUMNS - len(row))
        grid = Table([row], colWidths=[cell_w + 4 * mm] * PHOTO_COLUMNS)
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        out.append(grid)
    return out


def _section_heading(section, w: Wording, lang: str) -> str:
    """'9. Safety — 4 NCs' in one language."""
    n = len(section.findings)
    return f"{section.id}. {section.heading(Wording(lang))} — {w.count_one(n, 'report.findings.count', lang)}"


def findings_story(content: ReportContent, photos: PhotoLookup[PdfPhoto | PlannedPhoto], problems: PhotoLookup[str],
                   width: float, w: Wording = ENGLISH, made: Callable[[str], PdfPhoto] | None = None) -> list:
    story: list = [para(w("report.findings.heading"), "h1")]
    if not content.findings:
        story.append(para(w("report.findings.none")))
        return story
    story.append(para(w("report.findings.intro"), "muted"))
    for section in content.sections:
        if not section.findings:
            continue
        heading = para(w.pick(partial(_section_heading, section, w)), "h2")
        first = True
        for f in section.findings:
            block = finding_block(f, content, width, photo_rows(f, content, photos, problems, width, w, made), w)
            story += place(block, width, heading if first else None)
            story.append(Spacer(1, 5))
            first = False
    if content.checklist_problem:
        story.append(para(w("report.findings.checklist_unavailable", problem=content.checklist_problem), "muted"))
    story.append(Spacer(1, 4))
    story.append(Table([[para(w("report.findings.end"), "muted")]], colWidths=[width],
                       style=[("BACKGROUND", (0, 0), (-1, -1), BAND), ("TEXTCOLOR", (0, 0), (-1, -1), MUTED)]))
    return story

