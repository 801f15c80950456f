"""Attributions in the store: writing, replacing, every query filter, migration from v1, round trips."""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph.article import Article, Attribution, Entity, Mention, Origin, Span, article_id
from newsgraph.store import Store
from newsgraph.store.db import _statements, migrations


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def span(text: str, phrase: str, nth: int = 0) -> Span:
    return Span(*at(text, phrase, nth), phrase)


def entity(text: str, id: str, name: str, type: str, phrases: list[tuple[str, int]], country=None) -> Entity:
    return Entity(id, name, type, [Mention(*at(text, p, n), p, type) for p, n in phrases], country)


def rouhani_article() -> Article:
    title = "Officials in Tehran say no message went to Khamenei"
    article = Article.from_paragraphs([
        'Iran denied the report on Monday. "We have not sent any letter," said Hassan Rouhani, the president of Iran.',
        "An unnamed diplomat said the United States was still waiting for a reply from Tehran.",
        '"Nobody in Washington believes it," Rouhani told IRNA, "and nor do we."',
    ], title=title, url="https://news.example/rouhani", source="news.example", published="2025-03-04",
        method="test", origin=Origin(path="rouhani.html"))
    article.id = article_id(article.url, article.title, article.text)
    text = article.text
    article.entities = [
        entity(text, "E1", "Iran", "GPE", [("Iran", 0), ("Iran", 1)], "IRN"),
        entity(text, "E2", "Hassan Rouhani", "PERSON", [("Hassan Rouhani", 0), ("Rouhani", 1)]),
        entity(text, "E3", "United States", "GPE", [("United States", 0)], "USA"),
        entity(text, "E4", "Washington", "GPE", [("Washington", 0)], "USA"),
        entity(text, "E5", "IRNA", "ORG", [("IRNA", 0)], "IRN"),
        entity(text, "E6", "Tehran", "GPE", [("Tehran", 0)], "IRN"),
        # Only in the headline; its title offsets happen to fall inside A1's content offsets in the text.
        Entity("E7", "Ali Khamenei", "PERSON", [Mention(*at(title, "Khamenei"), "Khamenei", "PERSON", field="title")]),
    ]
    article.dates = []
    article.attributions = [
        Attribution("A1", "direct", [span(text, "We have not sent any letter,")], cue=span(text, "said"),
                    cue_lemma="say", source=span(text, "Hassan Rouhani"), speaker="E2", speaker_name="Hassan Rouhani",
                    role="the president of Iran", polarity="denies", confidence=0.9),
        Attribution("A2", "indirect", [span(text, "the United States was still waiting for a reply from Tehran")],
                    cue=span(text, "said", 1), cue_lemma="say", source=span(text, "An unnamed diplomat"),
                    speaker_name="an unnamed diplomat", anonymous=True, confidence=0.7),
        Attribution("A3", "direct", [span(text, "Nobody in Washington believes it,"), span(text, "and nor do we.")],
                    cue=span(text, "told"), cue_lemma="tell", source=span(text, "Rouhani", 1), speaker="E2",
                    speaker_name="Hassan Rouhani", via="IRNA", via_entity="E5"),
    ]
    return article


def fischer_article() -> Article:
    text = 'Lena Fischer confirmed that Norway would host the talks. "Oslo is ready," she said.'
    article = Article.from_paragraphs([text], title="Norway to host talks", url="https://other.example/oslo",
                                      source="other.example", published="2025-03-05", method="test")
    article.id = article_id(article.url, article.title, article.text)
    article.entities = [
        entity(text, "E1", "Lena Fischer", "PERSON", [("Lena Fischer", 0)]),
        entity(text, "E2", "Norway", "GPE", [("Norway", 0)], "NOR"),
        entity(text, "E3", "Oslo", "GPE", [("Oslo", 0)], "NOR"),
    ]
    article.dates = []
    article.attributions = [
        Attribution("A1", "indirect", [span(text, "Norway would host the talks")], cue=span(text, "confirmed"),
                    cue_lemma="confirm", source=span(text, "Lena Fischer"), speaker="E1", speaker_name="Lena Fischer",
                    polarity="confirms"),
        Attribution("A2", "direct", [span(text, "Oslo is ready,")], cue=span(text, "said"), cue_lemma="say",
                    source=span(text, "she"), speaker="E1", speaker_name="Lena Fischer"),
    ]
    return article


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(rouhani_article(), sha1="r")
        store.save(fischer_article(), sha1="f")
        yield store


