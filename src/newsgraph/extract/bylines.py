"""What a byline says: "By Jane Doe and John Smith, Staff Writer" -> ["Jane Doe", "John Smith"].

Where a page shows its byline is byline_search.py; which names become the page's authors is
authors.py.
"""

from __future__ import annotations

import re
from html import unescape

# Words that lead into "by" in a byline ("Written by", "Story by"; "This entry was posted by").
BYLINE_LEAD = re.compile(r"written|posted|reported|words|story|stories|text|articles?|posts|published|authored")
_VERB = rf"(?:(?:{BYLINE_LEAD.pattern})\s+)?"
_CREDIT = r"(?:authors?|author\(s\)|contributors?)"
_BY = re.compile(rf"^\s*(?:{_VERB}by\b\s*[:\-]?|{_CREDIT}\s*:?|(?:insights|more)\s+from\b)\s*", re.I)
# A label on its own, whose name follows in the next element ("Written by" | "Jane Doe").
LABEL = re.compile(rf"^\s*{_VERB}by\s*:?\s*$|^\s*{_CREDIT}\s*:?\s*$", re.I)
BYLINE_START = re.compile(rf"^\s*{_VERB}by\b\s*:?|^\s*{_CREDIT}(?!\w)", re.I)
# Credits that are not authorship.
NOT_BYLINE = re.compile(
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
NOT_NAMES = {
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
_MAX_NAME = 60


def split_byline(text: str, strict: bool = True) -> list[str]:
    """"By Jane Doe and John Smith, Staff Writer" -> ["Jane Doe", "John Smith"]."""
    text = " ".join(unescape(text).split())
    if not text or len(text) > 200:
        return []
    dated = _LEADING_DATE.sub("", text)
    label = _BY.match(dated)
    head = dated[label.end():] if label else dated
    text = _TRAILER.sub("", head)
    if not strict and _handle(text):
        return [text]
    # an account name, which a byline shows in lower case ("by jdoe | May 5"); not the first
    # word of a sentence ("By focusing on ...") nor a web address ("by example.com"), nor the
    # noun after a bare "Author" ("Author names" is a phrase, "Author: jdoe" a credit)
    rest = head[len(text):].strip()
    phrase = label and re.fullmatch(rf"\s*{_CREDIT}\s*", label.group(), re.I)
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
        if NOT_BYLINE.search(part):
            credit = True
            continue
        if credit and not BYLINE_START.match(part):
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
            while len(part.split()) > 2 and part.split()[-1].casefold() in NOT_NAMES:
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
            and text.casefold() not in NOT_NAMES)


def is_name(text: str, strict: bool = True) -> bool:
    # a publisher may declare a brand with digits as the author ("3M Editorial"); a byline has none
    if not text or len(text) > _MAX_NAME or re.search(r"https?:|www\.|@|[<>{}=/#]" + ("|\\d" if strict else ""), text):
        return False
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    lowered = [w.casefold().strip(".,") for w in words]
    if all(w in NOT_NAMES for w in lowered) or lowered[0] in {"by", "and", "the", "posted", "updated", "written"}:
        return False
    if any("admin" in w for w in lowered) or any(p in NOT_NAMES for p in re.split(r"[._]", lowered[0])[1:]):
        return False
    # names are capitalised in every script that has case; a lower-case phrase is prose or navigation
    letters = [w for w in words if w[:1].isalpha()]
    if not letters:
        return False
    if any(w[:1].isupper() for w in letters):
        return sum(w[:1].islower() for w in letters) <= 2
    # a declared author may be written in lower case ("jane doe"); a visible lower-case phrase is prose
    return not strict or not any(w[:1].islower() for w in letters)


def name_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
