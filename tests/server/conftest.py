"""The server's tests run against a real server process, once on SQLite and once on a real PostgreSQL
(a throwaway cluster started here), with a cast of users in two firms and their laptops."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import requests
from connect_helpers import Api, Laptop, Postgres, ServerProcess

from auditor_app.signing.device_key import DeviceKey
from auditor_app.sync.client import ConnectClient
from auditor_app.sync.protocol import API


@pytest.fixture(scope="session")
def postgres():
    pg = Postgres().start()
    yield pg
    pg.stop()


@pytest.fixture(scope="session")
def laptops(tmp_path_factory):
    """Laptops whose device keys the cast enrol on each server: a and a2 (firm X), b (firm Y)."""
    made = {name: Laptop(tmp_path_factory.mktemp(f"laptop-{name}")) for name in ("a", "a2", "b")}
    yield made
    for laptop in made.values():
        laptop.close()


@dataclass
class World:
    server: ServerProcess
    laptops: dict
    apis: dict = field(default_factory=dict)
    logins: dict = field(default_factory=dict)
    server_key: dict = field(default_factory=dict)

    def __getitem__(self, who: str) -> Api:
        return self.apis[who]

    def user_id(self, who: str) -> str:
        return self[who].get("/me").json()["id"]


def _enrol(server: ServerProcess, who: Laptop | DeviceKey, token: str) -> str:
    client = ConnectClient(server.url)
    try:
        return client.enrol(token, who.key if isinstance(who, Laptop) else who).session_token
    finally:
        client.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def world(request, tmp_path_factory, laptops):
    url = request.getfixturevalue("postgres").create_database() if request.param == "postgres" else None
    server = ServerProcess(tmp_path_factory.mktemp(f"server-{request.param}"), url).start()
    w = World(server, laptops)
    cast = {"a": ("auditor", "Firm X"), "a2": ("auditor", "Firm X"), "b": ("auditor", "Firm Y"),
            "lead_x": ("lead", "Firm X"), "lead_y": ("lead", "Firm Y"), "reviewer": ("reviewer", None),
            "admin": ("admin", None)}
    for who, (role, firm) in cast.items():
        login, token = server.user(role, firm, password="correct horse")
        w.logins[who] = login
        if who in laptops:
            w.apis[who] = Api(server.url, _enrol(server, laptops[who], token))
        else:  # people without a laptop of their own here: a key made for them
            w.apis[who] = Api(server.url, _enrol(server, DeviceKey.generate(), token))
    w.server_key = requests.get(server.url + API + "/server-key", timeout=10).json()
    yield w
    server.stop()
