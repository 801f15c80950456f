from __future__ import annotations

import pytest

from support import SEED


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()
