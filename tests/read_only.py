"""Making a folder read-only for a test, also when the tests run as root.

chmod does not stop root from writing, and tests here often run as root (containers, CI). Root is
stopped by the immutable attribute (`chattr +i`), which is what a read-only mount looks like to a
program: open for writing, create, rename and delete all fail. Where neither works (root on a file
system without that attribute, or without CAP_LINUX_IMMUTABLE), the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(folder: Path):
    """`folder` and everything in it read-only for the duration, restored afterwards."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for p, mode in modes.items():
            p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield
        finally:
            for p, mode in sorted(modes.items(), key=lambda item: len(item[0].parts)):
                p.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root, where chmod does not stop writes, and chattr is not installed")
    done = subprocess.run(["chattr", "-R", "+i", str(folder)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        subprocess.run(["chattr", "-R", "-i", str(folder)], capture_output=True, check=False)
        pytest.skip(f"running as root, where chmod does not stop writes, and chattr +i failed here: "
                    f"{done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-R", "-i", str(folder)], check=True, capture_output=True)
