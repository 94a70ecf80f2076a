"""The OpenAPI document: the served one is the one checked into docs/, and schemathesis, generating
requests from it (valid and not), never gets a 5xx."""

from __future__ import annotations

import itertools
import json

import pytest
import requests
import schemathesis
from schemathesis import GenerationMode
from connect_helpers import REPO, ServerProcess
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from auditor_app.signing.device_key import DeviceKey
from auditor_app.sync.client import ConnectClient

DOC = REPO / "docs" / "connect-openapi.json"


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory):
    server = ServerProcess(tmp_path_factory.mktemp("server-openapi")).start()
    _login, token = server.user("auditor", "Firm S")
    client = ConnectClient(server.url)
    server.session_token = client.enrol(token, DeviceKey.generate()).session_token
    client.close()
    yield server
    server.stop()


def test_the_served_openapi_document_is_the_one_in_docs(sqlite_server):
    served = requests.get(sqlite_server.url + "/openapi.json", timeout=10).json()
    checked_in = json.loads(DOC.read_text(encoding="utf-8"))
    assert served == checked_in, ("docs/connect-openapi.json is out of date: run "
                                  "`.venv/bin/python -m connect_server openapi --output docs/connect-openapi.json`")


def test_generated_requests_never_get_a_server_error(sqlite_server):
    """Every operation, with requests generated from the document (positive and negative), signed in."""
    schema = schemathesis.openapi.from_url(sqlite_server.url + "/openapi.json")
    headers = {"Authorization": f"Bearer {sqlite_server.session_token}"}
    failures: list[tuple] = []
    calls = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    for operation, mode in itertools.product(operations, GenerationMode):
        @given(case=operation.as_strategy(mode))
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def exercise(case):
            response = case.call(headers=headers, timeout=30)
            calls.append(response.status_code)
            if response.status_code >= 500 or (response.status_code >= 400 and not response.json().get("detail")):
                failures.append((case.method, case.formatted_path, response.status_code, response.text[:300]))

        try:
            exercise()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # an operation without parameters has no invalid request
    assert failures == []
    assert len(calls) > 10 * len(operations) and any(code < 300 for code in calls) and any(code >= 400 for code in calls)
