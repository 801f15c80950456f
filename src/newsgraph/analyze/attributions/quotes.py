"""Finding quotations by their marks.

Straight, curly and angle double quotes pair up; single quotes count as quotation marks only
outside double quotes, at a word edge, so "don’t" and "the ’90s" stay words. A quotation left
open at the end of a paragraph runs to that paragraph's end (news style reopens it in the next
paragraph, which the article-level pass joins); a stray closing mark is ignored, so an odd number
of marks never swallows the rest of an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_DOUBLE = "“«„"
CLOSING_DOUBLE = "”»"
QUOTE_CHARS = set('"“”«»„‘’\'`')
_BEFORE_OPENING = re.compile(r"(^|[\s(\[{—–\-/:;,])$")


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark, or the end of the text when left open
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


def _doubled_mark(text: str, at: int) -> bool:
    """'' or `` stands for a double quote unless it is two apostrophes inside a word."""
    return not (at > 0 and text[at - 1].isalnum() and at + 2 < len(text) and text[at + 2].isalnum())


def _opens(text: str, at: int, width: int = 1) -> bool:
    char = text[at]
    if char in OPENING_DOUBLE:
        return True
    if char in CLOSING_DOUBLE:
        return False
    # A straight quote opens after a space or bracket and before a non-space.
    before_ok = bool(_BEFORE_OPENING.search(text[max(0, at - 1):at]))
    after_ok = at + width < len(text) and not text[at + width].isspace()
    return before_ok and after_ok


def find_quotes(text: str) -> list[Quote]:
    """Quotations in one paragraph, outermost only, in order."""
    quotes = _double_quotes(text)
    covered = [(q.start, q.end) for q in quotes]
    for quote in _single_quotes(_DOUBLE_MARK.sub(lambda m: " " * len(m.group()) if len(m.group()) == 2 else m.group(), text)):
        if not any(s < quote.end and quote.start < e for s, e in covered):
            quotes.append(quote)
    return sorted(quotes, key=lambda q: q.start)


_DOUBLE_MARK = re.compile(r"''|``|[\"“”«»„]")


def _double_quotes(text: str) -> list[Quote]:
    """Double quotation marks, including the doubled apostrophes (''like this'') some papers use."""
    quotes: list[Quote] = []
    open_at: int | None = None
    nested = 0  # curly quotes inside a straight-quoted passage ("PENCE: ... “Shark Tank.” ...)
    for match in _DOUBLE_MARK.finditer(text):
        at, width = match.start(), len(match.group())
        if width == 2 and not _doubled_mark(text, at):
            continue
        if open_at is None:
            if _opens(text, at, width):
                open_at = at
        elif text[open_at] == '"' and text[at] == "“" and _closes_later(text, at):
            nested += 1
        elif nested and text[at] == "”":
            nested -= 1
        elif text[at] in CLOSING_DOUBLE or text[at] in "\"'" or (text[at] in OPENING_DOUBLE and not _opens(text, at)):
            quotes.append(Quote(open_at, at + width, True))
            open_at = None
        else:  # a second opening mark: the first was never closed within its stretch
            quotes.append(Quote(open_at, _end_before_space(text, at), False))
            open_at = at
    if open_at is not None:
        quotes.append(Quote(open_at, len(text.rstrip()), False))
    return [q for q in quotes if q.end - q.start > 1]


def _closes_later(text: str, at: int) -> bool:
    """A curly opening mark inside straight quotes nests when its own closing mark follows and a
    straight mark is still to come to close the outer quotation."""
    closing = text.find("”", at + 1)
    return closing > 0 and '"' in text[closing:] or (closing > 0 and text.find('"', at) < 0)


def _end_before_space(text: str, at: int) -> int:
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _single_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    for at, char in enumerate(text):
        if char not in "‘’'":
            continue
        prev_letter = at > 0 and text[at - 1].isalnum()
        next_letter = at + 1 < len(text) and text[at + 1].isalnum()
        if open_at is None:
            if char in "‘'" and not prev_letter and next_letter:
                open_at = at
        elif char in "’'" and prev_letter is not False and not next_letter:
            if at > 0 and text[at - 1] in "sS" and at + 1 < len(text) and text[at + 1] == " " and char == "’":
                # "the voters’ choice": a possessive, unless nothing else closes the quote.
                if _another_closer(text, at + 1):
                    continue
            quotes.append(Quote(open_at, at + 1, True))
            open_at = None
    return quotes


def _another_closer(text: str, start: int) -> bool:
    for at in range(start, len(text)):
        if text[at] in "’'" and at > 0 and text[at - 1].isalnum() and not (at + 1 < len(text) and text[at + 1].isalnum()):
            return True
    return False


def kind_of(text: str, spans: list[tuple[int, int]], inside: bytearray) -> str:
    """direct when (nearly) all the content's letters are quoted, mixed when some are."""
    letters = [i for start, end in spans for i in range(start, end) if text[i].isalnum()]
    share = sum(inside[i] for i in letters) / len(letters) if letters else 0.0
    return "direct" if share > 0.9 else "mixed" if share > 0.0 else "indirect"


def inside_quotes(length: int, quotes: list[Quote]) -> bytearray:
    """1 for every character strictly between a quotation's marks (quotations never overlap)."""
    inside = bytearray(length)
    for quote in quotes:
        inside[quote.start + 1:quote.end] = b"\x01" * max(0, quote.end - quote.start - 1)
    return inside


_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t\r\f\v]*\n))+")


def quoted_characters(text: str) -> bytearray:
    """Which characters of a whole article lie inside quotation marks, found paragraph by paragraph
    (the blocks between blank lines, as the analysis reads them)."""
    inside = bytearray(len(text))
    for paragraph in _PARAGRAPH.finditer(text):
        for quote in find_quotes(paragraph.group()):
            start, end = paragraph.start() + quote.start + 1, paragraph.start() + quote.end
            inside[start:end] = b"\x01" * (end - start)
    return inside


def mark_quotes(doc) -> list[Quote]:
    """Find the Doc's quotations once and keep them, the characters and the tokens inside them,
    and the sentence each token is in, on the Doc: features ask for these per word, and
    `Token.sent` walks the Doc from its start each time."""
    text = doc.text  # built from the tokens on every access: keep it
    quotes = find_quotes(text)
    doc.user_data["text"] = text
    doc.user_data["quotes"] = quotes
    covered = bytearray(len(text))
    for quote in quotes:
        covered[quote.start:quote.end] = b"\x01" * (quote.end - quote.start)
    doc.user_data["quote_mask"] = [bool(covered[token.idx]) if token.idx < len(covered) else False for token in doc]
    doc.user_data["quote_chars"] = inside_quotes(len(text), quotes)
    sentences = [(sent.start, sent.end, sent.start_char, sent.end_char) for sent in doc.sents] if doc.has_annotation(
        "SENT_START") else [(0, len(doc), 0, len(text))]
    doc.user_data["sentences"] = sentences
    ids = [0] * len(doc)
    for number, (start, end, _, _) in enumerate(sentences):
        ids[start:end] = [number] * (end - start)
    doc.user_data["sentence_of"] = ids
    return quotes
