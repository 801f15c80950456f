"""Who a source is: a named entity of the article, or an anonymous source with an affiliation.

A source that contains a name is that name's entity ("Foreign Ministry spokeswoman Marzieh
Afkham", the rest being her role). A pronoun is the most salient earlier entity of the right kind
and gender: the speaker of the attribution just before it when that one fits, else the latest
mention. A definite description ("the spokeswoman", "the bank") is the latest entity introduced
with that word, else the article's most mentioned entity of the right kind. Anything else is
anonymous ("an unnamed Iranian diplomat"), with the country or organisation named inside it as
its affiliation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsgraph.analyze.attributions.gender import entity_gender
from newsgraph.article import Entity, Mention

MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())
PERSON_PRONOUNS = MALE | FEMALE | frozenset("i me my mine myself".split())
GROUP_PRONOUNS = frozenset("they them their we us our it its itself themselves ourselves".split())
GROUP_TYPES = ("ORG", "GPE", "NORP")
# Heads of descriptions that name an organisation rather than a person.
ORGANISATION_NOUNS = frozenset(
    """campaign agency committee company bank firm group organization organisation network newspaper
    paper magazine department ministry administration government court panel board union party
    foundation university school college team commission council office site website outlet station
    channel alliance coalition institute center centre association league club corporation publication
    service bureau army military police embassy regime senate house congress parliament legislature
    airline hospital newsroom daily weekly journal times post channel show program programme""".split()
)
_DETERMINERS = ("the ", "this ", "that ", "these ", "those ")
_ROLE_EDGE = re.compile(r"^[\s,;:()—–-]+|[\s,;:()—–-]+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_WINDOW = 4000  # characters back that a pronoun looks for its entity


@dataclass
class Speaker:
    entity: Entity | None
    name: str | None
    anonymous: bool = False
    affiliation: str | None = None
    role: str | None = None


@dataclass
class _Located:
    mention: Mention
    entity: Entity


class SpeakerResolver:
    """Resolves source spans of one article, in text order (it remembers the last speaker)."""

    def __init__(self, text: str, entities: list[Entity]):
        self.text = text
        self.mentions = sorted((_Located(m, e) for e in entities for m in e.mentions if m.field == "text"),
                               key=lambda located: located.mention.start)
        self.salience = Counter({e.id: sum(1 for m in e.mentions) for e in entities})
        self.previous: Speaker | None = None
        self.previous_end = -1

    def resolve(self, start: int, end: int) -> Speaker:
        speaker = self._resolve(start, end)
        if speaker.entity is not None:
            self.previous, self.previous_end = speaker, end
        return speaker

    def _resolve(self, start: int, end: int) -> Speaker:
        source = self.text[start:end]
        inside = [loc for loc in self.mentions if loc.mention.start < end and start < loc.mention.end]
        named = self._named(inside, source, start, end)
        if named is not None:
            return named
        words = [w.lower() for w in _WORD.findall(source)]
        if len(words) == 1 and (words[0] in PERSON_PRONOUNS or words[0] in GROUP_PRONOUNS):
            return self._pronoun(words[0], start) or Speaker(None, source, anonymous=True)
        if source.lower().startswith(_DETERMINERS) or (words and words[0].endswith(("’s", "'s"))):
            described = self._description(words, start, end)
            if described is not None:
                return described
        return _anonymous(source, inside)

    def _named(self, inside: list[_Located], source: str, start: int, end: int) -> Speaker | None:
        """A name inside the source makes it that entity, unless the name only qualifies
        a common noun ("an Iranian diplomat", "a Clinton campaign official")."""
        candidates = [loc for loc in inside if loc.entity.type in ("PERSON", "FAC", "LOC") + GROUP_TYPES]
        if not candidates:
            return None
        tail = self.text[max(loc.mention.end for loc in candidates):end]
        after = _WORD.findall(tail)
        if after and after[0][0].islower() and not tail.lstrip().startswith(","):
            return None  # the name is a modifier: "Iranian officials", "Trump supporters"
        people = [loc for loc in candidates if loc.entity.type == "PERSON"]
        chosen = (people or candidates)[-1]
        return Speaker(chosen.entity, chosen.entity.name, role=_role(source, chosen.mention, start))

    def _fits(self, entity: Entity, word: str) -> bool:
        if word in PERSON_PRONOUNS:
            if entity.type != "PERSON":
                return False
            gender = entity_gender(entity, self.text)
            return not ((word in MALE and gender == "female") or (word in FEMALE and gender == "male"))
        return entity.type in GROUP_TYPES and not (entity.type == "NORP")

    def _pronoun(self, word: str, start: int) -> Speaker | None:
        previous = self.previous
        if previous and previous.entity and self._fits(previous.entity, word) and start - self.previous_end < _WINDOW:
            return Speaker(previous.entity, previous.entity.name, role=previous.role)
        for loc in reversed(self.mentions):
            if loc.mention.end <= start and start - loc.mention.end < _WINDOW and self._fits(loc.entity, word):
                return Speaker(loc.entity, loc.entity.name)
        return None

    def _description(self, words: list[str], start: int, end: int) -> Speaker | None:
        words = [re.sub(r"['’]s?$", "", w) for w in words if w not in ("the", "this", "that", "these", "those")]
        if not words:
            return None
        head = words[-1]
        wanted = ("ORG",) if head in ORGANISATION_NOUNS or head.rstrip("s") in ORGANISATION_NOUNS else ("PERSON",)
        patterns = [re.compile(rf"\b{re.escape(w)}\b", re.I) for w in words]
        best, best_score = None, 0
        for loc in reversed(self.mentions):  # latest first: an equal score keeps the latest
            if loc.mention.end > start or loc.entity.type not in wanted:
                continue
            context = self.text[max(0, loc.mention.start - 60):loc.mention.end + 60]
            score = sum(1 for p in patterns if p.search(context) or p.search(loc.entity.name))
            if patterns[-1].search(context) or patterns[-1].search(loc.entity.name):
                score += len(patterns)  # the head word counts most: "the mayor" needs "mayor"
                if score > best_score:
                    best, best_score = loc.entity, score
        if best is not None:
            return Speaker(best, best.name)
        # No entity was introduced with that word: the article's most talked-about one of the kind.
        ranked = [e for e in {loc.entity.id: loc.entity for loc in self.mentions}.values()
                  if e.type in wanted and not any(start <= m.start < end for m in e.mentions)]
        if not ranked:
            return None
        best = max(ranked, key=lambda e: self.salience[e.id])
        return Speaker(best, best.name)


def _anonymous(source: str, inside: list[_Located]) -> Speaker:
    affiliation = None
    for loc in inside:
        if loc.entity.country:
            affiliation = loc.entity.country
            break
        if loc.entity.type == "ORG" and affiliation is None:
            affiliation = loc.entity.name
    return Speaker(None, _LEADING_ARTICLE.sub("", source.strip()), anonymous=True, affiliation=affiliation)


def _role(source: str, mention: Mention, start: int) -> str | None:
    """The source's words around the name: "Foreign Ministry spokeswoman" of
    "Foreign Ministry spokeswoman Marzieh Afkham"."""
    before = source[:max(0, mention.start - start)]
    after = source[max(0, mention.end - start):]
    role = _ROLE_EDGE.sub("", before) or _ROLE_EDGE.sub("", after)
    role = _LEADING_ARTICLE.sub("", role).strip()
    if not role or role.lower() in ("’s", "'s") or not any(c.isalpha() for c in role):
        return None
    return role
