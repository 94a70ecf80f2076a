"""Photos arriving during an import (issue 17, a window that never hitches): the tiles of one turn are
one insert into a model Qt holds itself, in arrival order; the grid is put in order at the end by moving
tiles, not making them again; the page is read again off the GUI thread at the import's end, and a
read overtaken by a later refresh is dropped, and so are the rail's counts and the factory's time zone;
the background check of the pixels waits for the import."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from pages_helpers import make_audit, make_context, write_photo
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QHelpEvent, QImage, QStandardItemModel
from PySide6.QtWidgets import QApplication, QToolTip
from sqlalchemy import event, select

from auditor_app.audits import add_tour_area, mark_area_visited, set_caption
from auditor_app.store.evidence import BatchResult, import_photos
from auditor_app.store.models import Evidence, FactoryProfile
from auditor_app.store.vocab import STAGES
from auditor_app.ui import audit_view
from auditor_app.ui.pages.evidence import EvidencePage, grid_order
from auditor_app.ui.photo_grid import TILE_COLUMNS, PhotoGrid, PhotoModel


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def page(qtbot, store, ops, audit_id):
    page = EvidencePage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def preview(colour) -> QImage:
    image = QImage(120, 90, QImage.Format.Format_RGB32)
    image.fill(QColor(*colour))
    return image


def stored_rows(store, audit_id, tmp_path, count: int, start: int = 0) -> list:
    """`count` real photos imported by the store (as the import thread does), read as tile rows."""
    files = [write_photo(tmp_path / f"IMG_{n:04d}.jpg", (5 * n % 250, 90, 160)) for n in range(start, start + count)]
    result = import_photos(store, audit_id, files)
    ids = [photo.evidence_id for photo in result.imported]
    with store.session(read_only=True) as s:
        rows = {row.id: row for row in s.execute(select(*TILE_COLUMNS).where(Evidence.id.in_(ids)))}
    return [rows[i] for i in ids]


def inserts(model: QStandardItemModel) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: seen.append((first, last)))
    return seen


def test_the_photos_stored_in_one_turn_are_one_insert_of_tiles_each_in_its_place(page, store, audit_id, tmp_path):
    first, second = stored_rows(store, audit_id, tmp_path, 7), stored_rows(store, audit_id, tmp_path, 5, start=7)
    seen = inserts(page.model.items)
    for n, row in enumerate(first):
        page._arrived.append((row, preview((20 * n, 40, 60))))
    page._show_arrivals()
    assert seen == [(0, 6)]
    for n, row in enumerate(reversed(second)):  # stored out of order: put in the grid's order, one insert
        page._arrived.append((row, preview((20 * n, 60, 40))))
    page._show_arrivals()
    assert seen == [(0, 6), (7, 11)]
    assert page.grid.count() == 12
    assert [page.grid.text(r) for r in range(12)] == [row.original_name for row in first + second]
    assert all(page.grid.has_thumbnail(r) for r in range(12))  # the camera's preview, at once
    assert page.unchecked == {row.sha256 for row in first + second}
    # A photo taken with the fourth (another card's, stored later) goes between the tiles already shown.
    early = SimpleNamespace(**{**second[0]._asdict(), "id": "other-card", "sha256": "b" * 64,
                               "original_name": "IMG_0003a.JPG", "captured_at": first[3].captured_at})
    page._arrived.append((early, None))
    page._show_arrivals()
    assert seen[-1] == (4, 4) and page.grid.text(4) == "IMG_0003a.JPG" and page.grid.count() == 13
    # The rows read again at the import's end are in the same order: nothing moves.
    moved: list = []
    page.model.items.layoutChanged.connect(lambda *args: moved.append(args))
    page.model.set_photos(sorted(page.model.photos, key=grid_order), {})
    assert moved == [] and page.grid.text(4) == "IMG_0003a.JPG"


def tiles(count: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=f"ev{n}", sha256=f"{n:064x}", original_name=f"IMG_{n:04d}.JPG", caption="")
            for n in range(count)]


def test_putting_the_grid_in_order_moves_the_tiles_and_the_selection_follows_its_photo(qtbot):
    model = PhotoModel(lambda ev, _reason: ev.original_name, lambda ev, _reason: "", lambda shas, done: done({}))
    grid = PhotoGrid(model)
    qtbot.addWidget(grid)
    photos = tiles(6)
    model.add(photos, lambda ev: ev.original_name)
    model.set_images({photos[4].sha256: preview((200, 0, 0))})
    grid.setCurrentRow(4)
    made: list = []
    for signal in (model.items.rowsInserted, model.items.rowsRemoved, model.items.modelReset):
        signal.connect(lambda *args: made.append(args))
    ordered = [photos[n] for n in (5, 3, 4, 0, 2, 1)]
    model.set_photos(ordered, {})
    assert made == []  # no tile made again
    assert [grid.text(r) for r in range(6)] == [ev.original_name for ev in ordered]
    assert grid.current_id() == "ev4" and grid.currentIndex().row() == 2
    assert grid.has_thumbnail(2) and not grid.has_thumbnail(0)
    model.set_photos(ordered[:5], {})  # another set of photos: made again
    assert grid.count() == 5 and model.row_of("ev1") == -1


def test_the_background_check_of_the_pixels_waits_for_the_import(page, store, audit_id, tmp_path, monkeypatch):
    rows = stored_rows(store, audit_id, tmp_path, 2)
    started: list = []
    monkeypatch.setattr(page.ctx.ops, "run", lambda parent, work, **kwargs: started.append(kwargs.get("label")))
    page._arrivals.start()  # an import runs: its first arrivals are shown (and the grid first painted)
    for row in rows:
        page._arrived.append((row, None))
    page._show_arrivals()
    page.check_pixels()
    assert started == [] and not page.checking
    page._arrivals.stop()
    page.check_pixels()
    assert page.checking and len(started) == 1


def test_the_import_end_reads_the_page_off_the_gui_thread_and_drops_a_read_overtaken(page, store, audit_id,
                                                                                    tmp_path, monkeypatch):
    rows = stored_rows(store, audit_id, tmp_path, 3)
    for row in rows:
        page._arrived.append((row, None))
    gui, statements = threading.get_ident(), []

    def count(*_args):
        if threading.get_ident() == gui:
            statements.append(1)

    reads: list = []  # the page's reads handed to a worker (the background check, labelled, is left out)
    monkeypatch.setattr(page.ctx.ops, "run", lambda parent, work, on_success, **kwargs:
                        None if "label" in kwargs else reads.append((work, on_success)))
    event.listen(store.engine, "before_cursor_execute", count)
    try:
        page._imported(BatchResult())
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert statements == [] and len(reads) == 1 and page.grid.count() == 3
    work, show = reads[0]
    first_read = work(None)  # as the worker reads it

    with store.transaction() as s:
        set_caption(s, rows[0].id, "Fire exit blocked")
    page.refresh({"evidence"})  # a later change, read at once
    assert "Fire exit blocked" in [page.grid.text(r) for r in range(3)]
    show(first_read)  # the import's read, older: not shown over the newer rows
    assert "Fire exit blocked" in [page.grid.text(r) for r in range(3)]

    page._imported(BatchResult())
    work, show = reads[1]
    show(work(None))  # nothing newer: shown
    assert page.unchecked == {row.sha256 for row in rows} and not page.importing


def test_a_tiles_tooltip_is_worded_when_the_mouse_rests_on_it(qtbot):
    worded: list[str] = []
    model = PhotoModel(lambda ev, _reason: ev.original_name,
                       lambda ev, reason: worded.append(ev.id) or f"{ev.original_name}: {reason or 'whole'}",
                       lambda shas, done: done({}))
    grid = PhotoGrid(model)
    qtbot.addWidget(grid)
    grid.resize(600, 400)
    grid.show()
    model.add(tiles(4), lambda ev: ev.original_name)
    model.mark_damaged({tiles(4)[2].sha256: "cut short"})
    qtbot.wait(50)
    assert worded == []  # painting words no tooltip
    rect = grid.visualRect(model.index(2))
    QApplication.sendEvent(grid.viewport(), QHelpEvent(QEvent.Type.ToolTip, rect.center(),
                                                       grid.viewport().mapToGlobal(rect.center())))
    assert QToolTip.text() == "IMG_0002.JPG: cut short" and worded == ["ev2"]
    assert grid.text(2) == "IMG_0002.JPG" and grid.tip(2) == QToolTip.text() and worded == ["ev2"]  # kept
    QToolTip.hideText()


def test_the_side_pane_shown_at_the_import_end_has_the_time_zone_read_off_the_gui_thread(page, store, audit_id,
                                                                                          tmp_path, monkeypatch):
    with store.transaction() as s:
        s.query(FactoryProfile).filter_by(audit_id=audit_id).one().timezone = "Asia/Ho_Chi_Minh"
    rows = stored_rows(store, audit_id, tmp_path, 2)
    for row in rows:
        page._arrived.append((row, None))
    reads: list = []
    monkeypatch.setattr(page.ctx.ops, "run", lambda parent, work, on_success, **kwargs:
                        None if "label" in kwargs else reads.append((work, on_success)))
    page._imported(BatchResult())
    work, show = reads[0]
    read = work(None)  # as the worker reads it
    gui, statements = threading.get_ident(), []
    counting = lambda *_args: threading.get_ident() == gui and statements.append(1)  # noqa: E731
    event.listen(store.engine, "before_cursor_execute", counting)
    try:
        show(read)  # the first photo selected, its time in the side pane
    finally:
        event.remove(store.engine, "before_cursor_execute", counting)
    assert statements == [] and page.selected_id() == rows[0].id
    assert page.ctx.time_text(rows[0].captured_at) in page.info_label.text()
    assert page.ctx.zone().key == "Asia/Ho_Chi_Minh"

    # A zone read before the factory's profile changed is not kept: the next reader reads it again.
    page.ctx.announce({"factory_profile"})
    stale = page.ctx.zone_reader()
    with store.session(read_only=True) as s:
        keep = stale(s)
    with store.transaction() as s:
        s.query(FactoryProfile).filter_by(audit_id=audit_id).one().timezone = "Asia/Dhaka"
    page.ctx.announce({"factory_profile"})
    keep()
    assert page.ctx.zone().key == "Asia/Dhaka"


def test_the_rail_is_counted_off_the_gui_thread_at_an_imports_end(window, qtbot, store, make_audit, tmp_path,
                                                                   monkeypatch):
    audit_id = make_audit()
    with store.transaction() as s:
        first = add_tour_area(s, audit_id, "production", "Moulding")
        second = add_tour_area(s, audit_id, "production", "Assembly")
        mark_area_visited(s, first, True)
    window.open_audit(audit_id, "evidence")
    view, tour = window.audit_view, STAGES.index("tour")
    qtbot.waitUntil(lambda: view.rail.item(tour).text().endswith("1/2"))  # counted after the first paint
    with store.transaction() as s:  # changed outside this window: only a new count shows it
        mark_area_visited(s, second, True)
    counted_on: list[int] = []  # the threads that counted the tour (a write of the window's own, such as
    count = audit_view.stage_completion  # the stage marked started, counts the closing on the GUI thread)
    monkeypatch.setattr(audit_view, "stage_completion", lambda s, aid, checklist, stages: (
        "tour" in stages and counted_on.append(threading.get_ident())) or count(s, aid, checklist, stages))
    page = view.pages["evidence"]
    page.import_paths([write_photo(tmp_path / f"IMG_{n:04d}.jpg", (40 * n, 90, 160)) for n in range(3)])
    qtbot.waitUntil(lambda: page.last_import is not None and page.grid.count() == 3)
    qtbot.waitUntil(lambda: "2/2" in view.rail.item(tour).text())
    assert counted_on and threading.get_ident() not in counted_on
    assert not view.pages.is_built("tour")