def ids(rows) -> list[tuple[str, str]]:
    return [(row["title"].split()[0], row["attribution_id"]) for row in rows]


def test_the_hand_built_spans_are_what_they_claim():
    for article in (rouhani_article(), fischer_article()):
        for a in article.attributions:
            for s in [*a.content, a.cue, a.source]:
                assert article.text[s.start:s.end] == s.text


def test_upsert_stores_every_attribution_and_fragment(store):
    assert store.count("attributions") == 5 and store.count("attribution_spans") == 6
    row = store.conn.execute("SELECT * FROM attributions WHERE attribution_id = 'A3' AND speaker = 'E2'").fetchone()
    assert row["content_text"] == "Nobody in Washington believes it, … and nor do we."
    text = rouhani_article().text
    assert row["content_spans"] == "[[%d, %d], [%d, %d]]" % (*at(text, "Nobody in Washington believes it,"),
                                                             *at(text, "and nor do we."))
    assert (row["cue_text"], row["cue_lemma"], row["source_text"], row["via"], row["via_entity"]) == (
        "told", "tell", "Rouhani", "IRNA", "E5")


def test_saving_again_replaces_and_never_duplicates(store):
    article = rouhani_article()
    store.save(article, sha1="r")
    store.save(article, sha1="r")
    assert store.count("attributions") == 5 and store.count("attribution_spans") == 6
    article.attributions = article.attributions[1:]
    store.save(article, sha1="r2")
    assert [r["attribution_id"] for r in store.attributions(article_id=article.id)] == ["A2", "A3"]
    assert store.attributions(q="letter") == []  # the FTS row went with it
    article.attributions = None
    store.save(article, sha1="r3")
    assert store.attributions(article_id=article.id) == [] and store.count("attribution_spans") == 2
    assert store.get(article.id).attributions is None


def test_round_trip_keeps_the_attributions(store):
    for article in (rouhani_article(), fischer_article()):
        back = store.get(article.id)
        assert back.to_dict() == article.to_dict()
        assert Article.from_dict(back.to_dict()) == article


