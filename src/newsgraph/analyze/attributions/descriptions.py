"""Which entity a described source means: "the Florida senator", "the bank", "a New York judge".

A description names no one, so what decides is how well its words fit what the article has called
each candidate so far, together with the candidate's salience (salience.py):
- A definite description is scored like a pronoun, times the evidence the article gives for its
  words: the head noun counts most ("Sen." for "senator"), then the modifiers ("R-Fla." for
  "Florida"); a different party or state rules an entity out. What an entity is called comes from
  its mentions with their titles, the words of the noun phrase before them, an apposition after
  them and the descriptions it was resolved from. Words are compared normalised (singular, titles
  and state abbreviations spelt out), because articles abbreviate where descriptions do not.
- Organisations also answer to their names ("the fund": the International Monetary Fund; "the
  newspaper": a Daily News). "The campaign" and "the administration" are the person's whose
  they are ("the Clinton campaign", "her campaign").
- An indefinite description ("A New York judge"), or a definite one in the lead that no one so
  far was called, introduces someone whom the next two sentences name with its head noun
  ("Justice Frank Nervo"); "a Treasury spokesman" before "Treasury Secretary Jacob Lew" stays
  anonymous.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.analyze.attributions.salience import NOUN_PHRASE_EDGE, Salience
from newsgraph.article import Entity, Mention

# Heads of descriptions that name an organisation rather than a person.
ORGANISATION_NOUNS = frozenset(
    """campaign agency committee company bank firm group organization organisation network newspaper
    paper magazine department ministry administration government court panel board union party
    foundation university school college team commission council office site website outlet station
    channel alliance coalition institute center centre association league club corporation publication
    service bureau army military police embassy regime senate house congress parliament legislature
    airline hospital newsroom daily weekly journal times post show program programme fund watchdog
    lender nonprofit charity tabloid broadcaster subcommittee""".split()
)
OWNED_NOUNS = frozenset("campaign administration camp team".split())  # a person's: "the Clinton campaign"
# Words of an organisation's name that say which descriptions fit it ("the newspaper": a Daily News).
_NAME_CLASSES = [
    ("newspaper paper outlet publication tabloid magazine daily journal editorial",
     "news times post journal tribune herald daily gazette magazine chronicle telegraph observer press"),
    ("network channel station broadcaster outlet", "news network tv television radio broadcasting channel"),
    ("group organization organisation nonprofit charity coalition",
     "foundation association coalition council institute center centre committee federation alliance group "
     "league society union fund project network action trust"),
    ("agency office bureau department watchdog",
     "agency office bureau department administration service commission authority"),
    ("company firm corporation business bank lender", "inc corp co company corporation group holdings llc ltd bank"),
    ("university school college", "university college school"),
    ("panel committee commission subcommittee", "committee subcommittee commission panel board"),
    ("union", "union workers association federation brotherhood"),
]
FEMALE_NOUNS = frozenset("woman mother wife daughter widow sister girl lady grandmother actress".split())
MALE_NOUNS = frozenset("man father husband son brother boy grandfather businessman".split())
# Titles as articles abbreviate them, and words that mean the same role or party.
_SYNONYMS = {"sen": "senator", "rep": "representative", "congressman": "representative", "congresswoman":
             "representative", "gov": "governor", "dr": "doctor", "physician": "doctor", "gen": "general",
             "justice": "judge", "pres": "president", "sec": "secretary", "gop": "republican", "democrat":
             "democratic", "nominee": "candidate", "businessman": "business", "mogul": "business"}
# The AP abbreviations of US states, as in "Marco Rubio (R-Fla.)".
_STATE_ABBREVIATIONS = dict(pair.split(":") for pair in """ala:alabama ariz:arizona ark:arkansas calif:california
    colo:colorado conn:connecticut del:delaware fla:florida ga:georgia ill:illinois ind:indiana kan:kansas
    ky:kentucky la:louisiana md:maryland mass:massachusetts mich:michigan minn:minnesota miss:mississippi
    mo:missouri mont:montana neb:nebraska nev:nevada okla:oklahoma ore:oregon pa:pennsylvania tenn:tennessee
    vt:vermont va:virginia wash:washington wis:wisconsin wyo:wyoming""".split())
_OTHER_STATES = "texas ohio iowa utah idaho maine alaska hawaii"
PARTIES = frozenset("republican democratic libertarian green".split())
_STOP = frozenset("the a an this that these those of and for in at on to with".split())
_PHRASE_END = frozenset("of for at in on with from who whom that which to by as than".split())  # "a union representing"
WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_PARTY = re.compile(r"\b([RD])-(?=[A-Z])")  # "(R-Fla.)"
_POSSESSIVE_END = re.compile(r"['’]s?$")
_WORDS_BEFORE = re.compile(r"(?:[\w.’'-]+ ){0,6}$")  # up to six words right before a mention
_APPOSITION = re.compile(r"\s*(?:,|\(|—|–)\s*([^,.;:()—–\"“”]{0,80})")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# A head noun the article bears out outweighs any likely number of matching modifiers.
HEAD_NOUN_EVIDENCE = 19


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def description_phrase(words: list[str]) -> list[str]:
    """A description's own noun phrase, its head last: "union" of "a union representing flight
    attendants", "former doctor" of "the Democratic presidential candidate's former doctor"."""
    for i, word in enumerate(words[:-1]):
        if word.endswith(("’s", "'s")):
            words = words[i + 1:]  # the possessor is someone else
            break
    phrase = []
    for word in words:
        word = _POSSESSIVE_END.sub("", word)
        if phrase and (word in _PHRASE_END or word.endswith("ing")):
            break
        if word and word not in _STOP:
            phrase.append(word)
    return phrase


