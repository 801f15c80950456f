"""A person's grammatical gender, for resolving "he" and "she": from the article's own honorifics
("Mr. Trump", "Mrs. Clinton") first, else from the first name (gender-guesser's name lists).
Unknown is the usual answer for unfamiliar names, and an unknown gender fits either pronoun."""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.article import Entity

_MALE_TITLES = ("Mr.", "Mr ", "Sir ", "Lord ", "King ", "Prince ", "Sen. Mr.")
_FEMALE_TITLES = ("Mrs.", "Mrs ", "Ms.", "Ms ", "Miss ", "Lady ", "Dame ", "Queen ", "Princess ")


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    guess = _detector().get_gender(name)
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    return None


def entity_gender(entity: Entity, text: str) -> str | None:
    """"male", "female" or None (unknown) for a PERSON entity of the article."""
    for mention in entity.mentions:
        if mention.field != "text":
            continue
        before = text[max(0, mention.start - 6):mention.start]
        if before.endswith(_MALE_TITLES) or mention.text.startswith(_MALE_TITLES):
            return "male"
        if before.endswith(_FEMALE_TITLES) or mention.text.startswith(_FEMALE_TITLES):
            return "female"
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", entity.name) if len(w) > 1]
    if len(words) < 2:  # a surname alone says nothing
        return None
    return first_name_gender(words[0])
