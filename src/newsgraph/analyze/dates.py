"""Date mentions: the model's DATE spans (and TIME spans that name a day) as ISO values.

A value is YYYY-MM-DD, YYYY-MM for a month ("in October") or YYYY for a year, resolved
against the article's publication date; None when the phrase names no point in time
("decades", "recent weeks", "the 1990s") or when it is relative and the date is unknown.

dateparser costs about a millisecond a call (hundreds on the first), so phrases that cannot
be dates are rejected by pattern first, bare weekdays, months and years (most news dates) are
computed directly, and everything else is cached per (phrase, base date). The next commonest
shapes ("Nov. 5", "June 2018", "Nov. 15, 2019", "yesterday", "last month") are also computed
directly, giving what dateparser gives for them (tests/analyze/test_dates_direct.py holds the two
side by side).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from newsgraph.article import DateMention

_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORD = r"today|tonight|yesterday|tomorrow|last night"
_MONTH_RE = re.compile(rf"\b(?:{_MONTH})\b", re.I)
_YEAR_RE = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# Something that can pin a point in time; without one ("three years", "recent weeks") a DATE is a duration.
_ANCHOR_RE = re.compile(rf"\b(?:{_MONTH}|{'|'.join(_WEEKDAYS)}|{_DAY_WORD}|ago|last|next|this)\b|\b\d{{4}}\b", re.I)
_DAY_IN_TIME_RE = re.compile(rf"\b(?:{_MONTH}|{'|'.join(_WEEKDAYS)}|{_DAY_WORD})\b", re.I)
# Decades, ages, centuries and ranges ("September 16-19", "1995 to 1997") are not one point in time.
_NOT_A_POINT_RE = re.compile(r"\d0s\b|\d{4}s\b|\d[\s-]*years?[\s-]old|\bcentur|\d\s*[-–]\s*\d|\bto\b", re.I)
# dateparser rejects these qualifiers ("late on Sunday", "earlier this month") though the date is plain.
_QUALIFIER_RE = re.compile(
    r"^(?:late|early|earlier|later|mid|on|in|at|by|since|until|till|during|from|of|around|about|"
    r"before|after|between|just|only|as of|the|this past)\b[\s-]*",
    re.I,
)
_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_BARE_WEEKDAY_RE = re.compile(rf"^({'|'.join(_WEEKDAYS)}){_TIME_OF_DAY}$", re.I)
_BARE_MONTH_RE = re.compile(rf"^(?:last\s+)?({_MONTH})\.?$", re.I)
_BARE_YEAR_RE = re.compile(r"^(?:year\s+)?((?:1[5-9]|20)\d\d)$", re.I)
_RELATIVE_RE = re.compile(r"\b(?:ago|last|next|this|previous|coming)\b", re.I)
_YEAR = r"(?:1[5-9]|20)\d\d"
_MONTH_DAY_RE = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+({_YEAR}))?$", re.I)
_MONTH_YEAR_RE = re.compile(rf"^({_MONTH})\.?\s+({_YEAR})$", re.I)
_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_NEAR_PERIOD_RE = re.compile(r"^(this|last|next)\s+(year|month)$", re.I)
_STEPS = {"this": 0, "last": -1, "next": 1}
_FORMATS = {"day": "%Y-%m-%d", "time": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# "Nov. 8" in an article of 27 September is the coming election, not last year's 8 November:
# a month-day at most this far ahead is read as upcoming rather than as almost a year ago.
_UPCOMING = timedelta(days=75)


def base_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def clean_phrase(phrase: str) -> str:
    text = " ".join(phrase.replace("’", "'").split())
    text = re.sub(r"'s$|'$", "", text)
    previous = None
    while previous != text:
        previous = text
        text = _QUALIFIER_RE.sub("", text).strip()
    return text


def is_dated_time(phrase: str) -> bool:
    """A TIME span that also names the day ("Sunday night", "tonight"), not just a clock time."""
    return bool(_DAY_IN_TIME_RE.search(phrase))


@lru_cache(maxsize=20000)
def normalise(phrase: str, base: date | None) -> str | None:
    """The ISO value of a cleaned date phrase relative to `base` (the publication date)."""
    if not phrase or _NOT_A_POINT_RE.search(phrase) or not _ANCHOR_RE.search(phrase):
        return None
    if base is None and not _YEAR_RE.search(phrase):
        return None  # "Sunday" or "in October" without a publication date would be a guess
    year = _BARE_YEAR_RE.match(phrase)
    if year:
        return year.group(1)
    weekday = _BARE_WEEKDAY_RE.match(phrase)
    if weekday and base is not None:
        # News says "Monday" for the day of publication too; dateparser's "past" gives a week earlier.
        back = (base.weekday() - _WEEKDAYS.index(weekday.group(1).lower())) % 7
        return (base - timedelta(days=back)).isoformat()
    month = _BARE_MONTH_RE.match(phrase)
    if month and base is not None:
        number = _month_number(month.group(1))
        qualified = month.start(1) > 0  # "last December" is never the current month
        past = number < base.month or (number == base.month and not qualified)
        return f"{base.year if past else base.year - 1:04d}-{number:02d}"
    parsed = _direct(phrase, base) or _dateparser(phrase, base)
    if parsed is None:
        return None
    when, period = parsed
    if period not in _FORMATS:
        return None  # a week is no ISO calendar date
    if (
        base is not None
        and period in ("day", "time")
        and _MONTH_RE.search(phrase)
        and not _YEAR_RE.search(phrase)
        and not _RELATIVE_RE.search(phrase)
    ):
        try:
            ahead = when.replace(year=when.year + 1)
        except ValueError:  # 29 February
            ahead = when
        if timedelta(0) < ahead.date() - base <= _UPCOMING:
            when = ahead
    return when.strftime(_FORMATS[period])


def _month_number(name: str) -> int:
    return next(i for i, m in enumerate(_MONTH_NAMES, start=1) if name.lower().startswith(m))


def _direct(phrase: str, base: date | None) -> tuple[datetime, str] | None:
    """The date and period `_dateparser` returns for the commonest shapes it is asked about, to the
    precision the period prints, without asking it; None for every other phrase (and for impossible
    days such as "Feb. 30", left to dateparser)."""
    at = datetime(base.year, base.month, base.day) if base is not None else None
    if at is not None and phrase.lower() in _DAY_OFFSETS:
        return at + timedelta(days=_DAY_OFFSETS[phrase.lower()]), "day"
    near = _NEAR_PERIOD_RE.match(phrase)
    if near and at is not None:
        # A year or month period prints only its year and month, so the first of the month stands for it.
        step, unit = _STEPS[near.group(1).lower()], near.group(2).lower()
        if unit == "year":
            return datetime(at.year + step, 1, 1), "year"
        months = at.year * 12 + at.month - 1 + step
        return datetime(months // 12, months % 12 + 1, 1), "month"
    month_year = _MONTH_YEAR_RE.match(phrase)
    if month_year:
        return datetime(int(month_year.group(2)), _month_number(month_year.group(1)), 1), "month"
    month_day = _MONTH_DAY_RE.match(phrase)
    if not month_day or (month_day.group(3) is None and at is None):
        return None
    month, day = _month_number(month_day.group(1)), int(month_day.group(2))
    try:
        if month_day.group(3):
            return datetime(int(month_day.group(3)), month, day), "day"
        when = datetime(at.year, month, day)
        return (when if when <= at else when.replace(year=at.year - 1)), "day"  # dateparser prefers the past
    except ValueError:
        return None


def _dateparser(phrase: str, base: date | None) -> tuple[datetime, str] | None:
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except (ValueError, OverflowError, TypeError):  # odd spans such as "September 30th.https://t.co/..."
        return None
    if data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def resolve_dates(spans: list[tuple[int, int, str, str]], published: str | None) -> list[DateMention]:
    """DateMentions for (start, end, text, label) spans of DATE and TIME entities, in text order."""
    base = base_date(published)
    mentions = []
    for start, end, text, label in sorted(spans):
        if label == "TIME" and not is_dated_time(text):
            continue
        if label not in ("DATE", "TIME"):
            continue
        mentions.append(DateMention(start, end, text, normalise(clean_phrase(text), base)))
    return mentions
