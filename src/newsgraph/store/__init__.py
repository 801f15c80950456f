"""The SQLite store: one file, WAL, numbered migrations, FTS5 over title and body.

`Store` is the library twin of the CLI's store commands:

    >>> store = Store("newsgraph.db")
    >>> store.search("Khamenei")[0]["title"]
"""

from __future__ import annotations

from pathlib import Path

from ..article import Article, Origin
from ..errors import NewsgraphError
from . import browse, read, write
from .db import DEFAULT_PATH, connect


class Store:
    def __init__(self, path: str | Path = DEFAULT_PATH, readonly: bool = False):
        self.path = Path(path)
        self.conn = connect(self.path, readonly=readonly)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing: each call is one transaction ----------------------------------------

    def transaction(self):
        return _Transaction(self.conn)

    def save(self, article: Article, sha1: str | None = None, run_id: int | None = None) -> None:
        """Store one article (and the item it came from), replacing any earlier version."""
        with self.transaction():
            write.upsert_article(self.conn, article)
            if sha1 is not None:
                write.record_item(self.conn, article.origin.key, sha1, article.id, run_id)

    def save_error(self, origin: Origin, error: NewsgraphError, run_id: int | None = None) -> None:
        with self.transaction():
            write.record_error(self.conn, origin.key, origin, error, run_id)

    # --- reading ----------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        return read.find_article(self.conn, article_id)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict]:
        return read.search(self.conn, query, limit=limit, offset=offset)

    def entities(self, type: str | None = None, q: str | None = None, top: int = 20) -> list[dict]:
        """Entities across articles (one per corpus key, e.g. person:ali-khamenei) by how many articles
        mention them; `q` keeps names containing the words."""
        return browse.entities(self.conn, type=type, q=q, top=top)

    def entity(self, key: str) -> dict | None:
        """One entity's profile: names, mentions per month, what they said and what was said about them,
        who they appear with, latest articles."""
        return browse.entity_profile(self.conn, key)

    def articles(self, q: str | None = None, source: str | None = None, since: str | None = None,
                 until: str | None = None, entity: str | None = None, speaker: str | None = None,
                 cursor: str | None = None, limit: int = 20) -> dict:
        """One page of articles ({"items", "next"}), newest first or best match first with `q`; pass
        `next` back as `cursor` for the following page."""
        where = browse.ArticleFilter(q=q, source=source, since=since, until=until, entity=entity, speaker=speaker)
        return browse.articles(self.conn, where, cursor=cursor, limit=limit)

    def attributions(self, speaker: str | None = None, about: str | None = None, kind: str | None = None,
                     polarity: str | None = None, q: str | None = None, article_id: str | None = None,
                     limit: int = 50, offset: int = 0) -> list[dict]:
        """Who said what: filter by speaker name, by an entity mentioned in the quote, kind, polarity or words;
        see `read.attributions`."""
        return read.attributions(self.conn, speaker=speaker, about=about, kind=kind, polarity=polarity, q=q,
                                 article_id=article_id, limit=limit, offset=offset)

    def speakers(self, top: int = 20, anonymous: bool = False, recent: int | None = None) -> list[dict]:
        """The most quoted speakers, with their entity type and how many attributions and articles; with
        `recent`, in the latest that many articles."""
        return read.speakers(self.conn, top=top, anonymous=anonymous, recent=recent)

    def stats(self) -> dict:
        return read.stats(self.conn)

    def errors(self, limit: int = 50) -> list[dict]:
        return read.errors(self.conn, limit=limit)

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "entities", "mentions", "items", "errors", "runs", "removed", "dates",
                         "attributions", "attribution_spans"):
            raise ValueError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (the connection runs in autocommit)."""

    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def open(path: str | Path = DEFAULT_PATH, readonly: bool = False) -> Store:  # noqa: A001 - mirrors sqlite3.connect
    return Store(path, readonly=readonly)
