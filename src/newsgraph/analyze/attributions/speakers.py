"""Who a source is: a named entity of the article, or an anonymous source with an affiliation.

- A name in the source makes it that entity: the name that heads the phrase, not one that only
  qualifies a noun ("Trump supporters"), owns something ("Mr. King's show") or comes in an
  apposition ("John Dickey, the chief executive of Ora Media").
- A pronoun is the most salient earlier entity of its kind and gender (gender.py; an unknown
  gender counts half), and keeps the role that speaker was given. Salience adds up the entity's
  mentions, each worth 100, 180 as a subject or the speaker of "said X", 160 as an earlier
  source, 50 inside quotation marks, and halves with every sentence back (Lappin and Leass);
  quoted sentences, being the speaker's own words, do not push the speaker back. The speaker
  just quoted gets 100 more, unless someone else has since become the subject.
- A definite description ("the Florida senator", "the bank") is scored the same way, times the
  evidence the article gives for its words: the head noun counts most ("Sen." for "senator"),
  then the modifiers ("R-Fla." for "Florida"); a different party or state rules an entity out.
  What an entity is called comes from its mentions with their titles, the words of the noun
  phrase before them, an apposition after them and the descriptions it was resolved from.
  Organisations also answer to their names ("the fund": the International Monetary Fund; "the
  newspaper": a Daily News). "The campaign" and "the administration" are the person's whose
  they are ("the Clinton campaign", "her campaign").
- An indefinite description ("A New York judge"), or a definite one in the lead that no one so
  far was called, introduces someone whom the next two sentences name with its head noun
  ("Justice Frank Nervo"); "a Treasury spokesman" before "Treasury Secretary Jacob Lew" stays
  anonymous.
- A first-person "I" outside quotation marks is the author where the text names one: a signature
  paragraph after it, or a closing "Jane Doe is a ..." line.
Anything else is anonymous ("an unnamed Iranian diplomat"), with the country or organisation
named inside it as its affiliation.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from newsgraph.analyze.attributions.gender import entity_gender
from newsgraph.article import Entity, Mention

MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())
FIRST_PERSON = frozenset("i me my mine myself".split())
PERSON_PRONOUNS = MALE | FEMALE | FIRST_PERSON
GROUP_PRONOUNS = frozenset("they them their we us our it its itself themselves ourselves".split())
GROUP_TYPES = ("ORG", "GPE", "NORP")
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
# Words that open a noun phrase or close the clause before it.
_NOUN_PHRASE_EDGE = frozenset("""the a an his her their its this that and or but of to for by with as at in on from
    said says told say who which whom when while after before than is was are were has had have will would
    could should may might according""".split())
_PHRASE_END = frozenset("of for at in on with from who whom that which to by as than".split())  # "a union representing"
_ABBREVIATIONS = frozenset("mr mrs ms dr sen rep gov gen lt col st jr sr no vs inc co corp sgt capt adm prof rev"
                           .split())
_DETERMINERS = ("the ", "this ", "that ", "these ", "those ")
_ROLE_EDGE = re.compile(r"^[\s,;:()—–-]+|[\s,;:()—–-]+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_PARTY = re.compile(r"\b([RD])-(?=[A-Z])")  # "(R-Fla.)"
_SUBJECT_BEFORE = re.compile(r"^[\s\"“‘'(—–-]*(?:(?:But|And|So|Yet|Still|Then|Now|Also|Meanwhile|However)"
                             r"\b[,\s]*)?(?:[^,.;]{0,40},\s*)?(?:[A-Z][\w.’'-]*\s+)*$")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|according to|wrote|writes)\s+(?:[A-Z][\w.’'-]*\s+)*$")
_VERB_AFTER = re.compile(r",?\s+(?:(?:also|then|later|now|still|never|not)\s+)?(?:said|says|told|tells|added|adds|"
                         r"wrote|writes|asked|asks|argued|explained|noted|insisted|replied|responded|claimed|is|was|"
                         r"has|had|have|will|would|could|can|should|may|might|did|does)\b")
SUBJECT, SPEAKER, QUOTED, PREVIOUS, HEAD = 80, 160, 50, 100, 19  # salience weights, head-noun evidence
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
    weight: float = 100.0
    said: bool = False  # a source resolved earlier, not a mention of the model's
    description: tuple[str, ...] = ()  # that source's words, when it described the entity


class SpeakerResolver:
    """Resolves source spans of one article, in text order (the speakers so far count)."""

    def __init__(self, text: str, entities: list[Entity]):
        self.text = text
        self.entities = entities
        self.by_id = {e.id: e for e in entities}
        self.count = Counter({e.id: len(e.mentions) for e in entities})
        self.genders = {e.id: entity_gender(e, text, entities) for e in entities if e.type == "PERSON"}
        self.roles: dict[str, str | None] = {}  # the role a speaker was last given: "he" keeps it
        self.sentences = _sentence_starts(text)
        self.unquoted = [0]  # unquoted[i]: how many of the first i sentences are not quotations (by their start)
        for start in self.sentences:
            self.unquoted.append(self.unquoted[-1] + (not self._quoted(start + 1)))
        self.mentions = sorted((_Located(m, e) for e in entities for m in e.mentions if m.field == "text"),
                               key=lambda located: located.mention.start)
        for loc, following in zip(self.mentions, self.mentions[1:] + [None]):
            m = loc.mention
            before = text[self._sentence_start(m.start):m.start]
            # A name inside a larger noun phrase ("Trump's plan", "Trump campaign spokesman Jason Miller")
            # is no subject.
            modifier = text.startswith(("’s", "'s"), m.end) or (
                following is not None and _modifies(text[m.end:following.mention.start]))
            if self._quoted(m.start):
                loc.weight = QUOTED
            elif not modifier and (_SUBJECT_BEFORE.match(_strip_premodifiers(before))
                                   or _SAID_BEFORE.search(before) or _VERB_AFTER.match(text, m.end)):
                loc.weight += SUBJECT

    def resolve(self, start: int, end: int) -> Speaker:
        speaker = self._resolve(start, end)
        if speaker.entity is not None:  # a speaker stays salient: "he said" next most likely means them
            if speaker.role:
                self.roles[speaker.entity.id] = speaker.role
            source = self.text[start:end]
            words = [w.lower() for w in _WORD.findall(source)]
            named = any(start <= m.start < end for m in speaker.entity.mentions)
            description = tuple(_phrase(words)) if len(words) > 1 and not named else ()
            mention = Mention(start, end, source, speaker.entity.type)
            said = _Located(mention, speaker.entity, SPEAKER, True, description)
            bisect.insort(self.mentions, said, key=lambda located: located.mention.start)
        return speaker

    def _resolve(self, start: int, end: int) -> Speaker:
        source = self.text[start:end]
        inside = [loc for loc in self.mentions if loc.mention.start < end and start < loc.mention.end and not loc.said]
        named = self._named(inside, source, start, end)
        if named is not None:
            return named
        words = [w.lower() for w in _WORD.findall(source)]
        found = None
        if len(words) == 1 and (words[0] in PERSON_PRONOUNS or words[0] in GROUP_PRONOUNS):
            if words[0] in FIRST_PERSON and not self._quoted(start):
                found = self._author(start)
            found = found or self._pronoun(words[0], start)
            if found is None:
                return Speaker(None, source, anonymous=True)
            return Speaker(found, found.name, role=self.roles.get(found.id))
        if source.lower().startswith(_DETERMINERS) or (words and words[0].endswith(("’s", "'s"))):
            found = self._description(words, start, end)
        elif source.lower().startswith(("a ", "an ")):
            found = self._introduced(_phrase(words), end)
        return Speaker(found, found.name) if found else _anonymous(source, inside)

    def _named(self, inside: list[_Located], source: str, start: int, end: int) -> Speaker | None:
        """The name that heads the source: the first person's, else the first other name."""
        heads = []
        for loc in inside:
            if loc.entity.type not in ("PERSON", "FAC", "LOC") + GROUP_TYPES:
                continue
            tail = self.text[loc.mention.end:end]
            owns = tail.startswith(("’s", "'s"))
            tail = tail[2:] if owns else tail
            after = _WORD.findall(tail[:40])
            if after and (owns or (after[0][0].islower() and not tail.lstrip().startswith(","))):
                continue  # "Mr. King's show", "Iranian officials"
            heads.append(loc)
        if not heads:
            return None
        chosen = ([loc for loc in heads if loc.entity.type == "PERSON"] or heads)[0]
        return Speaker(chosen.entity, chosen.entity.name, role=_role(source, chosen.mention, start))

    # --- salience ---------------------------------------------------------------------------

    def _sentence_start(self, position: int) -> int:
        return self.sentences[bisect.bisect_right(self.sentences, position) - 1]

    def _salience(self, start: int, fits) -> Counter:
        """Each fitting entity's salience at `start`."""
        here = self.unquoted[bisect.bisect_right(self.sentences, start)]
        scores: Counter = Counter()
        last = None  # the speaker just quoted, and how many sentences back
        for loc in self.mentions:
            m = loc.mention
            if m.end > start or start - m.end > _WINDOW or not fits(loc.entity):
                continue
            back = here - self.unquoted[bisect.bisect_right(self.sentences, m.start)]
            scores[loc.entity.id] += loc.weight * 0.5 ** back
            if loc.said:
                last = (loc.entity.id, back)
            elif last and loc.weight > 100 and loc.entity.id != last[0]:
                last = None  # someone else became the subject since
        if last and last[1] <= 1:
            scores[last[0]] += PREVIOUS
        return scores

    def _best(self, scores: Counter, factor=lambda entity: 1.0) -> Entity | None:
        """The highest score times its factor (0 rules an entity out); the one mentioned most breaks a tie."""
        ranked = []
        for i, score in scores.items():
            weight = factor(self.by_id[i])
            if weight > 0 and score > 0:
                ranked.append((score * weight, self.count[i], self.by_id[i]))
        return max(ranked, key=lambda r: r[:2])[2] if ranked else None

    def _gender_fits(self, entity: Entity, gender: str | None) -> float:
        """1 for a known match, 0.5 for an unknown gender, 0 for a clash."""
        if gender is None:
            return 1.0
        known = self.genders.get(entity.id)
        return 0.5 if known is None else float(known == gender)

    def _pronoun(self, word: str, start: int) -> Entity | None:
        if word in PERSON_PRONOUNS:
            gender = "male" if word in MALE else "female" if word in FEMALE else None
            scores = self._salience(start, lambda e: e.type == "PERSON")
            return self._best(scores, lambda e: self._gender_fits(e, gender))
        return self._best(self._salience(start, lambda e: e.type in ("ORG", "GPE")))

    # --- descriptions -----------------------------------------------------------------------

    def _is_organisation(self, head: str) -> bool:
        org_words = {_norm(w) for e in self.entities if e.type == "ORG" for w in _WORD.findall(e.name)}
        return head in ORGANISATION_NOUNS or head.rstrip("s") in ORGANISATION_NOUNS or _norm(head) in org_words

    def _description(self, words: list[str], start: int, end: int) -> Entity | None:
        phrase = _phrase(words)
        if not phrase:
            return None
        head = phrase[-1]
        if head in OWNED_NOUNS and (owner := self._owner(head, start)) is not None:
            return owner
        if self._is_organisation(head):
            return self._organisation(phrase, start, end)
        scores = self._salience(start, lambda e: e.type == "PERSON")
        for e in self.entities:  # someone introduced long ago may still be "the senator"
            if e.type == "PERSON" and any(m.field == "text" and m.end <= start for m in e.mentions):
                scores[e.id] += 5
        if not any(_norm(head) in self._profile(self.by_id[i], start) for i in scores):
            # No one yet was called that. A lead may keep the name for the next sentences ("..., the
            # candidate's former doctor maintains. Dr. Connie Mariano, who ..."); before anyone is
            # named ("While the president has said ..."), it is whoever the article calls so.
            lead = bisect.bisect_right(self.sentences, start) <= 3
            if lead and (introduced := self._introduced(phrase, end)) is not None:
                return introduced
            if not scores:
                scores.update({e.id: self.count[e.id] for e in self.entities if e.type == "PERSON"
                               and _norm(head) in self._profile(e, len(self.text))})
        gender = "female" if head in FEMALE_NOUNS else "male" if head in MALE_NOUNS else None
        return self._best(scores, lambda e: self._gender_fits(e, gender) * self._evidence(e, phrase, start))

    def _evidence(self, entity: Entity, phrase: list[str], start: int) -> float:
        """How far the article bears out the description's words for `entity`."""
        profile = self._profile(entity, start)
        head, modifiers = _norm(phrase[-1]), {_norm(w) for w in phrase[:-1]}
        for kind in (PARTIES, STATES):  # "the GOP nominee" is not the Libertarian one
            if modifiers & kind and not modifiers & kind & profile and profile & kind:
                return 0.0
        return 1 + HEAD * (head in profile) + sum(1 for w in modifiers if w in profile)

    def _profile(self, entity: Entity, start: int) -> set[str]:
        """The words the article calls `entity` by before `start`."""
        words = {_norm(w) for w in _WORD.findall(entity.name)}
        for loc in self.mentions:
            m = loc.mention
            if loc.entity.id != entity.id or m.start >= start:
                continue
            if loc.said:
                words.update(map(_norm, loc.description))
                continue
            window = self.text[max(self._sentence_start(m.start), m.start - 80):m.start]
            before = re.search(r"(?:[\w.’'-]+ ){0,6}$", window).group().split()
            phrase = []  # "Trump campaign spokesman" before "Jason Miller", back to "the", a verb or punctuation
            for word in reversed(before):
                if word.lower() in _NOUN_PHRASE_EDGE:
                    break
                phrase.append(word)
            after = self.text[m.end:min(start, m.end + 90)]
            apposition = re.match(r"\s*(?:,|\(|—|–)\s*([^,.;:()—–\"“”]{0,80})", after)
            window = " ".join([m.text] + phrase + ([apposition.group(1)] if apposition else []))
            window = _PARTY.sub(lambda p: " republican " if p.group(1) == "R" else " democratic ", window)
            words.update(_norm(w) for w in re.findall(r"[A-Za-z]+", window))
        return words

    def _organisation(self, phrase: list[str], start: int, end: int) -> Entity | None:
        head = _norm(phrase[-1])
        classes = frozenset().union(*(NAME_CLASSES.get(w, frozenset()) for w in phrase))  # "the editorial board"
        # An entity named just "Bank" is the common noun capitalised, not the bank the text means.
        scores = self._salience(start, lambda e: e.type == "ORG" and _norm(e.name) != head)
        for e in self.entities:
            if e.type != "ORG" or _norm(e.name) == head or any(start <= m.start < end for m in e.mentions):
                continue
            name = {_norm(w) for w in _WORD.findall(e.name)}
            if head in name or name & classes:  # named for what it is, even if named later: "the fund", the IMF
                scores[e.id] += 40
            elif e.id in scores:
                scores[e.id] += 5

        def fits(e: Entity) -> float:  # a name that says it is something else: "the company" is no School
            name = {_norm(w) for w in _WORD.findall(e.name)}
            other = name & CLASS_WORDS and not name & (classes | {head})
            return self._evidence(e, phrase, start) * (0.2 if other else 1.0)

        return self._best(scores, fits)

    def _owner(self, noun: str, start: int) -> Entity | None:
        """The person of the latest "Clinton campaign", "Clinton's campaign" or "her campaign"."""
        owner = None
        for match in re.finditer(rf"\b(?:([Hh]is|[Hh]er)|([A-Z][\w’'-]+?)(?:['’]s)?) {noun}\b", self.text[:start]):
            if match.group(1):
                owner = self._pronoun(match.group(1).lower(), match.start()) or owner
            else:
                owner = next((loc.entity for loc in self.mentions if not loc.said and loc.entity.type == "PERSON"
                              and loc.mention.start <= match.start(2) < loc.mention.end), None) or owner
        return owner

    def _introduced(self, phrase: list[str], end: int) -> Entity | None:
        """The newcomer of the description's kind that the next two sentences name with its head noun
        (a person) or a name of its class (an organisation)."""
        if not phrase:
            return None
        head = phrase[-1]
        kind = "ORG" if self._is_organisation(head) else "PERSON"
        at = bisect.bisect_right(self.sentences, end)  # the next sentence: one in the source's own is someone else
        if at >= len(self.sentences):
            return None
        begin, limit = self.sentences[at], self.sentences[at + 2] if at + 2 < len(self.sentences) else len(self.text)
        seen = set()
        for loc in self.mentions:
            e = loc.entity
            if loc.said or e.id in seen:
                continue
            seen.add(e.id)
            if loc.mention.start >= limit:
                break
            if loc.mention.start < begin or e.type != kind:
                continue
            if kind == "ORG":
                name = {_norm(w) for w in _WORD.findall(e.name)}
                if name & (NAME_CLASSES.get(head, frozenset()) | {_norm(w) for w in phrase}):
                    return e
            elif _norm(head) in self._profile(e, limit):  # "a federal judge ... Magistrate Judge David Bristow"
                return e
        return None

    # --- authors ----------------------------------------------------------------------------

    def _quoted(self, position: int) -> bool:
        paragraph = self.text[self.text.rfind("\n", 0, position) + 1:position]
        return paragraph.count("“") > paragraph.count("”") or paragraph.count('"') % 2 == 1

    def _author(self, start: int) -> Entity | None:
        """The writer of a letter or an op-ed: a name standing alone as a paragraph after the
        pronoun (a signature), or the name that opens the closing paragraph ("Jane Doe is a ...")."""
        paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", self.text)]
        for loc in self.mentions:
            if loc.entity.type != "PERSON" or loc.mention.start < start or loc.said:
                continue
            line = next((p for p in paragraphs if p[0] <= loc.mention.start < p[0] + len(p[1])), None)
            if line is None or loc.mention.start != line[0]:
                continue
            rest = line[1][loc.mention.end - line[0]:]
            if rest.strip(" .") == "" or (line is paragraphs[-1] and re.match(r",? is\b", rest)):
                return loc.entity
        return None


