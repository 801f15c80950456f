from __future__ import annotations

import pytest

from analyze_support import mentions_in
from newsgraph.analyze.countries import lookup
from newsgraph.analyze.entities import resolve_entities
from newsgraph.analyze.names import proper_name


def resolve(text: str, *spans: tuple[str, str], title: str = "", title_spans=()):
    mentions = mentions_in(title, *title_spans, field="title") if title_spans else []
    return resolve_entities(mentions + mentions_in(text, *spans), {"text": text, "title": title})


def by_name(entities):
    return {e.name: e for e in entities}


def texts(entity):
    return [m.text for m in entity.mentions]


# --- the seed page, through the real model -------------------------------------------------


def test_seed_khamenei_is_one_person_named_without_titles(seed):
    people = [e for e in seed.entities if "Khamenei" in e.name]
    assert len(people) == 1
    khamenei = people[0]
    assert (khamenei.name, khamenei.type) == ("Ali Khamenei", "PERSON")
    assert "Supreme Leader Ayatollah Ali Khamenei" in texts(khamenei)
    assert texts(khamenei).count("Khamenei") >= 2
    assert any(m.field == "title" for m in khamenei.mentions)


def test_seed_obama_journal_afkham_assad_irna(seed):
    entities = by_name(seed.entities)
    obama = entities["Barack Obama"]
    assert obama.type == "PERSON" and texts(obama).count("Obama") >= 2  # headline and the GPE-tagged one
    journal = entities["Wall Street Journal"]
    assert journal.type == "ORG" and "The Journal" in texts(journal)
    assert entities["Marzieh Afkham"].type == "PERSON"
    assert entities["Bashar al-Assad"].type == "PERSON"
    assert entities["IRNA"].type == "ORG"


def test_seed_countries_merge_names_demonyms_and_capitals(seed):
    countries = {e.country: e for e in seed.entities if e.type == "GPE"}
    assert {"Iran", "Iranian", "Tehran"} <= set(texts(countries["IRN"]))
    assert {"U.S.", "the United States", "Washington"} <= set(texts(countries["USA"]))
    assert "Iraqi" in texts(countries["IRQ"])
    assert {"SYR", "RUS", "CHN", "GBR", "FRA", "DEU"} <= set(countries)
    assert sum(1 for e in seed.entities if e.country == "IRN" and e.type == "GPE") == 1


def test_seed_has_islamic_state_once_and_no_fragments(seed):
    names = [e.name for e in seed.entities]
    assert names.count("Islamic State") == 1
    islamic_state = by_name(seed.entities)["Islamic State"]
    assert len(islamic_state.mentions) == 4 and set(texts(islamic_state)) == {"Islamic State"}
    assert "Supreme" not in names and "Islamic" not in names
    assert not any(m.text in ("Supreme", "Islamic") for e in seed.entities for m in e.mentions)


def test_seed_ids_follow_first_mention_and_offsets_hold(seed):
    assert [e.id for e in seed.entities] == [f"E{i}" for i in range(1, len(seed.entities) + 1)]
    assert seed.entities[0].name == "Iran"  # the headline's first word
    for entity in seed.entities:
        for m in entity.mentions:
            source = seed.title if m.field == "title" else seed.text
            assert source[m.start : m.end] == m.text


# --- the rules, on hand-written mentions (no model) -----------------------------------------


def test_title_words_before_a_person_join_the_mention_and_the_fragment_goes():
    text = "Supreme Leader Ayatollah Ali Khamenei spoke. Later Khamenei left."
    entities = resolve(text, ("Supreme", "ORG"), ("Ayatollah Ali Khamenei", "PERSON"), ("Khamenei", "PERSON"))
    assert len(entities) == 1
    assert entities[0].name == "Ali Khamenei"
    assert texts(entities[0]) == ["Supreme Leader Ayatollah Ali Khamenei", "Khamenei"]


