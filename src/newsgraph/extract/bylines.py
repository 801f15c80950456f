"""Author names of a page: where to look, how to split a byline, what is not a name."""

from __future__ import annotations

import itertools
import re
from html import unescape
from typing import Iterator

from lxml import etree
from lxml.html import HtmlElement

from .credits import shown_credits
from .owner import site_owner

_VERB = r"(?:(?:written|posted|reported|words|story|stories|text|articles?|posts|published|authored)\s+)?"
_CREDIT = r"(?:authors?|author\(s\)|contributors?)"
_BY = re.compile(rf"^\s*(?:{_VERB}by\b\s*[:\-]?|{_CREDIT}\s*:?|(?:insights|more)\s+from\b)\s*", re.I)
# A label on its own, whose name follows in the next element ("Written by" | "Jane Doe").
_LABEL = re.compile(rf"^\s*{_VERB}by\s*:?\s*$|^\s*{_CREDIT}\s*:?\s*$", re.I)
_BYLINE_START = re.compile(rf"^\s*{_VERB}by\b\s*:?|^\s*{_CREDIT}(?!\w)", re.I)
# Credits that are not authorship.
_NOT_BYLINE = re.compile(
    r"\b(?:reviewed|edited|fact[- ]checked|photos?|photograph(?:y|ed)|illustrations?|images?|video|powered|designed"
    r"|developed|sponsored|presented|hosted|produced|supported|translated|made)\s+by\b",
    re.I,
)
# Conjunctions are matched in lower case only: a capital "E" is an initial, not Italian "and".
_SPLIT = re.compile(r"\s*(?:;|,|&|\||[⋅•·]|\band\b|\bAND\b|\bAnd\b)\s*|\s+(?:und|et|y|e)\s+")
_TRAILER = re.compile(
    # a capital "On" or "In" is part of a name ("Audiophile On"), a small one starts a dateline
    r"\s*(?:[,|\-–—•·]\s*|\s)(?:updated|published|posted|last\s+updated|(?-i:on|at|in))\b.*$"
    r"|\s*[,|\-–—•·]?\s*\b(?:\d{1,2}(?:st|nd|rd|th)?\s+\w+,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}).*$",
    re.I,
)
# A dateline in front of the name ("Dec. 19, 2025 · Jane Doe").
_LEADING_DATE = re.compile(
    r"^\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})(?:\s*[,|\-–—•·]\s*(?=\S)|\s+(?=[A-Z][a-z]))")  # or only a space before a capital
