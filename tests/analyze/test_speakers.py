"""Speaker resolution (analyze/attributions/speakers.py, gender.py) on small hand-made articles.

Entities and mentions are built by hand, so each test pins one rule without the model. Sources
are resolved in text order, as the pipeline does: `speaker(text, entities, source, earlier=...)`
first resolves the earlier sources, then the one asked for.
"""

from __future__ import annotations

import re

from newsgraph.analyze.gender import entity_gender
from newsgraph.analyze.attributions.speakers import SpeakerResolver
from newsgraph.analyze.entities import resolve_entities
from newsgraph.article import Entity, Mention


def entities(text: str, *specs: tuple[str, str, list[str]]) -> list[Entity]:
    """One Entity per (name, type, surface forms); each form is a mention wherever it occurs as a
    whole word and no longer form already covers it."""
    taken: list[tuple[int, int]] = []
    found = []
    forms = sorted(((form, number) for number, (_, _, surfaces) in enumerate(specs) for form in surfaces),
                   key=lambda pair: -len(pair[0]))
    mentions: dict[int, list[Mention]] = {number: [] for number in range(len(specs))}
    for form, number in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            mentions[number].append(Mention(match.start(), match.end(), form, specs[number][1]))
    for number, (name, kind, _) in enumerate(specs):
        found.append(Entity(f"E{number + 1}", name, kind, sorted(mentions[number], key=lambda m: m.start)))
    return found


def span(text: str, source: str, occurrence: int = 1) -> tuple[int, int]:
    """The `occurrence`-th place where `source` stands as whole words."""
    match = list(re.finditer(rf"(?<!\w){re.escape(source)}(?!\w)", text))[occurrence - 1]
    return match.start(), match.end()


def speaker(text: str, found: list[Entity], source: str, occurrence: int = 1, earlier: tuple = ()):
    resolver = SpeakerResolver(text, found)
    for item in earlier:
        resolver.resolve(*span(text, *item) if isinstance(item, tuple) else span(text, item))
    return resolver.resolve(*span(text, source, occurrence))


def name_of(text: str, found: list[Entity], source: str, occurrence: int = 1, earlier: tuple = ()):
    return speaker(text, found, source, occurrence, earlier).name


# --- names in the source -----------------------------------------------------------------------


def test_the_name_heading_the_source_is_the_speaker_not_one_in_its_apposition():
    text = ("John Dickey, the chief executive of the company that owns Mr. King's show, told me so.\n\n"
            "Foreign Ministry spokeswoman Marzieh Afkham said it too.")
    found = entities(text, ("John Dickey", "PERSON", ["John Dickey"]), ("Larry King", "PERSON", ["Mr. King"]),
                     ("Marzieh Afkham", "PERSON", ["Marzieh Afkham"]),
                     ("Foreign Ministry", "ORG", ["Foreign Ministry"]))
    source = "John Dickey, the chief executive of the company that owns Mr. King's show"
    assert name_of(text, found, source) == "John Dickey"
    afkham = speaker(text, found, "Foreign Ministry spokeswoman Marzieh Afkham")
    assert (afkham.name, afkham.role) == ("Marzieh Afkham", "Foreign Ministry spokeswoman")


def test_a_pronoun_keeps_the_role_its_speaker_was_given():
    text = "Foreign Ministry spokeswoman Marzieh Afkham denied it. She said the report was false."
    found = entities(text, ("Marzieh Afkham", "PERSON", ["Marzieh Afkham"]),
                     ("Foreign Ministry", "ORG", ["Foreign Ministry"]))
    she = speaker(text, found, "She", earlier=["Foreign Ministry spokeswoman Marzieh Afkham"])
    assert (she.name, she.role) == ("Marzieh Afkham", "Foreign Ministry spokeswoman")


def test_a_name_that_only_owns_or_qualifies_the_noun_is_no_speaker():
    text = "Mr. King's spokesman said it. Trump supporters cheered."
    found = entities(text, ("Larry King", "PERSON", ["Mr. King"]), ("Donald Trump", "PERSON", ["Trump"]))
    assert speaker(text, found, "Mr. King's spokesman").anonymous
    assert speaker(text, found, "Trump supporters").anonymous


# --- pronouns ----------------------------------------------------------------------------------


def test_a_pronoun_goes_to_the_salient_subject_not_the_latest_name():
    text = ("Bernie Sanders spoke in Las Vegas on Sunday. Former Maryland Gov. Martin O'Malley has pledged "
            "to act as well.\n\nSanders promised to end the deportation regime. He echoed that promise on Monday.")
    found = entities(text, ("Bernie Sanders", "PERSON", ["Bernie Sanders", "Sanders"]),
                     ("Martin O'Malley", "PERSON", ["Martin O'Malley"]))
    assert name_of(text, found, "He") == "Bernie Sanders"


