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

from .shown_dates import MONTHS, Shown, days_in, near_headline, plausible, shown_dates

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
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2}|[a-z]{3,9})[/-](\d{1,2})(?=/|-|$)", re.I)


def find_published(tree: HtmlElement, meta: dict[str, list[str]], article: dict, url: str | None) -> str | None:
    """The date the page gives for its story.

    A structured date that the page also shows is the surest answer, unless the page shows it
    only far from the headline and another date beside it. When the page shows a
    different date next to its headline, that is the one its readers are told (publishers
    leave template or import dates in structured fields), so it wins. A structured date
    nobody sees comes next, unless the page labels another date "Published" or "Posted";
    htmldate's pick comes last, only if the page shows it other than as a revision ("Last
    updated ..."). A full date in the page's address overrides them all. Exceptions: a note
    that the story was originally published on some day beats both the headline's date and
    the structured one; an "Updated ..." date by the headline does not displace an Open Graph
    first-publication date; and a bare WebPage stamp that the page never shows is no
    publication date at all. With nothing else found, a publication date kept in a data
    attribute is taken. Dates that a sentence mentions ("valid through 01/23/2026") are not
    datelines and count as not shown (see shown_dates.py).
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
    number = int(month) if month.isdigit() else MONTHS.get(month[:3].lower())
    try:
        return date(int(year), number, int(day)).isoformat() if number and plausible(int(year)) else None
    except ValueError:
        return None


def _pick(tree: HtmlElement, meta: dict[str, list[str]], article: dict, url: str | None) -> str | None:
    structured = next((found for found in map(parse_date, _candidates(tree, meta, article)) if found), None)
    # with nothing declared, the page's first <time> stands in for a declaration
    first_time = tree.find(".//time[@datetime]") if structured is None else None
    stamp = parse_date(first_time.get("datetime")) if first_time is not None else None
    structured = structured or stamp
    shown = shown_dates(tree, structured[:10] if structured else None)
    stamped = [item.revised for item in shown if stamp and item.day == stamp[:10]]
    if stamped and all(stamped):
        # labelled "Last updated" or "Reviewed" wherever it is shown, that <time> dates a
        # revision of the page, not its publication
        structured = None
    shown_days = {item.day for item in shown}
    near = near_headline(shown)
    # "This article was originally published on ...": the page's own word on the first
    # publication outranks the byline's and the structured fields' dates, which follow the
    # current version
    first = next((item.day for item in shown if item.label == "first"), None)
    if first and (near or structured):
        return first
    if structured and _page_record_only(tree, meta, article) and structured[:10] not in shown_days:
        # a CMS stamps every page it serves, article or not; undeclared as an article's
        # date and never shown, this one dates the record, not a story
        structured = None
    if structured and structured[:10] in shown_days:
        # shown only far from the headline (a sidebar, a comment, a revision note) it is some
        # other story's date or the update, and the dateline by the headline is the one
        close = {item.day for item in shown if item.close and not item.revised}
        if near and near in close and structured[:10] not in close:
            return near
        return structured
    # a day apart is one moment in two time zones, and the structured value is the exact one
    if near and not (structured and (_same_moment(near, structured) or _first_publication(
            structured, near, shown, meta, article))):
        return near
    # a structured date the page never shows gives way to one it labels "Published" or
    # "Posted", wherever that is (templates put it at the foot of the story too)
    posted = [item.day for item in shown if item.label == "published"]
    if structured and posted and not any(_same_moment(day, structured) for day in posted):
        return posted[0]
    if structured:
        return structured
    # htmldate searches everywhere; a date the page shows only as a revision ("Last updated"
    # in the footer) is when the page was maintained, not when the story was published
    candidates = {item.day for item in shown if not item.revised}
    if not candidates:  # nothing htmldate could pick would be kept: spare its search
        return None
    guess = _htmldate(tree, url)
    return guess if guess and guess[:10] in candidates else None


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


def _first_publication(structured: str, near: str, shown: list[Shown],
                       meta: dict[str, list[str]], article: dict) -> bool:
    """Whether the declared date is the first publication and the shown one a revision of it.

    Only for an Open Graph `article:published_time`, which keeps the first publication, and
    which a JSON-LD datePublished, if the page has one, must agree with: alone, a JSON-LD
    datePublished beside an "Updated ..." line is as often the republication the page shows
    (so there the shown date still wins). The shown date must read as a revision: labelled
    "Updated ..." or equal to the declared modification date.
    """
    declared = {found[:10] for found in map(parse_date, (v for name in _OG_PUBLISHED for v in meta.get(name, ()))) if found}
    return structured[:10] in declared and _is_revision(near, shown, meta, article)


def _is_revision(day: str, shown: list[Shown], meta: dict[str, list[str]], article: dict) -> bool:
    close = [item.revised for item in shown if item.day == day and item.close]
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
        return text if plausible(moment.year) else None
    return _loose(value)


def _loose(value: str) -> str | None:
    """Human-written dates in meta fields ("Tue, 19 Nov 2019 10:00:00 GMT", "November 19, 2019")."""
    if len(value) > 60 or not re.search(r"\d{4}", value):
        return None
    try:
        return _checked(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    days = days_in(value)
    return days[0] if days else None


def _checked(moment: date | datetime) -> str | None:
    if not plausible(moment.year):
        return None
    return moment.date().isoformat() if isinstance(moment, datetime) else moment.isoformat()


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
