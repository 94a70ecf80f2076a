"""`make bench`: measured figures against the physical floor of the same work."""

from __future__ import annotations

import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_OUT = ROOT / "bench-out"  # generated photos and audits, kept between runs (git-ignored)


def scratch_folder(prefix: str) -> Path:
    """A new empty folder under bench-out/ (made on a fresh clone), for one bench to remove."""
    BENCH_OUT.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=BENCH_OUT))
