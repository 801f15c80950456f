"""Who a source is: a named entity of the article, or an anonymous source with an affiliation.

- A name in the source makes it that entity: the name that heads the phrase, not one that only
  qualifies a noun ("Trump supporters"), owns something ("Mr. King's show") or comes in an
  apposition ("John Dickey, the chief executive of Ora Media").
- A pronoun is the most salient earlier entity of its kind and gender (salience.py), and keeps the
  role that speaker was given.
- A description ("the Florida senator", "a New York judge") is the entity whose salience and what
  the article calls it fit it best (descriptions.py).
- A first-person "I" outside quotation marks is the author where the text names one: a signature
  paragraph after it, or a closing "Jane Doe is a ..." line.
Anything else is anonymous ("an unnamed Iranian diplomat"), with the country or organisation
named inside it as its affiliation.

Sources are resolved in text order, because each resolved source makes its speaker salient for
the pronouns and descriptions after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.analyze.attributions.descriptions import WORD, DescriptionMatcher, description_phrase, lower_words
from newsgraph.analyze.attributions.salience import (FIRST_PERSON, GROUP_PRONOUNS, PERSON_PRONOUNS, Salience,
                                                     WeightedMention)
from newsgraph.article import Entity, Mention

GROUP_TYPES = ("ORG", "GPE", "NORP")
_DETERMINERS = ("the ", "this ", "that ", "these ", "those ")
_ROLE_EDGE = re.compile(r"^[\s,;:()—–-]+|[\s,;:()—–-]+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_LINE = re.compile(r"[^\n]+")
_IS_AFTER_NAME = re.compile(r",? is\b")  # "Jane Doe is a ..."


@dataclass
class Speaker:
    entity: Entity | None
    name: str | None
    anonymous: bool = False
    affiliation: str | None = None
    role: str | None = None


class SpeakerResolver:
    """Resolves source spans of one article, in text order (the speakers so far count)."""

    def __init__(self, text: str, entities: list[Entity], quoted: bytearray | None = None):
        self.text = text
        self.salience = Salience(text, entities, quoted)
        self.descriptions = DescriptionMatcher(self.salience)
        self.roles: dict[str, str | None] = {}  # the role a speaker was last given: "he" keeps it

    def resolve(self, start: int, end: int) -> Speaker:
        speaker = self._resolve(start, end)
        if speaker.entity is not None:
            if speaker.role:
                self.roles[speaker.entity.id] = speaker.role
            source = self.text[start:end]
            words = lower_words(source)
            named = any(start <= m.start < end for m in speaker.entity.mentions)
            description = tuple(description_phrase(words)) if len(words) > 1 and not named else ()
            self.salience.add_source(Mention(start, end, source, speaker.entity.type), speaker.entity, description)
        return speaker

    def _resolve(self, start: int, end: int) -> Speaker:
        source = self.text[start:end]
        inside = [located for located in self.salience.mentions
                  if located.mention.start < end and start < located.mention.end and not located.resolved_source]
        named = self._named(inside, source, start, end)
        if named is not None:
            return named
        words = lower_words(source)
        found = self._capitalised_name(source, start)
        if found is not None:
            return Speaker(found, found.name)
        if len(words) == 1 and (words[0] in PERSON_PRONOUNS or words[0] in GROUP_PRONOUNS):
            if words[0] in FIRST_PERSON and not self.salience.is_quoted(start):
                found = self._author(start)
            found = found or self.salience.pronoun_referent(words[0], start)
            if found is None:
                return Speaker(None, source, anonymous=True)
            return Speaker(found, found.name, role=self.roles.get(found.id))
        if source.lower().startswith(_DETERMINERS) or (words and words[0].endswith(("’s", "'s"))):
            found = self.descriptions.definite(words, start, end)
        elif source.lower().startswith(("a ", "an ")):
            found = self.descriptions.indefinite(words, end)
        return Speaker(found, found.name) if found else _anonymous(source, inside)

    def _named(self, inside: list[WeightedMention], source: str, start: int, end: int) -> Speaker | None:
        """The name that heads the source: the first person's, else the first other name."""
        heads = []
        for located in inside:
            if located.entity.type not in ("PERSON", "FAC", "LOC") + GROUP_TYPES:
                continue
            tail = self.text[located.mention.end:end]
            owns = tail.startswith(("’s", "'s"))
            tail = tail[2:] if owns else tail
            after = WORD.findall(tail[:40])
            if after and (owns or (after[0][0].islower() and not tail.lstrip().startswith(","))):
                continue  # "Mr. King's show", "Iranian officials"
            heads.append(located)
        if not heads:
            return None
        chosen = ([located for located in heads if located.entity.type == "PERSON"] or heads)[0]
        return Speaker(chosen.entity, chosen.entity.name, role=_role(source, chosen.mention, start))

    def _capitalised_name(self, source: str, start: int) -> Entity | None:
        """A transcript's "PENCE" or "WALLACE": the person of the article with that surname."""
        name = source.strip(" \"“”:")
        if not name.isupper() or not name.replace(" ", "").replace(".", "").isalpha() or len(name) < 3:
            return None
        wanted = name.title().split()[-1]
        people = {located.entity.id: located.entity for located in self.salience.mentions
                  if located.entity.type == "PERSON" and located.entity.name.split()[-1] == wanted}
        return next(iter(people.values())) if len(people) == 1 else None

    def _author(self, start: int) -> Entity | None:
        """The writer of a letter or an op-ed: a name standing alone as a paragraph after the
        pronoun (a signature), or the name that opens the closing paragraph ("Jane Doe is a ...")."""
        paragraphs = [(m.start(), m.group()) for m in _LINE.finditer(self.text)]
        for located in self.salience.mentions:
            if located.entity.type != "PERSON" or located.mention.start < start or located.resolved_source:
                continue
            line = next((p for p in paragraphs if p[0] <= located.mention.start < p[0] + len(p[1])), None)
            if line is None or located.mention.start != line[0]:
                continue
            rest = line[1][located.mention.end - line[0]:]
            if rest.strip(" .") == "" or (line is paragraphs[-1] and _IS_AFTER_NAME.match(rest)):
                return located.entity
        return None


def _anonymous(source: str, inside: list[WeightedMention]) -> Speaker:
    affiliation = None
    for located in inside:
        if located.entity.country:
            affiliation = located.entity.country
            break
        if located.entity.type == "ORG" and affiliation is None:
            affiliation = located.entity.name
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