def _surface(word: str) -> str:
    """A word in lower case and singular, before any synonym is applied."""
    word = word.lower().strip(".’'-")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


# State abbreviations spelt out ("Fla." -> "florida"); no abbreviation or state is a synonym already.
_SYNONYMS.update({_surface(abbreviation): _surface(state) for abbreviation, state in _STATE_ABBREVIATIONS.items()})


@lru_cache(maxsize=65536)
def _normalise(word: str) -> str:
    """The form descriptions and names are compared in: lower case, singular, titles spelt out."""
    word = _surface(word)
    return _SYNONYMS.get(word, word)


# "Washington" mostly means the capital ("a Washington lobbyist"), not the state.
STATES = frozenset(map(_normalise, list(_STATE_ABBREVIATIONS.values()) + _OTHER_STATES.split())) - {"washington"}
NAME_CLASSES = {head: frozenset(map(_normalise, names.split()))
                for heads, names in _NAME_CLASSES for head in heads.split()}
CLASS_WORDS = frozenset().union(*NAME_CLASSES.values())


def _name_words(entity: Entity) -> frozenset[str]:
    return _words_of_name(entity.name)


@lru_cache(maxsize=4096)
def _words_of_name(name: str) -> frozenset[str]:
    return frozenset(_normalise(w) for w in WORD.findall(name))


def _name_class(word: str) -> frozenset[str]:
    return NAME_CLASSES.get(word, frozenset())


