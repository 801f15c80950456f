"""Attributions that the page layout makes, not the grammar.

- A quotation signed after a dash: `“We will win.” ― Sonya Herridge` (reader quotes, epigraphs).
- A transcript line: `WALLACE: Let's start with the news.` or `Clinton: "I was wrong."` at the
  start of a paragraph, the speaker's name followed by a colon.
The parse gives neither a verb to hang them on, so they are read off the text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.analyze.attributions.quotes import Quote

_SIGNATURE = re.compile(r"\s*[―—–-]{1,2}\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,4})(?=\s*(?:,|$|\n))")
# A word of a name: an initial with its full stop, or a capitalised word (its own full stop is
# the sentence's, not the name's).
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*\w)"
_SIGNED_LINE = re.compile(r"(?m)^[ \t]*([“\"”].+[”\"])[ \t\xa0]*([―—–])[ \t\xa0]*"
                          rf"({_NAME_WORD}(?:[ \t\xa0]+{_NAME_WORD}){{0,4}})[ \t\xa0.]*$")
_SPEAKER_LINE = re.compile(r"^[\"“]?((?:[A-Z][A-Z.'’-]+)(?:\s+[A-Z][A-Z.'’-]+){0,3}|(?:[A-Z][a-z.'’-]+)(?:\s+[A-Z][a-z.'’-]+){0,2})(:)\s+\S")


def layout_attributions(doc: Doc, quotes: list[Quote], make) -> list:
    """Found attributions for signed quotations and transcript lines; `make(content, cue, source)`
    builds each from character spans of `doc.text`."""
    found = []
    text = doc.user_data.get("text") or doc.text
    signed_lines = set()
    for line in _SIGNED_LINE.finditer(text):
        # A whole line "“...” ― Name": read off the line itself, whatever the quote marks inside do.
        found.append(make([line.span(1)], line.span(2), line.span(3)))
        signed_lines.add(line.start(2))
    for quote in quotes:
        if not quote.closed:
            continue
        signature = _SIGNATURE.match(text, quote.end)
        if signature:
            dash_at = text.index(signature.group(0).strip()[0], quote.end)
            if dash_at in signed_lines:
                continue
            found.append(make([(quote.start, quote.end)], (dash_at, dash_at + 1), signature.span(1)))
    line = _SPEAKER_LINE.match(text)
    if line and _is_name(line.group(1)):
        colon = line.start(2)
        content_start = colon + 1 + (len(text[colon + 1:]) - len(text[colon + 1:].lstrip()))
        end = len(text.rstrip())
        found.append(make([(content_start, end)], (colon, colon + 1), line.span(1)))
    return found


def _is_name(words: str) -> bool:
    """Not a section label such as "UPDATE:" or "Watch:"; a transcript speaker is a surname in capitals
    or a proper name."""
    return len(words) > 1 and not any(word in _LABELS for word in words.upper().split())


_LABELS = frozenset(
    """UPDATE UPDATES WATCH READ NOTE EDITOR'S CORRECTION CLARIFICATION PHOTO PHOTOS VIDEO RELATED
    MORE Q A BREAKING EXCLUSIVE ANALYSIS OPINION SPONSORED ADVERTISEMENT SOURCE SOURCES CREDIT TAGS
    TOPICS SEE ALSO PLUS WHY WHAT WHO WHEN WHERE HOW ALSO FACT CHECK FACTCHECK CLAIM VERDICT""".split()
)
