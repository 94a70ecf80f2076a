"""`auditor_app.logs`: a rotating log in the data folder that never breaks the app."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from auditor_app import logs
from tests.read_only import read_only


@pytest.fixture(autouse=True)
def no_log_left_open():
    yield
    logs.stop_logging()


def test_writes_to_the_data_folder_with_rotation(tmp_path):
    path = logs.setup_logging(tmp_path)
    assert path == tmp_path / "logs" / "auditor-app.log"
    logging.getLogger("auditor_app.test").info("audit %s imported: %d rows", "abcd1234", 12)
    try:
        raise ZeroDivisionError("the bug")
    except ZeroDivisionError:
        logging.getLogger("auditor_app.test").exception("it failed")
    text = path.read_text(encoding="utf-8")
    assert "INFO auditor_app.test" in text and "audit abcd1234 imported: 12 rows" in text
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError: the bug" in text
    handler = next(h for h in logging.getLogger("auditor_app").handlers if hasattr(h, "maxBytes"))
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)


def test_a_full_log_rotates_and_keeps_five_old_ones(tmp_path):
    path = logs.setup_logging(tmp_path)
    handler = next(h for h in logging.getLogger("auditor_app").handlers if hasattr(h, "maxBytes"))
    handler.maxBytes = 400  # a few lines a file, not a million bytes
    log = logging.getLogger("auditor_app.test")
    for number in range(60):
        log.info("line %03d", number)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["auditor-app.log", *(f"auditor-app.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size < 400 for p in path.parent.iterdir())
    # Newest in the log itself, then .1, .2 ... older: the lines run on from one file to the next.
    numbers = [int(line.rsplit(" ", 1)[1]) for name in reversed(files)
               for line in (path.parent / name).read_text(encoding="utf-8").splitlines()]
    assert numbers == list(range(numbers[0], 60)) and numbers[0] > 0  # the oldest lines have gone


def test_a_device_in_the_log_s_place_is_never_renamed(tmp_path):
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "auditor-app.log").symlink_to("/dev/null")
    logs.setup_logging(tmp_path)
    handler = next(h for h in logging.getLogger("auditor_app").handlers if hasattr(h, "maxBytes"))
    handler.maxBytes = 10
    logging.getLogger("auditor_app.test").info("into the void, twice over the limit")
    assert sorted(p.name for p in (tmp_path / "logs").iterdir()) == ["auditor-app.log"]


def test_the_log_does_not_bring_logging_handlers(tmp_path):
    # logging.handlers imports socket, pickle and queue: ~6 ms of every start of the window.
    code = "import sys, auditor_app.logs; print(sorted({'logging.handlers', 'socket', 'pickle'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_a_second_setup_replaces_the_first(tmp_path):
    logs.setup_logging(tmp_path / "one")
    second = logs.setup_logging(tmp_path / "two")
    logging.getLogger("auditor_app.test").warning("only here")
    assert "only here" in second.read_text()
    assert "only here" not in (tmp_path / "one" / "logs" / "auditor-app.log").read_text()
    assert logs.current_log_path() == second


def test_a_read_only_folder_gives_no_log_and_no_error(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    with read_only(home):
        assert logs.setup_logging(home) is None
        logging.getLogger("auditor_app.test").error("nowhere to go")
    assert not (home / "logs").exists()
    assert capsys.readouterr().err == ""  # not even logging's "last resort" on stderr


def test_an_existing_log_that_cannot_be_written(tmp_path):
    logs.setup_logging(tmp_path)
    logs.stop_logging()
    with read_only(tmp_path / "logs"):
        assert logs.setup_logging(tmp_path) is None


def test_a_write_that_fails_later_is_dropped_quietly(tmp_path, capsys):
    path = logs.setup_logging(tmp_path)
    handler = next(h for h in logging.getLogger("auditor_app").handlers if hasattr(h, "maxBytes"))
    handler.stream.close()  # as if the drive went away under the open file
    logging.getLogger("auditor_app.test").error("lost")
    assert capsys.readouterr().err == ""
    assert path.exists()
