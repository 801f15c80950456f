"""Quotation marks: pairing, single quotes versus apostrophes, unbalanced marks."""

from __future__ import annotations

from hypothesis import given, strategies as st

from newsgraph.analyze.attributions.quotes import find_quotes, inside_quotes, kind_of, trim_to_quotes


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


def test_curly_quotes_nest_inside_a_curly_quotation():
    text = "“I’d rather live in what he calls “hell” than live in a world where he is president.”"
    assert quoted("Rodarte wrote: " + text) == [text]


def test_a_second_curly_opening_mark_without_two_closers_still_ends_the_first():
    assert quoted("“We will fight on, “We will win.”") == ["“We will fight on,", "“We will win.”"]


# --- kinds and the writer's words around quoted speech ----------------------------------------

def spans_of(text: str, *pieces: str) -> list[tuple[int, int]]:
    return [(text.index(piece), text.index(piece) + len(piece)) for piece in pieces]


def trimmed(text: str, *pieces: str, cues: tuple[str, ...] = ()) -> list[str]:
    spans = trim_to_quotes(text, spans_of(text, *pieces), find_quotes(text), [text.index(c) for c in cues])
    return [text[start:end] for start, end in spans]


def test_direct_means_every_letter_is_quoted():
    text = 'He said that "the system is rigged." "The system is rigged."'
    inside = inside_quotes(len(text), find_quotes(text))
    assert kind_of(text, spans_of(text, 'that "the system is rigged."'), inside) == "mixed"
    assert kind_of(text, spans_of(text, '"The system is rigged."'), inside) == "direct"
    assert kind_of(text, spans_of(text, "He said"), inside) == "indirect"


def test_words_before_a_quoted_sentence_go():
    text = "Trump told supporters of Clinton, “If she gets the chance, she will sell the office.”"
    assert trimmed(text, "of Clinton, “If she gets the chance, she will sell the office.”") == [
        "“If she gets the chance, she will sell the office.”"]
    text = "a new campaign message: \"It's about me.\""
    assert trimmed(text, text) == ['"It\'s about me."']


def test_that_before_a_quoted_sentence_stays():
    text = "He tweeted that, “For those few people knocking me, I will be there!”"
    assert trimmed(text, "that, “For those few people knocking me, I will be there!”") == [
        "that, “For those few people knocking me, I will be there!”"]


def test_a_quoted_phrase_keeps_the_clause_around_it():
    text = "He said Trump would be “the healthiest individual ever elected.”"
    assert trimmed(text, "Trump would be “the healthiest individual ever elected.”") == [
        "Trump would be “the healthiest individual ever elected.”"]
    text = "“I wouldn't call it reform” for the top income bracket"
    assert trimmed(text, text) == [text]


def test_words_after_a_quotation_closed_by_a_comma_go():
    text = "“That makes me smart,” when Clinton blasted him for not paying income tax"
    assert trimmed(text, text) == ["“That makes me smart,”"]
    text = 'Mills "got an immunity agreement," and still "got to sit in on the interview."'
    assert trimmed(text, text) == [text]


def test_unquoted_fragments_beside_quoted_speech_go():
    text = "“It’s finished,” she said of the election. “In my head, anyway.”"
    assert trimmed(text, "“It’s finished,”", "of the election", "“In my head, anyway.”") == [
        "“It’s finished,”", "“In my head, anyway.”"]


def test_another_speech_word_keeps_the_models_span():
    text = "The spot ends with footage of Trump saying, “That makes me smart.”"
    assert trimmed(text, "with footage of Trump saying, “That makes me smart.”", cues=("saying",)) == [
        "with footage of Trump saying, “That makes me smart.”"]
