"""A store built once from examples/ (ingest with analysis, ~20 s), an app over it, and a live server for
the browser tests. Tests that write get their own copy of the store."""

from __future__ import annotations

import shutil

import pytest

from live_server import LiveServer
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


@pytest.fixture(scope="session")
def live_server(examples_db):
    from newsgraph.serve import create_app

    with LiveServer(create_app(examples_db)) as server:
        yield server
