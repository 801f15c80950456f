from __future__ import annotations

from datetime import date

import pytest

from analyze_support import seed_article
from newsgraph.analyze import analyze_article
from newsgraph.analyze import dates as dates_module
from newsgraph.analyze.dates import base_date, clean_phrase, normalise, resolve_dates

MONDAY = date(2014, 11, 24)  # the seed's publication date
ELECTION_SEASON = date(2016, 9, 27)


def value(phrase: str, base: date | None = MONDAY) -> str | None:
    return normalise(clean_phrase(phrase), base)


def test_seed_dates_resolve_against_publication(seed):
    values = {d.text: d.value for d in seed.dates}
    assert values["October"] == "2014-10"  # "in October"
    assert values["Sunday"] == "2014-11-23"  # "late on Sunday", the day before the Monday
    assert values["November"] == "2014-11"  # "in November"
    assert values["decades"] is None
    for d in seed.dates:
        assert seed.text[d.start : d.end] == d.text


def test_seed_dates_without_publication_stay_unresolved(nlp):
    article = analyze_article(seed_article(published=None), nlp=nlp)
    assert article.dates and all(d.value is None for d in article.dates)


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("Sunday", "2014-11-23"),
        ("late on Sunday", "2014-11-23"),
        ("late Sunday", "2014-11-23"),
        ("Sunday night", "2014-11-23"),
        ("Monday", "2014-11-24"),  # the day of publication, not a week earlier
        ("Tuesday", "2014-11-18"),
        ("yesterday", "2014-11-23"),
        ("in October", "2014-10"),
        ("October", "2014-10"),
        ("November", "2014-11"),
        ("December", "2013-12"),  # the past one
        ("last November", "2013-11"),
        ("mid-October", "2014-10"),
        ("earlier this month", "2014-11"),
        ("last month", "2014-10"),
        ("Sept. 11, 2001", "2001-09-11"),
        ("October 2013", "2013-10"),
        ("2013", "2013"),
        ("last year", "2013"),
        ("Tuesday's", "2014-11-18"),
    ],
)
def test_phrases_resolve(phrase, expected):
    assert value(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    ["decades", "years", "three days", "recent weeks", "the 1990s", "47-year-old", "September 16-19",
     "1995 to 1997", "last week", "the summer", "Election Day", ""],
)
def test_phrases_that_name_no_point_in_time(phrase):
    assert value(phrase) is None


def test_a_near_month_day_is_upcoming_but_a_far_one_is_past():
    assert value("Nov. 8", ELECTION_SEASON) == "2016-11-08"  # the coming election, not 2015
    assert value("Feb. 9", ELECTION_SEASON) == "2016-02-09"
    assert value("January 1", ELECTION_SEASON) == "2016-01-01"


def test_without_a_publication_date_only_explicit_years_resolve():
    assert value("Sunday", None) is None
    assert value("in October", None) is None
    assert value("October 2013", None) == "2013-10"
    assert value("Sept. 11, 2001", None) == "2001-09-11"


@pytest.mark.parametrize(
    "published, expected",
    [("2014-11-24", MONDAY), ("2014-11-24T18:30:00Z", MONDAY), ("2014-11-24 18:30:00+03:30", MONDAY),
     ("Mon, 24 Nov 2014", None), (None, None), ("", None)],
)
def test_base_date(published, expected):
    assert base_date(published) == expected


def test_time_spans_count_only_when_they_name_a_day():
    text = "At 10 a.m. on Sunday night they met."
    spans = [(3, 10, "10 a.m.", "TIME"), (14, 26, "Sunday night", "TIME")]
    found = resolve_dates(spans, "2014-11-24")
    assert [(d.text, d.value) for d in found] == [("Sunday night", "2014-11-23")]
    assert all(text[d.start : d.end] == d.text for d in found)


def test_other_labels_are_ignored():
    assert resolve_dates([(0, 4, "five", "CARDINAL")], "2014-11-24") == []


def test_dateparser_is_called_once_per_phrase_and_base_and_never_for_non_dates(monkeypatch):
    calls = []
    real = dates_module._dateparser

    def counting(phrase, base):
        calls.append(phrase)
        return real(phrase, base)

    monkeypatch.setattr(dates_module, "_dateparser", counting)
    normalise.cache_clear()
    base = date(2011, 3, 3)
    for _ in range(3):
        assert normalise("two days ago", base) == "2011-03-01"
        assert normalise("decades", base) is None
        assert normalise("three years", base) is None
    assert calls == ["two days ago"]