def test_none_and_empty_attributions_come_back_as_they_went_in(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = rouhani_article()
        article.attributions = []
        store.save(article)
        assert store.get(article.id).attributions == []
        article.attributions = None
        store.save(article)
        assert store.get(article.id).attributions is None
        assert store.get(article.id).entities == article.entities


def test_rows_carry_the_article_and_the_speaker_entity(store):
    (row,) = store.attributions(polarity="denies")
    assert row["article_id"] == rouhani_article().id and row["published"] == "2025-03-04"
    assert row["source"] == "news.example" and row["title"].startswith("Officials in Tehran")
    assert (row["entity_name"], row["entity_type"], row["entity_country"]) == ("Hassan Rouhani", "PERSON", None)
    assert row["content_text"] == "We have not sent any letter," and row["role"] == "the president of Iran"
    assert row["content_spans"] == [list(at(rouhani_article().text, "We have not sent any letter,"))]
    assert row["anonymous"] is False and row["confidence"] == 0.9
    (anonymous,) = store.attributions(speaker="unnamed")
    assert anonymous["anonymous"] is True and anonymous["entity_name"] is None and anonymous["speaker"] is None


def test_newest_article_first_then_in_article_order(store):
    assert ids(store.attributions()) == [("Norway", "A1"), ("Norway", "A2"), ("Officials", "A1"),
                                         ("Officials", "A2"), ("Officials", "A3")]
    assert ids(store.attributions(limit=2, offset=2)) == [("Officials", "A1"), ("Officials", "A2")]


def test_filter_by_speaker_name_or_entity_any_case(store):
    assert ids(store.attributions(speaker="ROUHANI")) == [("Officials", "A1"), ("Officials", "A3")]
    assert ids(store.attributions(speaker="fischer")) == [("Norway", "A1"), ("Norway", "A2")]
    assert ids(store.attributions(speaker="Unnamed Diplomat")) == [("Officials", "A2")]
    assert store.attributions(speaker="Obama") == []
    assert store.attributions(speaker="%") == [] and store.attributions(speaker="_") == []  # not LIKE patterns


def test_speaker_matches_the_entity_name_when_the_speaker_name_differs(tmp_path):
    article = rouhani_article()
    article.attributions[0].speaker_name = "the president"
    with Store(tmp_path / "s.db") as store:
        store.save(article)
        assert [r["attribution_id"] for r in store.attributions(speaker="hassan")] == ["A1", "A3"]


def test_speaker_case_folding_is_not_only_for_ascii(tmp_path):
    article = fischer_article()
    article.entities[0].name = "Lena Özdemir"
    article.attributions[0].speaker_name = article.attributions[1].speaker_name = "ÉMILE ZOLA"
    with Store(tmp_path / "s.db") as store:
        store.save(article)
        assert len(store.attributions(speaker="ÖZDEMIR")) == 2  # SQLite's LIKE would miss these
        assert len(store.attributions(speaker="émile")) == 2


def test_filter_by_kind_polarity_and_article(store):
    assert ids(store.attributions(kind="direct")) == [("Norway", "A2"), ("Officials", "A1"), ("Officials", "A3")]
    assert ids(store.attributions(kind="indirect")) == [("Norway", "A1"), ("Officials", "A2")]
    assert store.attributions(kind="mixed") == []
    assert ids(store.attributions(polarity="confirms")) == [("Norway", "A1")]
    assert ids(store.attributions(polarity="asserts", kind="direct")) == [("Norway", "A2"), ("Officials", "A3")]
    assert ids(store.attributions(article_id=fischer_article().id)) == [("Norway", "A1"), ("Norway", "A2")]


def test_about_is_an_entity_mentioned_inside_the_quoted_content(store):
    assert ids(store.attributions(about="washington")) == [("Officials", "A3")]  # in the first of two fragments
    assert ids(store.attributions(about="United")) == [("Officials", "A2")]
    assert ids(store.attributions(about="tehran")) == [("Officials", "A2")]
    assert ids(store.attributions(about="oslo")) == [("Norway", "A2")]
    assert ids(store.attributions(about="norway")) == [("Norway", "A1")]
    # Named in the article, but only outside the quotes: in the cue's sentence, the source, the role.
    assert store.attributions(about="Iran") == [] and store.attributions(about="Rouhani") == []
    assert store.attributions(about="IRNA") == [] and store.attributions(about="Fischer") == []
    # A headline mention is never inside a quote, whatever its offsets.
    assert store.attributions(about="Khamenei") == []
    assert ids(store.attributions(about="washington", speaker="rouhani", kind="direct")) == [("Officials", "A3")]
    assert store.attributions(about="washington", speaker="fischer") == []


def test_full_text_search_over_the_content(store):
    assert ids(store.attributions(q="letter")) == [("Officials", "A1")]
    assert ids(store.attributions(q="wait")) == [("Officials", "A2")]  # porter stemming
    assert ids(store.attributions(q="ready OR letter", speaker="fischer")) == [("Norway", "A2")]
    assert store.attributions(q="Rouhani") == []  # the speaker's name is not in what was said
    assert ids(store.attributions(q='Oslo "ready')) == [("Norway", "A2")]  # not FTS syntax: its words
    assert store.attributions(q="U.S. -") == []


def test_stats_count_attributions_by_kind(store):
    stats = store.stats()
    assert stats["attributions"] == 5 and stats["attribution_kinds"] == {"direct": 3, "indirect": 2}


def test_speakers_are_ranked_by_attributions(store):
    store.save(_third_fischer_article())
    top = store.speakers(top=10)
    assert [(s["name"], s["type"], s["attributions"], s["articles"]) for s in top] == [
        ("Lena Fischer", "PERSON", 3, 2), ("Hassan Rouhani", "PERSON", 2, 1)]
    assert len(store.speakers(top=1)) == 1
    assert "an unnamed diplomat" in [s["name"] for s in store.speakers(anonymous=True)]


def _third_fischer_article() -> Article:
    article = fischer_article()
    article.url, article.title = "https://other.example/later", "Fischer again"
    article.id = article_id(article.url, article.title, article.text)
    article.attributions = article.attributions[1:]
    return article


def test_a_speaker_must_be_an_entity_of_the_article(tmp_path):
    article = rouhani_article()
    article.attributions[0].speaker = "E99"
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.save(article)
        assert store.count("articles") == 0 and store.count("attributions") == 0  # the whole save rolled back


def test_deleting_an_article_deletes_its_attributions(store):
    article = rouhani_article()
    store.conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
    assert store.count("attributions") == 2 and store.count("attribution_spans") == 2
    assert store.attributions(q="letter") == [] and store.attributions(about="washington") == []


def test_an_edited_item_that_replaces_its_article_takes_the_attributions_along(tmp_path):
    with Store(tmp_path / "s.db") as store:
        first = rouhani_article()
        store.save(first, sha1="one")
        edited = rouhani_article()
        edited.url = "https://news.example/rouhani-updated"
        edited.id = article_id(edited.url, edited.title, edited.text)
        edited.attributions = edited.attributions[:1]
        store.save(edited, sha1="two")  # the same item (origin) now becomes another article
        assert store.count("articles") == 1 and store.get(first.id) is None
        assert [(r["article_id"], r["attribution_id"]) for r in store.attributions()] == [(edited.id, "A1")]
        assert store.count("attribution_spans") == 1
        assert store.attributions(q="Washington") == []


def test_a_version_1_store_is_migrated_and_keeps_its_articles(tmp_path):
    path = tmp_path / "v1.db"
    version, sql = migrations()[0]
    assert version == 1
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in _statements(sql):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO articles (id, title, text, analysed, first_seen, updated) "
                 "VALUES ('old', 'An old article', 'Norway said so.', 1, 'then', 'then')")
    conn.execute("INSERT INTO entities VALUES ('old', 'E1', 'Norway', 'GPE', 'NOR', 1)")
    conn.execute("INSERT INTO mentions VALUES ('old', 'E1', 'text', 0, 6, 'Norway', 'GPE')")
    conn.close()

    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0] >= 2
        old = store.get("old")
        assert old.attributions is None and [e.name for e in old.entities] == ["Norway"]
        assert store.search("Norway")[0]["id"] == "old"
        assert store.stats()["attributions"] == 0 and store.attributions() == []
        store.save(rouhani_article())
        assert ids(store.attributions(q="letter")) == [("Officials", "A1")]
    with Store(path) as store:  # opening again migrates nothing more
        assert store.get(rouhani_article().id).to_dict() == rouhani_article().to_dict()


