"""The page's authors: declared names (JSON-LD, <meta>) weighed against the byline readers see.

Author names of a page come from three places: what the page declares, the byline it shows
(byline_search.py, read by bylines.py), and, as a last resort, names it links to writers'
profiles (credits.py) or the person the site is named after (owner.py).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .byline_search import BYLINE_WITHIN, markup_names, visible_bylines
from .bylines import NOT_NAMES, name_key, split_byline
from .credits import shown_credits
from .owner import site_owner

_PERSON_META = ("author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author",
                "sailthru.author", "cxenseparse:author", "og:article:author", "citation_author")


def clean_authors(tree: HtmlElement, meta: dict[str, list[str]], article: dict, jsonld: list[dict],
                  site: str | None) -> list[str]:
    """The page's author names, in byline order; [] when the page names none.

    Declared authors (JSON-LD, <meta>) lead; a visible byline replaces them when they only
    name the publisher, since then the byline is the one that names a person. A page that
    credits nobody on a site named after a person is that person's (see owner.py).
    """
    names = _without_site(_pick_authors(tree, meta, article, jsonld, site), site)
    if names:
        return names
    owner = site_owner(tree, site)
    return [owner] if owner else []


def _without_site(names: list[str], site: str | None) -> list[str]:
    # a byline that ends in the publication ("Jane Doe, The Coastal Ledger") credits it as a
    # place of work, not as a second author
    site_key = name_key(site or "").replace(" ", "")
    people = [n for n in names if len(name_key(n).replace(" ", "")) < 6 or name_key(n).replace(" ", "") not in site_key]
    return people if people else names


def _trim_site(name: str, site: str | None) -> str:
    """"Jane Doe Coastal Ledger" -> "Jane Doe": an author box that runs the name into the brand."""
    if not site:
        return name
    words, brand = name.split(), name_key(site).split()
    if (len(words) > len(brand) + 1 and [name_key(w) for w in words[-len(brand):]] == brand
            and all(w[:1].isupper() for w in words[:-len(brand)])):
        return " ".join(words[:-len(brand)])
    return name


def _pick_authors(tree: HtmlElement, meta: dict[str, list[str]], article: dict, jsonld: list[dict],
                  site: str | None) -> list[str]:
    declared, organisation = _jsonld_names(article, jsonld)
    if organisation:  # one name, whatever it joins ("Morgan & Morgan", "Procter & Gamble")
        names = list(dict.fromkeys(" ".join(name.split()) for name in declared if name.strip()))
    else:
        names = _accept(declared, strict=False)
    if not names:
        names = _accept(_meta_names(meta), strict=False)
        organisation = False
    visible = _accept(visible_bylines(tree), strict=True) or _accept(markup_names(tree), strict=True)
    visible = [_trim_site(n, site) for n in visible]
    if names and visible and (organisation or _is_site(names, site)) and not _is_site(visible, site):
        return visible
    # a "By ..." line right under the headline that shares no name with the declared authors
    # is what readers are told; the declared one is the account that filed the page. Further
    # down, a "By ..." line belongs to a quote, a sidebar or another story.
    if names:
        credited = [_trim_site(n, site) for n in _accept(visible_bylines(tree, BYLINE_WITHIN), strict=True)]
        if credited and not set(_name_words(names)) & set(_name_words(credited)):
            return credited
    # an account name ("jdoe", "KatieS") is the login that filed the story; the byline under
    # the headline gives the writer's full name
    if (len(names) == 1 and " " not in names[0] and visible and all(" " in n for n in visible)
            and not _is_site(visible, site)
            and not any(w in NOT_NAMES for n in visible for w in name_key(n).split())):
        return visible
    # structured data often carries only the first of several bylined authors
    if names and len(visible) > len(names) and {_bare(n) for n in names} <= {_bare(n) for n in visible}:
        return visible
    return names or visible or _accept(shown_credits(tree, lambda text: bool(split_byline(text))), strict=True)


_HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "sir"}


def _bare(name: str) -> str:
    """A name's key without honorifics: "Dr Jane Doe" and "Jane Doe" are one author."""
    return " ".join(w for w in name_key(name).split() if w not in _HONORIFICS)


def _name_words(names: list[str]) -> list[str]:
    return [w for n in names for w in _bare(n).split() if len(w) > 1]


def _is_site(names: list[str], site: str | None) -> bool:
    if not site or len(names) != 1:
        return False
    key, site_key = name_key(names[0]).replace(" ", ""), name_key(site).replace(" ", "")
    return bool(key) and (key in site_key or site_key in key)


def _accept(candidates: list[str], strict: bool) -> list[str]:
    names: list[str] = []
    for raw in candidates:
        for name in split_byline(raw, strict):
            if name_key(name) not in {name_key(n) for n in names}:
                names.append(name)
    return names


def _jsonld_names(article: dict, jsonld: list[dict]) -> tuple[list[str], bool]:
    """Names of the article's declared authors, and whether they are all organisations."""
    if not article:
        return [], False
    by_id = {obj.get("@id"): obj for obj in jsonld if isinstance(obj.get("@id"), str)}
    names, kinds = [], []
    authors = article.get("author") or article.get("creator") or []
    for author in authors if isinstance(authors, list) else [authors]:
        if isinstance(author, dict) and "name" not in author and author.get("@id") in by_id:
            author = by_id[author["@id"]]
        if isinstance(author, dict):
            name = author.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if isinstance(name, str):
                names.append(name)
                kinds.append(str(author.get("@type") or ""))
        elif isinstance(author, str):
            names.append(author)
            kinds.append("")
    return names, bool(kinds) and all("Organization" in k for k in kinds)


# "Roy, Aniruddha": scholarly metadata gives one author per field, surname first.
_SURNAME_FIRST = re.compile(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?), ([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)")
_SCHOLARLY_META = ("citation_author", "dc.creator", "dcterms.creator")


def _meta_names(meta: dict[str, list[str]]) -> list[str]:
    for name in _PERSON_META:
        values = [v for v in meta.get(name, []) if v and not v.lower().startswith(("http", "www."))]
        if name in _SCHOLARLY_META:
            values = [f"{m[2]} {m[1]}" if (m := _SURNAME_FIRST.fullmatch(v)) else v for v in values]
        if values:
            return values
    # SEO plugins put the byline in a labelled Twitter card field ("Written by" | "Jane Doe")
    for index in range(1, 5):
        labels, values = meta.get(f"twitter:label{index}", []), meta.get(f"twitter:data{index}", [])
        if labels and values and re.search(r"written by|author", labels[0], re.I):
            return values[:1]
    return []