# Job titles run on after a name without a comma ("Jane Doe Senior Writer").
_TRAILING_ROLE = re.compile(
    r"(?:\s+(?:senior|lead|chief|managing|staff|contributing|associate|executive|head|deputy|marketing|content|"
    r"technical|digital|news|features|sports|science|business|political|health|founder|and|&|of|the))*"
    r"\s+(?:writer|editor|reporter|founder|co-founder|director|manager|ceo|cto|cmo|reviewer|expert|consultant|"
    r"correspondent|columnist|contributor|journalist|producer|analyst|author|specialist|strategist|officer|"
    r"marketer|president)\b.*$",
    re.I,
)
_ROLE = re.compile(
    r"\s*[,|\-–—(⋅•·]\s*(?:senior\s+|chief\s+|deputy\s+|staff\s+|contributing\s+|associate\s+|special\s+|managing\s+)?"
    r"(?:\w+\s+)?(?:editor|writer|reporter|correspondent|columnist|contributor|journalist|producer|"
    r"analyst|photographer|critic|author|marketer|manager|specialist|strategist|consultant|expert)\b.*$",
    re.I,
)
_NOT_NAMES = {
    "admin", "administrator", "staff", "editor", "editors", "editorial", "newsroom", "desk", "guest",
    "author", "authors", "by", "and", "home", "news", "menu", "search", "share", "subscribe", "login", "sign",
    "posted", "published", "updated", "read", "more", "view", "profile", "comments", "comment", "follow",
    "contact", "about", "unknown", "anonymous", "user", "webmaster", "wp", "wordpress", "facebook", "twitter",
    "instagram", "linkedin", "email", "print", "reporter", "writer", "contributor", "contributors", "none",
    "null", "undefined", "press", "release", "all", "posts", "articles", "the", "written", "on", "in", "at",
    # sort and filter controls ("Sort by Date", "Filter by Category")
    "category", "categories", "topic", "topics", "date", "type", "role", "relevance", "popularity", "newest",
    "oldest", "price", "tag", "tags", "region", "industry", "size", "location", "modality", "name", "year",
    "month", "status", "level", "format", "brand", "rating", "privacy", "policy", "terms", "conduct", "cookies",
    "full", "bio", "biography", "page", "link", "links", "website", "blog", "spotlight", "info", "details",
    "archive", "archives",
    # a dateline run into the byline ("Sat, 20 Dec")
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}
# Lower-case words that may sit inside a name ("Ludwig van Beethoven", "Maria de la Cruz").
_PARTICLES = {"van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "del", "dos", "bin", "al", "ter", "ten"}
_CONJUNCTIONS = {"and", "und", "et", "y", "e"}
_COMMENTS = re.compile(r"comment|discuss|repl(?:y|ies)|related|recommend", re.I)
# Class names are matched in any case ("AuthorName", "dateAndAuthorContainer"), but not "authority".
_AUTHOR_CLASS = re.compile(r"author(?!it|iz|is)|byline", re.I)
_NOT_AUTHOR_BOX = re.compile(r"bio|avatar|image|img|photo|pic|desc|about|social|follow|more|box|card|list|comment", re.I)
_PERSON_META = ("author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author",
                "sailthru.author", "cxenseparse:author", "og:article:author", "citation_author")
_BYLINE_TAGS = ("p", "span", "div", "a", "li", "small", "address", "strong", "em", "b", "h2", "h3", "h4", "h5", "h6",
                "dd", "dt")
_MAX_NAME = 60
# How many words of text may sit between the headline and the byline that credits it.
BYLINE_WITHIN = 40


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
    site_key = _key(site or "").replace(" ", "")
    people = [n for n in names if len(_key(n).replace(" ", "")) < 6 or _key(n).replace(" ", "") not in site_key]
    return people if people else names


def _trim_site(name: str, site: str | None) -> str:
    """"Jane Doe Coastal Ledger" -> "Jane Doe": an author box that runs the name into the brand."""
    if not site:
        return name
    words, brand = name.split(), _key(site).split()
    if (len(words) > len(brand) + 1 and [_key(w) for w in words[-len(brand):]] == brand
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
    visible = _accept(_visible_bylines(tree), strict=True) or _accept(_markup_names(tree), strict=True)
    visible = [_trim_site(n, site) for n in visible]
    if names and visible and (organisation or _is_site(names, site)) and not _is_site(visible, site):
        return visible
    # a "By ..." line right under the headline that shares no name with the declared authors
    # is what readers are told; the declared one is the account that filed the page. Further
    # down, a "By ..." line belongs to a quote, a sidebar or another story.
    if names:
        credited = [_trim_site(n, site) for n in _accept(_visible_bylines(tree, BYLINE_WITHIN), strict=True)]
        if credited and not set(_name_words(names)) & set(_name_words(credited)):
            return credited
    # an account name ("jdoe", "KatieS") is the login that filed the story; the byline under
    # the headline gives the writer's full name
    if (len(names) == 1 and " " not in names[0] and visible and all(" " in n for n in visible)
            and not _is_site(visible, site)
            and not any(w in _NOT_NAMES for n in visible for w in _key(n).split())):
        return visible
    # structured data often carries only the first of several bylined authors
    if names and len(visible) > len(names) and {_bare(n) for n in names} <= {_bare(n) for n in visible}:
        return visible
    return names or visible or _accept(shown_credits(tree, lambda text: bool(split_byline(text))), strict=True)


_HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "sir"}


def _bare(name: str) -> str:
    """A name's key without honorifics: "Dr Jane Doe" and "Jane Doe" are one author."""
    return " ".join(w for w in _key(name).split() if w not in _HONORIFICS)


def _name_words(names: list[str]) -> list[str]:
    return [w for n in names for w in _bare(n).split() if len(w) > 1]


def _is_site(names: list[str], site: str | None) -> bool:
    if not site or len(names) != 1:
        return False
    key, site_key = _key(names[0]).replace(" ", ""), _key(site).replace(" ", "")
    return bool(key) and (key in site_key or site_key in key)


def _accept(candidates: list[str], strict: bool) -> list[str]:
    names: list[str] = []
    for raw in candidates:
        for name in split_byline(raw, strict):
            if _key(name) not in {_key(n) for n in names}:
                names.append(name)
    return names


def split_byline(text: str, strict: bool = True) -> list[str]:
    """"By Jane Doe and John Smith, Staff Writer" -> ["Jane Doe", "John Smith"]."""
    text = " ".join(unescape(text).split())
    if not text or len(text) > 200:
        return []
    dated = _LEADING_DATE.sub("", text)
    head = _BY.sub("", dated)
    text = _TRAILER.sub("", head)
    if not strict and _handle(text):
        return [text]
    # an account name, which a byline shows in lower case ("by jdoe | May 5"); not the first
    # word of a sentence ("By focusing on ...") nor a web address ("by example.com"), nor the
    # noun after a bare "Author" ("Author names" is a phrase, "Author: jdoe" a credit)
    rest = head[len(text):].strip()
    phrase = re.fullmatch(rf"\s*{_CREDIT}\s*", dated[:len(dated) - len(head)], re.I)
    if (strict and not phrase and _handle(text) and text.islower() and not re.search(r"\.[a-z]{2,4}$", text)
            and (not rest or rest[0] in ",|-–—•·")):
        return [text]
    lower = [w for w in re.findall(r"\w+", text) if w[0].islower() and w not in _PARTICLES and w not in _CONJUNCTIONS]
    if strict and len(lower) > 2:
        return []  # a sentence that starts with "By" ("By clicking ...")
    names = []
    credit = False  # after "Reviewed by Jane Doe", the parts ("Trial Attorney") are hers, until another "By"
    for index, part in enumerate(_SPLIT.split(_ROLE.sub("", text))):
        part = part.strip(" .,:;|-–—'\"")
        if _NOT_BYLINE.search(part):
            credit = True
            continue
        if credit and not _BYLINE_START.match(part):
            continue
        credit = False
        part = re.sub(r"^the\s+", "", _BY.sub("", part), flags=re.I)
        first, _, rest = part.partition(" ")
        if rest and first.isupper() and first == "".join(w[0] for w in rest.split()[:len(first)]).upper():
            part, (first, _, rest) = rest, rest.partition(" ")  # an avatar's initials ("JD Jane Doe")
        # only a visible byline loses a trailing job title: a declared name may be an
        # organisation that ends like one ("Luxury Travel Expert")
        if strict and rest and (stripped := f"{first}{_TRAILING_ROLE.sub('', ' ' + rest)}") != part:
            if len(stripped.split()) < 2 or index:
                continue  # a job title on its own, or the second half of "Jane Doe, Home and Garden Editor"
            part = stripped
        if strict:
            # link words that follow a name in author boxes ("Jane Doe View profile")
            while len(part.split()) > 2 and part.split()[-1].casefold() in _NOT_NAMES:
                part = part.rsplit(" ", 1)[0]
        # a lone word after a full name is a credential or a department ("Jane Doe, RN")
        if index and len(part.split()) == 1 and names and len(names[0].split()) > 1:
            continue
        if is_name(part, strict):
            names.append(part)
    return names


def _handle(text: str) -> bool:
    """A declared account name ("jsmith", "jane_doe"): one token, letters, no junk."""
    # an account named after the role ("q_admin") is still the account the page credits; the
    # bare role word ("admin") and template placeholders ("page.author") are not
    return (bool(re.fullmatch(r"[^\W\d_][\w.\-]{2,30}", text)) and not re.search(r"author", text, re.I)
            and text.casefold() not in _NOT_NAMES)


def is_name(text: str, strict: bool = True) -> bool:
    # a publisher may declare a brand with digits as the author ("3M Editorial"); a byline has none
    if not text or len(text) > _MAX_NAME or re.search(r"https?:|www\.|@|[<>{}=/#]" + ("|\\d" if strict else ""), text):
        return False
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    lowered = [w.casefold().strip(".,") for w in words]
    if all(w in _NOT_NAMES for w in lowered) or lowered[0] in {"by", "and", "the", "posted", "updated", "written"}:
        return False
    if any("admin" in w for w in lowered) or any(p in _NOT_NAMES for p in re.split(r"[._]", lowered[0])[1:]):
        return False
    # names are capitalised in every script that has case; a lower-case phrase is prose or navigation
    letters = [w for w in words if w[:1].isalpha()]
    if not letters:
        return False
    if any(w[:1].isupper() for w in letters):
        return sum(w[:1].islower() for w in letters) <= 2
    # a declared author may be written in lower case ("jane doe"); a visible lower-case phrase is prose
    return not strict or not any(w[:1].islower() for w in letters)


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


def _visible_bylines(tree: HtmlElement, within: int | None = None) -> list[str]:
    """"By Jane Doe" in the page text, or a "Written by" label and the name after it; with
    `within`, only one that follows an <h1> by at most that many words."""
    headline = next(tree.iter("h1"), None)
    if headline is None:
        # no headline: a byline anywhere on the page counts, and there is no distance to keep
        return [] if within is not None else _first_byline(tree.iter(*_BYLINE_TAGS))
    # before the headline sit menus and filters ("By Topic"), not bylines: the search starts
    # at the headline, which spares the walk and the byline test over everything above it
    if within is None:
        return _first_byline(_after(tree, headline, _BYLINE_TAGS))
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
        if elem.tag not in _BYLINE_TAGS or not elem.text or not _BYLINE_START.match(elem.text):
            continue
        if _mid_sentence(elem):
            continue  # a link in running prose ("billing clients <a>by project</a>")
        text = _joined(elem)
        if len(text) > 150 or _NOT_BYLINE.search(text):
            continue
        if _LABEL.match(text):
            text = _following_text(elem)
            if not text:
                continue
        return [text]
    return []


_INLINE = frozenset(("a", "span", "strong", "em", "b", "small"))


def _mid_sentence(elem: HtmlElement) -> bool:
    """Whether an inline element continues the words before it: its block's text runs into
    it from a lower-case word or a comma, as a sentence does and a byline's label never does."""
    if elem.tag not in _INLINE:
        return False
    previous = elem.getprevious()
    parent = elem.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else None)
    return bool(before and re.search(r"(?:\b[a-z]+|,)\s+$", before))


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


def _markup_names(tree: HtmlElement) -> list[str]:
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


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
