"""The audit report and the CAP as PDF (ReportLab, no Qt): `build_report`, `build_cap`."""
