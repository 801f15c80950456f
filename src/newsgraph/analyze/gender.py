"""A person's grammatical gender, for resolving "he" and "she", from the article's own evidence first:

1. an honorific: "Mr. Trump", "Mrs. Clinton", on a mention or before the surname anywhere in the text
   (unless another person of the article has that surname: "Mr. Scott" may be her husband);
2. a first name that gender-guesser's international and US lists agree on ("Hillary", "Donald");
3. the pronouns that follow the person's mentions before anyone else is named, by a clear majority;
4. a first name that the lists only lean on ("Lindsey" is mostly a woman's name, Lindsey Graham is
   not, and the article's "he" after "Graham" says so).
Unknown is the usual answer for unfamiliar names, and fits either pronoun."""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.article import Entity

_MALE_TITLES = ("Mr.", "Mr ", "Sir ", "Lord ", "King ", "Prince ", "Sen. Mr.")
_FEMALE_TITLES = ("Mrs.", "Mrs ", "Ms.", "Ms ", "Miss ", "Lady ", "Dame ", "Queen ", "Princess ")
_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
_FOLLOWING = 250  # characters after a mention in which its pronoun is looked for


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


_VOTES = {"male": 2, "mostly_male": 1, "female": -2, "mostly_female": -1}


@lru_cache(maxsize=4096)
def first_name_vote(name: str) -> int:
    """From +4 (male in both the international and the US lists) to -4 (female in both); names
    the lists disagree on ("Bernie", "Rand") come out near 0."""
    detector = _detector()
    return _VOTES.get(detector.get_gender(name), 0) + _VOTES.get(detector.get_gender(name, "usa"), 0)


def first_name_gender(name: str, sure: int = 1) -> str | None:
    vote = first_name_vote(name)
    return "male" if vote >= sure else "female" if vote <= -sure else None


def _honorific(text: str, start: int, mention_text: str) -> str | None:
    before = text[max(0, start - 6):start]
    if before.endswith(_MALE_TITLES) or mention_text.startswith(_MALE_TITLES):
        return "male"
    if before.endswith(_FEMALE_TITLES) or mention_text.startswith(_FEMALE_TITLES):
        return "female"
    return None


def entity_gender(entity: Entity, text: str, entities: list[Entity] | None = None) -> str | None:
    """"male", "female" or None (unknown) for a PERSON entity of the article. With the article's
    other entities, the pronouns after this one's mentions count too."""
    for mention in entity.mentions:
        if mention.field == "text" and (found := _honorific(text, mention.start, mention.text)):
            return found
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", entity.name) if len(w) > 1]
    shared = entities is not None and any(  # "Mr. Scott" may be her husband
        e.id != entity.id and e.type == "PERSON" and e.name.split()[-1] == entity.name.split()[-1] for e in entities)
    if words and not shared:  # "Mr. Trump" where the model missed the mention
        for match in re.finditer(rf"\b(?:Mr|Mrs|Ms)\.? {re.escape(words[-1])}\b", text):
            return _honorific(text, match.start(), match.group())
    first = words[0] if len(words) >= 2 else None
    if first and (guess := first_name_gender(first, sure=3)):  # "Hillary", "Donald"
        return guess
    if entities is not None and (guess := _pronoun_gender(entity, text, entities)):
        return guess
    return first_name_gender(first) if first else None  # "Lindsey" is mostly a woman's name


def _pronoun_gender(entity: Entity, text: str, entities: list[Entity]) -> str | None:
    """The first he/she after each mention, before another person's mention: a clear majority
    (two to one, at least two) decides."""
    others = sorted(m.start for e in entities if e.id != entity.id and e.type == "PERSON"
                    for m in e.mentions if m.field == "text")
    votes = {"male": 0, "female": 0}
    for mention in entity.mentions:
        if mention.field != "text":
            continue
        stop = min([mention.end + _FOLLOWING] + [o for o in others if o >= mention.end])
        found = _PRONOUN.search(text, mention.end, stop)
        if found:
            votes["male" if found.group().lower() in ("he", "him", "his") else "female"] += 1
    male, female = votes["male"], votes["female"]
    if male >= 2 and male >= 2 * female:
        return "male"
    if female >= 2 and female >= 2 * male:
        return "female"
    return None
