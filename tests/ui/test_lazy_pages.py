"""Opening an audit builds only the page shown; the rail still counts every stage, as its page would;
the Evidence grid reads thumbnails only for the tiles it paints (issue 17: a window that never hitches)."""

from __future__ import annotations

from datetime import timedelta

from auditor_app.audits import add_tour_area, answer_checkpoint, mark_area_visited
from auditor_app.checklist.loader import load_checklist
from auditor_app.store.models import Audit, Evidence
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import STAGES


def rail_texts(view) -> list[str]:
    return [view.rail.item(i).text() for i in range(view.rail.count())]


def test_only_the_page_shown_is_built_and_the_rail_counts_the_others_as_they_would(window, qtbot, store,
                                                                                   make_audit):
    audit_id = make_audit()
    with store.transaction() as s:
        audit = s.get(Audit, audit_id)
        checkpoints = load_checklist(audit.checklist_version).for_audit_type(audit.audit_type)
        answer_checkpoint(s, audit_id, checkpoints[0].id, "yes")
        answer_checkpoint(s, audit_id, checkpoints[1].id, "na")
        area = add_tour_area(s, audit_id, "production", "Moulding")
        add_tour_area(s, audit_id, "production", "Assembly")
        mark_area_visited(s, area, True)
        s.add(Evidence(audit_id=audit_id, sha256="a" * 64, original_name="IMG_0001.JPG", media_type="image/jpeg",
                       size=1000, width=400, height=300, captured_at=utcnow(), caption="Fire exit blocked"))
    window.open_audit(audit_id, "tour")
    view = window.audit_view
    assert [s for s in STAGES if view.pages.is_built(s)] == ["tour"]
    qtbot.waitUntil(lambda: "2/" in rail_texts(view)[STAGES.index("checklist")])  # counted after the first paint
    unbuilt = rail_texts(view)
    assert unbuilt[STAGES.index("tour")].endswith("1/2")
    assert unbuilt[STAGES.index("evidence")].startswith("✓")  # one photo, captioned

    for stage in STAGES:  # each page, once built, counts what the rail said before it was
        view.show_stage(stage)
        assert view.stack.currentWidget().widget() is view.pages[stage]
        assert rail_texts(view)[STAGES.index(stage)] == unbuilt[STAGES.index(stage)], stage
    assert all(view.pages.is_built(s) for s in STAGES)


def test_the_evidence_grid_reads_thumbnails_only_for_the_tiles_it_paints(window, qtbot, store, make_audit):
    audit_id = make_audit()
    now = utcnow()
    with store.transaction() as s:
        s.add_all([Evidence(audit_id=audit_id, sha256=f"{n:064x}", original_name=f"IMG_{n:04d}.JPG",
                            media_type="image/jpeg", size=1000 + n, width=4000, height=3000,
                            captured_at=now - timedelta(minutes=n), caption="") for n in range(300)])
    window.open_audit(audit_id, "evidence")
    page = window.audit_view.pages["evidence"]
    asked: list[str] = []
    page.model.loader = lambda shas, on_ready: (asked.extend(shas), on_ready({}))
    page.grid.viewport().update()
    qtbot.waitUntil(lambda: len(asked) > 0)
    qtbot.wait(200)
    assert page.grid.count() == 300
    in_view = {page.model.photos[row].sha256 for row in range(300)
               if page.grid.visualRect(page.model.index(row)).intersects(page.grid.viewport().rect())}
    assert set(asked) <= in_view and len(set(asked)) < 100
    # Scrolling to the end asks for the tiles that came into view, not for those skipped over.
    page.grid.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.photos[-1].sha256 in asked)
    assert page.model.photos[150].sha256 not in asked


def test_the_rail_counts_the_signatures_the_closing_page_asks_for():
    from auditor_app.audits.stage_completion import SIGNING_ROLES
    from auditor_app.ui.pages.closing import ROLE_TITLES

    assert set(SIGNING_ROLES) == set(ROLE_TITLES)


def test_the_rating_starts_once_the_opened_page_is_painted(window, qtbot, monkeypatch, make_audit):
    # The rating is ~60-200 ms of Python in a worker: begun while the page was built, it took the GIL
    # from the build and delayed the first paint by about as much (issue 17).
    from auditor_app.ui.context import AuditContext

    audit_id = make_audit()
    started: list[bool] = []
    rate_now = AuditContext.rate_now

    def rating_started(ctx):
        started.append(ctx.recommendation is None)
        rate_now(ctx)

    monkeypatch.setattr(AuditContext, "rate_now", rating_started)
    window.open_audit(audit_id, "evidence")
    assert started == []  # not while the page is built and before it is painted
    view = window.audit_view
    qtbot.waitUntil(lambda: view.ctx.recommendation is not None)
    assert started == [True]
