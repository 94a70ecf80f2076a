"""An upload's body is read as it is sent (sync/chunk_body.py): the chunk's bytes and length, the same
bytes when iterated again (a retried request), and a failure to read that says what it is."""

from __future__ import annotations

import io

import pytest

from auditor_app.sync.chunk_body import BLOCK_BYTES, ChunkBody, ReadFailed


def test_the_body_is_the_chunk_and_iterates_again_from_its_start():
    data = bytes(range(256)) * 5000  # 1.28 MB: several blocks
    body = ChunkBody(io.BytesIO(data), 1000, 600_000)
    first = list(body)
    assert len(body) == 600_000 and b"".join(first) == data[1000:601_000]
    assert max(len(b) for b in first) == BLOCK_BYTES and len(first) == 3
    assert b"".join(body) == data[1000:601_000]  # read again from the chunk's start


def test_a_file_shorter_than_its_chunk_is_a_read_failure_not_a_short_body():
    body = ChunkBody(io.BytesIO(b"x" * 100), 40, 100)
    with pytest.raises(ReadFailed) as caught:
        b"".join(body)
    assert isinstance(caught.value.error, EOFError) and "40 bytes before the end" in str(caught.value)


def test_an_error_while_reading_leaves_as_itself():
    class Failing(io.BytesIO):
        def read(self, size=-1):
            raise OSError(5, "Input/output error")

    with pytest.raises(ReadFailed) as caught:
        list(ChunkBody(Failing(b"abc"), 0, 3))
    assert isinstance(caught.value.error, OSError) and caught.value.error.errno == 5