def test_a_name_inside_a_noun_phrase_is_no_subject():
    text = ("Donald Trump released a plan on Monday.\n\nTrump campaign spokesman Jason Miller told the Post that "
            "Trump's policy would extend to single mothers. However, he could not explain why.")
    found = entities(text, ("Donald Trump", "PERSON", ["Donald Trump", "Trump"]),
                     ("Jason Miller", "PERSON", ["Jason Miller"]))
    assert name_of(text, found, "he", earlier=["Trump campaign spokesman Jason Miller"]) == "Jason Miller"


def test_the_speaker_just_quoted_keeps_the_floor():
    text = ("Ted Cruz has called for carpet bombing. Cruz said the strategy was clear. Ted Cruz repeated it.\n\n"
            "\"The same criticism applies to his critics,\" said Christopher Preble, a fellow at the institute. "
            "\"This debate is misleading,\" he said.")
    found = entities(text, ("Ted Cruz", "PERSON", ["Ted Cruz", "Cruz"]),
                     ("Christopher Preble", "PERSON", ["Christopher Preble"]))
    earlier = ["Cruz", "Christopher Preble, a fellow at the institute"]
    assert name_of(text, found, "he", earlier=earlier) == "Christopher Preble"


def test_names_inside_a_quotation_count_for_less_than_the_narrative():
    text = ("Sanders spoke on Friday. \"Clinton will win. Clinton has the plans. I back Clinton,\" Sanders said.\n\n"
            "As to whether Sanders still senses anger at Clinton, the Vermont senator said no.")
    found = entities(text, ("Bernie Sanders", "PERSON", ["Sanders"]), ("Hillary Clinton", "PERSON", ["Clinton"]))
    assert name_of(text, found, "the Vermont senator", earlier=[("Sanders", 2)]) == "Bernie Sanders"


def test_gender_comes_from_the_article_before_the_name_lists():
    text = "Clinton spoke. Mrs. Clinton left. Lindsey Graham waited. Graham said he would stay, and he did."
    found = entities(text, ("Clinton", "PERSON", ["Clinton"]),
                     ("Lindsey Graham", "PERSON", ["Lindsey Graham", "Graham"]))
    assert entity_gender(found[0], text, found) == "female"  # the honorific the model did not tag
    assert entity_gender(found[1], text, found) == "male"  # "Lindsey" leans female; the article's "he" decides
    assert entity_gender(found[1], text) == "female"  # without the article's other people, only the name lists


def test_an_honorific_for_a_shared_surname_says_nothing():
    text = "Keith Scott was shot. Mr. Scott had a gun, police said. Rakeyia Scott filmed it."
    found = entities(text, ("Keith Scott", "PERSON", ["Keith Scott"]), ("Rakeyia Scott", "PERSON", ["Rakeyia Scott"]))
    assert entity_gender(found[1], text, found) is None


def test_a_pronoun_skips_a_person_of_the_other_gender():
    text = "Hillary Clinton met Donald Trump on Monday. She said the meeting went well."
    found = entities(text, ("Hillary Clinton", "PERSON", ["Hillary Clinton"]),
                     ("Donald Trump", "PERSON", ["Donald Trump"]))
    assert name_of(text, found, "She") == "Hillary Clinton"


# --- definite descriptions ---------------------------------------------------------------------


def test_a_title_makes_the_description():
    text = ("Hillary Clinton spoke in Ohio. Clinton thanked voters. Vermont Sen. Bernie Sanders joined her. "
            "Clinton smiled. Clinton left.\n\nThe senator said the race was close.")
    found = entities(text, ("Hillary Clinton", "PERSON", ["Hillary Clinton", "Clinton"]),
                     ("Bernie Sanders", "PERSON", ["Bernie Sanders"]))
    assert name_of(text, found, "The senator") == "Bernie Sanders"


def test_a_different_state_or_party_rules_a_candidate_out():
    text = ("Texas Sen. Ted Cruz named his shows. Sen. Marco Rubio (R-Fla.) named his. Ted Cruz laughed.\n\n"
            "The Florida senator likes zombies.")
    found = entities(text, ("Ted Cruz", "PERSON", ["Ted Cruz"]), ("Marco Rubio", "PERSON", ["Marco Rubio"]))
    assert name_of(text, found, "The Florida senator") == "Marco Rubio"
    text = ("Donald Trump spoke first. Libertarian presidential candidate Gary Johnson spoke. Gary Johnson "
            "answered.\n\nThe GOP nominee complained about his mic.")
    found = entities(text, ("Gary Johnson", "PERSON", ["Gary Johnson"]), ("Donald Trump", "PERSON", ["Donald Trump"]))
    assert name_of(text, found, "The GOP nominee") == "Donald Trump"


