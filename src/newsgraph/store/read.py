"""Reading the store: whole articles back as records, full-text search, entity and quote tables, figures."""

from __future__ import annotations

import json
import re
import sqlite3

from ..article import Article, Attribution, DateMention, Entity, Mention, Origin, Removed, Span
from .keys import entity_key


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
        attributions=_article_attributions(conn, article_id) if row["attributed"] else None,
    )


def _article_attributions(conn: sqlite3.Connection, article_id: str) -> list[Attribution]:
    spans: dict[str, list[Span]] = {}
    for s in conn.execute(
        "SELECT attribution_id, start, end, text FROM attribution_spans WHERE article_id = ? ORDER BY seq",
        (article_id,),
    ):
        spans.setdefault(s["attribution_id"], []).append(Span(s["start"], s["end"], s["text"]))

    def span(row: sqlite3.Row, prefix: str) -> Span | None:
        start = row[f"{prefix}_start"]
        return None if start is None else Span(start, row[f"{prefix}_end"], row[f"{prefix}_text"])

    return [
        Attribution(
            id=a["attribution_id"], kind=a["kind"], content=spans.get(a["attribution_id"], []), cue=span(a, "cue"),
            cue_lemma=a["cue_lemma"], source=span(a, "source"), speaker=a["speaker"], speaker_name=a["speaker_name"],
            anonymous=bool(a["anonymous"]), affiliation=a["affiliation"], role=a["role"], via=a["via"],
            via_entity=a["via_entity"], polarity=a["polarity"], confidence=a["confidence"],
        )
        for a in conn.execute("SELECT * FROM attributions WHERE article_id = ? ORDER BY id", (article_id,))
    ]


def find_article(conn: sqlite3.Connection, id_or_prefix: str) -> Article | None:
    """An article by its id, or by a unique prefix of at least 4 characters of it."""
    found = get_article(conn, id_or_prefix)
    if found is None and 4 <= len(id_or_prefix) < 16:
        full = resolve_id(conn, id_or_prefix)
        found = get_article(conn, full) if full else None
    return found


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


def match_expression(conn: sqlite3.Connection, query: str | None, table: str = "articles_fts") -> str | None:
    """`query` when it is valid FTS5 syntax, else its words quoted (free text like `U.S. "deal` is not);
    None when nothing searchable is left, which matches nothing."""
    if not query or "\x00" in query:
        query = _fts_query(query or "")
        return query or None
    try:
        conn.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (query,)).fetchall()
        return query
    except sqlite3.OperationalError:
        return _fts_query(query) or None


def search(conn: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0) -> list[dict]:
    """Full-text search over title and body, best first, with a highlighted snippet of the body."""
    match = match_expression(conn, query)
    if match is None:
        return []
    rows = conn.execute(
        """
        SELECT a.id, a.title, a.source, a.published, a.url,
               snippet(articles_fts, 1, '[', ']', ' … ', 24) AS snippet, bm25(articles_fts, 5.0, 1.0) AS rank
        FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
        WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?
        """,
        (match, limit, offset),
    ).fetchall()
    return [dict(row) for row in rows]


# Entities in at most this many articles in all have those articles looked up; in more, the
# articles are read in date order and theirs are met on the way (see `attributions`).
FEW_ARTICLES = 1000


def entity_articles_condition(conn: sqlite3.Connection, condition: str, values: list,
                              common: bool = True) -> str | None:
    """A condition on `articles a` for the articles of the entities that `condition` picks out of
    entity_totals (its parameters are `values`, which the caller passes with the query); None when
    it picks none. A rare entity's articles are looked up; a common one's are met while the articles
    are read newest first, which stops at the page's last row (pass common=False when the rows are
    not read in date order)."""
    keys = f"SELECT key FROM entity_totals WHERE {condition}"
    spread = conn.execute(f"SELECT SUM(articles) FROM entity_totals WHERE {condition}", values).fetchone()[0]
    if spread is None:
        return None
    if not common or spread <= FEW_ARTICLES:
        return f"a.id IN (SELECT article_id FROM entities WHERE key IN ({keys}))"
    return f"EXISTS (SELECT 1 FROM entities x WHERE x.key IN ({keys}) AND x.article_id = a.id)"


def entity_name_filter(name: str) -> tuple[str, list[str]]:
    """A condition on entity_totals for the entities whose name contains `name`, ignoring case, or whose
    key does, which spells the name without accents or punctuation too: "elysee" finds "Élysée"."""
    slug = entity_key(name, None).split(":", 1)[1]
    return ("(newsgraph_contains(name, ?) OR newsgraph_contains(substr(key, instr(key, ':') + 1), ?))",
            [name.casefold(), slug if slug != "-" else name.casefold()])


