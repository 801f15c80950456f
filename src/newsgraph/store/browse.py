"""Browsing the store: filtered article lists with cursors and facets, corpus entities and entity profiles.

The HTTP API and the web UI read through these functions; each takes a connection and plain values
and returns plain dicts, so the CLI or a notebook can use them the same way.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass

from .read import attributions, entity_articles_condition, entity_name_filter, match_expression


class InvalidCursor(ValueError):
    """A pagination cursor that this store did not hand out."""


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles: full-text words, site, publication dates (inclusive, YYYY-MM-DD or a prefix of it),
    an entity by key, a speaker by entity key (`person:ali-khamenei`) or by part of the name."""

    q: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    speaker: str | None = None

    def sql(self, conn: sqlite3.Connection) -> tuple[str, str, list, str | None] | None:
        """(joins, where, params, match) over `articles a`, `match` being the FTS5 expression searched for
        (the first parameter) or None; None when nothing can match (words or an entity no article has)."""
        joins, where, params, match = "", [], [], None
        if self.q:
            match = match_expression(conn, self.q)
            if match is None:
                return None
            joins = "JOIN articles_fts ON articles_fts.rowid = a.rowid AND articles_fts MATCH ?"
            params.append(match)
        if self.source:
            where.append("a.source = ?")
            params.append(self.source)
        if self.since:
            where.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            # Inclusive: "2025-03" keeps every article published in March 2025.
            where.append("substr(a.published, 1, ?) <= ?")
            params += [len(self.until), self.until]
        if self.entity:
            articles_with = entity_articles_condition(conn, "key = ?", [self.entity], common=not self.q)
            if articles_with is None:
                return None  # no article has it
            where.append(articles_with)
            params.append(self.entity)
        if self.speaker:
            if ":" in self.speaker:
                where.append("""EXISTS (SELECT 1 FROM entities e JOIN attributions t
                    ON t.article_id = e.article_id AND t.speaker = e.entity_id
                    WHERE e.key = ? AND e.article_id = a.id)""")
                params.append(self.speaker)
            else:
                where.append("""EXISTS (SELECT 1 FROM attributions t
                    WHERE t.article_id = a.id AND newsgraph_contains(t.speaker_name, ?))""")
                params.append(self.speaker.casefold())
        return joins, ("WHERE " + " AND ".join(where)) if where else "", params, match


