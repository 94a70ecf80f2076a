"""Report and CAP from the UI: the save dialog, the build off the GUI thread, the viewer, cancel, errors."""

from __future__ import annotations

import errno
import time
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from pages_helpers import make_audit, write_photo
from pypdf import PdfReader
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from waiting import wait_for_operations

from auditor_app.confidential import file_cipher
from auditor_app.audits import add_finding
from auditor_app.store.evidence import import_photo
from auditor_app.ui import report_export
from auditor_app.ui.report_export import cap_path_for, default_file_names
from auditor_app.ui.report_language_dialog import ReportLanguageDialog

FACTORY = "Dongguan Test Toys Co."


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.fixture
def audit_id(store, tmp_path):
    """An IAA audit starting 2026-11-18 with one NC and a photo of it."""
    audit_id = make_audit(store)
    with store.transaction() as s:
        finding_id = add_finding(s, audit_id, "9.6.3", description="Fire exit blocked by cartons").id
    import_photo(store, audit_id, write_photo(tmp_path / "exit.jpg", size=(640, 480)),
                 caption="Blocked exit, assembly hall", link_finding_id=finding_id)
    return audit_id


@pytest.fixture
def dialog(monkeypatch):
    """The save dialog, answered by the test: records what it was offered, returns `answer`."""
    calls = []

    class Fake:
        answer = ""

        @staticmethod
        def getSaveFileName(parent, title, default, filter_):  # noqa: N802 - Qt's name
            calls.append(default)
            return Fake.answer, filter_

    Fake.calls = calls
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Fake.getSaveFileName)
    # The languages dialog that follows: what it offered is kept; `Fake.languages` (report, CAP) is
    # chosen in its combo boxes before OK, None keeps what it offered.
    Fake.offered, Fake.languages = [], None

    def answer_languages(chooser):
        Fake.offered.append(chooser.languages())
        if Fake.languages is not None:
            for box, code in zip((chooser.report, chooser.cap), Fake.languages):
                box.setCurrentIndex(box.findData(code))
        return ReportLanguageDialog.DialogCode.Accepted

    monkeypatch.setattr(ReportLanguageDialog, "exec", answer_languages)
    return Fake


def error_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "operation-error" and w.isVisible()]


def open_view(window, audit_id):
    window.audit_list.reload(select_id=audit_id)
    window.open_audit(audit_id)
    opened = []
    window.audit_view.report_exporter.opener = opened.append
    return window.audit_view, opened


def test_report_button_writes_both_pdfs_and_opens_them(window, qtbot, audit_id, dialog, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dialog.answer = str(out / "site visit report.pdf")
    view, opened = open_view(window, audit_id)
    assert view.report_button.text() == "Report PDF…"
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    assert not view.report_button.isEnabled()  # one export at a time
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30_000)

    report, cap = out / "site visit report.pdf", out / "site visit CAP.pdf"
    assert opened == [report, cap]
    assert sorted(p.name for p in out.iterdir()) == ["site visit CAP.pdf", "site visit report.pdf"]
    text = pdf_text(report)
    assert FACTORY in text and "Fire exit blocked by cartons" in text and "Blocked exit, assembly hall" in text
    assert "DRAFT" in text
    cap_text = pdf_text(cap)
    assert FACTORY in cap_text and "Fire exit blocked by cartons" in cap_text
    assert "corrective action plan" in PdfReader(str(cap)).metadata.title
    assert view.report_button.isEnabled()
    assert "Report (" in window.statusBar().currentMessage()
    # The photos went in from the display copies, which like every derived copy are encrypted on disk.
    derived = [p for p in window.store.folder.derived.rglob("*") if p.is_file()]
    assert derived and all(p.read_bytes().startswith(file_cipher.MAGIC) for p in derived)


