"""Quotation marks: pairing, single quotes versus apostrophes, unbalanced marks."""

from __future__ import annotations

from hypothesis import given, strategies as st

from newsgraph.analyze.attributions.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_every_kind_of_double_quote_pairs():
    assert quoted('He said "yes" and “no” and «peut-être».') == ['"yes"', "“no”", "«peut-être»"]


def test_single_quotes_inside_double_stay_inside():
    assert quoted("“They shouted ‘resign’ at him,” she said.") == ["“They shouted ‘resign’ at him,”"]


def test_apostrophes_are_not_quotes():
    assert quoted("Iran’s leader didn’t reply to the voters’ letter in the ’90s.") == []


def test_single_quotes_used_as_quotes_in_headlines():
    assert quoted("Trump calls report ‘fake news’ in tweet") == ["‘fake news’"]


def test_an_unclosed_quote_runs_to_the_end_of_the_paragraph():
    found = find_quotes('He said: "We will fight on. We will not stop.')
    assert len(found) == 1 and not found[0].closed
    assert found[0].end == len('He said: "We will fight on. We will not stop.')


def test_a_stray_closing_mark_swallows_nothing():
    assert quoted("The 5” screen was praised, he said.") == []


@given(st.text(alphabet='ab ,.\'"“”‘’«»\n', max_size=80))
def test_quotes_are_ordered_disjoint_and_inside_the_text(text):
    found = find_quotes(text)
    for quote in found:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start] in '"“„«‘\''
    for first, second in zip(found, found[1:]):
        assert first.end <= second.start


def test_curly_quotes_nest_inside_a_straight_quoted_passage():
    text = '"PENCE: Clinton thinks this is an episode of “Shark Tank.” But this is America.'
    assert quoted(text) == [text]
