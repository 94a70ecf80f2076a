"""Shorter turns on the GIL while the report's photo workers run beside the layout thread.

A photo worker spends most of its time in C without the GIL (reading the zip, CRC and SHA-256,
decoding, encoding), but between those calls it needs the GIL for a few lines of Python, some twenty
times a photo. While the layout thread (pure Python: ReportLab) holds it, the worker waits for the
interpreter's switch interval, 5 ms by default, each time: both workers waiting at once left a core
idle for a tenth to a third of each second of a 200-photo `.escp` report. At 0.5 ms the layout hands
the GIL over sooner; the report took 9.5-10.6 s instead of 11.7-11.9 s (the same host, one run after
the other), for the same processor time.

Process-wide (the interpreter has one interval), so it is set while at least one copier is at work and
the previous value is put back when the last one closes.
"""

from __future__ import annotations

import sys
import threading

WORKER_TURN_S = 0.0005

_lock = threading.Lock()
_users = 0
_saved: float | None = None


def begin() -> None:
    """A copier started: shorter turns until every copier started has called `end`."""
    global _users, _saved
    with _lock:
        if _users == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, WORKER_TURN_S))
        _users += 1


def end() -> None:
    global _users, _saved
    with _lock:
        if _users == 0:
            return
        _users -= 1
        if _users == 0 and _saved is not None:
            sys.setswitchinterval(_saved)
            _saved = None


__all__ = ["WORKER_TURN_S", "begin", "end"]
