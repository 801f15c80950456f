"""The publication date of a page, as ISO 8601 (a date, or a date and time when given).

Structured fields (JSON-LD, <meta>, <time>) are weighed against the dates the page shows
its readers, found by scanning the visible text once: see `find_published`.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from lxml.html import HtmlElement

LOGGER = logging.getLogger(__name__)

# Publication first, then the creation and generic date fields that usually carry it;
# modification dates are left out on purpose: a story updated today was not written today.
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "publishdate", "publish-date", "publish_date", "published_time", "published-date",
    "pubdate", "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
    "date", "article.published", "originalpublicationdate", "article_date_original", "displaydate",
    "published",
)
# The widest time zone offsets in use, west and east of UTC.
_WEST, _EAST = timedelta(hours=12), timedelta(hours=14)
_OG_PUBLISHED = ("article:published_time", "og:article:published_time", "og:published_time")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "article:modified", "datemodified",
                  "last-modified", "lastmod", "dcterms.modified")
# Any other <meta> name that says it holds the publication date ("w-published-date", "pub_time").
_PUBLISHED_NAME = re.compile(
    r"^(?!.*(?:publisher|modif|updat)).*\bpub(?:lish(?:ed)?)?[_\-.]?(?:date|time|on)?\b", re.I)
_TIME_XPATH = (
    "//*[@itemprop='datePublished'][@content or @datetime]"
    "|//time[@datetime][@pubdate or contains(@class,'publish') or contains(@class,'posted')]"
)
_DATA_ATTRIBUTES = ("data-pubdate", "data-published", "data-publish-date", "data-published-date", "data-date-published")
_DATA_XPATH = "|".join(f"//*[@{name}]" for name in _DATA_ATTRIBUTES)
_ISO = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{2}):?(\d{2})(?::?(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_EARLIEST = 1995


def find_published(tree: HtmlElement, meta: dict[str, list[str]], article: dict, url: str | None) -> str | None:
    """The date the page gives for its story.

    A structured date that the page also shows is the surest answer, unless the page shows it
    only far from the headline and another date beside it. When the page shows a
    different date next to its headline, that is the one its readers are told (publishers
    leave template or import dates in structured fields), so it wins. A structured date
    nobody sees comes next, and htmldate's pick last, only if it is a date the page shows.
    A full date in the page's address overrides them all. Two exceptions: an "Updated ..."
    date by the headline does not displace an Open Graph first-publication date, and a bare
    WebPage stamp that the page never shows is no publication date at all. With nothing else
    found, a publication date kept in a data attribute is taken.
    """
    found = _pick(tree, meta, article, url) or _attribute_date(tree)
    in_url = _url_day(url)
    # a date in the story's address ("/2024/03/05/slug") is fixed when the story is filed:
    # neither an update nor a time zone shifts it
    if in_url and (found or "")[:10] != in_url:
        return in_url
    return found


def _attribute_date(tree: HtmlElement) -> str | None:
    """A publication date that a template keeps in a data attribute (`<body data-pubdate=...>`),
    for scripts rather than readers: still the page's own statement of when it was published."""
    for elem in tree.xpath(_DATA_XPATH)[:5]:
        found = next((parse_date(elem.get(name)) for name in _DATA_ATTRIBUTES if elem.get(name)), None)
        if found:
            return found
    return None


def _url_day(url: str | None) -> str | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = match.groups()
    number = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
    try:
        return date(int(year), number, int(day)).isoformat() if number and _plausible(int(year)) else None
    except ValueError:
        return None


def _pick(tree: HtmlElement, meta: dict[str, list[str]], article: dict, url: str | None) -> str | None:
    structured = next((found for found in map(parse_date, _candidates(tree, meta, article)) if found), None)
    shown = _shown_dates(tree)
    shown_days = {day for _, day, _ in shown}
    near = _near_headline(shown)
    if structured and _page_record_only(tree, meta, article) and structured[:10] not in shown_days:
        # a CMS stamps every page it serves, article or not; undeclared as an article's
        # date and never shown, this one dates the record, not a story
        structured = None
    if structured and structured[:10] in shown_days:
        # shown only far from the headline (a sidebar, a comment, a revision note) it is some
        # other story's date or the update, and the dateline by the headline is the one
        close = {day for position, day, revised in shown
                 if -_BEFORE_HEADLINE <= position <= _AFTER_HEADLINE and not revised}
        if near and near in close and structured[:10] not in close:
            return near
        return structured
    # a day apart is one moment in two time zones, and the structured value is the exact one
    if near and not (structured and (_same_moment(near, structured) or _first_publication(
            structured, near, shown, meta, article))):
        return near
    if structured:
        return structured
    guess = _htmldate(tree, url)
    return guess if guess and guess[:10] in shown_days else None


