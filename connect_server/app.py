"""The FastAPI application: settings, database, blob store and key on `app.state`; errors as sentences.

Every refused request answers 4xx with a `Problem` body: `detail` (one sentence), `code` (for the
client to act on) and `problems` (each thing wrong, when there are several). A 500 is a bug.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

import connect_server
from connect_server.blobs import FolderBlobStore
from connect_server.config import Settings
from connect_server.db import make_engine, migrate, sessions
from connect_server.errors import ApiError
from connect_server.keys import load_or_create

log = logging.getLogger("connect_server")

DESCRIPTION = """The reference server of the ESCP Connect protocol: laptops enrol their device keys, download
assignments, send Zero Tolerance alerts, submit sealed audits exactly once, and carry the firm lead's
review of a submitted audit (signed entries, see docs/connect.md and docs/review.md)."""


def create_app(settings: Settings | None = None, *, run_migrations: bool = True) -> FastAPI:
    from connect_server import api, reviews, submissions, web

    settings = settings or Settings.from_env()
    settings.data.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    if run_migrations:
        migrate(engine)
    app = FastAPI(title="ESCP Connect", version=connect_server.__version__, description=DESCRIPTION)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessions(engine)
    app.state.blobs = FolderBlobStore(settings.blobs)
    app.state.key = load_or_create(settings.key_file)
    app.include_router(api.router)
    app.include_router(submissions.router)
    app.include_router(reviews.router)
    app.include_router(web.router)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/web/", status_code=303)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_where(err) for err in exc.errors()]
        return JSONResponse({"detail": "the request is not valid: " + "; ".join(problems[:3]), "code": "invalid",
                             "problems": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": str(exc.detail), "code": "http", "problems": []},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    return app


def _where(error: dict[str, Any]) -> str:
    place = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
    return f"{place}: {error.get('msg', 'not valid')}"
