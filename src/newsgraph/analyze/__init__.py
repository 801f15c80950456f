"""The analysis stage: entities, dates and attributions for clean Articles.

The model runs once per paragraph (and once on the title): on the raw text the headline and
the first sentence merge into one sentence and one entity span. Each paragraph's character
offset in `Article.text` is kept, so every mention offset points into `Article.text` (or into
the title, with `field="title"`).
"""

from __future__ import annotations

import logging
import os
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from newsgraph.analyze.attributions import COMPONENT, attribute_article, ensure_component
from newsgraph.analyze.dates import resolve_dates
from newsgraph.analyze.entities import resolve_entities
from newsgraph.analyze.nlp import ModelNotFound, load_model
from newsgraph.article import Article, Mention, article_id

__all__ = ["MAX_SEGMENT", "NO_ATTRIBUTIONS", "analyze_articles", "analyze_article", "analyze_text", "segments", "load_model", "warm_up",
           "ModelNotFound"]

log = logging.getLogger(__name__)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# Set to skip the attribution stage (and the tagger it needs): entities and dates only.
NO_ATTRIBUTIONS = "NEWSGRAPH_NO_ATTRIBUTIONS"


@dataclass(frozen=True)
class Segment:
    field: str  # "title" or "text"
    offset: int  # where `text` starts in the title or in Article.text
    text: str


@dataclass
class _Pending:
    article: Article
    segments: list[Segment]
    docs: list[Any] = field(default_factory=list)


def segments(article: Article) -> list[Segment]:
    """The title and each paragraph, located in `Article.text` by search, not by arithmetic.

    Searching forward from the previous paragraph gives the same offsets as the from_paragraphs
    rule (running sum of len + 2) and also works for text kept verbatim with uneven blank lines.
    """
    found = []
    if article.title and article.title.strip():
        title = article.title
        lead = len(title) - len(title.lstrip())
        found.append(Segment("title", lead, title.strip()))
    text = article.text
    paragraphs = article.paragraphs or _BLANK_LINE.split(text)
    pos = 0
    for number, paragraph in enumerate(paragraphs):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        at = text.find(paragraph, pos)
        if at < 0:
            article.warnings.append(f"analyze: paragraph {number} is not in the text; not analysed")
            continue
        for offset, piece in _pieces(paragraph):
            found.append(Segment("text", at + offset, piece))
        pos = at + len(paragraph)
    return found


# spaCy refuses texts over nlp.max_length (1,000,000 characters) and its parser's memory grows with
# the text; a flattened page can hold one enormous "paragraph". Longer ones are cut, at a sentence
# end where there is one.
MAX_SEGMENT = 100_000


def _pieces(paragraph: str) -> list[tuple[int, str]]:
    pieces, start = [], 0
    while len(paragraph) - start > MAX_SEGMENT:
        window = paragraph[start:start + MAX_SEGMENT]
        cut = max(window.rfind(". "), window.rfind("\n"))
        cut = cut + 1 if cut > MAX_SEGMENT // 2 else (window.rfind(" ") if window.rfind(" ") > 0 else MAX_SEGMENT)
        pieces.append((start, paragraph[start:start + cut]))
        start += cut
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    pieces.append((start, paragraph[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


def analyze_articles(articles: Iterable[Article], nlp: Any = None, batch_size: int = 64) -> Iterator[Article]:
    """Fill `entities` and `dates` of each article, in order, streaming.

    Paragraphs of consecutive articles share `nlp.pipe` batches; an article is yielded as soon
    as its last paragraph comes back, so memory holds only the articles of a batch or two.
    """
    nlp = ensure_component(load_model() if nlp is None else nlp)
    attributions = not os.environ.get(NO_ATTRIBUTIONS)
    skipped = [] if attributions else [name for name in (COMPONENT, "tagger") if name in nlp.pipe_names]
    pending: deque[_Pending] = deque()

    def feed() -> Iterator[tuple[str, _Pending]]:
        for article in articles:
            item = _Pending(article, segments(article))
            pending.append(item)
            for segment in item.segments:
                yield segment.text, item

    for doc, item in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, disable=skipped):
        item.docs.append(doc)
        while pending and len(pending[0].docs) == len(pending[0].segments):
            yield _finish(pending.popleft())
    while pending:  # articles with nothing to analyse
        yield _finish(pending.popleft())


def analyze_article(article: Article, nlp: Any = None) -> Article:
    return next(analyze_articles([article], nlp=nlp))


def analyze_text(text: str, nlp: Any = None, **fields: Any) -> Article:
    """Analyse text that is already clean; mention offsets index `text` exactly as given.

    Paragraphs are the blocks between blank lines; the text itself is kept verbatim (not
    rejoined as from_paragraphs would), so `text[m.start:m.end] == m.text` for every mention.
    """
    paragraphs = [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]
    fields.setdefault("id", article_id(fields.get("url"), fields.get("title"), text))
    return analyze_article(Article(text=text, paragraphs=paragraphs, **fields), nlp=nlp)


# A named person speaks in it, so that the first-name gender lists load here too.
_WARM_UP_TEXT = ("The French foreign minister, Marie Dupont, met Iranian officials in Tehran on Monday, "
                 "the ministry said late on Sunday, a week after talks in October.")


def warm_up(nlp: Any = None) -> Any:
    """Load the model and the lookup tables (countries, dateparser) a worker needs, before its first
    article: their one-off start-up costs about as much as analysing a few dozen articles."""
    nlp = load_model() if nlp is None else nlp
    analyze_text(_WARM_UP_TEXT, nlp=nlp, published="2025-01-06")
    return nlp


def _finish(item: _Pending) -> Article:
    article = item.article
    mentions: list[Mention] = []
    date_spans: list[tuple[int, int, str, str]] = []
    for segment, doc in zip(item.segments, item.docs):
        for ent in doc.ents:
            start, end = segment.offset + ent.start_char, segment.offset + ent.end_char
            if ent.label_ in ("DATE", "TIME"):
                if segment.field == "text":  # a DateMention has no field: title dates are not kept
                    date_spans.append((start, end, ent.text, ent.label_))
            else:
                mentions.append(Mention(start, end, ent.text, ent.label_, segment.field))
    try:
        article.entities = resolve_entities(mentions, {"text": article.text, "title": article.title or ""})
        article.dates = resolve_dates(date_spans, article.published)
        paragraphs = [(segment.offset, doc) for segment, doc in zip(item.segments, item.docs) if segment.field == "text"]
        if all(doc._.attributions_found is not None for _, doc in paragraphs):
            article.attributions = attribute_article(article.text, paragraphs, article.entities)
    except Exception as error:  # one odd article must not end the stream; it stays unanalysed
        log.exception("analysis failed for article %s", article.id)
        article.entities = article.dates = article.attributions = None
        article.warnings.append(f"analyze: {type(error).__name__}: {error}")
    return article
