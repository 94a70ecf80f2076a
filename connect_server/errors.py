"""A refused request: status, one sentence, a code the client acts on, and the problems found."""

from __future__ import annotations

from typing import Any

# Codes a client acts on (docs/connect.md): it resumes or waits on these, and stops on any other 4xx.
RESUMABLE = {"offset_mismatch", "busy", "missing_blobs"}


class ApiError(Exception):
    def __init__(self, status: int, detail: str, *, code: str = "refused", problems: list[str] | None = None,
                 headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.code = status, detail, code
        self.problems = problems or []
        self.headers = headers
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, "code": self.code, "problems": self.problems, **self.extra}


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} does not exist or is not visible to this account", code="not_found")


def forbidden(why: str) -> ApiError:
    return ApiError(403, why, code="forbidden")
