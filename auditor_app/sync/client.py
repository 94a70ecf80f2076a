"""The Connect HTTP client (requests): one method per call of the protocol, errors sorted in two.

- `Transient`: the network failed, the request timed out, the server answered 5xx or said "busy".
  The worker waits and tries again with the same key and body.
- `Refused`: the platform said no (4xx): a conflict, a package it refuses, a sign-in that no longer
  works. The worker stops that item and shows the reason; retrying would not change the answer.

A 401 on an expired session is answered once by a new session proved with the device key; only if
that fails is it `Refused`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import requests

from auditor_app.signing.device_key import DeviceKey
from auditor_app.store.canonical import canonical_bytes
from auditor_app.sync.chunk_body import ChunkBody
from auditor_app.sync.protocol import (
    API,
    AlertOut,
    AssignmentOut,
    BlobStatus,
    ReviewPosted,
    ReviewRecordOut,
    ReviewSummary,
    SessionOut,
    SubmissionOut,
    enrol_proof_bytes,
    session_proof_bytes,
)

TIMEOUT = (10.0, 120.0)  # connect, read (a 200 MB evidence file's last chunk waits for the server's hash)
USER_AGENT = "escp-field-auditor-sync/1"


class SyncError(Exception):
    def __init__(self, message: str, *, status: int | None = None, code: str = "", problems: list[str] | None = None,
                 body: dict[str, Any] | None = None):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code
        self.problems = problems or []
        self.body = body or {}


class Transient(SyncError):
    """Try again later: nothing the platform decided."""


class Refused(SyncError):
    """The platform refused; `message` says why, `code` what kind (auth, conflict, rejected, ...)."""


class ConnectClient:
    def __init__(self, url: str, token: str | None = None, *, device_key: DeviceKey | None = None,
                 on_new_token: Callable[[str], None] | None = None, timeout: tuple[float, float] = TIMEOUT):
        self.url = url.rstrip("/")
        self.token = token
        self.device_key = device_key
        self.on_new_token = on_new_token
        self.timeout = timeout
        self.http = requests.Session()
        self.http.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self.http.close()

    # ---- plumbing ---------------------------------------------------------------------------------

    def _send(self, method: str, path: str, *, json_body: Any = None, data: bytes | ChunkBody | None = None,
              params: dict[str, Any] | None = None, auth: bool = True, ok: tuple[int, ...] = (200, 201),
              into: Path | None = None) -> Any:
        """The answer's JSON; with `into`, the answer's bytes are written to that file instead."""
        for attempt in (1, 2):
            headers = {}
            if auth and self.token:
                headers["Authorization"] = f"Bearer {self.token}"
            if json_body is not None:
                data = canonical_bytes(json_body)  # the same bytes on every retry
                headers["Content-Type"] = "application/json"
            elif data is not None:
                headers["Content-Type"] = "application/octet-stream"
            try:
                response = self.http.request(method, self.url + API + path, data=data, params=params,
                                             headers=headers, timeout=self.timeout, stream=into is not None)
                if into is not None and response.status_code in ok:
                    with open(into, "wb") as out:
                        for chunk in response.iter_content(1024 * 1024):
                            out.write(chunk)
                    return None
            except (requests.ConnectionError, requests.Timeout) as exc:
                raise Transient(f"no connection to the platform ({type(exc).__name__})") from None
            except requests.RequestException as exc:
                raise Transient(f"the request to the platform failed ({type(exc).__name__})") from None
            if response.status_code in ok:
                try:
                    return response.json()
                except ValueError:
                    raise Transient("the platform's answer was cut or is not JSON") from None
            body = _json_or_empty(response)
            code = str(body.get("code", ""))
            detail = str(body.get("detail") or response.reason or f"HTTP {response.status_code}")
            if response.status_code == 401 and auth and attempt == 1 and self.device_key is not None \
                    and path != "/session" and self.renew():
                continue  # a new session: the same request once more
            if response.status_code >= 500 or response.status_code in (408, 429) or code == "busy":
                raise Transient(f"the platform is not available right now ({response.status_code}: {detail})",
                                status=response.status_code, code=code, body=body)
            raise Refused(detail, status=response.status_code, code=code or "refused",
                          problems=[str(p) for p in body.get("problems") or []], body=body)
        raise Refused("the platform refused the new session", status=401, code="auth")

    def renew(self) -> bool:
        """A new session proved by the device key; False if the platform refuses it."""
        assert self.device_key is not None
        at = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        proof = _b64(self.device_key.sign(session_proof_bytes(self.device_key.key_id, at)))
        try:
            out = SessionOut.model_validate(self._send("POST", "/session", auth=False, json_body={
                "key_id": self.device_key.key_id, "at": at, "proof": proof}))
        except Refused:
            return False
        self.token = out.session_token
        if self.on_new_token is not None:
            self.on_new_token(out.session_token)
        return True

    # ---- the protocol -----------------------------------------------------------------------------

    def enrol(self, token: str, key: DeviceKey, device_name: str = "") -> SessionOut:
        proof = _b64(key.sign(enrol_proof_bytes(token, key.public_key_b64)))
        body = {"token": token, "device": {"key_id": key.key_id, "public_key": key.public_key_b64,
                                           "name": device_name[:200]}, "proof": proof}
        out = SessionOut.model_validate(self._send("POST", "/enrol", json_body=body, auth=False))
        self.token = out.session_token
        return out

    def me(self) -> dict[str, Any]:
        return self._send("GET", "/me")

    def assignments(self) -> list[AssignmentOut]:
        return [AssignmentOut.model_validate(a) for a in self._send("GET", "/assignments")]

    def put_alert(self, alert_id: str, body: dict[str, Any]) -> AlertOut:
        return AlertOut.model_validate(self._send("PUT", f"/alerts/{alert_id}", json_body=body))

    def put_submission(self, audit_id: str, manifest: dict[str, Any]) -> SubmissionOut:
        return SubmissionOut.model_validate(self._send("PUT", f"/submissions/{audit_id}", json_body=manifest))

    def submission(self, audit_id: str) -> SubmissionOut:
        return SubmissionOut.model_validate(self._send("GET", f"/submissions/{audit_id}"))

    def blob_status(self, sha256: str) -> BlobStatus:
        return BlobStatus.model_validate(self._send("GET", f"/blobs/{sha256}"))

    def upload(self, sha256: str, offset: int, data: bytes | ChunkBody) -> BlobStatus:
        return BlobStatus.model_validate(self._send("PATCH", f"/blobs/{sha256}", data=data,
                                                    params={"offset": offset}))

    def complete(self, audit_id: str) -> SubmissionOut:
        return SubmissionOut.model_validate(self._send("POST", f"/submissions/{audit_id}/complete"))

    # ---- the lead's review ------------------------------------------------------------------------

    def reviews(self) -> list[ReviewSummary]:
        return [ReviewSummary.model_validate(r) for r in self._send("GET", "/reviews")]

    def review(self, thread_id: str, after: int = 0) -> ReviewRecordOut:
        return ReviewRecordOut.model_validate(self._send("GET", f"/reviews/{thread_id}", params={"after": after}))

    def post_review_entries(self, thread_id: str, entries: list[dict[str, Any]]) -> ReviewPosted:
        return ReviewPosted.model_validate(self._send("POST", f"/reviews/{thread_id}/entries",
                                                      json_body={"entries": entries}))

    def download_package(self, audit_id: str, into: Path) -> None:
        """The verified submission's `.escp` package, written to the file `into`."""
        self._send("GET", f"/submissions/{audit_id}/package", into=into)


def _json_or_empty(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")
