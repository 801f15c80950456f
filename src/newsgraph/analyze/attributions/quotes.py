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
from typing import Iterable

from newsgraph.analyze.attributions.tokens import token_table

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
        elif text[at] == "“" and (text[open_at] == '"' and _closes_later(text, at)
                                  or text[open_at] == "“" and _nests(text, at)):
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


def _nests(text: str, at: int) -> bool:
    """A curly opening mark inside a curly quotation (“what he calls “hell” than ...”) nests when
    two closing marks follow before any other opening mark: its own and the outer one's."""
    following = text[at + 1:]
    next_open = following.find("“")
    stretch = following if next_open < 0 else following[:next_open]
    return stretch.count("”") >= 2


def _end_before_space(text: str, at: int) -> int:
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


_SINGLE_MARK = re.compile("[‘’']")
_CLOSING_SINGLE = re.compile("[’']")


def _single_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    for mark in _SINGLE_MARK.finditer(text):  # straight to the marks: most characters are none
        at, char = mark.start(), mark.group()
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
    for mark in _CLOSING_SINGLE.finditer(text, start):
        at = mark.start()
        if at > 0 and text[at - 1].isalnum() and not (at + 1 < len(text) and text[at + 1].isalnum()):
            return True
    return False


# Exactly the characters for which str.isalnum() holds (checked over all of Unicode); a regular
# expression counts them in compiled code.
_LETTER = re.compile(r"[^\W_]")


def kind_of(text: str, spans: list[tuple[int, int]], inside: bytearray) -> str:
    """direct when all the content's letters are quoted, mixed when some are: PolNeAR's own
    definition, so "that “...”" is mixed (gold keeps the "that" in the content)."""
    letters = quoted = 0
    for start, end in spans:
        letters += len(_LETTER.findall(text, start, end))
        run = inside.find(1, start, end)
        while run >= 0:  # each stretch of quoted characters in the span
            run_end = inside.find(0, run, end)
            run_end = end if run_end < 0 else run_end
            quoted += len(_LETTER.findall(text, run, run_end))
            run = inside.find(1, run_end, end)
    share = quoted / letters if letters else 0.0
    return "direct" if share == 1.0 else "mixed" if share > 0.0 else "indirect"


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
    the sentence each token is in and the token table (tokens.py) on the Doc: features ask for
    these per word, and `Token.sent` walks the Doc from its start each time."""
    table = token_table(doc)
    text = table.doc_text  # Doc.text builds it from the tokens on every access: keep it
    quotes = find_quotes(text)
    doc.user_data["text"] = text
    doc.user_data["quotes"] = quotes
    covered = bytearray(len(text))
    for quote in quotes:
        covered[quote.start:quote.end] = b"\x01" * (quote.end - quote.start)
    if quotes:
        doc.user_data["quote_mask"] = [bool(covered[idx]) if idx < len(covered) else False for idx in table.idx]
    else:  # most paragraphs quote nobody
        doc.user_data["quote_mask"] = [False] * len(table)
    doc.user_data["quote_chars"] = inside_quotes(len(text), quotes)
    sentences = [(sent.start, sent.end, sent.start_char, sent.end_char) for sent in doc.sents] if doc.has_annotation(
        "SENT_START") else [(0, len(doc), 0, len(text))]
    doc.user_data["sentences"] = sentences
    ids = [0] * len(doc)
    for number, (start, end, _, _) in enumerate(sentences):
        ids[start:end] = [number] * (end - start)
    doc.user_data["sentence_of"] = ids
    return quotes


# --- the writer's words around a quoted sentence ---------------------------------------------
# PolNeAR marks a quotation that stands as speech of its own ("“We will win,” he said") as the
# quotation alone; the models' constituents often carry a few of the writer's words with it
# ("of Clinton, “If she gets the chance ...”", "“...,” when Clinton blasted him"), which makes a
# direct quote look mixed. A quotation inside the writer's clause ("called it “a disgrace”",
# "that “the system works”") is left as it is: there the unquoted words are content too.

def _speech(text: str, quote: Quote) -> bool:
    """The quotation is speech of its own: its first letter is a capital, not a phrase carried
    on from the writer's clause."""
    inner = text[quote.start + 1:quote.end].lstrip(" '‘\"“….([")
    return bool(inner) and inner[0].isupper()


def trim_to_quotes(text: str, spans: list[tuple[int, int]], quotes: list[Quote],
                   other_cues: Iterable[int] = ()) -> list[tuple[int, int]]:
    """The content fragments `spans` without the writer's words around quoted speech:
    - fragments with no quotation go when another fragment is a quoted sentence and nothing
      else;
    - the words before a quoted sentence go when it follows ".", "!", "?", ":" or a comma (not
      "that," or "as,": "said that, “For those ...”" is content as a whole);
    - the words after a quotation closed by ",”" or ".”" go, unless more quotation follows.
    Nothing is dropped that holds a position of `other_cues` (another speech word: the
    quotation may be its speaker's, and the models' span says more than this rule)."""
    other_cues = list(other_cues)

    def quotes_in(start: int, end: int) -> list[Quote]:
        return [q for q in quotes if start <= q.start and q.end <= end]

    def cue_in(start: int, end: int) -> bool:
        return any(start <= at < end for at in other_cues)

    def bare_quote(span: tuple[int, int]) -> bool:
        inside = quotes_in(*span)
        return bool(inside) and _bare(text, span) == (inside[0].start, inside[-1].end) and _speech(text, inside[0])

    if spans and any(bare_quote(s) for s in spans) and not cue_in(spans[0][0], spans[-1][1]):
        spans = [s for s in spans if quotes_in(*s)]
    trimmed = []
    for start, end in spans:
        inside = quotes_in(start, end)
        if inside:
            first, last = inside[0], inside[-1]
            before = text[start:first.start].rstrip()
            words = before.rstrip(",").split()
            if (before and _speech(text, first) and not cue_in(start, first.start)
                    and (before[-1] in ".!?:" or before[-1] == "," and words and words[-1].lower() not in ("that", "as"))):
                start = first.start
            after = text[last.end:end]
            if (after.strip() and last.closed and text[last.end - 2] in ",.?!"
                    and not any(c in QUOTE_CHARS for c in after) and not cue_in(last.end, end)):
                end = last.end
        trimmed.append((start, end))
    return trimmed


def _bare(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and (text[start].isspace() or text[start] in ",;:.—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end