def test_file_menu_uses_the_selected_audit_and_suggests_names(window, qtbot, audit_id, dialog, tmp_path):
    window.audit_list.reload(select_id=audit_id)
    assert window.audit_view is None and window.report_action.isEnabled()
    assert window.report_action.shortcut().toString() == "Ctrl+P"
    opened = []
    window.report_exporter.opener = opened.append
    dialog.answer = str(tmp_path / "first report.pdf")
    window.report_action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30_000)

    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert Path(dialog.calls[0]) == documents / f"2026-11-18 {FACTORY} IAA report.pdf"
    assert pdf_text(tmp_path / "first CAP.pdf").count(FACTORY) >= 1

    # The next export starts in the folder chosen last time (remembered in the data folder).
    dialog.answer = ""  # the auditor closes the dialog: nothing happens
    window.report_action.trigger()
    assert Path(dialog.calls[1]) == tmp_path / f"2026-11-18 {FACTORY} IAA report.pdf"
    wait_for_operations()
    assert len(opened) == 2


def test_ctrl_p_in_the_audit_view(window, qtbot, audit_id, dialog, tmp_path):
    dialog.answer = str(tmp_path / "keys report")  # no extension typed: .pdf is added
    view, opened = open_view(window, audit_id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30_000)
    assert opened == [tmp_path / "keys report.pdf", tmp_path / "keys CAP.pdf"]


@pytest.mark.parametrize("stage", ["report", "cap"])
def test_cancel_leaves_no_file(window, qtbot, audit_id, dialog, tmp_path, monkeypatch, stage):
    """Cancel pressed while the report (or, later, the CAP) is being built: neither file is left."""
    from auditor_app.reports import cap, report

    out = tmp_path / "out"
    out.mkdir()
    dialog.answer = str(out / "a report.pdf")
    view, opened = open_view(window, audit_id)
    module, name = (report, "build_report") if stage == "report" else (cap, "build_cap")
    real = getattr(module, name)

    def press_cancel_then_build(*args, **kwargs):
        view.report_exporter.operation.cancel()  # what the status bar's Cancel button does
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, press_cancel_then_build)
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.report_button.isEnabled(), timeout=30_000)
    assert list(out.iterdir()) == []
    assert opened == [] and not error_boxes()
    assert "cancelled" in window.statusBar().currentMessage()


def test_status_bar_offers_cancel(window, qtbot, audit_id, dialog, tmp_path, monkeypatch):
    from auditor_app.reports import pair

    real = pair.build_report_and_cap

    def slow_start(*args, **kwargs):  # a long report: the indicator shows only after SHOW_AFTER_MS
        time.sleep(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pair, "build_report_and_cap", slow_start)
    dialog.answer = str(tmp_path / "b report.pdf")
    view, opened = open_view(window, audit_id)
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.report_exporter.operation is not None)  # once pending edits are in
    qtbot.waitUntil(lambda: view.report_exporter.operation.indicator is not None)  # after SHOW_AFTER_MS
    indicator = view.report_exporter.operation.indicator
    assert indicator is not None and indicator.cancel_button.text() == "Cancel"
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30_000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(indicator) or not indicator.isVisible())


def test_missing_folder_is_reported_plainly(window, qtbot, audit_id, dialog, tmp_path):
    dialog.answer = str(tmp_path / "USB" / "gone" / "x report.pdf")
    view, opened = open_view(window, audit_id)
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=30_000)
    box = error_boxes()[0]
    assert box.windowTitle() == "The report was not written"
    assert "x report.pdf" in box.text() and str(tmp_path / "USB" / "gone") in box.text()
    assert "folder does not exist" in box.text()
    assert opened == []
    box.close()


def test_disk_full_is_reported_plainly_and_leaves_no_file(window, qtbot, audit_id, dialog, tmp_path,
                                                          monkeypatch):
    from auditor_app.reports import cap

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cap, "build_cap", disk_full)
    out = tmp_path / "out"
    out.mkdir()
    dialog.answer = str(out / "c report.pdf")
    view, opened = open_view(window, audit_id)
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=30_000)
    box = error_boxes()[0]
    assert "disk is full" in box.text() and "c CAP.pdf" in box.text()
    assert list(out.iterdir()) == [] and opened == []
    box.close()


def test_same_name_for_report_and_cap_is_refused(store, audit_id, tmp_path):
    with pytest.raises(report_export.ReportExportError, match="different file names"):
        report_export.build_pair(store, audit_id, tmp_path / "x.pdf", tmp_path / "x.pdf")
    assert list(tmp_path.glob("*.pdf")) == []