@pytest.mark.parametrize(
    "span, name",
    [
        ("President Barack Obama", "Barack Obama"),
        ("Mr. Trump", "Trump"),
        ("Sen. Elizabeth Warren", "Elizabeth Warren"),
        ("Dr. Jill Biden", "Jill Biden"),
        ("Foreign Ministry spokeswoman Marzieh Afkham", "Marzieh Afkham"),
        ("Secretary of State John Kerry", "John Kerry"),
        ("Bashar al-Assad", "Bashar al-Assad"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("Clinton's", "Clinton"),
        ("Clinton’s van", "Clinton"),
        ("President", "President"),  # nothing left to strip to: kept for the bare-title rule
    ],
)
def test_person_names_lose_titles_descriptions_and_possessives(span, name):
    assert proper_name(span, "PERSON") == name


@pytest.mark.parametrize(
    "span, label, name",
    [
        ("the Wall Street Journal", "ORG", "Wall Street Journal"),
        ("IRNA news agency", "ORG", "IRNA"),
        ("Islamic State's", "ORG", "Islamic State"),
        ("Supreme Court", "ORG", "Supreme Court"),  # titles are stripped from people only
        ("the United States", "GPE", "United States"),
    ],
)
def test_other_names_lose_determiners_descriptions_and_possessives(span, label, name):
    assert proper_name(span, label) == name


def test_a_later_surname_merges_with_the_full_name_whatever_its_label():
    text = "Barack Obama wrote. Obama waited. Tehran answered Obama."
    entities = resolve(text, ("Barack Obama", "PERSON"), ("Obama", "PERSON"), ("Obama", "GPE"))
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Barack Obama", "PERSON", 3)]


def test_a_headline_surname_merges_with_the_first_full_name_in_the_text():
    entities = resolve(
        "Ayatollah Ali Khamenei replied.", ("Ayatollah Ali Khamenei", "PERSON"),
        title="Khamenei replies", title_spans=[("Khamenei", "PERSON")],
    )
    assert len(entities) == 1 and [m.field for m in entities[0].mentions] == ["title", "text"]


def test_a_bare_surname_goes_to_the_person_mentioned_most():
    text = "Hillary Clinton spoke. Hillary Clinton left for Chelsea Clinton's home. Clinton rested."
    entities = resolve(
        text, ("Hillary Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Chelsea Clinton", "PERSON"),
        ("Clinton", "PERSON"),
    )
    names = by_name(entities)
    assert texts(names["Hillary Clinton"]).count("Clinton") == 1
    assert texts(names["Chelsea Clinton"]) == ["Chelsea Clinton"]


def test_particle_surnames_match():
    text = "President Bashar al-Assad spoke. Assad left."
    entities = resolve(text, ("Bashar al-Assad", "PERSON"), ("Assad", "PERSON"))
    assert [(e.name, len(e.mentions)) for e in entities] == [("Bashar al-Assad", 2)]


def test_an_org_last_word_after_the_is_the_org():
    text = "The Wall Street Journal reported it. The Journal cited a diplomat."
    entities = resolve(text, ("The Wall Street Journal", "ORG"), ("Journal", "ORG"))
    assert len(entities) == 1
    assert texts(entities[0]) == ["The Wall Street Journal", "The Journal"]


def test_an_org_last_word_without_the_stays_apart():
    text = "The Wall Street Journal reported it. Journal readers cheered."
    entities = resolve(text, ("The Wall Street Journal", "ORG"), ("Journal", "ORG"))
    assert len(entities) == 2


def test_an_acronym_merges_with_the_org_it_abbreviates():
    text = "The Islamic Republic News Agency said so. IRNA added more."
    entities = resolve(text, ("Islamic Republic News Agency", "ORG"), ("IRNA", "ORG"))
    assert [(e.name, len(e.mentions)) for e in entities] == [("Islamic Republic News Agency", 2)]


def test_possessive_is_cut_from_the_span_and_the_name():
    text = "Islamic State fighters advanced. Islamic State's militia grew."
    entities = resolve(text, ("Islamic State", "ORG"), ("Islamic State's", "ORG"))
    assert len(entities) == 1
    assert texts(entities[0]) == ["Islamic State", "Islamic State"]


def test_an_adjective_fragment_becomes_the_longer_name_in_the_same_article():
    text = "Fighting Islamic State in Iraq. The Islamic State advance stalled."
    entities = resolve(text, ("Islamic", "NORP"), ("Islamic State", "ORG"))
    assert [(e.name, e.type, texts(e)) for e in entities] == [("Islamic State", "ORG", ["Islamic State", "Islamic State"])]


def test_an_adjective_without_a_longer_name_in_the_article_stays():
    entities = resolve("Islamic scholars met in Cairo.", ("Islamic", "NORP"))
    assert [(e.name, e.type) for e in entities] == [("Islamic", "NORP")]


def test_bare_title_words_are_dropped_unless_they_name_someone():
    text = "The President spoke. Stephen King wrote. King smiled."
    entities = resolve(text, ("President", "ORG"), ("Stephen King", "PERSON"), ("King", "PERSON"))
    assert [(e.name, len(e.mentions)) for e in entities] == [("Stephen King", 2)]


@pytest.mark.parametrize("junk", ["2014", "***", "@someone", "https://x.example/a", "the day"])
def test_junk_spans_are_dropped(junk):
    assert resolve(f"Noise {junk} here.", (junk, "ORG")) == []


def test_overlong_spans_are_dropped():
    span = "The Very Long Name Of A Thing That Is Not Really A Name At All"
    assert resolve(f"{span} today.", (span, "ORG")) == []


# --- countries -------------------------------------------------------------------------------


def test_names_demonyms_plurals_and_capitals_make_one_country():
    text = "Iran said Iranian officials and Iranians agree Tehran is right."
    entities = resolve(text, ("Iran", "GPE"), ("Iranian", "NORP"), ("Iranians", "NORP"), ("Tehran", "GPE"))
    assert [(e.name, e.type, e.country, len(e.mentions)) for e in entities] == [("Iran", "GPE", "IRN", 4)]


def test_a_capital_stays_a_place_when_its_country_is_not_named():
    entities = resolve("He lives in London.", ("London", "GPE"))
    assert [(e.name, e.country) for e in entities] == [("London", "GBR")]


def test_institutions_carry_the_country_but_stay_apart():
    text = "Russia denied it and the Kremlin said so."
    entities = resolve(text, ("Russia", "GPE"), ("the Kremlin", "ORG"))
    assert [(e.name, e.type, e.country) for e in entities] == [("Russia", "GPE", "RUS"), ("Kremlin", "ORG", "RUS")]


@pytest.mark.parametrize(
    "name, label, iso3, kind",
    [
        ("American", "NORP", "USA", "demonym"),  # not American Samoa
        ("Americans", "NORP", "USA", "demonym"),
        ("U.S.", "ORG", "USA", "name"),  # sm often tags it ORG
        ("Britain", "GPE", "GBR", "name"),
        ("Iraqi", "NORP", "IRQ", "demonym"),
        ("Washington", "GPE", "USA", "capital"),
        ("California", "GPE", "USA", "region"),  # a state is in the country, not the country
        ("Kremlin", "ORG", "RUS", "institution"),
    ],
)
def test_country_lookup(name, label, iso3, kind):
    ref = lookup(name, label)
    assert (ref.iso3, ref.kind) == (iso3, kind)


@pytest.mark.parametrize(
    "name, label",
    [("Georgia", "GPE"), ("Muslim", "NORP"), ("Sunni", "NORP"), ("Iran", "PERSON"), ("Washington", "ORG"), ("us", "GPE")],
)
def test_country_lookup_refuses(name, label):
    assert lookup(name, label) is None


def test_a_state_is_not_folded_into_its_country():
    text = "The United States and California disagree."
    entities = resolve(text, ("The United States", "GPE"), ("California", "GPE"))
    assert [(e.name, e.country) for e in entities] == [("United States", "USA"), ("California", "USA")]


def test_an_org_named_after_a_country_carries_it_but_not_after_a_town():
    text = "The U.S. Supreme Court ruled; the Cleveland Cavaliers won."
    entities = resolve(text, ("U.S. Supreme Court", "ORG"), ("Cleveland Cavaliers", "ORG"))
    assert [e.country for e in entities] == ["USA", None]


def test_ids_follow_first_mention_title_first():
    entities = resolve(
        "Obama met Putin.", ("Obama", "PERSON"), ("Putin", "PERSON"),
        title="Putin meets", title_spans=[("Putin", "PERSON")],
    )
    assert [(e.id, e.name) for e in entities] == [("E1", "Putin"), ("E2", "Obama")]


def test_full_name_variants_merge_and_the_commonest_names_the_person():
    text = "Hillary Clinton spoke. Crooked Hillary Clinton, he said. Hillary Clinton left. George W. Bush and George Bush."
    entities = resolve(
        text, ("Hillary Clinton", "PERSON"), ("Crooked Hillary Clinton", "PERSON"), ("Hillary Clinton", "PERSON"),
        ("George W. Bush", "PERSON"), ("George Bush", "PERSON"),
    )
    assert [(e.name, len(e.mentions)) for e in entities] == [("Hillary Clinton", 3), ("George W. Bush", 2)]


def test_an_abbreviation_is_no_surname():
    text = "Kim Jong Un tested a bomb. The U.N. met."
    entities = resolve(text, ("Kim Jong Un", "PERSON"), ("U.N.", "ORG"))
    assert [e.name for e in entities] == ["Kim Jong Un", "U.N."]


@pytest.mark.parametrize("name, label", [("Va.", "GPE"), ("North", "LOC")])
def test_abbreviations_and_generic_regions_get_no_country(name, label):
    assert lookup(name, label) is None


@pytest.mark.parametrize("name", ["Cleveland", "Albany", "New York City", "Ala.", "Catalonia"])
def test_towns_and_provinces_that_countrynames_knows_are_no_countries(name):
    ref = lookup(name, "GPE")
    assert ref is None or ref.kind == "region"


def test_a_region_carries_its_country_only_when_the_article_names_that_country():
    alone = resolve("They met in Charlotte and California.", ("Charlotte", "GPE"), ("California", "GPE"))
    assert [(e.name, e.country) for e in alone] == [("Charlotte", None), ("California", None)]
