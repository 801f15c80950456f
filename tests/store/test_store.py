"""The SQLite store: schema, upserts, round trips, full-text search."""

from __future__ import annotations

import sqlite3

from newsgraph.article import Article, DateMention, Entity, Mention, Origin, Removed, article_id
from newsgraph.errors import BinaryInput
from newsgraph.store import Store
from newsgraph.store.db import connect, migrations


def analysed_article(title="Ministers meet in Oslo", body=("Norway hosted the talks on Monday.", "Talks ended late.")):
    article = Article.from_paragraphs(list(body), title=title, url="https://news.example/oslo", source="news.example",
                                      authors=["Jane Doe"], published="2025-03-04", tags=["Norway"],
                                      removed=[Removed("Share this article", "share-prompt")], method="test",
                                      origin=Origin(path="oslo.html"))
    article.id = article_id(article.url, article.title, article.text)
    article.entities = [Entity("E1", "Norway", "GPE", [Mention(0, 6, "Norway", "GPE"),
                                                       Mention(28, 32, "Oslo", "GPE", field="title")], "NOR")]
    article.dates = [DateMention(29, 35, "Monday", "2025-03-03")]
    return article


def test_schema_is_at_the_latest_migration_and_reopening_is_harmless(tmp_path):
    path = tmp_path / "s.db"
    connect(path).close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"articles", "entities", "mentions", "dates", "removed", "errors", "runs", "items", "articles_fts"} <= tables


def test_round_trip_keeps_the_whole_record(tmp_path):
    article = analysed_article()
    with Store(tmp_path / "s.db") as store:
        store.save(article, sha1="abc", run_id=None)
        assert store.get(article.id).to_dict() == article.to_dict()
        assert store.get(article.id[:6]).id == article.id  # a unique prefix is enough


def test_saving_again_updates_and_never_duplicates(tmp_path):
    article = analysed_article()
    with Store(tmp_path / "s.db") as store:
        store.save(article, sha1="abc")
        article.title = "Ministers meet again in Oslo"
        article.entities = article.entities[:0]
        store.save(article, sha1="def")
        assert store.count("articles") == 1 and store.count("items") == 1
        assert store.count("entities") == 0 and store.count("mentions") == 0
        assert [h["title"] for h in store.search("again")] == ["Ministers meet again in Oslo"]
        assert store.search("Ministers")[0]["id"] == article.id
        assert len(store.search("Ministers")) == 1  # the old FTS row is gone


def test_search_snippets_and_free_text_that_is_not_fts_syntax(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(analysed_article())
        (hit,) = store.search("hosted")
        assert "[hosted]" in hit["snippet"]
        assert store.search('Norway "talks') and store.search("U.S. -") == []
        assert store.search("hosting")  # porter stemming


def test_errors_are_keyed_by_item_and_cleared_by_a_later_success(tmp_path):
    origin = Origin(path="bad.html")
    with Store(tmp_path / "s.db") as store:
        store.save_error(origin, BinaryInput("looks like binary data"))
        store.save_error(origin, BinaryInput("looks like binary data"))
        assert store.count("errors") == 1 and store.errors()[0]["kind"] == "binary"
        article = analysed_article()
        article.origin = origin
        store.save(article, sha1="abc")
        assert store.count("errors") == 0


def test_foreign_keys_cascade_when_an_article_is_deleted(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = analysed_article()
        store.save(article, sha1="abc")
        store.conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        assert store.count("entities") == store.count("mentions") == store.count("removed") == 0
        assert store.search("Norway") == []


def test_readonly_store_refuses_writes(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    with Store(path, readonly=True) as store:
        try:
            store.conn.execute("DELETE FROM articles")
        except sqlite3.OperationalError as exc:
            assert "readonly" in str(exc)
        else:
            raise AssertionError("a read-only store accepted a write")
