"""The author of a personal site: the person the site is named after.

A blog that is one person's ("Pierce Freeman", "Erik Demaine's folding page") rarely prints a
byline over each post: the site's name, the end of every page title or the copyright line in the
footer is the byline. It counts only when it is a person's name, a first name both of
gender-guesser's lists know and a capitalised surname; "The Wood Whisperer" and "Quiet Light"
are publications, not people.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from ..analyze.gender import known_first_name
from .headline import TITLE_SEPARATORS

_IN_BRACKETS = re.compile(r"\(([^()]+)\)\s*$")  # "The Fold-and-Cut Problem (Erik Demaine)"
_WORD = r"[A-Z][\w'’-]+"
# "© 2025 Toby Hede. All rights reserved.": the holder's name must end there, or it is the start
# of an organisation's ("© 2025 Georgia Institute of Technology").
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?\s*({_WORD}(?: [A-Z]\.)? {_WORD})"
                        r"(?=\s*(?:[.,|·•]|All\b|$))")
_FOOTERS = etree.XPath("//footer")
_NOT_FIRST_NAMES = {"the", "a", "an", "be"}  # words the name lists hold that start publication names


def site_owner(tree: HtmlElement, site: str | None) -> str | None:
    """The person a site is named after, or None when its name is no person's."""
    for candidate in _candidates(tree, site):
        if _is_person(candidate):
            return candidate
    return None


def _candidates(tree: HtmlElement, site: str | None):
    if site:
        yield site.strip()
    title = " ".join((tree.findtext(".//title") or "").split())
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1:  # the site's part only: a page's own title may be the name of whom it is about
        yield parts[-1]
    bracketed = _IN_BRACKETS.search(title)
    if bracketed:
        yield bracketed.group(1).strip()
    for footer in _FOOTERS(tree):
        held = _COPYRIGHT.search(" ".join(footer.text_content().split()))
        if held:
            yield held.group(1)


def _is_person(name: str) -> bool:
    words = name.split()
    if len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]):  # a middle initial
        words = [words[0], words[2]]
    if len(words) != 2 or not all(re.fullmatch(r"[A-Z][a-z'’-]+", word) for word in words):
        return False
    return words[0].lower() not in _NOT_FIRST_NAMES and known_first_name(words[0])
