"""Run every `benchmarks/bench_*.py` that has a `main()`, and print its figures.

`python -m benchmarks [word ...]` runs only the modules whose name contains one of the words.
A module's main() prints its own figures and may also return a line (or lines) for the summary.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).parent
# A bench machine has no keyring to unlock: each data folder's key in a 0600 file, as the tests keep it
# (each bench also says so; one run of a single bench must not depend on another having run first).
os.environ.setdefault("AUDITOR_APP_KEYRING", "off")


def discover(words: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    return [n for n in names if not words or any(w in n for w in words)]


def main(argv: list[str]) -> int:
    summary: list[str] = []
    failed = []
    for name in discover(argv):
        module = importlib.import_module(f"benchmarks.{name}")
        if not callable(getattr(module, "main", None)):
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        try:
            result = module.main()
        except Exception:
            traceback.print_exc()
            failed.append(name)
            continue
        lines = [result] if isinstance(result, str) else list(result or [])
        summary += lines
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    if summary:
        print("\n== figures")
        for line in summary:
            print(line)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
