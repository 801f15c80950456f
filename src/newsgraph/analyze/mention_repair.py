"""Repairs to the spans of the model's mentions, before entities.py clusters them.

Clustering compares names, so a span the model cut wrong would become an entity of its own: a
closing quotation mark or possessive left on the name, a title word tagged apart from the name
after it ("Supreme" of "Supreme Leader Ayatollah Ali Khamenei"), one word of a longer name tagged
alone ("Islamic" of "Islamic State"). Each span is mended from the same article's text and its
other mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from newsgraph.analyze.countries import CountryRef
from newsgraph.analyze.names import POSSESSIVE, name_words, proper_name, title_run
from newsgraph.article import Mention

ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
MAX_CHARS = 80
MAX_TOKENS = 8

_QUOTES = "\"“”‘’'`"
# Compiled here rather than left to re's own cache, which spaCy and the extractors churn.
_WORDS_BEFORE = re.compile(r"(?:\S+ +)+$")
_WORD_AND_SPACE = re.compile(r"(\S+)( +)")


@dataclass
class Work:
    mention: Mention
    name: str
    rank: tuple[int, int]  # title before text, then position: the order of first mention
    country: CountryRef | None = None

    @property
    def tokens(self) -> tuple[str, ...]:
        return name_words(self.name)


@lru_cache(maxsize=8192)
def _is_junk(text: str, name: str) -> bool:
    letters = sum(c.isalpha() for c in name)
    return (
        letters < 2
        or not any(c.isupper() for c in name)
        or len(text) > MAX_CHARS
        or len(text.split()) > MAX_TOKENS
        or "://" in text
        or text[:1] in "@#"
    )


def prepare(mention: Mention, source: str) -> Work | None:
    if mention.label not in ENTITY_LABELS:
        return None
    start, end = mention.start, mention.end
    possessive = POSSESSIVE.search(source[start:end])
    if possessive and end - start > 2:
        end -= len(possessive.group())
    while end > start and (source[end - 1].isspace() or source[end - 1] in _QUOTES):
        end -= 1  # "Donald Trump ''": the closing quotation mark is no part of the name
    while start < end and (source[start].isspace() or source[start] in _QUOTES):
        start += 1
    text = source[start:end]
    name = proper_name(text, mention.label)
    if _is_junk(text, name):
        return None
    rank = (0 if mention.field == "title" else 1, start)
    return Work(replace(mention, start=start, end=end, text=text), name, rank)


def respan(work: Work, source: str, start: int, end: int, label: str | None = None) -> None:
    label = label or work.mention.label
    work.mention = replace(work.mention, start=start, end=end, text=source[start:end], label=label)
    work.rank = (work.rank[0], start)


def _swallow(works: list[Work], keeper: Work) -> list[Work]:
    """Drop mentions that lie inside `keeper`'s span: they were fragments of it."""
    m = keeper.mention
    return [
        w for w in works
        if w is keeper or w.mention.field != m.field or not (m.start <= w.mention.start and w.mention.end <= m.end)
    ]


def absorb_titles(works: list[Work], sources: dict[str, str]) -> list[Work]:
    """Extend a PERSON mention over the title words before it: "Supreme Leader Ayatollah Ali Khamenei"."""
    for work in [w for w in works if w.mention.label == "PERSON"]:
        source = sources[work.mention.field]
        left = max(0, work.mention.start - 80)
        run = _WORDS_BEFORE.search(source[left : work.mention.start])
        if not run:
            continue
        words = _WORD_AND_SPACE.findall(run.group())
        if left + run.start() > 0 and not source[left + run.start() - 1].isspace():
            words = words[1:]  # the window began inside a word
        tokens = [w for w, _ in words]
        # The longest run of preceding words that is wholly a title.
        for size in range(len(tokens), 0, -1):
            if title_run(tokens[-size:]) == size:
                start = work.mention.start - sum(len(w) + len(s) for w, s in words[-size:])
                respan(work, source, start, work.mention.end)
                works = _swallow(works, work)
                break
    return works


def extend_fragments(works: list[Work], sources: dict[str, str]) -> list[Work]:
    """A one-word mention inside a longer name mentioned elsewhere in the article becomes that name."""
    longer: dict[str, str] = {}
    for w in works:
        if len(w.tokens) > 1:
            longer.setdefault(w.name, w.mention.label)
    # The longer names each word occurs in, in the order `longer` has them: only those can match.
    containing: dict[str, list[tuple[str, str]]] = {}
    for name, label in longer.items():
        for token in dict.fromkeys(name_words(name)):
            containing.setdefault(token, []).append((name, label))
    for work in [w for w in works if len(w.tokens) == 1]:
        source = sources[work.mention.field]
        word = work.name
        at = source.find(word, work.mention.start, work.mention.end)
        if at < 0:
            continue
        for name, label in containing.get(word, ()):
            tokens = name_words(name)
            before = " ".join(tokens[: tokens.index(word)])
            start = at - (len(before) + 1 if before else 0)
            end = start + len(name)
            if (
                start >= 0
                and source[start:end] == name
                and not source[end : end + 1].isalnum()
                and not (start and source[start - 1].isalnum())
                and not _overlaps(works, work, start, end)
            ):
                respan(work, source, start, end, label)
                work.name = name
                works = _swallow(works, work)
                break
    return works


def _overlaps(works: list[Work], me: Work, start: int, end: int) -> bool:
    """True when [start, end) cuts another mention in half (containing it whole is fine)."""
    for w in works:
        m = w.mention
        if w is me or m.field != me.mention.field or m.end <= start or m.start >= end:
            continue
        if not (start <= m.start and m.end <= end):
            return True
    return False
