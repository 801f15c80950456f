"""Author names that a page shows without calling them authors.

The last resort of authors.py, for pages with no declared author, no "By" line and no element
marked as a byline: many templates still link the name to the writer's profile page or put it
beside the writer's avatar, and both say "this person wrote it" as plainly as a label would.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# A profile page's address: "/author/jane-doe", "/blog/authors/jdoe/", "/writers/jane".
_PROFILE = re.compile(r"/(?:authors?|writers?|contributors?|columnists?|journalists?)/[^/?#\s]+/?(?:[?#].*)?$", re.I)
_AVATAR = re.compile(r"avatar", re.I)
# Parts of a page whose names are commenters or other stories' writers.
_ELSEWHERE = re.compile(r"comment|discuss|repl(?:y|ies)|related|recommend|footer|sidebar|more-?posts|"
                        r"card|teaser|listing|\bnav|menu", re.I)
# How many profile links or avatars to look at before giving up (lists of writers are not bylines).
_MAX_SEEN = 12


def shown_credits(tree: HtmlElement, is_name) -> list[str]:
    """Names linked to a writer's profile page, else the name beside an avatar; [] when none."""
    return _profile_links(tree, is_name) or _beside_avatar(tree, is_name)


def _profile_links(tree: HtmlElement, is_name) -> list[str]:
    names: list[str] = []
    parent = None
    for link in tree.iter("a"):
        href = link.get("href") or ""
        if not _PROFILE.search(href) or _elsewhere(link):
            continue
        text = _text(link) or " ".join((link.get("aria-label") or link.get("title") or "").split())
        if not is_name(text):
            continue
        # co-authors are linked side by side; a second link elsewhere is another story's writer
        block = link.getparent()
        if names and block is not parent and (block is None or block.getparent() is not parent.getparent()):
            break
        if text not in names:
            names.append(text)
        parent = block
    return names


def _beside_avatar(tree: HtmlElement, is_name) -> list[str]:
    seen = 0
    for img in tree.iter("img"):
        if not _AVATAR.search(img.get("class") or ""):
            continue
        seen += 1
        if seen > _MAX_SEEN:
            break
        if _elsewhere(img):
            continue
        text = _after(img)
        if text and is_name(text):
            return [text]
    return []


def _after(img: HtmlElement) -> str:
    """The first text after an image: its own tail, or the text of what follows it (climbing out
    of the wrappers that hold the image alone)."""
    elem = img
    for _ in range(4):
        if elem.tail and elem.tail.strip():
            return _first_phrase(elem.tail)
        sibling = elem.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None:
            # its first line: an author box goes on from the name to the biography
            return _first_phrase(next((t for t in sibling.itertext() if t.strip()), ""))
        elem = elem.getparent()
        if elem is None or _text(elem):
            return ""  # the wrapper holds more than the image, and nothing followed it
    return ""


def _first_phrase(text: str) -> str:
    # a name runs into what follows it ("Mahua Das in Reviews"); keep the name's words only
    text = " ".join(text.split())
    return re.split(r"\s+(?:in|on|at|\||·|•|-|–|—)\s+", text, maxsplit=1)[0].strip(" ,")


def _elsewhere(elem: HtmlElement) -> bool:
    return any(_ELSEWHERE.search(f"{a.get('class') or ''} {a.get('id') or ''}") or a.tag in ("footer", "nav", "aside")
               for a in elem.iterancestors())


def _text(elem: HtmlElement) -> str:
    return " ".join(" ".join(elem.itertext()).split())
