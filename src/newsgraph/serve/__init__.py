"""Serving the store: the HTTP API and the web UI (`newsgraph serve`)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str = "newsgraph.db", host: str = "127.0.0.1", port: int = 8000, write_token: str | None = None,
          workers: int = 1, cache: bool = True, log_level: str = "info") -> None:
    """Run the app with uvicorn until interrupted. Several workers share nothing but the SQLite file,
    so they are started from the environment by uvicorn's factory."""
    import os

    import uvicorn

    if workers > 1:
        os.environ["NEWSGRAPH_DB"] = str(db)
        if write_token:
            os.environ["NEWSGRAPH_WRITE_TOKEN"] = write_token
        os.environ["NEWSGRAPH_CACHE"] = "1" if cache else "0"
        uvicorn.run("newsgraph.serve.app:app_from_environment", factory=True, host=host, port=port,
                    workers=workers, log_level=log_level)
    else:
        uvicorn.run(create_app(db, write_token=write_token, cache=cache), host=host, port=port, log_level=log_level)