def _encode(position: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(cursor: str) -> dict:
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidCursor(f"not a cursor: {cursor[:40]!r}") from None
    if not isinstance(position, dict):
        raise InvalidCursor(f"not a cursor: {cursor[:40]!r}")
    return position


def articles(conn: sqlite3.Connection, where: ArticleFilter = ArticleFilter(), cursor: str | None = None,
             limit: int = 20) -> dict:
    """One page of matching articles and the cursor of the next page (None on the last). Each item has a
    `snippet` (the passage that matched, or the body's start) and the `highlights` of the words matched in it.

    Newest first by publication date (undated last), or best match first when searching. Pages follow
    the last row seen rather than an offset, so a page stays put while new articles arrive.
    """
    position = _decode(cursor) if cursor else {}
    built = where.sql(conn)
    if built is None:
        return {"items": [], "next": None}
    joins, condition, params, match = built
    # First the page's rows, ordered, with nothing costly computed: SQLite works out every column of
    # every candidate row before it sorts, so snippets and counts come in a second query for the page.
    if where.q:
        offset = position.get("offset", 0)
        if not isinstance(offset, int) or offset < 0:
            raise InvalidCursor("not a cursor this server gave (bad offset)")
        order, page_params = "bm25(articles_fts, 5.0, 1.0), a.id LIMIT ? OFFSET ?", [limit + 1, offset]
    else:
        published, last_id = position.get("published", None), position.get("id", None)
        if cursor and not (isinstance(published, str) and isinstance(last_id, str)):
            raise InvalidCursor("not a cursor this server gave (bad position)")
        if cursor:
            keyset = "(COALESCE(a.published, '') < ? OR (COALESCE(a.published, '') = ? AND a.id > ?))"
            condition = f"{condition} AND {keyset}" if condition else f"WHERE {keyset}"
            params += [published, published, last_id]
        # undated articles sort last either way; the bare column lets the published index give the order
        order, page_params = "a.published DESC, a.id LIMIT ?", [limit + 1]
    page = [row[0] for row in conn.execute(
        f"SELECT a.rowid FROM articles a {joins} {condition} ORDER BY {order}", (*params, *page_params))]
    items = _summaries(conn, page[:limit], match)
    following = None
    if len(page) > limit:
        last = items[-1]
        following = _encode({"offset": position.get("offset", 0) + limit} if where.q
                            else {"published": last["published"] or "", "id": last["id"]})
    return {"items": items, "next": following}


def _summaries(conn: sqlite3.Connection, rowids: list[int], match: str | None) -> list[dict]:
    """The listing rows for these articles, in this order; with a search, the passage that matched."""
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    if match:
        snippets = dict(conn.execute(
            f"""SELECT rowid, snippet(articles_fts, 1, char(2), char(3), ' … ', 24) FROM articles_fts
                WHERE articles_fts MATCH ? AND rowid IN ({marks})""", (match, *rowids)).fetchall())
    rows = {row["rowid"]: row for row in conn.execute(
        f"""SELECT a.rowid, a.id, a.title, a.source, a.published, a.url, a.authors, a.word_count,
                   substr(a.text, 1, ?) AS snippet,
                   (SELECT COUNT(*) FROM attributions t WHERE t.article_id = a.id) AS attributions
            FROM articles a WHERE a.rowid IN ({marks})""", (LEAD + 1, *rowids))}
    items = []
    for rowid in rowids:
        item = _article_row(rows[rowid])
        del item["rowid"]
        marked = (match and snippets.get(rowid)) or _lead(item["snippet"])
        item["snippet"], item["highlights"] = split_snippet(marked)
        items.append(item)
    return items


LEAD = 280  # characters of the body shown in a listing
# FTS5 marks the matched words with these (control characters, which no stored text keeps).
HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"


def split_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A marked snippet as plain text and the [start, end) of each highlighted stretch."""
    plain, highlights, start = [], [], None
    for ch in snippet:
        if ch == HIGHLIGHT_START:
            start = len(plain)
        elif ch == HIGHLIGHT_END:
            if start is not None and len(plain) > start:
                highlights.append((start, len(plain)))
            start = None
        else:
            plain.append(ch)
    return "".join(plain), highlights


def _lead(text: str) -> str:
    """The start of a body for a listing, cut at a word and marked as cut."""
    if len(text) <= LEAD:
        return text
    cut = text[:LEAD].rsplit(None, 1)[0] if " " in text[:LEAD] else text[:LEAD]
    return cut.rstrip(",;:—-") + " …"


def _article_row(row: sqlite3.Row) -> dict:
    item = dict(row)
    item["authors"] = json.loads(item["authors"])
    return item


# Counting entities means reading every entity row of every matching article (tens of thousands for
# a common word), so that facet counts the best (or newest) matches only; sites and months count all.
ENTITY_FACET_SCOPE = 200


def facets(conn: sqlite3.Connection, where: ArticleFilter = ArticleFilter(), top: int = 10,
           entity_scope: int = ENTITY_FACET_SCOPE) -> dict:
    """How the matching articles split by site, by month of publication and by entity (the entity
    counts are over the first `entity_scope` articles in listing order); `matches` is how many match."""
    built = where.sql(conn)
    if built is None:
        return {"source": [], "entity": [], "month": [], "matches": 0, "entity_scope": 0}
    joins, condition, params, _ = built
    # One pass over the matches, in listing order, gives every count but the entities'.
    order = "bm25(articles_fts, 5.0, 1.0)" if where.q else "a.published DESC"
    matches = conn.execute(f"SELECT a.id, a.source, substr(a.published, 1, 7) FROM articles a {joins} {condition} "
                           f"ORDER BY {order}, a.id", params).fetchall()
    sources = Counter(source for _, source, _ in matches if source)
    months = Counter(month for _, _, month in matches if month)
    first = [article_id for article_id, _, _ in matches[:entity_scope]]
    entities = conn.execute(
        f"""SELECT key, MIN(name) AS name, type, COUNT(DISTINCT article_id) AS count FROM entities
            WHERE article_id IN ({",".join("?" * len(first))})
            GROUP BY key ORDER BY count DESC, SUM(mention_count) DESC, key LIMIT ?""", (*first, top)).fetchall()
    return {"source": [{"value": v, "count": n} for v, n in sorted(sources.items(), key=lambda i: (-i[1], i[0]))[:top]],
            "entity": [dict(r) for r in entities],
            "month": [{"value": v, "count": n} for v, n in sorted(months.items(), reverse=True)[:top]],
            "matches": len(matches), "entity_scope": len(first)}


def entities(conn: sqlite3.Connection, type: str | None = None, q: str | None = None, top: int = 50) -> list[dict]:
    """Entities across the corpus, one per key, by the number of articles they appear in; `q` keeps those
    whose name contains the words, `type` one entity type."""
    where, params = [], []
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if q:
        condition, values = entity_name_filter(q)
        where.append(condition)
        params += values
    rows = conn.execute(
        f"""SELECT key, name, type, country, articles, mentions
            FROM entity_totals {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY articles DESC, mentions DESC, key LIMIT ?""",
        (*params, top),
    ).fetchall()
    return [dict(row) for row in rows]


def entity_keys(conn: sqlite3.Connection, article_id: str) -> dict[str, str]:
    """Article-local entity id (E3) -> corpus key, for linking an article's mentions to entity pages."""
    rows = conn.execute("SELECT entity_id, key FROM entities WHERE article_id = ?", (article_id,))
    return {row["entity_id"]: row["key"] for row in rows}


def entity_profile(conn: sqlite3.Connection, key: str, top: int = 20) -> dict | None:
    """Everything about one entity: names, counts, mentions per month, what they said, what others said
    about them, who they appear with and the latest articles; None when no article has it."""
    summary = conn.execute(
        "SELECT key, name, type, country, articles, mentions FROM entity_totals WHERE key = ?", (key,)).fetchone()
    if summary is None:
        return None
    profile = dict(summary)
    # Names and companions come from the entity's latest articles, as the search facets do: over every
    # article, a name in the news for years would take seconds to profile.
    latest = conn.execute(
        f"""SELECT a.rowid, a.id FROM articles a WHERE {entity_articles_condition(conn, "key = ?", [key])}
            ORDER BY a.published DESC, a.id LIMIT ?""", (key, ENTITY_FACET_SCOPE)).fetchall()
    recent = [row[1] for row in latest]
    profile["scope"] = len(recent)
    in_recent = ",".join("?" * len(recent))
    profile["names"] = [row[0] for row in conn.execute(
        f"""SELECT m.text FROM entities e JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id
           WHERE e.key = ? AND e.article_id IN ({in_recent}) GROUP BY m.text ORDER BY COUNT(*) DESC, m.text LIMIT 10""",
        (key, *recent))]
    profile["timeline"] = [dict(row) for row in conn.execute(
        """SELECT substr(a.published, 1, 7) AS period, COUNT(*) AS articles, SUM(e.mention_count) AS mentions
           FROM entities e JOIN articles a ON a.id = e.article_id
           WHERE e.key = ? AND a.published IS NOT NULL GROUP BY period ORDER BY period""", (key,))]
    profile["undated_articles"] = conn.execute(
        """SELECT COUNT(*) FROM entities e JOIN articles a ON a.id = e.article_id
           WHERE e.key = ? AND a.published IS NULL""", (key,)).fetchone()[0]
    profile["said"] = attributions(conn, speaker_key=key, limit=top)
    profile["said_about"] = attributions(conn, about_key=key, limit=top)
    profile["appears_with"] = [dict(row) for row in conn.execute(
        f"""SELECT other.key, MIN(other.name) AS name, other.type, COUNT(DISTINCT other.article_id) AS articles
           FROM entities other WHERE other.article_id IN ({in_recent}) AND other.key != ?
           GROUP BY other.key ORDER BY articles DESC, SUM(other.mention_count) DESC, other.key
           LIMIT ?""", (*recent, key, top))]
    profile["latest"] = _summaries(conn, [row[0] for row in latest[:top]], None)
    return profile
