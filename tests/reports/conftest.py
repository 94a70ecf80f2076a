"""Fixtures for the report tests: the demo audit in a fresh store, PDF text and page rendering."""

from __future__ import annotations

import copy
import re
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


def flat(text: str) -> str:
    """Extracted text without line breaks and spaces, so wrapped phrases still match."""
    return "".join(text.split())


_TOKEN = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+")


def in_order(words: list[str], text: str) -> list[str]:
    """The words of `words` not found in `text` in their order (flattened: line breaks and page
    furniture between them are allowed, a missing or reordered word is not). Chinese has no spaces
    and breaks between any two characters, so each Chinese character counts as a word."""
    haystack, pos, missing = flat(text), 0, []
    for word in (token for w in words for token in _TOKEN.findall(w)):
        found = haystack.find(flat(word), pos)
        if found < 0:
            missing.append(word)
        else:
            pos = found + len(flat(word))
    return missing


def bind_signatures(doc: dict) -> dict:
    """A copy of `doc` whose signatures were drawn for the CAP content as it is."""
    from auditor_app.package.cap_content import cap_sha256

    out = copy.deepcopy(doc)
    content = cap_sha256(out)
    for sig in out["signature"]:
        sig["cap_sha256"] = content
    return out


SEAL = "5e" * 32


def finalized(doc: dict, *, statement: bool = True) -> dict:
    """A copy of `doc` as finalized: sealed, with (or without) a seal statement signed by a device key."""
    out = copy.deepcopy(doc)
    out["audit"].update(state="finalized", seal=SEAL, sealed_at="2026-11-19T10:00:00.000Z",
                        seal_statement={"format": "escp-seal-statement/1", "audit_id": out["audit"]["id"],
                                        "seal": SEAL, "signer": {"name": "Li Na", "firm": "Pearl River Assurance",
                                                                 "key_id": "3f2a91c07d5e8b41"},
                                        "signed_at": "2026-11-19T10:00:00.000Z"} if statement else {})
    return out


def finalize_demo(store, audit_id: str) -> str:
    """Complete the demo audit through the operations and finalize it (sealed, signed with the
    data folder's device key); returns the seal."""
    from auditor_app.audits import finalize
    from tests.complete_audit import complete_audit

    with store.transaction() as session:
        complete_audit(session, audit_id)
    with store.transaction() as session:
        return finalize(session, audit_id, folder=store.folder)
