"""Title, authors, publication date, language and tags of a parsed HTML page.

Each field weighs what the page declares (JSON-LD, Open Graph and other <meta> tags) against
what it shows (the <h1>, the byline, the date next to the headline): declared values are
cleaner, but they are also where templates leave the site's name, an account name or an
import date, so a shown value that disagrees often wins. Authors are in authors.py and
dates in published.py; this module reads the head once for all of them.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .authors import clean_authors
from .headline import TITLE_SEPARATORS, declared_part, heading_text, respell
from .published import find_published

LOGGER = logging.getLogger(__name__)

_COLON_PREFIX = re.compile(r"^([^:]{2,40}):\s+(.+)$")
_ARTICLE_TYPES = re.compile(r"article|posting|report|review|blog|news|story|webpage|creativework|howto|recipe", re.I)
_MAX_JSONLD = 200_000
# Share of an <h1>'s words that must also be in the declared titles for it to be the headline.
HEADING_OVERLAP = 0.3
# Words from which a title segment after a separator reads as a subtitle rather than a brand.
SUBTITLE_WORDS = 5
# What a headline element may carry besides the headline: a date or a byline.
_WRAPPER = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b|\b\d{1,2}\s+\d{1,2}\s+\d{2,4}\b"
    r"|\b(?:posted|published|updated|by)\b",
    re.I,
)


@dataclass
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    site_name: str | None = None
    url: str | None = None  # the canonical URL the page declares


@dataclass
class _Head:
    """Every <meta> value by its lower-cased name or property, and the JSON-LD objects."""

    meta: dict[str, list[str]]
    jsonld: list[dict]

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None

    def article(self) -> dict:
        """The JSON-LD object describing the page's main item, or an empty dict."""
        best, best_rank = {}, 0
        for obj in self.jsonld:
            kinds = " ".join(_as_list(obj.get("@type")))
            if not _ARTICLE_TYPES.search(kinds):
                continue
            rank = 1 + ("headline" in obj) + ("datePublished" in obj) + ("author" in obj)
            rank += 2 * (re.search(r"article|posting|report|blog|news", kinds, re.I) is not None)
            if rank > best_rank:
                best, best_rank = obj, rank
        return best


def extract_metadata(tree: HtmlElement, url: str | None = None) -> Metadata:
    try:
        head = _read_head(tree)
    except Exception as exc:  # malformed markup must cost the metadata, never the page
        LOGGER.debug("head unreadable on %s: %r", url, exc)
        head = _Head({}, [])
    article = head.article()
    site = _site_name(head, url)
    meta = Metadata(site_name=site)
    meta.title = _guarded(_title, tree, head, article, site)
    meta.authors = _guarded(clean_authors, tree, head.meta, article, head.jsonld, site) or []
    meta.published = _guarded(find_published, tree, head.meta, article, url)
    meta.language = _guarded(_language, tree, head)
    meta.tags = _guarded(_tags, head, article) or []
    meta.url = _guarded(_canonical_url, tree, head)
    return meta


