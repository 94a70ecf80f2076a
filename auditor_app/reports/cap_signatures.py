"""The end of the CAP: the signatures of the factory's manager and the auditor, each with the version
of the CAP it signed (the first 16 hex of the content hash) and "Signed" only when that is this CAP,
then the seal, said only as far as it is true (`binding.py`)."""

from __future__ import annotations

import base64
import io

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer

from auditor_app.package.cap_content import cap_sha256
from auditor_app.reports.binding import (
    CAP_HASH_PREFIX, finalized, ordered_signatures, seal_explanation, signature_markup, signer_label,
)
from auditor_app.reports.fonts import MONO, markup
from auditor_app.reports.styles import RULE, Table, bold, para
from auditor_app.reports.wording import ENGLISH, Wording


def _signature_cell(sig: dict, doc: dict, current: str, w: Wording) -> list:
    cell: list = []
    try:
        png = base64.b64decode(sig.get("image_png") or "")
        img = Image(io.BytesIO(png))
        scale = min(70 * mm / img.imageWidth, 22 * mm / img.imageHeight)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        img.hAlign = "LEFT"
        cell.append(img)
    except Exception:  # noqa: BLE001 - a damaged image must not hide who signed
        cell.append(para(w("cap.signature.image_unreadable"), "muted"))
    authority = w("cap.signature.authority", answer=lambda lang, v=sig.get("has_authority"): Wording(lang).yes_no(v))
    cell += [
        Table([[""]], colWidths=[80 * mm], rowHeights=[1], style=[("LINEABOVE", (0, 0), (-1, -1), 0.6, RULE)]),
        para(None, "cell", raw=f"<b>{markup(signer_label(sig.get('role'), w) + w.colon)}</b> "
                               f"<b>{markup(sig.get('name', ''))}</b>"),
        para(sig.get("title") or "—", "cell"),
        para(authority, "small"),
        para(None, "small", raw=signature_markup(sig, doc, current, w)),
        para(f"{w('cap.signature.image')} SHA-256 {str(sig.get('image_sha256', ''))[:12]}…", "small"),
    ]
    return cell


def signatures_story(doc: dict, width: float, w: Wording = ENGLISH) -> list:
    current = cap_sha256(doc)
    sigs = ordered_signatures(doc)
    content_hash = w.marked("cap.signature.content",
                            {"hash": f"<font name='{MONO}'>{current[:CAP_HASH_PREFIX]}</font>"})
    story: list = [para(w("cap.signature.heading"), "h2"),
                   para(w("cap.signature.agreement"), "muted"),
                   para(None, "muted", raw=content_hash),
                   Spacer(1, 4)]
    if not sigs:
        story.append(para(w("cap.signature.none" if finalized(doc) else "cap.signature.not_yet"), "body"))
    else:
        cells: list[list | str] = [_signature_cell(s, doc, current, w) for s in sigs]  # "" pads the last row
        rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
        rows[-1] += [""] * (3 - len(rows[-1]))
        story.append(Table(rows, colWidths=[width / 3] * 3,
                           style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    audit = doc["audit"]
    story.append(Spacer(1, 6))
    if finalized(doc):
        story += [bold(w("cap.seal.heading"), "body"),
                  para(None, "body", raw=f"<font name='{MONO}' size='8.5'>{audit['seal']}</font>"),
                  para(seal_explanation(doc, w), "muted")]
    else:
        story.append(para(w("cap.seal.draft"), "cell_bold"))
    return [KeepTogether(story)]