def test_a_description_with_a_gendered_noun_takes_that_gender():
    text = ("Donald Trump outlined the plan. Ivanka Trump, his eldest daughter, noted the rule. Donald Trump "
            "agreed.\n\nWhen pressed, the 34-year-old mother of three replied.")
    found = entities(text, ("Donald Trump", "PERSON", ["Donald Trump"]), ("Ivanka Trump", "PERSON", ["Ivanka Trump"]))
    assert name_of(text, found, "the 34-year-old mother of three") == "Ivanka Trump"


def test_a_description_once_resolved_names_the_entity_for_later_ones():
    text = ("Bernie Sanders sat down with Gloria Borger of CNN.\n\nSix months ago, the independent Vermont senator "
            "said, the media ignored him. Borger asked about the polls. Borger pressed.\n\n"
            "\"That would be me,\" the senator said.")
    found = entities(text, ("Bernie Sanders", "PERSON", ["Bernie Sanders"]),
                     ("Gloria Borger", "PERSON", ["Gloria Borger", "Borger"]))
    assert name_of(text, found, "the independent Vermont senator") == "Bernie Sanders"
    assert name_of(text, found, "the senator", earlier=["the independent Vermont senator"]) == "Bernie Sanders"


def test_the_campaign_is_the_campaign_of_the_person_named_before_it():
    text = ("Donald Trump spoke. The Clinton campaign answered. Trump left.\n\nLater the campaign said it would "
            "hold a rally.\n\nHillary Clinton hopes to win. Her campaign has collected mayors. Trump mocked it. "
            "Last month, the campaign unveiled a list.")
    found = entities(text, ("Donald Trump", "PERSON", ["Donald Trump", "Trump"]),
                     ("Hillary Clinton", "PERSON", ["Hillary Clinton", "Clinton"]))
    assert name_of(text, found, "the campaign", 1) == "Hillary Clinton"
    assert name_of(text, found, "the campaign", 2) == "Hillary Clinton"


def test_an_organisation_answers_to_its_name_and_not_to_another_kind():
    text = ("The International Monetary Fund cut its forecast. IMF economist Maury Obstfeld said growth was weak. "
            "Still, the fund predicted a recovery.\n\nThe New York Daily News attacked the National Rifle "
            "Association. The NRA answered. According to the newspaper, the laws are weak.\n\n"
            "The dean of the Columbia Graduate School of Journalism disputed claims by Exxon Mobil. "
            "Later, the company wrote a letter.")
    found = entities(text, ("International Monetary Fund", "ORG", ["The International Monetary Fund", "IMF"]),
                     ("Maury Obstfeld", "PERSON", ["Maury Obstfeld"]),
                     ("New York Daily News", "ORG", ["The New York Daily News"]),
                     ("National Rifle Association", "ORG", ["National Rifle Association", "NRA"]),
                     ("Columbia Graduate School of Journalism", "ORG", ["Columbia Graduate School of Journalism"]),
                     ("Exxon Mobil", "ORG", ["Exxon Mobil"]))
    assert name_of(text, found, "the fund") == "International Monetary Fund"
    assert name_of(text, found, "the newspaper") == "New York Daily News"
    assert name_of(text, found, "the company") == "Exxon Mobil"


# --- introductions -----------------------------------------------------------------------------


def test_an_indefinite_description_is_the_newcomer_named_by_its_head_noun():
    text = ("A New York judge has rejected a request to unseal Donald Trump's divorce file. The New York Times "
            "had filed a motion. Manhattan Supreme Court Justice Frank Nervo rejected that argument.")
    found = entities(text, ("Donald Trump", "PERSON", ["Donald Trump"]),
                     ("New York Times", "ORG", ["The New York Times"]),
                     ("Frank Nervo", "PERSON", ["Manhattan Supreme Court Justice Frank Nervo"]))
    assert name_of(text, found, "A New York judge") == "Frank Nervo"


def test_an_indefinite_description_that_no_one_answers_to_stays_anonymous():
    text = ("A Treasury spokesman said the agency does not comment. Treasury Secretary Jacob J. Lew said "
            "more in a call.")
    found = entities(text, ("Jacob J. Lew", "PERSON", ["Treasury Secretary Jacob J. Lew"]))
    anonymous = speaker(text, found, "A Treasury spokesman")
    assert anonymous.anonymous and anonymous.entity is None


