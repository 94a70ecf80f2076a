"""One of several processes asking for the device key of a new data folder at the same moment.

Usage: race_child.py <data folder> <go file>
Imports everything first, prints "ready", waits for the go file to appear, then loads or creates the
key and prints its key id.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from auditor_app.paths import DataFolder
from auditor_app.signing.device_key import load_or_create

folder, go = DataFolder(Path(sys.argv[1])), Path(sys.argv[2])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.0005)
print(load_or_create(folder).key_id, flush=True)
