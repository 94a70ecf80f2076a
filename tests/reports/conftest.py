"""Fixtures for the report tests: the demo audit in a fresh store, PDF text and page rendering."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from auditor_app.demo import create_demo_audit
from auditor_app.package.document import audit_document


@pytest.fixture
def demo_id(store) -> str:
    return create_demo_audit(store)


@pytest.fixture
def demo_doc(store, demo_id) -> dict:
    with store.session() as session:
        return audit_document(session, demo_id)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def render_page(pdf: Path, page: int, out_dir: Path, dpi: int = 60) -> Image.Image:
    """Page `page` (1-based) rendered by poppler, as poppler-utils' pdftoppm draws it."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; `make test` installs it")
    stem = out_dir / f"{pdf.stem}-p{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(stem)], check=True, capture_output=True, timeout=60)
    return Image.open(f"{stem}.png").convert("L")


def ink(img: Image.Image, threshold: int = 200) -> int:
    """Pixels darker than near-white."""
    return sum(img.point(lambda v: 255 if v < threshold else 0).histogram()[255:])