def test_a_lead_may_hold_the_name_back_for_the_next_sentence():
    text = ("Secrecy surrounds Hillary Clinton's health, the Democratic candidate's former doctor maintains.\n\n"
            "Dr. Connie Mariano, who was the White House physician, said more.")
    found = entities(text, ("Hillary Clinton", "PERSON", ["Hillary Clinton"]),
                     ("Connie Mariano", "PERSON", ["Dr. Connie Mariano"]))
    assert name_of(text, found, "the Democratic candidate's former doctor") == "Connie Mariano"


# --- authors -----------------------------------------------------------------------------------


def test_i_outside_quotes_is_the_letter_writer_or_the_op_ed_author():
    letters = ("LETTERS.\n\nI cannot fathom how Hillary Clinton escaped charges.\n\nMichael Pravica.\n\n"
               "Henderson, Nev.\n\nI hope Clinton wins, \"I really do,\" she said.\n\nChris Smith.")
    found = entities(letters, ("Hillary Clinton", "PERSON", ["Hillary Clinton", "Clinton"]),
                     ("Michael Pravica", "PERSON", ["Michael Pravica"]), ("Chris Smith", "PERSON", ["Chris Smith"]))
    assert name_of(letters, found, "I") == "Michael Pravica"
    assert name_of(letters, found, "I", 2) == "Chris Smith"
    op_ed = ("I grew up in a survivalist household. I know Donald Trump.\n\n"
             "Charlotte Meehan is playwright-in-residence at Wheaton College.")
    found = entities(op_ed, ("Donald Trump", "PERSON", ["Donald Trump"]),
                     ("Charlotte Meehan", "PERSON", ["Charlotte Meehan"]))
    assert name_of(op_ed, found, "I", 2) == "Charlotte Meehan"


# --- the entity repairs speaker resolution relies on -------------------------------------------


def _resolve(text: str, *spans: tuple[str, str]) -> list[Entity]:
    mentions, pos = [], 0
    for sub, label in spans:
        start = text.index(sub, pos)
        mentions.append(Mention(start, start + len(sub), sub, label))
        pos = start + len(sub)
    return resolve_entities(mentions, {"text": text})


def test_a_surname_the_model_missed_becomes_a_mention_of_its_person():
    text = "Mehmet Oz has critics. Oz's show is popular. Oz has been called a quack. Oz Tower is tall."
    found = _resolve(text, ("Oz", "PERSON"))
    assert [(e.name, [m.start for m in e.mentions]) for e in found] == [("Oz", [0 + 7, 23, 45])]


def test_a_closing_quotation_mark_is_no_part_of_a_name():
    text = "He called on Donald Trump '' to release them. Mr. Trump refused."
    found = _resolve(text, ("Donald Trump ''", "PERSON"), ("Mr. Trump", "PERSON"))
    assert [(e.name, len(e.mentions)) for e in found] == [("Donald Trump", 2)]


def test_an_org_named_by_its_first_word_or_its_last_words_is_the_longer_name():
    text = ("Exxon rebutted it. Exxon Mobil wrote. The U.N. Security Council met, the United Nations Security "
            "Council said, and the Security Council agreed.")
    found = _resolve(text, ("Exxon", "ORG"), ("Exxon Mobil", "ORG"), ("U.N. Security Council", "ORG"),
                     ("United Nations Security Council", "ORG"), ("Security Council", "ORG"))
    assert sorted(len(e.mentions) for e in found) == [2, 3]


def test_a_shared_ending_of_two_different_names_stays_apart():
    text = "The Iranian Foreign Ministry and the Russian Foreign Ministry disagreed; the Foreign Ministry spoke."
    found = _resolve(text, ("Iranian Foreign Ministry", "ORG"), ("Russian Foreign Ministry", "ORG"),
                     ("Foreign Ministry", "ORG"))
    assert len(found) == 3


def test_a_bare_surname_shared_by_two_people_goes_to_the_one_its_pronoun_fits():
    text = ("Hillary Clinton was ill in 1998. Her doctor served President Bill Clinton. "
            "Clinton allowed her staff to think it was a pulled muscle.")
    found = _resolve(text, ("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Clinton", "PERSON"))
    assert {e.name: [m.text for m in e.mentions] for e in found} == {
        "Hillary Clinton": ["Hillary Clinton", "Clinton"], "Bill Clinton": ["President Bill Clinton"]}
