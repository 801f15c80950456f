"""Person and organisation names as text: their words and match keys, the titles in front of
them ("Supreme Leader Ayatollah"), and where a bare surname stands in an article.

Entity resolution (entities.py) clusters mentions with these; attributions use `proper_name` too.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A title run must hold one of these: it is what makes "Supreme Leader" a title.
CORE_TITLES = frozenset(
    """President President-elect Leader Ayatollah Minister Secretary Secretary-General Premier
    Chancellor Senator Sen. Rep. Representative Congressman Congresswoman Gov. Governor Mayor
    Speaker Mr. Mrs. Ms. Miss Dr. Prof. Professor Rev. Reverend Pope King Queen Prince Princess
    Sheikh Sheik Emir Sultan Imam Cardinal Archbishop Bishop Rabbi Judge Justice Ambassador
    Commissioner Director Chairman Chairwoman Spokesman Spokeswoman Spokesperson General Gen.
    Lt. Col. Maj. Capt. Sgt. Adm. Admiral Lord Lady Sir Dame Mullah Sec. Atty.""".split()
)
# Words that only ever qualify a title; alone they are a fragment, never an entity.
TITLE_ADJECTIVES = frozenset(
    "Supreme Prime Vice Deputy Foreign Chief Grand Senior Former Acting Crown First Majority Minority "
    "Lieutenant Surgeon Attorney Press".split()
)
# Departments that precede a title ("Defense Secretary"); alone they may name the department.
TITLE_DEPARTMENTS = frozenset(
    "State Defense Defence Homeland Security Treasury Interior Finance Energy Labor Commerce Health "
    "Education Transportation House Senate".split()
)
TITLE_WORDS = CORE_TITLES | TITLE_ADJECTIVES | TITLE_DEPARTMENTS
BARE_TITLES = CORE_TITLES | TITLE_ADJECTIVES
NAME_PARTICLES = frozenset("al el bin ibn bint abu van von der den de del della di da du la le st.".split())
LEADING_DETERMINERS = frozenset({"the", "The", "a", "an"})
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "on", "in"})

POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")

# What may not follow an untagged surname: the next word of a longer name, or a suffix ("Scott-Heron", "Oz's" is fine).
_NAME_GOES_ON = re.compile(r"\s+[A-Z]|[-’'][a-z]{2}")
_BOUNDARY = re.compile(r"\b")  # match(text, at) sees the characters either side of `at`, as \b inside a pattern does


@lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name; the same few names are split again and again while clustering."""
    return tuple(name.split())


@lru_cache(maxsize=8192)
def key_words(name: str) -> tuple[str, ...]:
    return tuple(name_key(name).split())


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name.replace(".", "").replace("’", "'").casefold()).strip()


def _is_namelike(token: str) -> bool:
    return any(c.isupper() for c in token) or token.casefold() in NAME_PARTICLES


def title_run(tokens: list[str]) -> int:
    """How many leading tokens form a title ("Secretary of State", "Supreme Leader Ayatollah")."""
    run = 0
    while run < len(tokens) and (tokens[run] in TITLE_WORDS or (tokens[run] == "of" and run > 0)):
        run += 1
    while run and tokens[run - 1] == "of":
        run -= 1
    return run if any(t in CORE_TITLES for t in tokens[:run]) else 0


@lru_cache(maxsize=8192)
def proper_name(text: str, label: str) -> str:
    """The name inside a mention: no determiner, title, trailing description or possessive."""
    tokens = text.split()
    if not tokens:
        return ""
    while len(tokens) > 1 and tokens[0] in LEADING_DETERMINERS:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].isalpha() and tokens[-1].islower():
        tokens = tokens[:-1]  # "IRNA news agency"
    tokens[-1] = POSSESSIVE.sub("", tokens[-1]) or tokens[-1]  # also "Clinton's van"
    if label == "PERSON":
        tokens = strip_title(tokens)  # "Secretary of State John Kerry" before "of" ends the name
        # The name is the last run of capitalised words: "Foreign Ministry spokeswoman Marzieh Afkham".
        start = len(tokens)
        while start > 0 and _is_namelike(tokens[start - 1]):
            start -= 1
        tokens = strip_title(tokens[start:] or tokens)
    return " ".join(tokens)


def strip_title(tokens: list[str]) -> list[str]:
    run = title_run(tokens)
    return tokens[run:] if run < len(tokens) else tokens


@lru_cache(maxsize=8192)
def surname_keys(name: str) -> frozenset[str]:
    last = name.split()[-1]
    keys = {name_key(last)}
    head, _, tail = last.partition("-")
    if tail and head.casefold() in NAME_PARTICLES:  # "al-Assad" -> "Assad"
        keys.add(name_key(tail))
    return frozenset(keys)


@lru_cache(maxsize=8192)
def same_person(a_name: str, b_name: str) -> bool:
    """ "George Bush" ~ "George W. Bush" (same first and last); "Hillary Clinton" ~ "Crooked Hillary Clinton"."""
    a, b = [name_key(t) for t in name_words(a_name)], [name_key(t) for t in name_words(b_name)]
    short, long = sorted((a, b), key=len)
    return (a[0], a[-1]) == (b[0], b[-1]) or long[-len(short):] == short


@lru_cache(maxsize=8192)
def initials(name: str) -> str:
    return "".join(t[0] for t in name.split() if t not in ACRONYM_SKIP and t[:1].isupper())


def mark_covered(covered: bytearray, start: int, end: int) -> None:
    end = min(end, len(covered))  # a slice assignment past the end would grow the array
    if start < end:
        covered[start:end] = b"\x01" * (end - start)


def standalone(source: str, surname: str) -> list[tuple[int, int]]:
    """The spans `re.finditer(rf"\\b{re.escape(surname)}\\b(?!\\s+[A-Z]|[-’'][a-z]{{2}})", source)` finds:
    the surname as a whole word that no other name word or suffix follows. Found with str.find, because
    compiling one pattern per surname cost more than all the searching."""
    spans = []
    at = source.find(surname)
    while at >= 0:
        end = at + len(surname)
        if _BOUNDARY.match(source, at) and _BOUNDARY.match(source, end) and not _NAME_GOES_ON.match(source, end):
            spans.append((at, end))
            at = source.find(surname, end)
        else:
            at = source.find(surname, at + 1)
    return spans
