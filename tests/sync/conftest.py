"""A real server process per test (some tests kill it) and a laptop signed in to it the app's way."""

from __future__ import annotations

import pytest
from connect_helpers import Laptop, ServerProcess

from auditor_app.sync.account import sign_in


@pytest.fixture
def server(tmp_path):
    server = ServerProcess(tmp_path / "server").start()
    yield server
    server.stop()


@pytest.fixture
def laptop(tmp_path, server):
    laptop = Laptop(tmp_path / "laptop")
    _login, token = server.user("auditor", "Pearl River Audits")
    laptop.link = sign_in(laptop.folder, server.url, token)
    yield laptop
    laptop.close()
