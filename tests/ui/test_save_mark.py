"""The header says "Saving…" while a change waits, "Saved" once it is committed, "Not saved" when refused."""

from __future__ import annotations

from waiting import flush

from auditor_app.audits import set_answer
from auditor_app.ui.save_mark import SaveMark


def test_saving_then_saved_then_not_saved(qtbot, ops, make_audit):
    audit_id = make_audit()
    mark = SaveMark(ops.writer)
    qtbot.addWidget(mark)
    assert mark.text().startswith("✓ Saved")
    ops.writer.schedule(("a", "1.1.1"), set_answer, audit_id, "1.1.1", "yes")
    assert mark.text() == "Saving…"
    flush(ops)
    assert mark.text().startswith("✓ Saved")
    ops.writer.run_write(set_answer, audit_id, "no-such-checkpoint", "yes")
    flush(ops)
    assert mark.text() == "Not saved" and "not saved" in mark.toolTip()
    ops.writer.run_write(set_answer, audit_id, "1.1.2", "na")
    flush(ops)
    assert mark.text().startswith("✓ Saved")


def test_the_audit_header_carries_the_mark(window, qtbot, make_audit):
    window.open_audit(make_audit())
    qtbot.waitUntil(lambda: window.audit_view is not None)
    assert window.audit_view.save_mark.isVisible()