def test_a_read_only_store_can_be_queried(store):
    with Store(store.path, readonly=True) as readonly:
        assert ids(readonly.attributions(speaker="rouhani", about="washington")) == [("Officials", "A3")]


def test_about_takes_mentions_wholly_inside_a_fragment_boundaries_included(tmp_path):
    article = Article.from_paragraphs(["Talks in New York went well, officials said."], title="Talks", method="test")
    article.id, text = "boundaries", article.text
    article.entities = [entity(text, "E1", "New York", "GPE", [("New York", 0)], "USA")]
    article.dates = []
    article.attributions = [
        Attribution("A1", "indirect", [span(text, "Talks in New")]),  # cuts the mention in two
        Attribution("A2", "indirect", [span(text, "New York went well")]),  # starts where the mention does
        Attribution("A3", "indirect", [span(text, "Talks in New York")]),  # ends where the mention does
        Attribution("A4", "indirect", [span(text, "York went well")]),  # starts inside the mention
    ]
    with Store(tmp_path / "s.db") as store:
        store.save(article)
        assert [r["attribution_id"] for r in store.attributions(about="new york")] == ["A2", "A3"]
        # With -q the best match comes first (bm25: the shortest fragment), not the first in the article.
        assert [r["attribution_id"] for r in store.attributions(q="york")] == ["A4", "A2", "A3"]


