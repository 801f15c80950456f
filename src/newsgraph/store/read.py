"""Reading the store: whole articles back as records, full-text search, entity tables, figures."""

from __future__ import annotations

import json
import re
import sqlite3

from ..article import Article, DateMention, Entity, Mention, Origin, Removed


def get_article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    mentions: dict[str, list[Mention]] = {}
    for m in conn.execute(
        "SELECT entity_id, field, start, end, text, label FROM mentions WHERE article_id = ? ORDER BY rowid",
        (article_id,),
    ):
        mentions.setdefault(m["entity_id"], []).append(Mention(m["start"], m["end"], m["text"], m["label"], m["field"]))
    entities = [
        Entity(e["entity_id"], e["name"], e["type"], mentions.get(e["entity_id"], []), e["country"])
        for e in conn.execute(
            "SELECT * FROM entities WHERE article_id = ? ORDER BY CAST(substr(entity_id, 2) AS INTEGER)", (article_id,)
        )
    ]
    dates = [
        DateMention(d["start"], d["end"], d["text"], d["value"])
        for d in conn.execute("SELECT * FROM dates WHERE article_id = ? ORDER BY rowid", (article_id,))
    ]
    removed = [
        Removed(r["text"], r["reason"])
        for r in conn.execute("SELECT text, reason FROM removed WHERE article_id = ? ORDER BY seq", (article_id,))
    ]
    return Article(
        id=row["id"], url=row["url"], source=row["source"], title=row["title"], authors=json.loads(row["authors"]),
        published=row["published"], language=row["language"], paragraphs=json.loads(row["paragraphs"]),
        text=row["text"], tags=json.loads(row["tags"]), removed=removed, method=row["method"] or "",
        warnings=json.loads(row["warnings"]), origin=Origin(**json.loads(row["origin"])),
        entities=entities if row["analysed"] else None, dates=dates if row["analysed"] else None,
    )


def resolve_id(conn: sqlite3.Connection, prefix: str) -> str | None:
    """An article id from a unique prefix of it, as git does for commits."""
    rows = conn.execute(
        "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "\uffff")
    ).fetchall()
    return rows[0]["id"] if len(rows) == 1 else None


_WORD = re.compile(r"\w+", re.UNICODE)


def _fts_query(query: str) -> str:
    """The user's words as quoted FTS5 terms, for queries that are not valid FTS syntax."""
    return " ".join(f'"{word}"' for word in _WORD.findall(query))


def search(conn: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0) -> list[dict]:
    """Full-text search over title and body, best first, with a highlighted snippet of the body."""
    sql = """
        SELECT a.id, a.title, a.source, a.published, a.url,
               snippet(articles_fts, 1, '[', ']', ' … ', 24) AS snippet, bm25(articles_fts, 5.0, 1.0) AS rank
        FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
        WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?
    """
    try:
        rows = conn.execute(sql, (query, limit, offset)).fetchall()
    except sqlite3.OperationalError:
        # Free text like `U.S. "deal` is not FTS5 syntax: search for its words instead.
        fallback = _fts_query(query)
        if not fallback:
            return []
        rows = conn.execute(sql, (fallback, limit, offset)).fetchall()
    return [dict(row) for row in rows]


def entities(conn: sqlite3.Connection, type: str | None = None, top: int = 20) -> list[dict]:
    """Entities across the corpus by the number of articles they appear in (names as resolved per article)."""
    where, params = ("WHERE type = ?", [type.upper()]) if type else ("", [])
    rows = conn.execute(
        f"""
        SELECT name, type, country, COUNT(DISTINCT article_id) AS articles, SUM(mention_count) AS mentions
        FROM entities {where} GROUP BY name, type ORDER BY articles DESC, mentions DESC, name LIMIT ?
        """,
        (*params, top),
    ).fetchall()
    return [dict(row) for row in rows]


def stats(conn: sqlite3.Connection) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "analysed": one("SELECT COUNT(*) FROM articles WHERE analysed"),
        "words": one("SELECT COALESCE(SUM(word_count), 0) FROM articles"),
        "sources": one("SELECT COUNT(DISTINCT source) FROM articles"),
        "entities": one("SELECT COUNT(*) FROM (SELECT DISTINCT name, type FROM entities)"),
        "mentions": one("SELECT COUNT(*) FROM mentions"),
        "items": one("SELECT COUNT(*) FROM items"),
        "errors": {row[0]: row[1] for row in conn.execute("SELECT kind, COUNT(*) FROM errors GROUP BY kind ORDER BY 2 DESC")},
        "entity_types": {row[0]: row[1] for row in conn.execute(
            "SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY 2 DESC")},
        "published": {"first": one("SELECT MIN(published) FROM articles"), "last": one("SELECT MAX(published) FROM articles")},
        "runs": one("SELECT COUNT(*) FROM runs"),
    }


def errors(conn: sqlite3.Connection, limit: int = 50) -> list[dict]:
    rows = conn.execute("SELECT origin_key, kind, message, at FROM errors ORDER BY at DESC LIMIT ?", (limit,))
    return [dict(row) for row in rows]


def known_items(conn: sqlite3.Connection, keys: list[str]) -> dict[str, str]:
    """origin_key -> sha1 for the given items already stored."""
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT origin_key, sha1 FROM items WHERE origin_key IN ({marks})", chunk):
            found[row[0]] = row[1]
    return found
