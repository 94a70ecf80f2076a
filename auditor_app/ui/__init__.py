"""Every Qt class of ESCP Field Auditor. Nothing outside this package imports Qt."""

from auditor_app.ui.qt_code_cache import remember_compiled, user_cache
from auditor_app.ui.pyside_source_scan import skip_source_reads

# Before any other module of the window imports Qt: see qt_code_cache and pyside_source_scan.
remember_compiled(user_cache())
skip_source_reads()