# Entity filters, each with the attributions it must find (the plan chosen by FEW_ARTICLES applies
# only to them, and not with -q, which reads in rank order).
ENTITY_FILTERS = [
    (dict(about="washington"), [("Officials", "A3")]),
    (dict(about="united states"), [("Officials", "A2")]),
    (dict(about="norway", kind="indirect"), [("Norway", "A1")]),
    (dict(about_key="gpe:tehran"), [("Officials", "A2")]),
    (dict(speaker_key="person:hassan-rouhani"), [("Officials", "A1"), ("Officials", "A3")]),
    (dict(speaker_key="person:hassan-rouhani", about_key="gpe:washington"), [("Officials", "A3")]),
    (dict(speaker_key="person:lena-fischer", limit=1, offset=1), [("Norway", "A2")]),
    (dict(about_key="gpe:nowhere"), []),
]


@pytest.mark.parametrize("filters, expected", ENTITY_FILTERS)
def test_common_and_rare_entities_are_two_plans_for_one_answer(store, monkeypatch, filters, expected):
    from newsgraph.store import read

    assert ids(read.attributions(store.conn, **filters)) == expected  # rare: the articles looked up
    monkeypatch.setattr(read, "FEW_ARTICLES", 0)  # every entity counts as common: met in date order
    assert ids(read.attributions(store.conn, **filters)) == expected


def test_about_matches_names_without_accents_or_punctuation(tmp_path):
    text = "The minister said: “The Élysée and the U.S. agreed.”"
    article = Article.from_paragraphs([text], title="Élysée talks", url="https://news.example/elysee",
                                      origin=Origin(path="elysee.html"))
    article.id = article_id(article.url, article.title, article.text)
    article.entities = [entity(text, "E1", "Élysée", "ORG", [("Élysée", 0)]),
                        entity(text, "E2", "U.S.", "GPE", [("U.S.", 0)], "USA")]
    article.attributions = [Attribution(id="A1", kind="direct", content=[span(text, "The Élysée and the U.S. agreed.")],
                                        cue=span(text, "said"), cue_lemma="say", polarity="asserts", confidence=0.9)]
    with Store(tmp_path / "s.db") as store:
        store.save(article)
        for about in ("elysee", "ÉLYSÉE", "u.s.", "U.S"):
            assert [r["attribution_id"] for r in store.attributions(about=about)] == ["A1"], about
        assert store.attributions(about="paris") == []


def test_speakers_of_the_latest_articles_only(store):
    later = _third_fischer_article()
    later.published = "2025-04-01"
    store.save(later)
    assert [(s["name"], s["attributions"]) for s in store.speakers(recent=1)] == [("Lena Fischer", 1)]
    assert [s["name"] for s in store.speakers(recent=2)] == ["Lena Fischer"]  # the two Fischer articles
    assert {s["name"] for s in store.speakers(recent=3)} == {"Lena Fischer", "Hassan Rouhani"}


def test_an_entity_profile_takes_names_and_companions_from_its_latest_articles(store, monkeypatch):
    from newsgraph.store import browse

    later = _third_fischer_article()  # Norway again, a week later, with Lena Fischer but not Oslo
    later.published, later.attributions = "2025-03-12", []
    later.entities = later.entities[:2]
    store.save(later)
    everything = store.entity("gpe:norway")
    monkeypatch.setattr(browse, "ENTITY_FACET_SCOPE", 1)
    latest = store.entity("gpe:norway")
    assert everything["scope"] == 2 and latest["scope"] == 1
    assert latest["articles"] == everything["articles"] == 2 and latest["timeline"] == everything["timeline"]
    assert [c["key"] for c in everything["appears_with"]] == ["person:lena-fischer", "gpe:oslo"]
    assert [c["key"] for c in latest["appears_with"]] == ["person:lena-fischer"]
