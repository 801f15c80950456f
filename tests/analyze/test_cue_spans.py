"""The cue's reach (its verb group, as PolNeAR annotates it) and where a content stops before the
speaker's next speech verb."""

from __future__ import annotations

import pytest

from newsgraph.analyze.attributions.cuespan import cue_span
from newsgraph.analyze.attributions.find import find_attributions
from newsgraph.analyze.attributions.model import load_models


def _span(nlp, text: str, cue_word: str, claimed_from: str | None) -> str:
    doc = nlp(text)
    cue = next(t for t in doc if t.text == cue_word)
    start = text.index(claimed_from) if claimed_from else len(text)
    claimed = {t.i for t in doc if t.idx >= start}
    low, high = cue_span(cue, claimed)
    return text[low:high]


@pytest.mark.parametrize("text, cue_word, content, expected", [
    ("The senator often says that the plan will fail.", "says", "that the plan", "often says"),
    ("The senator said sarcastically that the plan will fail.", "said", "that the plan", "said sarcastically"),
    ("The senator has repeatedly complained about the plan.", "complained", "the plan", "has repeatedly complained about"),
    ("The senator accused the governor of lying.", "accused", "lying", "accused the governor of"),
])
def test_the_cue_takes_in_its_verb_group(nlp, text, cue_word, content, expected):
    assert _span(nlp, text, cue_word, content) == expected


def test_the_person_told_stays_out_of_the_cue(nlp):
    # The object beside a content clause is whom the cue addresses ("told reporters that").
    assert _span(nlp, "The mayor told reporters that the video would be released.", "told",
                 "that the video") == "told"


def test_without_a_content_the_cue_is_the_word_with_its_auxiliaries(nlp):
    doc = nlp("She has often said nothing.")
    said = next(t for t in doc if t.text == "said")
    low, high = cue_span(said)
    assert doc.text[low:high] == "has often said"  # the auxiliary reaches over the adverb, as before


def test_a_second_speech_verb_is_not_the_first_ones_content(nlp):
    text = "The minister said the government would order a review of the defenses and warned against hackers."
    doc = nlp(text)
    found = find_attributions(doc, load_models())
    said = [f for f in found if text[f.cue[0]:f.cue[1]] == "said"]
    assert said, [(text[f.cue[0]:f.cue[1]], f.content) for f in found]
    assert all("warned" not in text[s:e] for f in said for s, e in f.content)
