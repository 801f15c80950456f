"""A cheap language guess from function words, for pages that do not declare one."""

from __future__ import annotations

import re

# The commonest short function words of each language; a page's body has dozens of them.
_FUNCTION_WORDS = {
    "en": "the of and to in is that for it was on with as by at from his he said have has are be".split(),
    "de": "der die und das ist nicht den mit sich des auf ein eine dem zu von im für auch".split(),
    "fr": "le la les et des est une un du que dans pour qui pas sur au avec ce il par".split(),
    "es": "el la los las de que y en un una por con para es del se al lo como su".split(),
    "it": "il di che la e per un una del della sono non con si da le gli al nel".split(),
    "pt": "o a os as de que e do da em um uma para com não por se dos das ao".split(),
    "nl": "de het een en van is dat op te in voor niet met zijn er aan ook als".split(),
}
_LOOKUP = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words:
        _LOOKUP.setdefault(_word, []).append(_language)
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str, sample: int = 3000) -> str | None:
    """ISO 639-1 code of the language whose function words dominate, or None when unsure."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    words = _WORD.findall(text[:sample].lower())
    for word in words:
        for language in _LOOKUP.get(word, ()):
            counts[language] += 1
    best = max(counts, key=counts.get)
    ranked = sorted(counts.values(), reverse=True)
    if len(words) < 5 or ranked[0] < max(3, 0.12 * len(words)) or ranked[0] < 1.5 * ranked[1]:
        return None
    return best
