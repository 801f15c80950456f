"""The web application: one FastAPI app serving the JSON API under /api and the HTML pages beside it.

Every page shows text taken from hostile web pages, so the app is built to never trust it: Jinja2
autoescapes everything, article HTML is never rendered, and every response carries a Content-Security-
Policy that allows no inline script and no origin but this one. Request bodies are capped before they
are read, and the store is opened read-only except for the token-guarded ingest endpoint.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store import Store
from ..store.db import connect
from ..store.browse import InvalidCursor
from .cache import ResponseCache
from .limits import MAX_BODY_BYTES, BodyLimit, HeadAsGet, SecurityHeaders



@dataclass
class Settings:
    db: Path
    write_token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    cache: bool = True

    @classmethod
    def from_environment(cls) -> "Settings":
        """For `uvicorn --factory newsgraph.serve.app:app_from_environment` and worker processes."""
        return cls(db=Path(os.environ.get("NEWSGRAPH_DB", "newsgraph.db")),
                   write_token=os.environ.get("NEWSGRAPH_WRITE_TOKEN") or None,
                   max_body_bytes=int(os.environ.get("NEWSGRAPH_MAX_BODY", MAX_BODY_BYTES)),
                   cache=os.environ.get("NEWSGRAPH_CACHE", "1") != "0")


class Database:
    """One read-only SQLite connection per thread: requests run on a thread pool, and a connection must
    not be shared by two threads at once. Writes open their own read-write store."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        Store(path).close()  # create the file or bring its schema up to date, once, before reading

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.connect()
        return conn

    def connect(self) -> sqlite3.Connection:
        """A new read-only connection, for work that outlives one call on one thread."""
        return connect(self.path, readonly=True)

    def writer(self) -> Store:
        return Store(self.path)


def create_app(db: str | Path = "newsgraph.db", write_token: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES, cache: bool = True) -> FastAPI:
    """The app over the store at `db`. `cache` keeps GET responses until the store next changes."""
    from . import api, docs, web

    settings = Settings(Path(db), write_token, max_body_bytes, cache)
    app = FastAPI(
        title="newsgraph",
        version=_version(),
        description="Who said what, in a store of news articles: articles, entities and attributions.",
        docs_url=None, redoc_url=None,  # /docs is served from local assets, below
    )
    app.state.settings = settings
    app.state.db = Database(settings.db)
    if settings.cache:
        app.add_middleware(ResponseCache, db_path=settings.db)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.include_router(api.router)
    app.include_router(docs.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("newsgraph.serve") / "static")), name="static")
    docs.mount_assets(app)

    @app.exception_handler(InvalidCursor)
    async def bad_cursor(request: Request, error: InvalidCursor):
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)
        return web.error_page(request, error.status_code, str(error.detail))

    return app


def app_from_environment() -> FastAPI:
    settings = Settings.from_environment()
    return create_app(settings.db, settings.write_token, settings.max_body_bytes, settings.cache)


def _version() -> str:
    from .. import __version__

    return __version__
