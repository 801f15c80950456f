"""Where a page shows its byline: a "By ..." line after the headline, or an element the
template marks as the author's. Each function gives the raw text; bylines.py reads the names.
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator

from lxml import etree
from lxml.html import HtmlElement

from .bylines import BYLINE_LEAD, BYLINE_START, LABEL, NOT_BYLINE, split_byline

_COMMENTS = re.compile(r"comment|discuss|repl(?:y|ies)|related|recommend", re.I)
# Class names are matched in any case ("AuthorName", "dateAndAuthorContainer"), but not "authority".
_AUTHOR_CLASS = re.compile(r"author(?!it|iz|is)|byline", re.I)
_NOT_AUTHOR_BOX = re.compile(r"bio|avatar|image|img|photo|pic|desc|about|social|follow|more|box|card|list|comment", re.I)
BYLINE_TAGS = ("p", "span", "div", "a", "li", "small", "address", "strong", "em", "b", "h2", "h3", "h4", "h5", "h6",
               "dd", "dt")
# How many words of text may sit between the headline and the byline that credits it.
BYLINE_WITHIN = 40


def visible_bylines(tree: HtmlElement, within: int | None = None) -> list[str]:
    """"By Jane Doe" in the page text, or a "Written by" label and the name after it; with
    `within`, only one that follows an <h1> by at most that many words."""
    headline = next(tree.iter("h1"), None)
    if headline is None:
        # no headline: a byline anywhere on the page counts, and there is no distance to keep
        return [] if within is not None else _first_byline(tree.iter(*BYLINE_TAGS))
    # before the headline sit menus and filters ("By Topic"), not bylines: the search starts
    # at the headline, which spares the walk and the byline test over everything above it
    if within is None:
        return _first_byline(_after(tree, headline, BYLINE_TAGS))
    return _first_byline(_words_within(_after(tree, headline), headline, within))


def _after(tree: HtmlElement, start: HtmlElement, tags: tuple[str, ...] = ()) -> Iterator[HtmlElement]:
    """`tree.iter(*tags)` from `start` on (`start` and what follows it, in document order)."""
    yield from start.iter(*tags)
    elem = start
    while elem is not tree and elem.getparent() is not None:
        for sibling in elem.itersiblings():
            yield from sibling.iter(*tags)
        elem = elem.getparent()


def _words_within(elements: Iterator[HtmlElement], headline: HtmlElement, within: int) -> Iterator[HtmlElement]:
    """The elements, until more than `within` words of text follow the headline."""
    words = 0
    for elem in elements:
        if elem is not headline and isinstance(elem.tag, str) and elem.tag not in ("script", "style"):
            if words > within:
                return
            words += len((elem.text or "").split()) + len((elem.tail or "").split())
        yield elem


def _first_byline(elements: Iterator[HtmlElement]) -> list[str]:
    for elem in elements:
        if elem.tag not in BYLINE_TAGS or not elem.text or not BYLINE_START.match(elem.text):
            continue
        if _mid_sentence(elem):
            continue  # a link in running prose ("billing clients <a>by project</a>")
        text = _joined(elem)
        if len(text) > 150 or NOT_BYLINE.search(text):
            continue
        if LABEL.match(text):
            text = _following_text(elem)
            if not text:
                continue
        return [text]
    return []


_INLINE = frozenset(("a", "span", "strong", "em", "b", "small"))


def _mid_sentence(elem: HtmlElement) -> bool:
    """Whether an inline element continues the words before it: its block's text runs into it
    from a lower-case word, as a sentence does, and not from one that leads into a byline
    ("This entry was posted <a>by jdoe</a>")."""
    if elem.tag not in _INLINE:
        return False
    previous = elem.getprevious()
    parent = elem.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else None)
    word = re.search(r"\b([a-z]+)\s+$", before or "")
    return bool(word) and not BYLINE_LEAD.fullmatch(word.group(1))


def _following_text(elem: HtmlElement) -> str:
    if elem.tail and elem.tail.strip():
        return elem.tail.strip()
    sibling = elem.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    if sibling is not None:
        text = _joined(sibling)
        return text if len(text) <= 100 else ""
    return ""


def markup_names(tree: HtmlElement) -> list[str]:
    """Text of the first author-marked element that reads as a byline."""
    for elem in itertools.islice(_author_marked(tree), 40):
        if elem.tag in ("meta", "link", "script", "style", "img", "body", "html", "article", "section", "main"):
            continue
        marker = f"{elem.get('class') or ''} {elem.get('id') or ''}"
        declared = elem.get("itemprop") == "author" or elem.get("rel") == "author"
        boxed = _NOT_AUTHOR_BOX.search(marker) and "name" not in marker.lower()
        if not declared and boxed:  # classed as the author's (_author_marked), but a bio or avatar box
            continue
        if any(_COMMENTS.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in elem.iterancestors()):
            continue  # a commenter is not the author
        named = elem.xpath(".//*[@itemprop='name']")
        text = _joined(named[0]) if named else _joined(elem)
        if text and len(text) <= 100 and split_byline(text):
            return [text]
        # an author box: the name on a line of its own, then the biography
        first = next((t.strip() for t in elem.itertext() if t.strip()), "")
        if len(text) > 100 and first and len(split_byline(first)) == 1 and len(first.split()) >= 2:
            return [first]
    return []


def _author_marked(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Elements declared or classed as the author's, in page order, found lazily: a walk in
    Python that stops at the first byline is several times cheaper than an XPath that lower-cases
    every class name on the page."""
    for elem in tree.iter(etree.Element):
        attributes = elem.attrib
        if (attributes.get("rel") == "author" or attributes.get("itemprop") == "author"
                or _AUTHOR_CLASS.search(f"{attributes.get('class') or ''} {attributes.get('id') or ''}")):
            yield elem


def _joined(elem: HtmlElement) -> str:
    # itertext keeps the pieces apart that text_content glues ("Jane DoeDec 19, 2025")
    return " ".join(" ".join(elem.itertext()).split())