def _canonical_url(tree: HtmlElement, head: _Head) -> str | None:
    """<link rel=canonical>, else og:url; only absolute web addresses (relative ones need the page's own),
    and never a site's home page, which some templates declare on every page: it would give
    every article the same id."""
    candidates = [link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    candidates.append(head.first("og:url"))
    for candidate in candidates:
        candidate = (candidate or "").strip()
        if candidate.lower().startswith(("http://", "https://")) and " " not in candidate:
            if urlsplit(candidate).path.strip("/"):
                return candidate
    return None


def _guarded(func, *args):
    try:
        return func(*args)
    except Exception as exc:  # one odd field is not worth the page
        LOGGER.debug("%s failed: %r", func.__name__, exc)
        return None


# --- reading the head --------------------------------------------------------------


def _read_head(tree: HtmlElement) -> _Head:
    meta: dict[str, list[str]] = {}
    jsonld: list[dict] = []
    for elem in tree.iter("meta"):
        content = elem.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            name = elem.get(attr)
            if name:
                meta.setdefault(name.strip().lower(), []).append(" ".join(content.split()))
        # some head managers keep the JSON-LD in a <meta name="script:ld+json" content="{...}">
        if (elem.get("name") or "").strip().lower().endswith("ld+json") and len(content) <= _MAX_JSONLD:
            _flatten(_loads(content), jsonld)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > _MAX_JSONLD:
            continue
        _flatten(_loads(script.text), jsonld)
    return _Head(meta, jsonld)


def _loads(text: str):
    text = text.strip()
    text = re.sub(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$", "", text).strip()
    try:
        return json.loads(text, strict=False)
    except ValueError:
        # a trailing comma or a second object glued on are the usual breakages
        try:
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except ValueError:
            return None


def _flatten(data, out: list[dict], depth: int = 0) -> None:
    if depth > 4 or len(out) > 200:
        return
    if isinstance(data, list):
        for item in data:
            _flatten(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            _flatten(main, out, depth + 1)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value) -> str:
    """A JSON-LD value as a plain string (they are sometimes objects or lists)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return " ".join(_unescape(str(value)).split()) if value else ""


def _unescape(text: str) -> str:
    return unescape(text) if "&" in text else text


def _site_name(head: _Head, url: str | None) -> str | None:
    name = head.first("og:site_name", "application-name", "twitter:app:name:iphone", "al:ios:app_name")
    if not name:
        for obj in head.jsonld:
            kinds = " ".join(_as_list(obj.get("@type")))
            if re.search(r"\b(?:WebSite|Organization|NewsMediaOrganization)\b", kinds) and obj.get("name"):
                name = _text(obj.get("name"))
                break
    if not name and url:
        host = (urlsplit(url).hostname or "").lower()
        name = host[4:] if host.startswith("www.") else host
    return _unescape(name) if name else None


# --- title -------------------------------------------------------------------------


def _title(tree: HtmlElement, head: _Head, article: dict, site: str | None) -> str | None:
    metas = [
        _text(article.get("headline") or article.get("name")) if article else "",
        _unescape(head.first("og:title") or ""),
        _unescape(head.first("twitter:title") or ""),
        _unescape(head.first("title", "dc.title") or ""),
        _clean(tree.findtext(".//title") or ""),
    ]
    metas = [_demojibake(m) for m in metas if m]
    elements = list(tree.iter("h1"))[:5]
    headings = [_demojibake(_clean(_unescape(heading_text(h)))) for h in elements]
    stripped = [_strip_site(m, site) for m in metas]
    page_title = _strip_site(_demojibake(_clean(tree.findtext(".//title") or "")), site)
    by_key = {_key(m): m for m in reversed(metas)} | {_key(s): s for s in reversed(stripped)}
    for heading in headings:
        if heading and _key(heading) in by_key:
            return respell(_strip_site(heading, site), stripped, page_title)
    meta_words = set(" ".join(by_key).split())
    for element, heading in zip(elements, headings):
        # the visible headline is what a reader calls the title; a logo, a section name or a
        # slogan in an <h1> is not, and those share few words with the page's declared title
        words = _key(heading).split()
        if len(heading) < 8 or len(words) < 2 or _is_site(heading, site):
            continue
        if meta_words and sum(w in meta_words for w in words) < HEADING_OVERLAP * len(words):
            continue
        # an <h1> that wraps the declared title in a date, a byline or a section label
        key = _key(heading)
        for meta in metas:
            rest = f" {key} ".replace(f" {_key(meta)} ", " ", 1).strip()
            if rest != key and (_WRAPPER.search(rest) or re.match(r"^\w+(?:\s\w+)?:", heading)):
                return meta
        # a section label before the headline ("Blog: ..."), the declared title being branded
        label = re.match(r"^(\w+(?:\s\w+)?):\s", heading)
        if label and _key(heading[label.end():]) in {_key(m) for m in stripped}:
            return heading[label.end():].strip()
        parts = stripped + [part for m in metas for part in TITLE_SEPARATORS.split(m)]
        return declared_part(element, parts) or respell(heading, stripped, page_title)
    if stripped:
        # JSON-LD headlines are cut to fit search engines' length limit; a declared title
        # that carries on from where it stops is the whole headline
        longer = [s for s in stripped if len(s) > len(stripped[0]) and s.startswith(stripped[0])]
        return max(longer, key=len) if longer else stripped[0]
    return next((h for h in headings if h), None)


def _demojibake(text: str) -> str:
    """UTF-8 read as Latin-1 ("â€™" for "’"), a common fault in page titles."""
    if not re.search("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u2018-\u203a\u20ac]", text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _strip_site(title: str, site: str | None) -> str:
    """Drop "| Site", "- Site Name", "Site: " and similar around a headline."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        kept = [p for p in parts if not _is_site(p, site)]
        if kept and len(kept) < len(parts):
            parts = kept
        # a long last segment is the headline's own subtitle ("... – 10 Benefits, Use Cases and
        # Examples"), not a brand or a section, which run to a few words
        while len(parts) > 1 and len(parts[0]) >= 15 and len(parts[-1].split()) >= SUBTITLE_WORDS:
            joined = title[title.find(parts[-2]):title.rfind(parts[-1]) + len(parts[-1])]
            if any(_is_site(p, site) for p in TITLE_SEPARATORS.split(joined)):
                break  # the two were apart, with the brand between them
            parts = parts[:-2] + [joined]
        # what remains after the headline is a section or a second brand
        title = parts[0] if len(parts[0]) >= 15 or len(parts) == 1 else max(parts, key=len)
    match = _COLON_PREFIX.match(title)
    if match and _is_site(match.group(1), site):
        title = match.group(2)
    # a host name before the headline with no separator ("example.com Vibe Coding"): an
    # address is never a headline's first word
    domain = (site or "").strip().lower()
    if "." in domain and " " not in domain and title.lower().startswith(domain + " "):
        title = title[len(domain):]
    return title.strip()


def _is_site(part: str, site: str | None) -> bool:
    """Whether a title segment names the site ("The Coastal Ledger", "coastalledger.com")."""
    compact, site_compact = _key(part).replace(" ", ""), _key(site or "").replace(" ", "")
    if not compact or not site_compact:
        return False
    if compact == site_compact:
        return True
    if len(compact) >= 4 and (site_compact.startswith(compact) or compact.startswith(site_compact)):
        return True
    # a host name ("coastalledger.co.uk") against the brand in the title ("Coastal Ledger")
    host = site.lower().removeprefix("www.").split(".")[0] if site and "." in site and " " not in site.strip() else ""
    return bool(host) and compact == host


def _clean(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# --- language and tags ---------------------------------------------------------------


def _language(tree: HtmlElement, head: _Head) -> str | None:
    value = tree.get("lang") or tree.get("xml:lang") or head.first("content-language", "og:locale", "language")
    if not value:
        return None
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", value)
    return match.group(1).lower() if match else None


def _tags(head: _Head, article: dict) -> list[str]:
    values = list(head.meta.get("article:tag", [])) + list(head.meta.get("news_keywords", []))
    values += head.meta.get("keywords", [])
    if article.get("keywords"):
        values += [_text(k) for k in _as_list(article["keywords"])]
    tags: list[str] = []
    seen = set()
    for value in values:
        for tag in re.split(r"[,;]", value):
            tag = " ".join(tag.split())
            if tag and len(tag) <= 60 and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tags[:30]
