"""ESCP Field Auditor: the offline desktop tool for Ethical Supply Chain Program factory audits.

The core (store, checklist, package, reports, sync) is Qt-free; `auditor_app.ui` is one front end.
"""

__version__ = "0.1.0"
