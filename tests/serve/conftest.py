"""A store built once from examples/ (ingest with analysis, ~20 s), an app over it, and a live server for
the browser tests. Tests that write get their own copy of the store."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

from support import EXAMPLES


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory):
    from newsgraph.pipeline import ingest

    path = tmp_path_factory.mktemp("serve") / "examples.db"
    ingest([str(EXAMPLES)], db=str(path), workers=1)
    return path


@pytest.fixture
def writable_db(examples_db, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(examples_db, copy)
    return copy


@pytest.fixture(scope="session")
def client(examples_db):
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app

    with TestClient(create_app(examples_db)) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """uvicorn in a thread of the test process, on a free loopback port."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(examples_db):
    from newsgraph.serve import create_app

    with LiveServer(create_app(examples_db)) as server:
        yield server
