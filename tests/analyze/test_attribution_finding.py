"""Who said what: the seed page's attributions, the spaCy component on its own, quote handling."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsgraph.analyze import analyze_text
from newsgraph.article import Attribution


def by_content(article, words: str) -> Attribution:
    found = [a for a in article.attributions if any(words in span.text for span in a.content)]
    assert len(found) == 1, [(a.cue_lemma, a.text) for a in article.attributions]
    return found[0]


def test_every_span_points_into_the_text(seed):
    for attribution in seed.attributions:
        for span in attribution.content + [s for s in (attribution.cue, attribution.source) if s]:
            assert seed.text[span.start:span.end] == span.text


def test_afkham_says_both_quotes_through_irna(seed):
    first = by_content(seed, "There has been no new letter from Iran's side")
    second = by_content(seed, "The claim made by the Wall Street Journal is an unprofessional media game.")
    for quote in (first, second):
        assert quote.kind == "direct"
        assert quote.speaker_name == "Marzieh Afkham"
        assert quote.role == "Foreign Ministry spokeswoman"
        assert quote.via == "IRNA"
        assert quote.polarity == "asserts"
    assert first.speaker == second.speaker
    afkham = next(e for e in seed.entities if e.id == first.speaker)
    assert afkham.name == "Marzieh Afkham" and afkham.type == "PERSON"


def test_iran_denies_the_journal_report(seed):
    denial = by_content(seed, "Khamenei recently responded to a letter")
    assert denial.polarity == "denies" and denial.cue_lemma == "deny"
    assert denial.speaker_name == "Iran" and not denial.anonymous
    assert "Wall Street Journal report" in denial.text


def test_the_unnamed_diplomat_speaks_through_the_journal(seed):
    quote = by_content(seed, "Khamenei's letter had been")
    assert quote.kind == "mixed"
    assert quote.anonymous and quote.speaker is None
    assert "unnamed Iranian diplomat" in quote.speaker_name
    assert quote.affiliation == "IRN"
    assert quote.via == "Wall Street Journal" and quote.via_entity is not None
    assert quote.text.startswith("Khamenei's letter had been \"respectful\" but noncommittal")


def test_iranian_officials_acknowledge_earlier_replies(seed):
    quote = by_content(seed, "Tehran had replied to previous letters from Obama")
    assert quote.polarity == "confirms"
    assert quote.anonymous and quote.affiliation == "IRN"


def test_washington_says_assad_lost_legitimacy(seed):
    quote = by_content(seed, "he has lost legitimacy")
    assert quote.speaker_name == "United States" and quote.polarity == "asserts"


def test_iran_denies_nuclear_ambitions(seed):
    quote = by_content(seed, "having any nuclear weapons ambitions")
    assert quote.speaker_name == "Iran" and quote.polarity == "denies"


def test_nothing_is_attributed_twice(seed):
    spans = sorted((s.start, s.end) for a in seed.attributions for s in a.content)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_the_component_works_in_any_pipeline():
    from newsgraph.analyze.attributions import COMPONENT
    from newsgraph.analyze.nlp import load_model

    # A second pipeline object (its own disable set), as a user would build it.
    fresh = load_model(disable=("lemmatizer", "attribute_ruler", "ner"))
    if COMPONENT not in fresh.pipe_names:
        fresh.add_pipe(COMPONENT)
    doc = fresh('"We will not negotiate," the minister told reporters on Monday.')
    attributions = doc._.attributions
    assert len(attributions) == 1
    assert attributions[0].kind == "direct"
    assert attributions[0].content[0].text == '"We will not negotiate,"'
    assert attributions[0].source.text == "the minister"
    assert attributions[0].cue.text == "told"


@pytest.mark.parametrize("text, expected_fragments", [
    # a quotation split by its cue is one attribution with two fragments
    ('"We are ready," she said, "and we will win."', 2),
    # a quotation left open at the paragraph end continues in the next one
    ('Smith said: "The plan is simple.\n\n"We build first and ask later."', 2),
])
def test_quotations_join_up(nlp, text, expected_fragments):
    article = analyze_text(text, nlp=nlp)
    assert len(article.attributions) == 1, [a.text for a in article.attributions]
    assert len(article.attributions[0].content) == expected_fragments
    assert article.attributions[0].kind == "direct"


def test_pronoun_resolves_to_the_person_named_before(nlp):
    article = analyze_text("Senator Elizabeth Warren spoke in Boston on Monday.\n\n"
                           "She said the bill would pass before the summer.", nlp=nlp)
    quote = by_content(article, "the bill would pass")
    assert quote.source.text == "She"
    assert quote.speaker_name == "Elizabeth Warren"


def test_an_odd_quote_mark_keeps_the_rest_of_the_article(nlp):
    article = analyze_text('He said "the vote was rigged.\n\nThe court rejected the claim, officials said.', nlp=nlp)
    assert any("court rejected" in a.text for a in article.attributions)


@pytest.mark.parametrize("text, cue, speaker, content, polarity", [
    ("Clark was quoted as saying the plan would fail.", "was quoted", "Clark", "the plan would fail", "asserts"),
    ('"The plan will fail," said Wesley Clark, a retired general.', "said", "Wesley Clark", '"The plan will fail,"',
     "asserts"),
    ("According to the Health Ministry, 40 people died in the attack.", "According to", "Health Ministry",
     "40 people died in the attack.", "asserts"),
    ("Merkel believes the deal can still be saved.", "believes", "Merkel", "the deal can still be saved", "asserts"),
    ("The minister said «we will not give in».", "said", "minister", "«we will not give in»", "asserts"),
    ("The senator denied that he had met the lobbyist.", "denied", "senator", "that he had met the lobbyist",
     "denies"),
])
def test_forms_of_attribution(nlp, text, cue, speaker, content, polarity):
    article = analyze_text(text, nlp=nlp)
    assert len(article.attributions) == 1, [a.text for a in article.attributions]
    found = article.attributions[0]
    assert (found.cue.text, found.speaker_name, found.text, found.polarity) == (cue, speaker, content, polarity)


def test_an_apposition_gives_the_role(nlp):
    article = analyze_text('"The plan will fail," said Wesley Clark, a retired general.', nlp=nlp)
    assert article.attributions[0].role == "retired general"


def test_transcript_lines_name_their_speakers(nlp):
    article = analyze_text("Mike Pence spoke to Chris Wallace of Fox News on Sunday.\n\n"
                           '"WALLACE: Do you really see those two as equivalent?\n\n'
                           '"PENCE: Well, look, Hillary Clinton apparently thinks this is a game show.', nlp=nlp)
    lines = [a for a in article.attributions if a.cue.text == ":"]
    assert [(a.source.text, a.speaker_name) for a in lines] == [("WALLACE", "Chris Wallace"), ("PENCE", "Mike Pence")]
    assert lines[1].text.startswith("Well, look, Hillary Clinton apparently thinks")  # its inner cue gives way


def test_a_signed_quotation(nlp):
    article = analyze_text("“He represents our greatest shame.” ― Sonya Herridge", nlp=nlp)
    assert [(a.text, a.source.text) for a in article.attributions] == [
        ("“He represents our greatest shame.”", "Sonya Herridge")]


_PIECES = st.sampled_from(['"', "“", "”", "‘", "’", "'", "«", "»", " said ", " he ", " She told ", "Smith", ",", ".",
                           ":", " according to ", "\n\n", " the ", "denied", " that ", "Iran", " ― ", "WALLACE: "])


@settings(max_examples=40, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_any_mix_of_quotes_and_cues_gives_valid_spans(nlp, pieces):
    text = "".join(pieces).strip() or "x"
    article = analyze_text(text, nlp=nlp)
    assert article.attributions is not None
    for attribution in article.attributions:
        for span in attribution.content + [s for s in (attribution.cue, attribution.source) if s]:
            assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text


def test_signed_lines_hold_even_when_quote_marks_inside_them_nest(nlp):
    text = ("“I would rather live in what he calls “hell” than live in his world.” ― Adriana Rodarte\n"
            "“He is someone that nobody should trust.” ―\xa0Jorge Falcon.")
    article = analyze_text(text, nlp=nlp)
    assert [a.source.text for a in article.attributions] == ["Adriana Rodarte", "Jorge Falcon"]
    assert article.attributions[0].text.endswith("than live in his world.”")


def test_a_quotation_claimed_twice_goes_to_the_nearest_cue(nlp):
    # The parse lets "told" reach the quotation after its own sentence; "he said" stands beside it.
    article = analyze_text("Obama told reporters that the museum was a triumph. “I haven't seen it yet, but "
                           "I'm going to,” he said of the museum.", nlp=nlp)
    told = by_content(article, "the museum was a triumph")
    said = by_content(article, "I haven't seen it yet")
    assert told is not said
    assert told.kind == "indirect" and said.kind == "direct"
    assert [span.text for span in said.content] == ["“I haven't seen it yet, but I'm going to,”"]


def test_that_before_a_quotation_makes_it_mixed(nlp):
    article = analyze_text("Trump said on Twitter that “the system is rigged.”", nlp=nlp)
    assert [(a.kind, a.text) for a in article.attributions] == [("mixed", "that “the system is rigged.”")]


def test_cue_scores_for_a_whole_doc_equal_the_per_word_ones(nlp):
    from newsgraph.analyze.attributions.features import cue_dense_scores, cue_vector
    from newsgraph.analyze.attributions.model import load_models

    doc = nlp("The minister, who had denied it on Monday, told reporters that talks would resume soon.")
    dense = load_models().cue.dense
    together = cue_dense_scores(doc, dense)
    assert together is not None and len(together) == len(doc)
    for token in doc:
        assert together[token.i] == pytest.approx(float(dense @ cue_vector(token)), abs=1e-4)


def test_words_that_never_head_a_cue_are_not_scored(nlp):
    from dataclasses import replace

    from newsgraph.analyze.attributions.find import find_attributions
    from newsgraph.analyze.attributions.model import load_models

    models = load_models()
    assert {"years", "people", "percent"} <= models.non_cues and not models.non_cues & {"said", "told", "according"}
    doc = nlp("The mayor said the ferries would run all winter.")
    assert [doc.text[slice(*f.cue)] for f in find_attributions(doc, models)] == ["said"]
    assert find_attributions(doc, replace(models, non_cues=frozenset({"said"}))) == []
