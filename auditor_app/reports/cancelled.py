"""The one exception a report build raises when its caller said stop, in a module of its own: the photo
copier raises it too and is started before the layout's modules (ReportLab) are loaded."""

from __future__ import annotations


class ReportCancelled(Exception):
    """The caller's `cancelled()` said stop; no file was left behind."""


__all__ = ["ReportCancelled"]
