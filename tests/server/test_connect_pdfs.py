"""The web view's report and CAP PDFs: built by the platform from a verified package with the app's own
builders, kept as blobs, and shown only to whom may see the submission."""

from __future__ import annotations

import hashlib
import subprocess

from connect_helpers import server_holdings
from sqlalchemy import select
from test_connect_access import _submit, _web_session

from connect_server.models import RenderedPdf, Submission


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_lead_downloads_the_report_and_cap_of_a_verified_submission(world, tmp_path):
    audit_id = _submit(world, "a")
    lead = _web_session(world, "lead_x")
    detail = lead.get(world.server.url + f"/web/submissions/{audit_id}", timeout=10).text
    assert f"/web/submissions/{audit_id}/report.pdf" in detail and f"/web/submissions/{audit_id}/cap.pdf" in detail

    report = lead.get(world.server.url + f"/web/submissions/{audit_id}/report.pdf", timeout=120)
    assert report.status_code == 200 and report.headers["content-type"] == "application/pdf"
    assert report.content.startswith(b"%PDF") and "report.pdf" in report.headers["content-disposition"]
    with world.server.admin() as db:
        seal = db.get(Submission, audit_id).manifest["audit"]["seal"]
    assert seal[:16] in _text(report.content, tmp_path).replace(" ", "").replace("\n", "")
    cap = lead.get(world.server.url + f"/web/submissions/{audit_id}/cap.pdf", timeout=120)
    assert cap.status_code == 200 and cap.content.startswith(b"%PDF") and "CAP.pdf" in cap.headers["content-disposition"]
    assert "Corrective Action Plan" in _text(cap.content, tmp_path)

    # Built once, kept as blobs: the second download is the same bytes; each blob has its row and hash.
    again = lead.get(world.server.url + f"/web/submissions/{audit_id}/report.pdf", timeout=30)
    assert again.content == report.content
    with world.server.admin() as db:
        rows = {r.kind: r.sha256 for r in db.scalars(select(RenderedPdf).where(RenderedPdf.audit_id == audit_id))}
    assert rows == {"report": hashlib.sha256(report.content).hexdigest(), "cap": hashlib.sha256(cap.content).hexdigest()}
    held = server_holdings(world.server)
    assert set(rows.values()) <= set(held["blob_files"]) and set(rows.values()) <= set(held["blob_rows"])
    assert held["bad_hashes"] == []

    other = _web_session(world, "lead_y")
    hidden = other.get(world.server.url + f"/web/submissions/{audit_id}/report.pdf", timeout=10)
    assert hidden.headers["content-type"].startswith("text/html") and "not visible to you" in hidden.text
    assert "not visible" in lead.get(world.server.url + f"/web/submissions/{audit_id}/other.pdf", timeout=10).text
