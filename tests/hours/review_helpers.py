"""A hours review computed from the generator's files, as the page and the report tests need it."""

from __future__ import annotations

from pathlib import Path

from auditor_app.hours import compute, import_attendance, import_payroll
from auditor_app.hours.file_facts import file_facts
from auditor_app.hours.sample_files import SampleFiles, write_sample_files


def sample_files(folder: Path) -> SampleFiles:
    folder.mkdir(parents=True, exist_ok=True)
    return write_sample_files(folder, workers=12, months=12)


def computed(files: SampleFiles) -> tuple[dict, dict]:
    """(result as JSON, files' facts) for `save_hours_review`."""
    result = compute(import_attendance(files.attendance), import_payroll(files.payroll), files.city, files.period)
    return result.as_dict(), {"attendance": file_facts(files.attendance), "payroll": file_facts(files.payroll)}