class DescriptionMatcher:
    """Finds the entity a description of a source means, among one article's entities as salient so far."""

    def __init__(self, salience: Salience):
        self.salience = salience
        self.text = salience.text
        self.entities = salience.entities
        self._words_by_mention: dict[tuple[int, int, str, int], frozenset[str]] = {}

    def definite(self, words: list[str], start: int, end: int) -> Entity | None:
        """The entity that "the Florida senator", "the bank" or "Clinton's campaign" means."""
        phrase = description_phrase(words)
        if not phrase:
            return None
        head = phrase[-1]
        if head in OWNED_NOUNS and (owner := self._owner(head, start)) is not None:
            return owner
        if self._is_organisation(head):
            return self._organisation(phrase, start, end)
        salience = self.salience
        scores = salience.at(start, lambda e: e.type == "PERSON")
        for e in self.entities:  # someone introduced long ago may still be "the senator"
            if e.type == "PERSON" and any(m.field == "text" and m.end <= start for m in e.mentions):
                scores[e.id] += 5
        if not any(_normalise(head) in self._profile(salience.by_id[i], start) for i in scores):
            # No one yet was called that. A lead may keep the name for the next sentences ("..., the
            # candidate's former doctor maintains. Dr. Connie Mariano, who ..."); before anyone is
            # named ("While the president has said ..."), it is whoever the article calls so.
            lead = salience.sentences_begun(start) <= 3
            if lead and (introduced := self._introduced(phrase, end)) is not None:
                return introduced
            if not scores:
                scores.update({e.id: salience.count[e.id] for e in self.entities if e.type == "PERSON"
                               and _normalise(head) in self._profile(e, len(self.text))})
        gender = "female" if head in FEMALE_NOUNS else "male" if head in MALE_NOUNS else None
        return salience.best(scores, lambda e: salience.gender_fits(e, gender) * self._evidence(e, phrase, start))

    def indefinite(self, words: list[str], end: int) -> Entity | None:
        """The newcomer that "a New York judge" introduces, if the next sentences name one."""
        return self._introduced(description_phrase(words), end)

    def _is_organisation(self, head: str) -> bool:
        org_words = set().union(*(_name_words(e) for e in self.entities if e.type == "ORG"))
        return head in ORGANISATION_NOUNS or head.rstrip("s") in ORGANISATION_NOUNS or _normalise(head) in org_words

    def _evidence(self, entity: Entity, phrase: list[str], start: int) -> float:
        """How far the article bears out the description's words for `entity`."""
        profile = self._profile(entity, start)
        head, modifiers = _normalise(phrase[-1]), {_normalise(w) for w in phrase[:-1]}
        for kind in (PARTIES, STATES):  # "the GOP nominee" is not the Libertarian one
            if modifiers & kind and not modifiers & kind & profile and profile & kind:
                return 0.0
        return 1 + HEAD_NOUN_EVIDENCE * (head in profile) + sum(1 for w in modifiers if w in profile)

    def _profile(self, entity: Entity, start: int) -> set[str]:
        """The words the article calls `entity` by before `start`."""
        words = set(_name_words(entity))
        for located in self.salience.mentions:
            m = located.mention
            if located.entity.id != entity.id or m.start >= start:
                continue
            if located.resolved_source:
                words.update(map(_normalise, located.description))
                continue
            words.update(self._mention_words(m, min(start, m.end + 90)))
        return words

    def _mention_words(self, m: Mention, after_end: int) -> frozenset[str]:
        """The words around a mention that describe its entity, the apposition read up to
        `after_end`. Kept: every description looks through all the mentions before it."""
        key = (m.start, m.end, m.text, after_end)
        words = self._words_by_mention.get(key)
        if words is None:
            window = self.text[max(self.salience.sentence_start(m.start), m.start - 80):m.start]
            before = _WORDS_BEFORE.search(window).group().split()
            phrase = []  # "Trump campaign spokesman" before "Jason Miller", back to "the", a verb or punctuation
            for word in reversed(before):
                if word.lower() in NOUN_PHRASE_EDGE:
                    break
                phrase.append(word)
            apposition = _APPOSITION.match(self.text[m.end:after_end])
            window = " ".join([m.text] + phrase + ([apposition.group(1)] if apposition else []))
            window = _PARTY.sub(lambda p: " republican " if p.group(1) == "R" else " democratic ", window)
            words = self._words_by_mention[key] = frozenset(_normalise(w) for w in _LATIN_WORD.findall(window))
        return words

    def _organisation(self, phrase: list[str], start: int, end: int) -> Entity | None:
        head = _normalise(phrase[-1])
        classes = frozenset().union(*map(_name_class, phrase))  # "the editorial board"
        # An entity named just "Bank" is the common noun capitalised, not the bank the text means.
        scores = self.salience.at(start, lambda e: e.type == "ORG" and _normalise(e.name) != head)
        for e in self.entities:
            if e.type != "ORG" or _normalise(e.name) == head or any(start <= m.start < end for m in e.mentions):
                continue
            name = _name_words(e)
            if head in name or name & classes:  # named for what it is, even if named later: "the fund", the IMF
                scores[e.id] += 40
            elif e.id in scores:
                scores[e.id] += 5

        def fits(e: Entity) -> float:  # a name that says it is something else: "the company" is no School
            name = _name_words(e)
            other = name & CLASS_WORDS and not name & (classes | {head})
            return self._evidence(e, phrase, start) * (0.2 if other else 1.0)

        return self.salience.best(scores, fits)

    def _owner(self, noun: str, start: int) -> Entity | None:
        """The person of the latest "Clinton campaign", "Clinton's campaign" or "her campaign"."""
        owner = None
        for match in re.finditer(rf"\b(?:([Hh]is|[Hh]er)|([A-Z][\w’'-]+?)(?:['’]s)?) {noun}\b", self.text[:start]):
            if match.group(1):
                owner = self.salience.pronoun_referent(match.group(1).lower(), match.start()) or owner
            else:
                owner = next((located.entity for located in self.salience.mentions
                              if not located.resolved_source and located.entity.type == "PERSON"
                              and located.mention.start <= match.start(2) < located.mention.end), None) or owner
        return owner

    def _introduced(self, phrase: list[str], end: int) -> Entity | None:
        """The newcomer of the description's kind that the next two sentences name with its head noun
        (a person) or a name of its class (an organisation)."""
        if not phrase:
            return None
        head = phrase[-1]
        kind = "ORG" if self._is_organisation(head) else "PERSON"
        sentences = self.salience.sentences
        at = self.salience.sentences_begun(end)  # the next sentence: one in the source's own is someone else
        if at >= len(sentences):
            return None
        begin, limit = sentences[at], sentences[at + 2] if at + 2 < len(sentences) else len(self.text)
        seen = set()
        for located in self.salience.mentions:
            e = located.entity
            if located.resolved_source or e.id in seen:
                continue
            seen.add(e.id)
            if located.mention.start >= limit:
                break
            if located.mention.start < begin or e.type != kind:
                continue
            if kind == "ORG":
                if _name_words(e) & (_name_class(head) | {_normalise(w) for w in phrase}):
                    return e
            elif _normalise(head) in self._profile(e, limit):  # "a federal judge ... Magistrate Judge David Bristow"
                return e
        return None
