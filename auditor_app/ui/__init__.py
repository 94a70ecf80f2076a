"""Every Qt class of ESCP Field Auditor. Nothing outside this package imports Qt."""

from auditor_app.ui.pyside_source_scan import skip_source_reads

# Before any other module of the window imports Qt: see pyside_source_scan.
skip_source_reads()
