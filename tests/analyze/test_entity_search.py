"""The plain-string searches in names.py and gender.py must find what the patterns they replace find."""

from __future__ import annotations

import re

import pytest

from newsgraph.analyze import gender, names

TEXTS = [
    "Oz has been here. Mehmet Oz said Oz's plan, not Ozone, was fine; Oz-era ended. Oz\u2019s aide.",
    "Scott Walker met Scott. Scott-Heron sang; Mr. Scott left. Keith Scott, Scott_1, Scott. Scott",
    "Trump Tower; Donald Trump, Trump\u2019s team and Trump-like. TrumpTrump Trump Trump",
    "al-Assad said Assad. (Assad) \u00c9Assad Assad\u00e9 O'Brien O'Brien's O'Briens",
    "",
]
WORDS = ["Oz", "Scott", "Trump", "Assad", "al-Assad", "O'Brien", "Oz\u2019", "-Assad"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("word", WORDS)
def test_standalone_matches_the_surname_pattern(text, word):
    pattern = rf"\b{re.escape(word)}\b(?!\s+[A-Z]|[-\u2019'][a-z]{{2}})"
    assert names.standalone(text, word) == [m.span() for m in re.finditer(pattern, text)]


HONORIFIC_TEXT = ("Mrs. Scott and Mr Scott met Ms. Scott-Heron, Mr.  Scott, Mr.Scott, Mrs Scotts and MrScott; "
                  "Ms Scott. Mr. O'Brien's view; Mr. Oz\u00e9.")


@pytest.mark.parametrize("surname", ["Scott", "Scott-Heron", "O'Brien", "Oz", "Smith", "Scotts"])
def test_honorifics_find_the_first_honorific_before_a_surname(surname):
    expected = re.search(rf"\b(?:Mr|Mrs|Ms)\.? {re.escape(surname)}\b", HONORIFIC_TEXT)
    assert gender._honorific_with(HONORIFIC_TEXT, surname) == (expected.span() if expected else None)