def attributions(conn: sqlite3.Connection, speaker: str | None = None, about: str | None = None,
                 kind: str | None = None, polarity: str | None = None, q: str | None = None,
                 article_id: str | None = None, speaker_key: str | None = None, about_key: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[dict]:
    """Attributions (quotes and reported speech) with their article and speaker entity, newest article first,
    or best match first with `q`.

    `speaker`: a case-insensitive substring of the attribution's speaker name or of its speaker entity's name.
    `about`: part of the name of an entity mentioned inside one of the content fragments (a mention in
    the text whose offsets lie within the fragment's), matched as `entity_name_filter` does. `q`:
    full-text search over the content (FTS5 syntax, or plain words). `kind`, `polarity`, `article_id`:
    equal to. `speaker_key`, `about_key`: the same two filters by corpus entity key
    (`person:ali-khamenei`) instead of by name.
    """
    where, params = [], []
    if speaker:
        where.append("(newsgraph_contains(t.speaker_name, ?) OR newsgraph_contains(e.name, ?))")
        params += [speaker.casefold()] * 2
    # The entities filtered on, as a subquery over entity_totals: by key, or every key whose name matches.
    entity_filters = []
    if about_key or about:
        entity_filters.append(("about", *(("key = ?", [about_key]) if about_key else entity_name_filter(about))))
    if speaker_key:
        entity_filters.append(("speaker", "key = ?", [speaker_key]))
    for role, condition, values in entity_filters:
        # Only the articles that have the entity, so that the filters below do not run for every attribution.
        articles_with = entity_articles_condition(conn, condition, values, common=not q)
        if articles_with is None:
            return []
        where.append(articles_with)
        params += values
        if role == "about":
            # CROSS JOIN keeps this order: the entity's own mentions, not every mention of the article.
            where.append(f"""EXISTS (
                SELECT 1 FROM entities me
                CROSS JOIN mentions m ON m.article_id = me.article_id AND m.entity_id = me.entity_id AND m.field = 'text'
                CROSS JOIN attribution_spans s ON s.article_id = m.article_id AND m.start >= s.start AND m.end <= s.end
                WHERE me.key IN (SELECT key FROM entity_totals WHERE {condition})
                  AND me.article_id = t.article_id AND s.attribution_id = t.attribution_id)""")
            params += values
    for column, value in (("t.kind", kind), ("t.polarity", polarity), ("t.article_id", article_id),
                          ("e.key", speaker_key)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    # Newest first: the articles are read in publication order (CROSS JOIN keeps them the outer loop)
    # and reading stops once the page is full, instead of sorting every attribution that matches.
    tables, order, match = "articles a CROSS JOIN attributions t ON t.article_id = a.id", "a.published DESC, a.id, t.id", ()
    if q:
        match = (match_expression(conn, q, "attributions_fts"),)
        if match[0] is None:
            return []
        tables = ("attributions t JOIN attributions_fts ON attributions_fts.rowid = t.id AND attributions_fts MATCH ?"
                  " JOIN articles a ON a.id = t.article_id")
        order = "attributions_fts.rank, t.id"
    sql = f"""
        SELECT a.id AS article_id, a.title, a.published, a.source, a.url,
               t.attribution_id, t.kind, t.content_text, t.content_spans, t.cue_start, t.cue_end, t.cue_text,
               t.cue_lemma, t.source_start, t.source_end, t.source_text, t.speaker, t.speaker_name, t.anonymous,
               t.affiliation, t.role, t.via, t.via_entity, t.polarity, t.confidence,
               e.name AS entity_name, e.type AS entity_type, e.country AS entity_country, e.key AS entity_key
        FROM {tables}
        LEFT JOIN entities e ON e.article_id = t.article_id AND e.entity_id = t.speaker
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY {order} LIMIT ? OFFSET ?
    """
    rows = conn.execute(sql, (*match, *params, limit, offset)).fetchall()
    found = []
    for row in rows:
        item = dict(row)
        item["content_spans"] = json.loads(item["content_spans"])
        item["anonymous"] = bool(item["anonymous"])
        found.append(item)
    return found


def speakers(conn: sqlite3.Connection, top: int = 20, anonymous: bool = False, recent: int | None = None) -> list[dict]:
    """The most quoted speakers by number of attributions, under the name the article gives them (the entity's
    canonical name, or an anonymous source's description, included only with `anonymous`); with `recent`,
    in the latest that many articles only (who is quoted now, and fast however large the corpus)."""
    scope = ("AND t.article_id IN (SELECT id FROM articles ORDER BY published DESC, id LIMIT ?)"
             if recent is not None else "")
    rows = conn.execute(
        f"""
        SELECT COALESCE(t.speaker_name, e.name) AS name, e.type, MAX(e.country) AS country, MAX(e.key) AS key,
               COUNT(*) AS attributions,
               COUNT(DISTINCT t.article_id) AS articles
        FROM attributions t LEFT JOIN entities e ON e.article_id = t.article_id AND e.entity_id = t.speaker
        WHERE COALESCE(t.speaker_name, e.name) IS NOT NULL {"" if anonymous else "AND NOT t.anonymous"} {scope}
        GROUP BY 1, e.type ORDER BY attributions DESC, articles DESC, name LIMIT ?
        """,
        (*([recent] if recent is not None else []), top),
    ).fetchall()
    return [dict(row) for row in rows]


def stats(conn: sqlite3.Connection) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "analysed": one("SELECT COUNT(*) FROM articles WHERE analysed"),
        "words": one("SELECT COALESCE(SUM(word_count), 0) FROM articles"),
        "sources": one("SELECT COUNT(DISTINCT source) FROM articles"),
        "entities": one("SELECT COUNT(*) FROM entity_totals"),  # as the entity pages count them
        "mentions": one("SELECT COUNT(*) FROM mentions"),
        "items": one("SELECT COUNT(*) FROM items"),
        "errors": {row[0]: row[1] for row in conn.execute("SELECT kind, COUNT(*) FROM errors GROUP BY kind ORDER BY 2 DESC")},
        "entity_types": {row[0]: row[1] for row in conn.execute(
            "SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY 2 DESC")},
        "published": {"first": one("SELECT MIN(published) FROM articles"), "last": one("SELECT MAX(published) FROM articles")},
        "runs": one("SELECT COUNT(*) FROM runs"),
        "attributions": one("SELECT COUNT(*) FROM attributions"),
        "attribution_kinds": {row[0]: row[1] for row in conn.execute(
            "SELECT kind, COUNT(*) FROM attributions GROUP BY kind ORDER BY 2 DESC")},
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
