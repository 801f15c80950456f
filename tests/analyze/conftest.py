from __future__ import annotations

import pytest

from analyze_support import seed_article
from newsgraph.article import Article


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.analyze import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed(nlp) -> Article:
    from newsgraph.analyze import analyze_article

    return analyze_article(seed_article(), nlp=nlp)