def _same_moment(day: str, moment: str) -> bool:
    """Whether a shown day can be the declared moment read in some time zone: a day either
    side for a bare date, only the days that UTC-12 to UTC+14 reach for a zoned time."""
    shown = date.fromisoformat(day)
    try:
        instant = datetime.fromisoformat(moment)
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None or len(moment) <= 10:
        return abs((shown - date.fromisoformat(moment[:10])).days) <= 1
    utc = instant.astimezone(timezone.utc).replace(tzinfo=None)
    return (utc - _WEST).date() <= shown <= (utc + _EAST).date()


def _first_publication(structured: str, near: str, shown: list[tuple[int, str, bool]],
                       meta: dict[str, list[str]], article: dict) -> bool:
    """Whether the declared date is the first publication and the shown one a revision of it.

    Only for an Open Graph `article:published_time` on a page with no JSON-LD publication
    date: that field keeps the first publication, while a JSON-LD datePublished beside an
    "Updated ..." line is as often the republication the page shows (so there the shown date
    still wins). The shown date must read as a revision: labelled "Updated ..." or equal to
    the declared modification date.
    """
    if article and isinstance(article.get("datePublished"), str):
        return False
    declared = {found[:10] for found in map(parse_date, (v for name in _OG_PUBLISHED for v in meta.get(name, ()))) if found}
    return structured[:10] in declared and _is_revision(near, shown, meta, article)


def _is_revision(day: str, shown: list[tuple[int, str, bool]], meta: dict[str, list[str]], article: dict) -> bool:
    close = [revised for position, shown_day, revised in shown
             if shown_day == day and -_BEFORE_HEADLINE <= position <= _AFTER_HEADLINE]
    return (bool(close) and all(close)) or day in _modified_days(meta, article)


def _modified_days(meta: dict[str, list[str]], article: dict) -> set[str]:
    values = [article.get("dateModified")] if article and isinstance(article.get("dateModified"), str) else []
    for name in _MODIFIED_META:
        values += meta.get(name, [])
    return {found[:10] for found in map(parse_date, values) if found}


def _page_record_only(tree: HtmlElement, meta: dict[str, list[str]], article: dict) -> bool:
    """Whether the only publication date declared is a generic WebPage's (no article type,
    no article meta field, no <time> element)."""
    if not article or not isinstance(article.get("datePublished"), str):
        return False
    kinds = " ".join(t for t in (article.get("@type") if isinstance(article.get("@type"), list)
                                 else [article.get("@type")]) if isinstance(t, str))
    if not re.fullmatch(r"(?:\s*(?:WebPage|ItemPage|CollectionPage|AboutPage|FAQPage|ContactPage))+\s*", kinds):
        return False
    if any(meta.get(name) for name in _PUBLISHED_META):
        return False
    return tree.find(".//time") is None


def _candidates(tree: HtmlElement, meta: dict[str, list[str]], article: dict):
    if article:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if isinstance(article.get(key), str):
                yield article[key]
    for name in _PUBLISHED_META:
        yield from meta.get(name, ())
    for name, values in meta.items():
        if name not in _PUBLISHED_META and _PUBLISHED_NAME.search(name):
            yield from values
    for elem in tree.xpath(_TIME_XPATH):
        yield elem.get("datetime") or elem.get("content") or ""
    first_time = tree.find(".//time[@datetime]")
    if first_time is not None:
        yield first_time.get("datetime")


