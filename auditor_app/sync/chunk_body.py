"""One chunk of a blob as an upload's body, read from the data folder while it is sent.

Read whole before the request, a chunk's reading (decrypting, for an encrypted original) came first and
the network and the platform's hashing after, one after the other: about a fifth of a sync's time. Read
as it is sent, the three overlap, as a plain streaming upload does. `requests` sends an iterable body as
it iterates and takes its length from `len()` (a Content-Length, not chunked encoding); iterating again
reads the chunk again from its start, so a request `ConnectClient` sends twice (a renewed session)
carries the same bytes.

A failure to read (a damaged original, a file shorter than its manifest) must not pass for a broken
connection, which is what the HTTP stack would make of it: it leaves the request as `ReadFailed`, with
the error itself in `error`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

BLOCK_BYTES = 256 * 1024  # large blocks: few Python calls per chunk; small enough to overlap the send


class ReadFailed(Exception):
    """Reading the chunk failed while it was being sent; `error` is why."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


class ChunkBody:
    """`length` bytes of `src` from `offset`, as the body of one upload request."""

    def __init__(self, src: BinaryIO, offset: int, length: int):
        self.src = src
        self.offset = offset
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[bytes]:
        left = self.length
        try:
            self.src.seek(self.offset)
            while left > 0:
                block = self.src.read(min(BLOCK_BYTES, left))
                if not block:
                    raise EOFError(f"the file ends {left:,} bytes before the end of its chunk")
                left -= len(block)
                yield block
        except Exception as exc:  # noqa: BLE001 - any reading error leaves as itself, see the module's doc
            raise ReadFailed(exc) from exc