def test_default_names_are_safe_file_names():
    assert default_file_names("IAA", "Dongguan Huaxing", date(2026, 11, 18)) == (
        "2026-11-18 Dongguan Huaxing IAA report.pdf", "2026-11-18 Dongguan Huaxing IAA CAP.pdf")
    report, cap = default_file_names("FU", 'A/B "Toys": Ltd?', None)
    assert report == "A B Toys Ltd FU report.pdf" and cap == "A B Toys Ltd FU CAP.pdf"
    assert default_file_names("PV", "", date(2026, 1, 2))[0] == "2026-01-02 factory PV report.pdf"
    assert default_file_names("ICA", "东莞明星玩具有限公司", None)[1] == "东莞明星玩具有限公司 ICA CAP.pdf"


def test_cap_goes_beside_the_report():
    assert cap_path_for(Path("/d/2026 X IAA report.pdf")) == Path("/d/2026 X IAA CAP.pdf")
    assert cap_path_for(Path("/d/audit.pdf")) == Path("/d/audit CAP.pdf")


def test_a_finalized_audit_exports_signed_pdfs_a_draft_unsigned(store, audit_id, tmp_path):
    from complete_audit import complete_audit

    from auditor_app.audits import finalize
    from auditor_app.signing.pdf_signing import pdf_signature_problems

    draft = report_export.build_pair(store, audit_id, tmp_path / "d report.pdf", tmp_path / "d CAP.pdf")
    assert not draft.signed and pdf_signature_problems(draft.cap) == ["d CAP.pdf is not signed"]
    with store.transaction() as s:
        complete_audit(s, audit_id)
    with store.transaction() as s:
        finalize(s, audit_id, folder=store.folder)
    final = report_export.build_pair(store, audit_id, tmp_path / "f report.pdf", tmp_path / "f CAP.pdf")
    assert final.signed
    assert pdf_signature_problems(final.report) == [] and pdf_signature_problems(final.cap) == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_no_pdf_viewer_is_told_with_the_folder(window, qtbot, audit_id, dialog, tmp_path):
    dialog.answer = str(tmp_path / "r report.pdf")
    view, _ = open_view(window, audit_id)
    tried = []
    view.report_exporter.opener = lambda path: bool(tried.append(path))  # False: no viewer is set up
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tried) == 2, timeout=30_000)
    message = window.statusBar().currentMessage()
    assert "no PDF viewer opened them" in message and str(tmp_path) in message


# ---- the languages ----

def test_languages_start_from_settings_and_reach_the_pdfs(window, qtbot, audit_id, dialog, tmp_path):
    """The report's language is pre-set from Settings > Preferences, the CAP's to both; the choice made
    in the dialog is the language of each PDF's headings, the typed text staying as typed."""
    from auditor_app.ui import i18n

    i18n.settings(window.store.folder.root).setValue(i18n.REPORT_LANGUAGE_KEY, "zh")
    dialog.answer = str(tmp_path / "zh report.pdf")
    view, opened = open_view(window, audit_id)
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30_000)
    assert dialog.offered == [("zh", "both")]
    report = pdf_text(tmp_path / "zh report.pdf")
    assert "执行摘要" in report and "Executive summary" not in report
    assert "Fire exit blocked by cartons" in report  # typed: as typed
    cap = pdf_text(tmp_path / "zh CAP.pdf")
    assert "Corrective Action Plan" in cap and "纠正措施计划" in cap

    # Chosen otherwise in the dialog: an English report and a Chinese CAP.
    dialog.answer, dialog.languages = str(tmp_path / "en report.pdf"), ("en", "zh")
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 4, timeout=30_000)
    report = pdf_text(tmp_path / "en report.pdf")
    assert "Executive summary" in report and "执行摘要" not in report
    cap = pdf_text(tmp_path / "en CAP.pdf")
    assert "纠正措施计划" in cap and "Corrective Action Plan" not in cap


def test_closing_the_languages_dialog_writes_nothing(window, qtbot, audit_id, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(ReportLanguageDialog, "exec", lambda chooser: ReportLanguageDialog.DialogCode.Rejected)
    dialog.answer = str(tmp_path / "no report.pdf")
    view, opened = open_view(window, audit_id)
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    wait_for_operations()
    assert list(tmp_path.glob("*.pdf")) == [] and opened == [] and view.report_button.isEnabled()
