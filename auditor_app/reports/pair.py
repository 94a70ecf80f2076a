"""The report and the CAP of one audit, built together: the report's photos are prepared on worker
threads from the start, while this thread lays out the CAP (which has no photos), then the report.

From an `.escp` every photo is an original to hash-check and decode (about a twentieth of a second
each): built one after the other, the CAP's layout would wait for the photos' end with a core idle;
built this way it overlaps them, and the report finds most of its photos ready.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from auditor_app.reports import cap as cap_pdf
from auditor_app.reports import report as report_pdf
from auditor_app.reports.cap import DEFAULT_LANGUAGE as CAP_LANGUAGE
from auditor_app.reports.photos import PhotoCache, PhotoCopier, PhotoSource
from auditor_app.reports.content import photo_order
from auditor_app.reports.report import BuildResult


def build_report_and_cap(doc: dict, report_out: str | Path, cap_out: str | Path, *,
                         photos: PhotoSource | None = None, photo_cache: PhotoCache | None = None,
                         checklist=None, progress: Callable[[int, int], None] | None = None,
                         cancelled: Callable[[], bool] | None = None, report_lang: str = "en",
                         cap_lang: str = CAP_LANGUAGE, today: date | None = None,
                         copier: PhotoCopier | None = None) -> tuple[BuildResult, BuildResult]:
    """Both PDFs as `build_report` and `build_cap` write them. `progress(done, total)` counts the
    report's photos as the layout takes them, then one step for the pages. `copier`: the report's
    photos already being prepared (`photo_order`), started by a caller that read the package before
    it loaded the layout's modules; the caller closes it."""
    shas = photo_order(doc, checklist) if photos is not None and copier is None else []
    with contextlib.ExitStack() as stack:
        if copier is None and photos is not None and shas:
            copier = stack.enter_context(PhotoCopier.for_report(shas, photos, photo_cache, progress=progress,
                                                                cancelled=cancelled))
        with _naming(cap_out):
            cap = cap_pdf.build_cap(doc, cap_out, checklist=checklist, today=today, cancelled=cancelled, lang=cap_lang)
        with _naming(report_out):
            report = report_pdf.build_report(doc, report_out, checklist=checklist, progress=progress,
                                             cancelled=cancelled, lang=report_lang, copier=copier)
    return report, cap


@contextlib.contextmanager
def _naming(out: str | Path):
    """A disk error while writing one of the two says which (its `filename`), as when built apart."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(out)
        raise


__all__ = ["build_report_and_cap"]
