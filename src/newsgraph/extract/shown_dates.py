"""The dates a page shows its readers, found by scanning the visible text once, each placed
relative to the headline and labelled as the page labels it ("Updated: ...", "Posted on").

Only datelines count: a date that a sentence mentions ("the offer is valid through
01/23/2026"), today's date in an opening-hours box, and text meant for screen readers alone
are no statement of when the page was published.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from lxml.html import HtmlElement

EARLIEST = 1995

MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
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
# Text for screen readers only ("Share to Facebook"), which sighted readers never see.
_SCREEN_READER = re.compile(r"\b(?:sr-only|screen-reader-text|visually-hidden|visuallyhidden)\b")
# Elements that start a new block of text: a date's words run on from the text before it
# only inside the same block.
_BLOCKS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
           "footer", "aside", "main", "nav", "ul", "ol", "dl", "dt", "dd", "blockquote", "figure", "figcaption",
           "table", "tr", "form", "address", "pre", "body", "legend", "fieldset", "caption",
           "details", "summary"}
_YEAR = re.compile(r"\d{4}")
# How far from the headline, in text runs, a date still belongs to it (byline, dateline).
BEFORE_HEADLINE, AFTER_HEADLINE = 5, 12
# Labels just before a date, in the same text run or the one before: a revision ("Updated:"),
# a publication ("Posted on the"), or a first publication the page dates apart from its
# current version ("This article was originally published on Wednesday, ").
_UPDATED = re.compile(r"\b(?:updated|modified|revised|edited|reviewed)\b[^\w]*(?:on|at)?[^\w]*$", re.I)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?"
_FIRST = re.compile(r"\b(?:originally|first)\s+(?:published|posted)\b[^\w]*(?:on|in)?\s*(?:the\s+)?" + _WEEKDAY + "$", re.I)
_PUBLISHED = re.compile(r"(?<!last )\b(?:published|posted)\b[^\w]*(?:on|at)?\s*(?:the\s+)?" + _WEEKDAY + "$", re.I)
# The day the page was served ("Today's hours", "Open today,"), not the day it was written.
_TODAY = re.compile(r"\btoday\b\W*(?:\w+\W*){0,2}$", re.I)
# Words that end a dateline's label ("Posted on the", "By", "Last updated"); a sentence that
# runs into a date through any other lower-case word ("valid through", "as of", "ended")
# mentions that date rather than dating the page.
_LABEL_WORDS = {"on", "at", "the", "by", "published", "posted", "updated", "modified", "revised", "reviewed",
                "edited", "created", "written", "dated", "date", "released", "issued", "added", "uploaded",
                "submitted", "last", "am", "vom", "le", "du", "el", "il", "op", "em"}
# Lower-case words around a date, beyond which its text run is a sentence, not a dateline.
_SENTENCE_WORDS = 8


class Shown(NamedTuple):
    position: int  # in text runs from the <h1>, negative above it
    day: str
    label: str  # "revised", "published", "first" (publication) or ""

    @property
    def revised(self) -> bool:
        return self.label == "revised"

    @property
    def close(self) -> bool:
        """Whether it is by the headline: in the byline or the dateline."""
        return -BEFORE_HEADLINE <= self.position <= AFTER_HEADLINE


def shown_dates(tree: HtmlElement, declared: str | None = None) -> list[Shown]:
    """Every date in the page's visible text that reads as a dateline, with its distance in
    text runs from the <h1> and its label. `declared` is the day the page's structured data
    gives, which settles how to read an all-numbers date."""
    from lxml import etree

    body = tree.find("body")
    root = body if body is not None else tree
    found: list[tuple[int, str, str]] = []
    headline_at = None
    runs = 0
    previous = ""  # the text run before, whole: only the rare run with a date slices it
    blocks: list[object] = [None]  # the block elements open around the walk
    previous_block = None
    # one loop, without a call per text: most of a page's text runs are whitespace between
    # tags or hold no year, and those only move the count and the run before on
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, elem in walker:
        tag = elem.tag
        if event == "start":
            if not isinstance(tag, str):
                continue
            if tag in _HIDDEN:
                walker.skip_subtree()
                continue
            classes = elem.get("class")
            if classes and _SCREEN_READER.search(classes):
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                blocks.append(elem)
            if tag == "h1" and headline_at is None:
                headline_at = runs + 1
            if tag == "time" and elem.get("datetime"):
                runs += 1
                label = "revised" if re.search(r"updat|modif", classes or "", re.I) else _label(previous[-60:])
                found.extend((runs, day, label) for day in days_in(elem.get("datetime")[:40]))
            text = elem.text
        else:
            if tag in _BLOCKS and blocks[-1] is elem:
                blocks.pop()
            text = elem.tail
        if text and not text.isspace():
            runs += 1
            if len(text) <= 300 and _YEAR.search(text):
                flowing = previous[-60:] if previous_block is blocks[-1] else ""
                found.extend((runs, day, label) for day, label in _datelines(text, previous[-60:], flowing, declared))
            previous = text
            previous_block = blocks[-1]
    offset = headline_at or 0
    return [Shown(position - offset, day, label) for position, day, label in found]


def _datelines(text: str, previous: str, flowing: str, declared: str | None) -> list[tuple[str, str]]:
    """The days a text run shows as datelines, each with its label. `previous` is the end of
    the run before; `flowing` the same when that run is in the same block, else ""."""
    days = []
    for start, end, day in _dated(text, declared):
        before = text[:start]
        context = before[-60:] if before.strip() else previous
        if _TODAY.search(context):
            continue
        label = _label(context)
        run_on = before if before.strip() else flowing
        # a note that dates the first publication is usually a sentence
        if label != "first" and _in_sentence(run_on, text[:start] + " " + text[end:]):
            continue
        days.append((day, label))
    return days


def _label(before: str) -> str:
    """How the text just before a date labels it."""
    if _FIRST.search(before):
        return "first"
    if _UPDATED.search(before[-30:]):
        return "revised"
    return "published" if _PUBLISHED.search(before[-30:]) else ""


def _in_sentence(before: str, around: str) -> bool:
    """Whether a date is part of a sentence: the words before it run straight into it, or
    its text run is prose."""
    words = re.findall(r"[^\W\d_]+", before)
    if words and words[-1].islower() and words[-1] not in _LABEL_WORDS and not re.search(r"[.!?:|•·]\s*$", before):
        return True
    return len(re.findall(r"\b[a-z]+\b", around)) >= _SENTENCE_WORDS


def days_in(text: str) -> list[str]:
    return [day for _, _, day in _dated(text)]


def _dated(text: str, declared: str | None = None) -> list[tuple[int, int, str]]:
    """The dates written in a text, each with where it starts and ends. An all-numbers date
    that reads both ways ("09.10.2024") is read the way the page's declared date says, if
    one way gives it: the page knows its own convention."""
    days = []
    for pattern, order in _SHOWN:
        for match in pattern.finditer(text):
            a, b, c = (g for g in match.groups() if g not in ("-", "."))
            try:
                if order == "mdy":
                    day = date(int(c), MONTHS[a[:3].lower()], int(b))
                elif order == "dmy":
                    day = date(int(c), MONTHS[b[:3].lower()], int(a))
                elif order == "ymd":
                    day = date(int(a), int(b), int(c))
                else:  # day first after dots, month first after slashes, unless a number cannot be a month
                    first, second = (int(b), int(a)) if order == "dmy." else (int(a), int(b))
                    day = date(int(c), first, second) if first <= 12 else date(int(c), second, first)
                    if first <= 12 and second <= 12 and date(int(c), second, first).isoformat() == declared:
                        day = date(int(c), second, first)
            except ValueError:
                continue
            if plausible(day.year):
                days.append((match.start(), match.end(), day.isoformat()))
    return days


def near_headline(shown: list[Shown]) -> str | None:
    # a byline that shows both dates ("March 3, 2024 · Updated: May 5, 2025") is dated by the
    # one it does not call a revision; a dateline just above the headline beats a date further
    # below it, which is more often one the story mentions
    for revised in (False, True):
        after = [(item.position, item.day) for item in shown
                 if 0 <= item.position <= AFTER_HEADLINE and item.revised == revised]
        before = [(item.position, item.day) for item in shown
                  if -BEFORE_HEADLINE <= item.position < 0 and item.revised == revised]
        if after and before and -before[-1][0] < after[0][0]:
            return before[-1][1]
        if after:
            return after[0][1]
        if before:
            return before[-1][1]
    return None


def plausible(year: int) -> bool:
    return EARLIEST <= year <= datetime.now().year + 1
