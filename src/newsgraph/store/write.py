"""Writing to the store: upserts keyed by article id, error rows keyed by item, run bookkeeping."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import datetime, timezone

from ..article import Article, Attribution, Origin, Span
from ..errors import NewsgraphError
from .keys import entity_key


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def upsert_article(conn: sqlite3.Connection, article: Article) -> None:
    """Insert or update one article and replace its child rows. Call inside a transaction."""
    stamp = now()
    conn.execute(
        """
        INSERT INTO articles (id, url, source, title, authors, published, language, text, paragraphs, tags,
                              method, warnings, origin, analysed, attributed, word_count, first_seen, updated)
        VALUES (:id, :url, :source, :title, :authors, :published, :language, :text, :paragraphs, :tags,
                :method, :warnings, :origin, :analysed, :attributed, :word_count, :stamp, :stamp)
        ON CONFLICT(id) DO UPDATE SET
            url = excluded.url, source = excluded.source, title = excluded.title, authors = excluded.authors,
            published = excluded.published, language = excluded.language, text = excluded.text,
            paragraphs = excluded.paragraphs, tags = excluded.tags, method = excluded.method,
            warnings = excluded.warnings, origin = excluded.origin, analysed = excluded.analysed,
            attributed = excluded.attributed,
            word_count = excluded.word_count, updated = excluded.updated
        """,
        {
            "id": article.id, "url": article.url, "source": article.source, "title": article.title,
            "authors": _json(article.authors), "published": article.published, "language": article.language,
            "text": article.text, "paragraphs": _json(article.paragraphs), "tags": _json(article.tags),
            "method": article.method, "warnings": _json(article.warnings), "origin": _json(asdict(article.origin)),
            "analysed": int(article.analysed), "attributed": int(article.attributions is not None),
            "word_count": len(article.text.split()), "stamp": stamp,
        },
    )
    # Attributions first: they point at entities (their spans go with them by cascade).
    for table in ("attributions", "mentions", "entities", "dates", "removed"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
    conn.executemany(
        "INSERT INTO removed (article_id, seq, text, reason) VALUES (?, ?, ?, ?)",
        [(article.id, i, r.text, r.reason) for i, r in enumerate(article.removed)],
    )
    for entity in article.entities or []:
        conn.execute(
            "INSERT INTO entities (article_id, entity_id, name, type, country, mention_count, key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article.id, entity.id, entity.name, entity.type, entity.country, len(entity.mentions),
             entity_key(entity.name, entity.type)),
        )
        conn.executemany(
            "INSERT INTO mentions (article_id, entity_id, field, start, end, text, label) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article.id, entity.id, m.field, m.start, m.end, m.text, m.label) for m in entity.mentions],
        )
    conn.executemany(
        "INSERT INTO dates (article_id, start, end, text, value) VALUES (?, ?, ?, ?, ?)",
        [(article.id, d.start, d.end, d.text, d.value) for d in article.dates or []],
    )
    for a in article.attributions or []:
        _insert_attribution(conn, article.id, a)


def _insert_attribution(conn: sqlite3.Connection, article_id: str, a: Attribution) -> None:
    conn.execute(
        """
        INSERT INTO attributions (article_id, attribution_id, kind, content_text, content_spans,
            cue_start, cue_end, cue_text, cue_lemma, source_start, source_end, source_text, speaker, speaker_name,
            anonymous, affiliation, role, via, via_entity, polarity, confidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (article_id, a.id, a.kind, a.text, _json([[s.start, s.end] for s in a.content]),
         *_span(a.cue), a.cue_lemma, *_span(a.source), a.speaker, a.speaker_name,
         int(a.anonymous), a.affiliation, a.role, a.via, a.via_entity, a.polarity, a.confidence),
    )
    conn.executemany(
        "INSERT INTO attribution_spans (article_id, attribution_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, a.id, i, s.start, s.end, s.text) for i, s in enumerate(a.content)],
    )


def _span(span: Span | None) -> tuple:
    return (span.start, span.end, span.text) if span else (None, None, None)


def record_item(conn: sqlite3.Connection, key: str, sha1: str, article_id: str | None, run_id: int | None) -> None:
    """Note what an item became. An edited item whose article got a new id replaces the old article
    (unless another item still points at it), so re-ingesting updates and never duplicates."""
    previous = conn.execute("SELECT article_id FROM items WHERE origin_key = ?", (key,)).fetchone()
    conn.execute(
        """
        INSERT INTO items (origin_key, article_id, sha1, run_id, ingested) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(origin_key) DO UPDATE SET article_id = excluded.article_id, sha1 = excluded.sha1,
            run_id = excluded.run_id, ingested = excluded.ingested
        """,
        (key, article_id, sha1, run_id, now()),
    )
    conn.execute("DELETE FROM errors WHERE origin_key = ?", (key,))
    if previous and previous[0] and previous[0] != article_id:
        conn.execute(
            "DELETE FROM articles WHERE id = ? AND NOT EXISTS (SELECT 1 FROM items WHERE article_id = ?)",
            (previous[0], previous[0]),
        )


def record_error(conn: sqlite3.Connection, key: str, origin: Origin, error: NewsgraphError, run_id: int | None) -> None:
    conn.execute(
        """
        INSERT INTO errors (origin_key, origin, kind, message, run_id, at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(origin_key) DO UPDATE SET origin = excluded.origin, kind = excluded.kind,
            message = excluded.message, run_id = excluded.run_id, at = excluded.at
        """,
        (key, _json(asdict(origin)), error.kind, str(error.args[0]) if error.args else error.kind, run_id, now()),
    )


def start_run(conn: sqlite3.Connection, command: dict) -> int:
    cursor = conn.execute("INSERT INTO runs (started, command) VALUES (?, ?)", (now(), _json(command)))
    return int(cursor.lastrowid)


def finish_run(conn: sqlite3.Connection, run_id: int, stored: int, unchanged: int, failed: int) -> None:
    conn.execute(
        "UPDATE runs SET finished = ?, stored = ?, unchanged = ?, failed = ? WHERE id = ?",
        (now(), stored, unchanged, failed, run_id),
    )