def _premodifier(word: str) -> bool:
    """A lower-case word that may stand before a name in its noun phrase ("campaign spokesman"),
    not a function word or what looks like a verb ("says", "asked")."""
    return (bool(re.fullmatch(r"[a-z][a-z-]*", word)) and word not in _NOUN_PHRASE_EDGE
            and not word.endswith("ed") and not (word.endswith("s") and not word.endswith("ss")))


def _modifies(gap: str) -> bool:
    """The text between two mentions makes the first a modifier in the second's noun phrase."""
    words = gap.split()
    return gap.startswith(" ") and gap.endswith(" ") and 0 < len(words) <= 3 and all(map(_premodifier, words))


def _strip_premodifiers(before: str) -> str:
    """The sentence before a mention without the mention's own noun phrase ("Trump campaign spokesman")."""
    words = before.rstrip(" ").split(" ")
    while words and (re.fullmatch(r"[A-Z][\w.’'-]*", words[-1]) or _premodifier(words[-1])):
        words.pop()
    return " ".join(words) + (" " if words else "")


def _phrase(words: list[str]) -> list[str]:
    """A description's own noun phrase, its head last: "union" of "a union representing flight
    attendants", "former doctor" of "the Democratic presidential candidate's former doctor"."""
    for i, word in enumerate(words[:-1]):
        if word.endswith(("’s", "'s")):
            words = words[i + 1:]  # the possessor is someone else
            break
    phrase = []
    for word in words:
        word = re.sub(r"['’]s?$", "", word)
        if phrase and (word in _PHRASE_END or word.endswith("ing")):
            break
        if word and word not in _STOP:
            phrase.append(word)
    return phrase


