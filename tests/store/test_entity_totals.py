"""entity_totals: the corpus-wide counts per entity key that triggers keep, checked against
grouping the entity rows themselves after every kind of write."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.article import Article, Entity, Mention, Origin, article_id
from newsgraph.store import Store
from newsgraph.store.db import connect

GROUPED = """SELECT key, COUNT(DISTINCT article_id) AS articles, SUM(mention_count) AS mentions
             FROM entities GROUP BY key ORDER BY key"""
TOTALS = "SELECT key, articles, mentions FROM entity_totals ORDER BY key"


def story(n: int, entities: list[tuple[str, str, int]], path: str | None = None) -> Article:
    article = Article.from_paragraphs([f"Story number {n} about the talks."], title=f"Story {n}",
                                      url=f"https://news.example/{n}", origin=Origin(path=path or f"{n}.html"))
    article.id = article_id(article.url, article.title, article.text)
    article.entities = [Entity(f"E{i + 1}", name, kind, [Mention(0, 5, name, kind)] * count, None)
                        for i, (name, kind, count) in enumerate(entities)]
    return article


def consistent(store: Store) -> bool:
    grouped = [tuple(r) for r in store.conn.execute(GROUPED)]
    return grouped == [tuple(r) for r in store.conn.execute(TOTALS)]


def test_counts_follow_saves_replacements_and_deletions(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(story(1, [("Ali Khamenei", "PERSON", 3), ("Iran", "GPE", 2)]), sha1="a")
        # two of one article's entities fold to the same key: the article counts once
        store.save(story(2, [("Ali Khamenei", "PERSON", 1), ("ALI KHAMENEI", "PERSON", 1)]), sha1="b")
        assert consistent(store)
        row = store.conn.execute("SELECT * FROM entity_totals WHERE key = 'person:ali-khamenei'").fetchone()
        assert (row["name"], row["articles"], row["mentions"]) == ("ALI KHAMENEI", 2, 5)
        store.save(story(1, [("Iran", "GPE", 4)]), sha1="c")  # re-ingested: Khamenei gone from story 1
        assert consistent(store)
        store.conn.execute("DELETE FROM articles WHERE id = ?", (story(2, []).id,))  # by cascade
        assert consistent(store)
        assert [r["key"] for r in store.entities()] == ["gpe:iran"]  # a key with no rows left goes


def test_the_entity_list_reads_the_totals_in_rank_order(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(story(1, [("Barack Obama", "PERSON", 1), ("Élysée", "ORG", 1)]))
        store.save(story(2, [("Barack Obama", "PERSON", 2), ("Iran", "GPE", 5)]))
        assert [(e["name"], e["articles"], e["mentions"]) for e in store.entities()] == [
            ("Barack Obama", 2, 3), ("Iran", 1, 5), ("Élysée", 1, 1)]
        assert [e["name"] for e in store.entities(type="gpe")] == ["Iran"]
        assert [e["name"] for e in store.entities(q="elysee")] == ["Élysée"]  # accents aside
        assert [e["name"] for e in store.entities(q="OBAMA")] == ["Barack Obama"]
        assert store.entities(q="--") == []


def test_migration_fills_the_totals_of_an_older_store(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.save(story(1, [("Iran", "GPE", 2)]))
        store.save(story(2, [("Iran", "GPE", 1), ("Tehran", "GPE", 1)]))
        store.conn.executescript("DROP TRIGGER entity_totals_add; DROP TRIGGER entity_totals_remove;"
                                 "DROP TABLE entity_totals; DROP INDEX articles_id_published; DROP INDEX articles_analysed_words;"
                                 "PRAGMA user_version = 3;")
    conn = connect(path)  # migrates to the latest version again
    assert [tuple(r) for r in conn.execute(TOTALS)] == [("gpe:iran", 2, 3), ("gpe:tehran", 1, 1)]
    conn.close()


NAMES = st.sampled_from([("Iran", "GPE"), ("IRAN", "GPE"), ("Barack Obama", "PERSON"), ("Obama", "PERSON"),
                         ("Wall Street Journal", "ORG")])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.lists(st.tuples(NAMES, st.integers(1, 3)), max_size=4)),
                min_size=1, max_size=12))
def test_any_sequence_of_saves_keeps_the_totals_exact(tmp_path_factory, saves):
    with Store(tmp_path_factory.mktemp("totals") / "s.db") as store:
        for n, entities in saves:
            store.save(story(n, [(name, kind, count) for (name, kind), count in entities]))
            assert consistent(store)
        victim = random.Random(len(saves)).choice([n for n, _ in saves])
        store.conn.execute("DELETE FROM articles WHERE id = ?", (story(victim, []).id,))
        assert consistent(store)
