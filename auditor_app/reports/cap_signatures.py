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
    CAP_HASH_PREFIX, SIGNER_LABELS, finalized, ordered_signatures, seal_explanation, signature_markup,
)
from auditor_app.reports.fonts import MONO
from auditor_app.reports.styles import RULE, Table, bold, para


def _signature_cell(sig: dict, doc: dict, current: str) -> list:
    cell: list = []
    try:
        png = base64.b64decode(sig.get("image_png") or "")
        img = Image(io.BytesIO(png))
        scale = min(70 * mm / img.imageWidth, 22 * mm / img.imageHeight)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        img.hAlign = "LEFT"
        cell.append(img)
    except Exception:  # noqa: BLE001 - a damaged image must not hide who signed
        cell.append(para("(signature image unreadable)", "muted"))
    cell += [
        Table([[""]], colWidths=[80 * mm], rowHeights=[1], style=[("LINEABOVE", (0, 0), (-1, -1), 0.6, RULE)]),
        bold(f"{SIGNER_LABELS.get(sig.get('role') or '', sig.get('role', ''))}: {sig.get('name', '')}", "cell"),
        para(sig.get("title") or "—", "cell"),
        para(f"Authority to implement the CAP: {'Yes' if sig.get('has_authority') else 'No'}", "small"),
        para(None, "small", raw=signature_markup(sig, doc, current)),
        para(f"Image SHA-256 {str(sig.get('image_sha256', ''))[:12]}…", "small"),
    ]
    return cell


def signatures_story(doc: dict, width: float) -> list:
    current = cap_sha256(doc)
    sigs = ordered_signatures(doc)
    story: list = [para("Agreement and signatures", "h2"),
                   para("By signing, the factory's manager and the auditor agree this CAP at the closing "
                        "meeting. The factory returns its final CAP, with evidence of correction, by the date "
                        "above.", "muted"),
                   para(None, "muted", raw=f"This CAP's content: SHA-256 <font name='{MONO}'>"
                                           f"{current[:CAP_HASH_PREFIX]}</font>… (the findings and CAP rows as shown); "
                                           "a signature covers this CAP only when it signed the same hash."),
                   Spacer(1, 4)]
    if not sigs:
        story.append(para("No signature recorded." if finalized(doc) else "Not signed yet.", "body"))
    else:
        cells: list[list | str] = [_signature_cell(s, doc, current) for s in sigs]  # "" pads the last row
        rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
        rows[-1] += [""] * (3 - len(rows[-1]))
        story.append(Table(rows, colWidths=[width / 3] * 3,
                           style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    audit = doc["audit"]
    story.append(Spacer(1, 6))
    if finalized(doc):
        story += [bold("Seal fingerprint", "body"),
                  para(None, "body", raw=f"<font name='{MONO}' size='8.5'>{audit['seal']}</font>"),
                  para(seal_explanation(doc), "muted")]
    else:
        story.append(para("DRAFT: the audit is not finalized, so this CAP carries no seal yet.", "cell_bold"))
    return [KeepTogether(story)]
