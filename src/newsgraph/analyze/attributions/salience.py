"""How prominent each entity of an article is at a point in its text, and so whom a pronoun means.

A pronoun, and a description once its words are weighed (descriptions.py), goes to the most
salient earlier entity that fits it, after Lappin and Leass: recency and grammatical role predict
what a reader takes "he" to mean better than any single rule. An entity's salience adds up its
mentions, each worth 100, 180 as a subject or the speaker of "said X", 160 as an earlier source
and 50 inside quotation marks, and halves with every sentence back. Quoted sentences, being the
speaker's own words, do not push the speaker back. The speaker just quoted gets 100 more, unless
someone else has since become the subject: a "he said" right after a quotation is most often its
speaker again.

A pronoun takes the kind and gender of its entity (gender.py); an unknown gender counts half, as
it may be either.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.analyze.attributions.quotes import quoted_characters
from newsgraph.analyze.gender import entity_gender
from newsgraph.article import Entity, Mention

MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())
FIRST_PERSON = frozenset("i me my mine myself".split())
PERSON_PRONOUNS = MALE | FEMALE | FIRST_PERSON
GROUP_PRONOUNS = frozenset("they them their we us our it its itself themselves ourselves".split())
# Words that open a noun phrase or close the clause before it.
NOUN_PHRASE_EDGE = frozenset("""the a an his her their its this that and or but of to for by with as at in on from
    said says told say who which whom when while after before than is was are were has had have will would
    could should may might according""".split())

MENTION, SUBJECT, SPEAKER, QUOTED, JUST_QUOTED = 100.0, 80, 160, 50, 100
_WINDOW = 4000  # characters back that a pronoun or a description looks for its entity
# "Mr." or "Inc." followed by a capital does not end a sentence.
_ABBREVIATIONS = frozenset("mr mrs ms dr sen rep gov gen lt col st jr sr no vs inc co corp sgt capt adm prof rev"
                           .split())
_SUBJECT_BEFORE = re.compile(r"^[\s\"“‘'(—–-]*(?:(?:But|And|So|Yet|Still|Then|Now|Also|Meanwhile|However)"
                             r"\b[,\s]*)?(?:[^,.;]{0,40},\s*)?(?:[A-Z][\w.’'-]*\s+)*$")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|according to|wrote|writes)\s+(?:[A-Z][\w.’'-]*\s+)*$")
_VERB_AFTER = re.compile(r",?\s+(?:(?:also|then|later|now|still|never|not)\s+)?(?:said|says|told|tells|added|adds|"
                         r"wrote|writes|asked|asks|argued|explained|noted|insisted|replied|responded|claimed|is|was|"
                         r"has|had|have|will|would|could|can|should|may|might|did|does)\b")


@dataclass
class WeightedMention:
    mention: Mention
    entity: Entity
    weight: float = MENTION
    resolved_source: bool = False  # a source resolved earlier, not a mention of the model's
    description: tuple[str, ...] = ()  # that source's words, when it described the entity


class Salience:
    """The weighted mentions of one article's entities, to which resolved sources are added in text order."""

    def __init__(self, text: str, entities: list[Entity], quoted: bytearray | None = None):
        self.text = text
        self.quoted = quoted if quoted is not None else quoted_characters(text)
        self.entities = entities
        self.by_id = {e.id: e for e in entities}
        self.count = Counter({e.id: len(e.mentions) for e in entities})
        self.genders = {e.id: entity_gender(e, text, entities) for e in entities if e.type == "PERSON"}
        self.sentences = sentence_starts(text)
        self.unquoted = [0]  # unquoted[i]: how many of the first i sentences are not quotations (by their start)
        for start in self.sentences:
            self.unquoted.append(self.unquoted[-1] + (not self.is_quoted(start + 1)))
        self.mentions = sorted((WeightedMention(m, e) for e in entities for m in e.mentions if m.field == "text"),
                               key=lambda located: located.mention.start)
        for located, following in zip(self.mentions, self.mentions[1:] + [None]):
            m = located.mention
            before = text[self.sentence_start(m.start):m.start]
            # A name inside a larger noun phrase ("Trump's plan", "Trump campaign spokesman Jason Miller")
            # is no subject.
            modifier = text.startswith(("’s", "'s"), m.end) or (
                following is not None and _modifies(text[m.end:following.mention.start]))
            if self.is_quoted(m.start):
                located.weight = QUOTED
            elif not modifier and (_SUBJECT_BEFORE.match(_strip_premodifiers(before))
                                   or _SAID_BEFORE.search(before) or _VERB_AFTER.match(text, m.end)):
                located.weight += SUBJECT

    def add_source(self, mention: Mention, entity: Entity, description: tuple[str, ...]) -> None:
        """A resolved source stays salient: "he said" next most likely means them."""
        source = WeightedMention(mention, entity, SPEAKER, True, description)
        bisect.insort(self.mentions, source, key=lambda located: located.mention.start)

    def sentences_begun(self, position: int) -> int:
        """How many sentences start at or before `position`."""
        return bisect.bisect_right(self.sentences, position)

    def sentence_start(self, position: int) -> int:
        return self.sentences[self.sentences_begun(position) - 1]

    def is_quoted(self, position: int) -> bool:
        return 0 <= position < len(self.quoted) and bool(self.quoted[position])

    def at(self, start: int, fits: Callable[[Entity], bool]) -> Counter:
        """Each fitting entity's salience at `start`."""
        here = self.unquoted[self.sentences_begun(start)]
        scores: Counter = Counter()
        last = None  # the speaker just quoted, and how many sentences back
        for located in self.mentions:
            m = located.mention
            if m.end > start or start - m.end > _WINDOW or not fits(located.entity):
                continue
            back = here - self.unquoted[self.sentences_begun(m.start)]
            scores[located.entity.id] += located.weight * 0.5 ** back
            if located.resolved_source:
                last = (located.entity.id, back)
            elif last and located.weight > MENTION and located.entity.id != last[0]:
                last = None  # someone else became the subject since
        if last and last[1] <= 1:
            scores[last[0]] += JUST_QUOTED
        return scores

    def best(self, scores: Counter, factor: Callable[[Entity], float] = lambda entity: 1.0) -> Entity | None:
        """The highest score times its factor (0 rules an entity out); the one mentioned most breaks a tie."""
        ranked = []
        for i, score in scores.items():
            weight = factor(self.by_id[i])
            if weight > 0 and score > 0:
                ranked.append((score * weight, self.count[i], self.by_id[i]))
        return max(ranked, key=lambda r: r[:2])[2] if ranked else None

    def gender_fits(self, entity: Entity, gender: str | None) -> float:
        """1 for a known match, 0.5 for an unknown gender, 0 for a clash."""
        if gender is None:
            return 1.0
        known = self.genders.get(entity.id)
        return 0.5 if known is None else float(known == gender)

    def pronoun_referent(self, word: str, start: int) -> Entity | None:
        if word in PERSON_PRONOUNS:
            gender = "male" if word in MALE else "female" if word in FEMALE else None
            scores = self.at(start, lambda e: e.type == "PERSON")
            return self.best(scores, lambda e: self.gender_fits(e, gender))
        return self.best(self.at(start, lambda e: e.type in ("ORG", "GPE")))