def _norm(word: str) -> str:
    """The form descriptions and names are compared in: lower case, singular, titles spelt out."""
    word = word.lower().strip(".’'-")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _SYNONYMS.get(word, word)


_SYNONYMS.update({_norm(abbreviation): _norm(state) for abbreviation, state in _STATE_ABBREVIATIONS.items()})
STATES = frozenset(map(_norm, list(_STATE_ABBREVIATIONS.values()) + _OTHER_STATES.split())) - {"washington"}
NAME_CLASSES = {head: frozenset(map(_norm, names.split())) for heads, names in _NAME_CLASSES for head in heads.split()}
CLASS_WORDS = frozenset().union(*NAME_CLASSES.values())


def _sentence_starts(text: str) -> list[int]:
    """Where sentences start: after ". " and the like (not after "Mr." or an initial), and at paragraphs."""
    starts = [0]
    for match in re.finditer(r"[.!?][\"”’')]*\s+(?=[\"“‘'(]*[A-Z0-9])|\n\s*\n", text):
        before = re.search(r"(\w+)[.!?]?[\"”’')]*\s*$", text[max(0, match.start() - 12):match.start() + 1])
        word = before.group(1).lower() if before else ""
        if match.group().startswith(".") and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        starts.append(match.end())
    return starts


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
