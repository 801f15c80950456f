"""How a page's visible headline is written, weighed against its declared titles.

metadata.py picks which headline is the title; this module settles its spelling. The <h1> is
styled for show: capitals set by the template, line breaks for layout, characters lost to a
wrong encoding, a count or a year left to the page's own <title>. Where the declared title
is the same headline without those artefacts, it is the one a reader would write down.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# What a page's <title> puts between its headline and the site's name or a section ("Headline | Site").
TITLE_SEPARATORS = re.compile(r"\s+(?:[|•·»«~/\\]|::|-{1,2}|[–—])\s+")
# Words a page's <title> may add to its <h1>: a count ("8 Recent Trends") or a year ("... in 2025").
_ADDED = re.compile(r"^(?:\d{1,4}|in|for|of)$")
# Characters a lossy encoding leaves in place of what it could not write.
_LOST = re.compile("[?\ufffd]")
# Share of an all-capitals headline's words that a declared title must also have to be its spelling.
CAPS_SHARED = 0.75


def heading_text(heading: HtmlElement) -> str:
    """An <h1>'s text, a <br> reading as the space it shows ("WEEKEND<br>CODING")."""
    parts: list[str] = []

    def walk(elem: HtmlElement) -> None:
        if elem.tag == "br":
            parts.append(" ")
        elif isinstance(elem.tag, str) and elem.text:
            parts.append(elem.text)
        for child in elem:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(heading)
    return "".join(parts)


def respell(heading: str, declared: list[str], page_title: str | None) -> str:
    """The headline as the declared titles spell it, when they are the same headline.

    `declared` are the declared titles without the site's name; `page_title` is the <title>
    element's, likewise stripped.
    """
    key = _key(heading)
    # capitals in a declared title too are the headline's own spelling, not the template's
    if _in_capitals(heading) and not any(_in_capitals(title) for title in declared):
        words = key.split()
        for title in declared:
            shared = set(_key(title).split())
            if words and sum(w in shared for w in words) >= CAPS_SHARED * len(words) and len(shared) <= len(words) + 1:
                return title
    # "Planning? Beginner? Guide" against "Planning: Beginner's Guide": the declared title
    # kept what the page's encoding lost
    if _LOST.search(heading.rstrip("?")):
        pattern = ".{1,3}".join(re.escape(part) for part in _LOST.split(heading))
        for title in declared:
            if not _LOST.search(title.rstrip("?")) and re.fullmatch(pattern, title, re.I):
                return title
    for title in declared:
        if " and " in f" {key} " and "&" in title and _key(title.replace("&", " and ")) == key:
            return title  # the declared spelling is the one the headline was typed with
    # the <title> that adds a count or the year to the headline ("8 Recent Trends in
    # Photography" over "Recent Trends in Photography") is the full headline
    if page_title and key:
        longer = f" {_key(page_title)} "
        if f" {key} " in longer and longer.strip() != key:
            added = longer.replace(f" {key} ", " ", 1).split()
            if any(w.isdigit() for w in added) and all(_ADDED.match(w) for w in added):
                return page_title
    return heading


def declared_part(heading: HtmlElement, declared: list[str]) -> str | None:
    """A part of the <h1> that is the declared title on its own, the rest being a kicker,
    a source or a count set beside it ("Get that tech stack" | "Klatch Coffee")."""
    keys = {_key(title): title for title in declared if len(_key(title).split()) >= 2}
    whole = _key(heading.text_content())
    if not keys or whole in keys:
        return None
    for elem in heading.iterdescendants():
        if not isinstance(elem.tag, str):
            continue
        text = " ".join(elem.text_content().split())
        if _key(text) in keys and _key(text) != whole:
            return text
    return None


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
