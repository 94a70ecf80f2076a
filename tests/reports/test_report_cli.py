"""`auditor-app report AUDIT|file.escp -o report.pdf [--cap cap.pdf]`, driven through cli.main."""

from __future__ import annotations

import pytest

from auditor_app import cli
from auditor_app.package.export import export_audit
from tests.reports.conftest import pdf_text


@pytest.fixture(autouse=True)
def only_report_command(monkeypatch):
    # Other sub-commands are built by other people at the same time; this file tests only ours.
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["report"])


def test_writes_report_and_cap_for_a_stored_audit_by_id_prefix(demo_id, tmp_path, capsys):
    report, cap = tmp_path / "report.pdf", tmp_path / "cap.pdf"
    assert cli.main(["report", demo_id[:8], "-o", str(report), "--cap", str(cap)]) == 0
    out = capsys.readouterr().out
    assert f"Report: {report}" in out and f"CAP: {cap}" in out
    assert "Audit Report" in pdf_text(report) and "Corrective Action Plan" in pdf_text(cap)
    assert not list(tmp_path.glob(".*.part"))


def test_writes_both_from_an_escp_file(store, demo_id, tmp_path, capsys):
    package = tmp_path / "demo.escp"
    export_audit(store, demo_id, package)
    report, cap = tmp_path / "r.pdf", tmp_path / "c.pdf"
    assert cli.main(["report", str(package), "-o", str(report), "--cap", str(cap)]) == 0
    assert "东莞华兴玩具有限公司" in pdf_text(report) and "东莞华兴玩具有限公司" in pdf_text(cap)
    assert "3 photos" in capsys.readouterr().out


def test_unknown_audit_is_named(demo_id, tmp_path, capsys):
    assert cli.main(["report", "0000dead", "-o", str(tmp_path / "r.pdf")]) == 2
    err = capsys.readouterr().err
    assert "no audit with id '0000dead'" in err
    assert not (tmp_path / "r.pdf").exists()


def test_missing_output_folder_is_refused_before_any_work(demo_id, tmp_path, capsys):
    target = tmp_path / "nowhere" / "r.pdf"
    assert cli.main(["report", demo_id, "-o", str(target)]) == 2
    assert f"the folder {target.parent} does not exist" in capsys.readouterr().err


def test_report_and_cap_must_differ(demo_id, tmp_path, capsys):
    same = tmp_path / "x.pdf"
    assert cli.main(["report", demo_id, "-o", str(same), "--cap", str(same)]) == 2
    assert "different file names" in capsys.readouterr().err


def test_damaged_package_is_refused_with_the_reason(tmp_path, capsys):
    bad = tmp_path / "bad.escp"
    bad.write_bytes(b"this is not a zip file")
    assert cli.main(["report", str(bad), "-o", str(tmp_path / "r.pdf")]) == 2
    err = capsys.readouterr().err
    assert "bad.escp" in err
    assert not (tmp_path / "r.pdf").exists()


def test_a_finalized_audit_sealed_here_gets_both_pdfs_signed_by_its_sealer(store, demo_id, tmp_path, capsys):
    import shutil
    import subprocess

    from sqlalchemy import select

    from auditor_app.signing.pdf_signing import pdf_signature_problems
    from auditor_app.store.models import Audit

    with store.session() as s:
        sealed = s.scalars(select(Audit).where(Audit.state == "finalized")).one()  # the demo's previous audit
        key_id = sealed.seal_statement["signer"]["key_id"]
    report, cap = tmp_path / "report.pdf", tmp_path / "cap.pdf"
    assert cli.main(["report", sealed.id, "-o", str(report), "--cap", str(cap)]) == 0
    assert "Signed (PAdES) by" in capsys.readouterr().out
    for pdf in (report, cap):
        assert pdf_signature_problems(pdf, device_key_id=key_id) == []
        if shutil.which("pdfsig"):
            out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
            assert "Signature Validation: Signature is Valid." in out
    assert not list(tmp_path.glob(".*"))  # no temp file left


def test_a_draft_is_never_signed(demo_id, tmp_path, capsys):
    from auditor_app.signing.pdf_signing import pdf_signature_problems

    report = tmp_path / "report.pdf"
    assert cli.main(["report", demo_id, "-o", str(report)]) == 0
    assert "Signed" not in capsys.readouterr().out
    assert pdf_signature_problems(report) == ["report.pdf is not signed"]
