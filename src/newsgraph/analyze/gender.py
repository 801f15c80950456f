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
from bisect import bisect_left
from functools import lru_cache

from newsgraph.article import Entity

_MALE_TITLES = ("Mr.", "Mr ", "Sir ", "Lord ", "King ", "Prince ", "Sen. Mr.")
_FEMALE_TITLES = ("Mrs.", "Mrs ", "Ms.", "Ms ", "Miss ", "Lady ", "Dame ", "Queen ", "Princess ")
_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
_FOLLOWING = 250  # characters after a mention in which its pronoun is looked for
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# An honorific and the space before the name it goes with: "Mr. ", "Mrs ", "Ms. ".
_HONORIFIC_BEFORE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms)\.? ")
_BOUNDARY = re.compile(r"\b")  # match(text, at) sees the characters either side of `at`, as \b inside a pattern does


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


def known_first_name(word: str) -> bool:
    """Whether both lists know the word as a man's or a woman's first name (not as one used
    for either: "Andy" names no one in particular)."""
    detector = _detector()
    return all(detector.get_gender(word, country) not in ("unknown", "andy") for country in (None, "usa"))


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
    words = [w for w in _NAME_WORD.findall(entity.name) if len(w) > 1]
    shared = entities is not None and any(  # "Mr. Scott" may be her husband
        e.id != entity.id and e.type == "PERSON" and _last_word(e.name) == _last_word(entity.name) for e in entities)
    if words and not shared:  # "Mr. Trump" where the model missed the mention
        found = _honorific_with(text, words[-1])
        if found:
            return _honorific(text, found[0], text[found[0]:found[1]])
    first = words[0] if len(words) >= 2 else None
    if first and (guess := first_name_gender(first, sure=3)):  # "Hillary", "Donald"
        return guess
    if entities is not None and (guess := _pronoun_gender(entity, text, entities)):
        return guess
    return first_name_gender(first) if first else None  # "Lindsey" is mostly a woman's name


@lru_cache(maxsize=8192)
def _last_word(name: str) -> str:
    return name.split()[-1]


def _honorific_with(text: str, surname: str) -> tuple[int, int] | None:
    """The span of the first "Mr. Surname", "Mrs Surname" or "Ms. Surname" (the first match of
    `\\b(?:Mr|Mrs|Ms)\\.? Surname\\b`), from the article's honorifics found once for all its people
    rather than by a pattern compiled and run over the text per person."""
    for start, end in _honorifics(text):
        if text.startswith(surname, end) and _BOUNDARY.match(text, end + len(surname)):
            return start, end + len(surname)
    return None


@lru_cache(maxsize=8)
def _honorifics(text: str) -> tuple[tuple[int, int], ...]:
    """Where "Mr. ", "Mrs " or "Ms. " stands in the text, and where the name after it would start.
    An honorific can begin only at its "M", so no two overlap and none is missed by finditer."""
    return tuple(match.span() for match in _HONORIFIC_BEFORE_NAME.finditer(text))


def _pronoun_gender(entity: Entity, text: str, entities: list[Entity]) -> str | None:
    """The first he/she after each mention, before another person's mention: a clear majority
    (two to one, at least two) decides."""
    others = sorted(m.start for e in entities if e.id != entity.id and e.type == "PERSON"
                    for m in e.mentions if m.field == "text")
    votes = {"male": 0, "female": 0}
    for mention in entity.mentions:
        if mention.field != "text":
            continue
        after = bisect_left(others, mention.end)  # the next other person's mention
        stop = min(mention.end + _FOLLOWING, others[after]) if after < len(others) else mention.end + _FOLLOWING
        found = _PRONOUN.search(text, mention.end, stop)
        if found:
            votes["male" if found.group().lower() in ("he", "him", "his") else "female"] += 1
    male, female = votes["male"], votes["female"]
    if male >= 2 and male >= 2 * female:
        return "male"
    if female >= 2 and female >= 2 * male:
        return "female"
    return None
