"""The shapes dates.py computes itself must read as dateparser reads them (to the precision printed)."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.analyze import dates as dates_module

BASES = [date(2019, 11, 18), date(2020, 2, 29), date(2020, 3, 31), date(2021, 1, 1), date(2019, 12, 31), None]
PHRASES = [
    "Nov. 5", "November 5th", "Sept. 30", "Sep 1", "May 2", "June 09", "Dec 31", "Feb. 29", "Feb 28", "Jan. 1st",
    "March 22nd", "Oct 23rd", "Nov. 15, 2019", "November 18 2019", "Feb 29, 2020", "June 2018", "Sept. 2020",
    "dec 1999", "MAY 5", "today", "Today", "yesterday", "tomorrow", "this year", "Last year", "next year",
    "this month", "last month", "Next Month", "LAST MONTH",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_direct_reading_matches_dateparser(phrase):
    for base in BASES:
        direct = dates_module._direct(phrase, base)
        if direct is None:
            continue
        parsed = dates_module._dateparser(phrase, base)
        assert parsed is not None, (phrase, base)
        (when, period), (parsed_when, parsed_period) = direct, parsed
        assert period == parsed_period, (phrase, base)
        assert when.strftime(dates_module._FORMATS[period]) == parsed_when.strftime(dates_module._FORMATS[period]), (phrase, base)


@pytest.mark.parametrize("phrase", ["Feb. 30", "June 31", "Nov. 0", "last week", "two years ago", "end of October", "15 November"])
def test_other_phrases_are_left_to_dateparser(phrase):
    assert dates_module._direct(phrase, date(2019, 11, 18)) is None


def test_only_a_phrase_with_its_year_is_read_without_a_base_date():
    assert dates_module._direct("Nov. 5", None) is None
    assert dates_module.normalise("Nov. 15, 2019", None) == "2019-11-15"
