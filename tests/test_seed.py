"""The seed page end to end: raw scrape -> clean article -> entities -> store -> search."""

from __future__ import annotations

import pytest

import newsgraph
from support import SEED


@pytest.fixture(scope="module")
def seed_article():
    return newsgraph.analyze(SEED.read_bytes())


def entity(article, name):
    matches = [e for e in article.entities if e.name == name]
    assert len(matches) == 1, [e.name for e in article.entities]
    return matches[0]


def mention_texts(entity):
    return {m.text for m in entity.mentions if m.field == "text"}


def test_people_merge_their_name_variants(seed_article):
    khamenei = entity(seed_article, "Ali Khamenei")
    assert khamenei.type == "PERSON"
    assert {"Supreme Leader Ayatollah Ali Khamenei", "Khamenei"} <= mention_texts(khamenei)
    obama = entity(seed_article, "Barack Obama")
    assert {"President Barack Obama", "Obama"} <= mention_texts(obama)
    assert entity(seed_article, "Marzieh Afkham").type == "PERSON"
    assert entity(seed_article, "Bashar al-Assad").type == "PERSON"


def test_organisations_merge_their_short_forms(seed_article):
    journal = entity(seed_article, "Wall Street Journal")
    assert "The Journal" in mention_texts(journal)
    assert entity(seed_article, "IRNA").type == "ORG"
    assert entity(seed_article, "Islamic State").type in ("ORG", "GPE")


def test_countries_demonyms_and_capitals_are_coded(seed_article):
    iran = entity(seed_article, "Iran")
    assert iran.country == "IRN" and {"Iran", "Iranian", "Tehran"} <= mention_texts(iran)
    usa = entity(seed_article, "United States")
    assert usa.country == "USA" and {"U.S.", "Washington"} <= mention_texts(usa)
    assert {e.country for e in seed_article.entities if e.country} >= {"IRN", "USA", "IRQ", "SYR", "RUS", "CHN",
                                                                       "GBR", "FRA", "DEU"}


def test_known_model_errors_do_not_survive(seed_article):
    names = {e.name for e in seed_article.entities}
    assert "Supreme" not in names and "Islamic" not in names
    boilerplate = ("Gene Hackman", "New Jersey", "Florida", "Black Hawk", "Play-Doh")
    assert not [n for n in names if any(b in n for b in boilerplate)]


def test_every_mention_points_at_its_text(seed_article):
    for e in seed_article.entities:
        for m in e.mentions:
            source = seed_article.title if m.field == "title" else seed_article.text
            assert source[m.start:m.end] == m.text


def test_dates_resolve_once_a_publication_date_is_known():
    article = newsgraph.extract(SEED.read_bytes())
    article.published = "2014-11-24"  # a Monday
    article = newsgraph.analyze(article)
    values = {d.text: d.value for d in article.dates}
    assert values["October"] == "2014-10"
    assert values["November"] == "2014-11"
    assert any(value == "2014-11-23" for text, value in values.items() if "Sunday" in text)


def test_seed_is_stored_and_searchable(tmp_path, seed_article):
    page = tmp_path / "seed.txt"
    page.write_bytes(SEED.read_bytes())
    newsgraph.ingest(str(page), db=tmp_path / "s.db")
    with newsgraph.open(tmp_path / "s.db") as store:
        (hit,) = store.search("Khamenei letter")
        stored = store.get(hit["id"])
        assert stored.title == seed_article.title and stored.tags == seed_article.tags
        assert [e.name for e in stored.entities] == [e.name for e in seed_article.entities]
        assert store.entities(type="PERSON", top=10)[0]["name"] in {"Ali Khamenei", "Barack Obama"}
