"""Within-article entity resolution: the model's mentions become Entity records.

spaCy's small model errs in ways that repeat: it tags a title word as an entity ("Supreme" of
"Supreme Leader"), the first word of a name as NORP ("Islamic" of "Islamic State"), a surname
as a GPE, or misses a name altogether ("Oz has been ..."). mention_repair.py mends the spans
first (the title word, the first word); the rest is done here, while clustering. Every repair uses
evidence from the same article (a longer name that is also mentioned, a full name that the surname
belongs to, the pronoun after a surname two people share), so no rule names a particular entity.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsgraph.analyze.gender import first_name_gender
from newsgraph.analyze.countries import COUNTRY_KINDS, country_name, exact_country, lookup
from newsgraph.analyze.mention_repair import (
    ENTITY_LABELS, MAX_CHARS, MAX_TOKENS, Work, absorb_titles, extend_fragments, prepare, respan,
)
from newsgraph.article import Entity, Mention
from newsgraph.analyze.names import (
    BARE_TITLES, TITLE_WORDS, initials, key_words, mark_covered, name_key, name_words, same_person, standalone,
    surname_keys,
)

__all__ = ["ENTITY_LABELS", "MAX_CHARS", "MAX_TOKENS", "resolve_entities"]

# Compiled here rather than left to re's own cache, which spaCy and the extractors churn.
_PRONOUN_AHEAD = re.compile(r"[^.!?;:\"“”]{0,60}?\b(he|his|him|she|her)\b")
_NAME_BETWEEN = re.compile(r"\s[A-Z]")
_CAPITALISED_BEFORE = re.compile(r"\b([A-Z][\w’'-]*)\s+$")


@dataclass
class _Cluster:
    members: list[Work] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    iso3: str | None = None  # set when the cluster IS that country
    _canonical: str | None = None
    _label: str | None = None
    _person_keys: frozenset[str] | None = None
    # Each member name's count and labels, kept up to date by `add`: the canonical name and the
    # label are asked for again after nearly every addition, and recounting all members was slow.
    _name_counts: Counter = field(default_factory=Counter)
    _name_labels: dict[str, Counter] = field(default_factory=dict)

    def add(self, work: Work) -> None:
        self._canonical = self._label = self._person_keys = None
        self.members.append(work)
        self.keys.add(name_key(work.name))
        self._name_counts[work.name] += 1
        self._name_labels.setdefault(work.name, Counter())[work.mention.label] += 1

    def drop_members(self) -> None:
        """Forget the members, which another cluster has taken over."""
        self.members = []
        self._name_counts, self._name_labels = Counter(), {}
        self._canonical = self._label = self._person_keys = None

    @property
    def label(self) -> str:
        """The commonest label among mentions of the full name: the model labels a bare surname worse.
        A tie goes to PERSON: the small model mislabels people far more often than it invents them."""
        if self._label is None:
            full = self._name_labels[self.canonical]
            self._label = max(full, key=lambda label: (full[label], label == "PERSON"))
        return self._label

    @property
    def first(self) -> tuple[int, int]:
        return min(w.rank for w in self.members)

    @property
    def canonical(self) -> str:
        """The commonest multi-word name, then the longest: one odd long span ("Crooked Hillary
        Clinton") should not name the entity; a full name beats a surname however often it occurs."""
        if self._canonical is None:
            counts = self._name_counts
            multi = [n for n in counts if len(name_words(n)) > 1] or list(counts)
            self._canonical = max(multi, key=lambda n: (counts[n], len(n)))
        return self._canonical

    @property
    def is_org(self) -> bool:
        return self.iso3 is None and self.label == "ORG"

    def ends_in(self, key: str) -> bool:
        """Whether the canonical name is longer than one word and ends in this word ("Journal" of
        "Wall Street Journal")."""
        words = name_words(self.canonical)
        return len(words) > 1 and name_key(words[-1]) == key

    @property
    def person_keys(self) -> frozenset[str]:
        """The one-word keys that may stand for this person: the surname, or the first name. Empty
        unless the cluster is a person with a full name. Kept because every one-word mention asks."""
        if self._person_keys is None:
            words = name_words(self.canonical)
            if self.iso3 is None and len(words) > 1 and self.label == "PERSON":
                self._person_keys = surname_keys(self.canonical) | {name_key(words[0])}
            else:
                self._person_keys = frozenset()
        return self._person_keys


def _after_the(source: str, start: int) -> bool:
    return source[max(0, start - 4) : start] in ("the ", "The ") and (start == 4 or not source[start - 5].isalnum())


def _pronoun_after(source: str, end: int) -> str | None:
    """The gender of a he/she/his/her right after a name, before the next name or sentence."""
    found = _PRONOUN_AHEAD.match(source[end:end + 80])
    if not found or _NAME_BETWEEN.search(found.group()[:found.start(1)]):
        return None
    return "male" if found.group(1) in ("he", "his", "him") else "female"


def _match_single(work: Work, clusters: list[_Cluster], source: str) -> _Cluster | None:
    key = name_key(work.name)
    for c in clusters:
        if c.iso3 is None and key in c.keys:
            return c
    # A mislabelled surname ("Obama" as GPE) may join a person; an abbreviation ("U.N.") may not.
    abbreviation = "." in work.name or (work.name.isupper() and len(work.name) > 1)
    people = [c for c in clusters if key in c.person_keys] if work.mention.label == "PERSON" or not abbreviation else []
    gender = _pronoun_after(source, work.mention.end) if len(people) > 1 else None
    if gender:  # "Clinton allowed her staff ...": Hillary, not Bill
        people = [c for c in people if first_name_gender(name_words(c.canonical)[0], sure=3) == gender] or people
    if people:
        # The person mentioned most so far owns the bare surname ("Clinton" is Hillary, not Chelsea,
        # in an article about Hillary), then the nearest; a headline surname takes the first full name.
        def salience(c: _Cluster) -> tuple[int, tuple[int, int]]:
            earlier = [w.rank for w in c.members if w.rank < work.rank]
            return len(earlier), max(earlier, default=(-1, -1))

        best = max(people, key=salience)
        return best if salience(best)[0] else min(people, key=lambda c: c.first)
    if work.mention.label == "ORG":  # "Exxon" is the article's "Exxon Mobil"
        owners = [c for c in clusters if c.is_org and len(name_words(c.canonical)) == 2
                  and name_key(name_words(c.canonical)[0]) == key]
        if len(owners) == 1:
            return owners[0]
    if work.mention.label != "PERSON" and _after_the(source, work.mention.start):
        for c in clusters:
            if c.is_org and c.ends_in(key):
                return c
    acronym = work.name.replace(".", "")
    if len(acronym) >= 2 and acronym.isupper():
        for c in clusters:
            if c.is_org and len(name_words(c.canonical)) > 1 and initials(c.canonical) == acronym:
                return c
    return None


def resolve_entities(mentions: list[Mention], sources: dict[str, str]) -> list[Entity]:
    """Cluster one article's mentions into Entities.

    `sources` maps a mention's field ("text", "title") to the string its offsets point into;
    the surrounding text is what tells a title or a fragment from a name.
    """
    works = [w for m in mentions if (w := prepare(m, sources[m.field])) is not None]
    works = absorb_titles(works, sources)
    works = extend_fragments(works, sources)
    works.sort(key=lambda w: w.rank)
    for w in works:
        w.country = lookup(w.name, w.mention.label)

    clusters: list[_Cluster] = []
    by_country: dict[str, _Cluster] = {}
    for w in works:
        if w.country and w.country.kind in COUNTRY_KINDS:
            cluster = by_country.get(w.country.iso3)
            if cluster is None:
                cluster = by_country[w.country.iso3] = _Cluster(iso3=w.country.iso3)
                clusters.append(cluster)
            cluster.add(w)
    rest = [w for w in works if not (w.country and w.country.kind in COUNTRY_KINDS)]
    for w in list(rest):
        # A capital stands for its country only when the article is about that country too.
        if w.country and w.country.kind == "capital" and w.country.iso3 in by_country:
            by_country[w.country.iso3].add(w)
            rest.remove(w)

    for w in [w for w in rest if len(w.tokens) > 1]:
        key = name_key(w.name)
        target = next((c for c in clusters if c.iso3 is None and key in c.keys), None)
        if target is None and w.mention.label == "PERSON":
            target = next(
                (c for c in clusters if c.iso3 is None and c.label == "PERSON"
                 and any(same_person(w.name, m.name) for m in c.members if len(m.tokens) > 1)),
                None,
            )
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.add(w)

    clusters = _merge_suffixes(clusters)
    for w in [w for w in rest if len(w.tokens) == 1]:
        source = sources[w.mention.field]
        target = _match_single(w, clusters, source)
        if target is None and w.name in BARE_TITLES:
            continue  # a bare title word that names no one in this article
        if target is None:
            target = _Cluster()
            clusters.append(target)
        elif target.label == "ORG" and _after_the(source, w.mention.start) and target.ends_in(name_key(w.name)):
            respan(w, source, w.mention.start - 4, w.mention.end)  # "The Journal" is the whole reference
        target.add(w)

    _add_untagged(clusters, sources)
    return _entities(clusters)


def _add_untagged(clusters: list[_Cluster], sources: dict[str, str]) -> None:
    """A person's surname where the model missed it ("Oz has been", "Mehmet Oz" untagged) is a mention
    of the person who goes by that surname alone most often in the article (no one, where two tie).
    Not inside another name ("Trump Tower"), nor after a first name that is not this person's."""
    owners: dict[str, Counter] = {}
    for c in clusters:
        if c.iso3 is None and c.label == "PERSON":
            surname = name_words(c.canonical)[-1]
            owners.setdefault(surname, Counter())[id(c)] += 1 + sum(1 for w in c.members if w.name == surname)
    by_id = {id(c): c for c in clusters}
    # Which characters of each section some mention already covers (every mention span is non-empty),
    # so that testing a match costs one lookup instead of a scan of all mentions.
    taken = {section: bytearray(len(source)) for section, source in sources.items()}
    for c in clusters:
        for w in c.members:
            mark_covered(taken[w.mention.field], w.mention.start, w.mention.end)
    for surname, counts in owners.items():
        (best, top), *rest = counts.most_common()
        if (rest and rest[0][1] == top) or not surname[:1].isupper() or len(surname) < 2:
            continue
        cluster = by_id[best]
        first = name_words(cluster.canonical)[0] if len(name_words(cluster.canonical)) > 1 else None
        for section, source in sources.items():
            for start, end in standalone(source, surname):
                if taken[section].find(1, start, end) >= 0:
                    continue
                before = _CAPITALISED_BEFORE.search(source[max(0, start - 30):start])
                if before and first and before.group(1) != first and before.group(1) not in TITLE_WORDS:
                    continue  # "Keith Scott" is not Rakeyia Scott
                mention = Mention(start, end, surname, cluster.label, section)
                cluster.add(Work(mention, surname, (0 if section == "title" else 1, start)))
                mark_covered(taken[section], start, end)


def _merge_suffixes(clusters: list[_Cluster]) -> list[_Cluster]:
    """An organisation named by the end of a longer name in the article is that one: "Daily News" of
    "New York Daily News", "Security Council" of "United Nations Security Council" and of its
    "U.N. Security Council". Not where the longer names differ ("Foreign Ministry" of two
    countries' ministries)."""
    orgs = [c for c in clusters if c.is_org]
    for short in orgs:
        names = [key_words(w.name) for w in short.members]
        longer = [c for c in orgs if c is not short and c.members and all(
            any(len(key_words(m.name)) > len(n) and key_words(m.name)[-len(n):] == n for m in c.members)
            for n in names)]
        if not short.members or not longer or not all(_same_org(longer[0].canonical, c.canonical) for c in longer):
            continue
        for cluster in [short] + longer[1:]:
            for w in cluster.members:
                longer[0].add(w)
            cluster.drop_members()
    return [c for c in clusters if c.members]


def _same_org(a: str, b: str) -> bool:
    """ "U.N. Security Council" and "United Nations Security Council": the same name but for an
    abbreviation of its first words."""
    a_tokens, b_tokens = a.split(), b.split()
    while a_tokens and b_tokens and name_key(a_tokens[-1]) == name_key(b_tokens[-1]):
        a_tokens, b_tokens = a_tokens[:-1], b_tokens[:-1]
    a_rest, b_rest = " ".join(a_tokens), " ".join(b_tokens)
    squeeze = lambda name: name.replace(".", "").replace(" ", "")
    return a_rest == b_rest or squeeze(a_rest) == initials(b_rest) or squeeze(b_rest) == initials(a_rest)


def _entities(clusters: list[_Cluster]) -> list[Entity]:
    present = {c.iso3 for c in clusters if c.iso3}
    entities = []
    for number, cluster in enumerate(sorted(clusters, key=lambda c: c.first), start=1):
        members = sorted(cluster.members, key=lambda w: w.rank)
        if cluster.iso3:
            name, kind, country = country_name(cluster.iso3), "GPE", cluster.iso3
        else:
            name, kind = cluster.canonical, cluster.label
            # A region's country only when the article names it: "Charlotte" is also a parish of St Vincent.
            country = next(
                (w.country.iso3 for w in members if w.country and (w.country.kind != "region" or w.country.iso3 in present)),
                None,
            )
            if country is None and kind == "ORG" and len(name.split()) > 1:
                country = exact_country(name.split()[0])  # "U.S. Supreme Court"
        entities.append(Entity(f"E{number}", name, kind, [w.mention for w in members], country))
    return entities