def parse_date(value: str | None) -> str | None:
    """A date string in any common machine format -> ISO 8601, or None if implausible."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?", value):  # a Unix timestamp, in seconds or milliseconds
        stamp = int(value) / (1000 if len(value) == 13 else 1)
        try:
            return _checked(datetime.fromtimestamp(stamp, tz=timezone.utc))
        except (OverflowError, OSError, ValueError):
            return None
    match = _ISO.match(value)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        try:
            moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        except ValueError:
            return None
        if hour is None:
            return _checked(moment.date())
        text = moment.isoformat()
        if zone:
            text += "+00:00" if zone == "Z" else zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
        return text if _plausible(moment.year) else None
    return _loose(value)


def _loose(value: str) -> str | None:
    """Human-written dates in meta fields ("Tue, 19 Nov 2019 10:00:00 GMT", "November 19, 2019")."""
    if len(value) > 60 or not re.search(r"\d{4}", value):
        return None
    try:
        return _checked(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    days = _days_in(value)
    return days[0] if days else None


def _checked(moment: date | datetime) -> str | None:
    if not _plausible(moment.year):
        return None
    return moment.date().isoformat() if isinstance(moment, datetime) else moment.isoformat()


def _plausible(year: int) -> bool:
    return _EARLIEST <= year <= datetime.now().year + 1


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    from copy import deepcopy

    from htmldate import find_date

    try:
        # htmldate prunes the tree it is given
        found = find_date(deepcopy(tree), url=url, original_date=True, extensive_search=True)
    except Exception as exc:
        LOGGER.debug("htmldate failed on %s: %r", url, exc)
        return None
    return parse_date(found) if found else None


# --- dates shown on the page -------------------------------------------------------------

_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_SHOWN = (
    (re.compile(_MON + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\.?,?\s+(\d{4})\b", re.I), "dmy"),
    (re.compile(r"\b(\d{4})([-.])(\d{2})\2(\d{2})(?:\b|(?=T\d))"), "ymd"),  # an ISO time may follow
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy."),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "mdy/"),
)
_HIDDEN = {"script", "style", "noscript", "template", "svg", "select", "option", "head", "title"}
_YEAR = re.compile(r"\d{4}")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2}|[a-z]{3,9})[/-](\d{1,2})(?=/|-|$)", re.I)
# How far from the headline, in text runs, a date still belongs to it (byline, dateline).
_BEFORE_HEADLINE, _AFTER_HEADLINE = 5, 12
# The label of a revision date, just before it in the same text run or the one before.
_UPDATED = re.compile(r"\b(?:updated|modified|revised|edited)\b[^\w]*(?:on|at)?[^\w]*$", re.I)


def _shown_dates(tree: HtmlElement) -> list[tuple[int, str, bool]]:
    """Every date in the page's visible text: its distance in text runs from the <h1>, the
    day, and whether the page labels it as a revision ("Updated: ...")."""
    from lxml import etree

    body = tree.find("body")
    root = body if body is not None else tree
    found: list[tuple[int, str, bool]] = []
    headline_at = None
    runs = 0
    previous = ""

    def scan(text: str | None) -> None:
        nonlocal runs, previous
        if text and not text.isspace():
            runs += 1
            if len(text) <= 300 and _YEAR.search(text):
                for start, day in _dated(text):
                    before = text[max(0, start - 30):start]
                    label = before if before.strip() else previous
                    found.append((runs, day, bool(_UPDATED.search(label))))
            previous = text[-30:]

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, elem in walker:
        if not isinstance(elem.tag, str):
            if event == "end":
                scan(elem.tail)
            continue
        if event == "start":
            if elem.tag in _HIDDEN:
                walker.skip_subtree()
                continue
            if elem.tag == "h1" and headline_at is None:
                headline_at = runs + 1
            if elem.tag == "time" and elem.get("datetime"):
                runs += 1
                revised = bool(_UPDATED.search(previous) or re.search(r"updat|modif", elem.get("class") or "", re.I))
                found.extend((runs, day, revised) for day in _days_in(elem.get("datetime")[:40]))
            scan(elem.text)
        else:
            scan(elem.tail)
    offset = headline_at or 0
    return [(position - offset, day, revised) for position, day, revised in found]


def _days_in(text: str) -> list[str]:
    return [day for _, day in _dated(text)]


def _dated(text: str) -> list[tuple[int, str]]:
    """The dates written in a text, each with where it starts."""
    days = []
    for pattern, order in _SHOWN:
        for match in pattern.finditer(text):
            a, b, c = (g for g in match.groups() if g not in ("-", "."))
            try:
                if order == "mdy":
                    day = date(int(c), _MONTHS[a[:3].lower()], int(b))
                elif order == "dmy":
                    day = date(int(c), _MONTHS[b[:3].lower()], int(a))
                elif order == "ymd":
                    day = date(int(a), int(b), int(c))
                elif order == "dmy.":
                    day = date(int(c), int(b), int(a))
                else:  # month first unless the first number cannot be a month
                    first, second = int(a), int(b)
                    day = date(int(c), first, second) if first <= 12 else date(int(c), second, first)
            except ValueError:
                continue
            if _plausible(day.year):
                days.append((match.start(), day.isoformat()))
    return days


def _near_headline(shown: list[tuple[int, str, bool]]) -> str | None:
    # a byline that shows both dates ("March 3, 2024 · Updated: May 5, 2025") is dated by the
    # one it does not call a revision; a dateline just above the headline beats a date further
    # below it, which is more often one the story mentions
    for revised in (False, True):
        after = [(position, day) for position, day, rev in shown if 0 <= position <= _AFTER_HEADLINE and rev == revised]
        before = [(position, day) for position, day, rev in shown if -_BEFORE_HEADLINE <= position < 0 and rev == revised]
        if after and before and -before[-1][0] < after[0][0]:
            return before[-1][1]
        if after:
            return after[0][1]
        if before:
            return before[-1][1]
    return None