_LOWER_WORD = re.compile(r"[a-z][a-z-]*")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w.’'-]*")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘'(]*[A-Z0-9])|\n\s*\n")
_WORD_BEFORE_BREAK = re.compile(r"(\w+)[.!?]?[\"”’')]*\s*$")


def _premodifier(word: str) -> bool:
    """A lower-case word that may stand before a name in its noun phrase ("campaign spokesman"),
    not a function word or what looks like a verb ("says", "asked")."""
    return (bool(_LOWER_WORD.fullmatch(word)) and word not in NOUN_PHRASE_EDGE
            and not word.endswith("ed") and not (word.endswith("s") and not word.endswith("ss")))


def _modifies(gap: str) -> bool:
    """The text between two mentions makes the first a modifier in the second's noun phrase."""
    words = gap.split()
    return gap.startswith(" ") and gap.endswith(" ") and 0 < len(words) <= 3 and all(map(_premodifier, words))


def _strip_premodifiers(before: str) -> str:
    """The sentence before a mention without the mention's own noun phrase ("Trump campaign spokesman")."""
    words = before.rstrip(" ").split(" ")
    while words and (_CAPITALISED_WORD.fullmatch(words[-1]) or _premodifier(words[-1])):
        words.pop()
    return " ".join(words) + (" " if words else "")


def sentence_starts(text: str) -> list[int]:
    """Where sentences start: after ". " and the like (not after "Mr." or an initial), and at paragraphs."""
    starts = [0]
    for match in _SENTENCE_BREAK.finditer(text):
        before = _WORD_BEFORE_BREAK.search(text[max(0, match.start() - 12):match.start() + 1])
        word = before.group(1).lower() if before else ""
        if match.group().startswith(".") and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        starts.append(match.end())
    return starts
