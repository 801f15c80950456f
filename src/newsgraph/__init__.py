"""newsgraph: raw news pages in, a clean, searchable store of articles and entities out.

    >>> import newsgraph
    >>> article = newsgraph.extract(open("page.html", "rb").read(), url="https://example.com/a")
    >>> article = newsgraph.analyze(article)        # entities, dates
    >>> store = newsgraph.open("newsgraph.db")      # the SQLite store
"""

from __future__ import annotations

# The stage packages are imported before the functions of the same name are defined below:
# importing a submodule later would rebind `newsgraph.analyze` to the package.
from . import analyze as _analysis
from .article import Article, DateMention, Entity, Mention, Origin, Page, Removed
from .errors import NewsgraphError
from .extract import extract
from .store import Store, open

__version__ = "0.1.0"
__all__ = ["Article", "DateMention", "Entity", "Mention", "NewsgraphError", "Origin", "Page", "Removed", "Store",
           "analyze", "analyze_text", "extract", "ingest", "open"]


def analyze(content_or_article: "Article | bytes | str", url: str | None = None, format: str | None = None) -> Article:
    """Extract (when given a page) and analyse one article."""
    article = content_or_article
    if not isinstance(article, Article):
        article = extract(content_or_article, url=url, format=format)
    return _analysis.analyze_article(article)


def analyze_text(text: str) -> Article:
    """Analyse text that is already clean; every offset is into `text` exactly as given."""
    return _analysis.analyze_text(text)


def ingest(paths, db="newsgraph.db", **options):
    """Ingest files, folders, WARC or JSONL into the store; see `newsgraph.pipeline.ingest`."""
    from .pipeline import ingest as _ingest

    return _ingest(list(paths) if not isinstance(paths, (str, bytes)) else [paths], db=db, **options)
