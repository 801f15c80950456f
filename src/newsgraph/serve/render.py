"""What the pages draw, worked out as plain data for the templates (which escape every string):
an article's paragraphs cut into marked pieces, search snippets, and the mentions-over-time chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup, escape

from ..article import PARAGRAPH_SEPARATOR, Article, Attribution

SPEAKER_COLOURS = 8


def snippet_pieces(snippet: str, highlights: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """(text, highlighted) pieces, for a template to wrap the matches in <mark>."""
    pieces, at = [], 0
    for start, end in highlights:
        if start > at:
            pieces.append((snippet[at:start], False))
        pieces.append((snippet[start:end], True))
        at = end
    if at < len(snippet):
        pieces.append((snippet[at:], False))
    return pieces


@dataclass
class Piece:
    """A run of text with one set of marks: the attributions whose content covers it, whether it is an
    attribution's cue or source, and the entity mention it belongs to."""

    text: str
    attributions: list[str] = field(default_factory=list)
    colour: int | None = None
    role: str | None = None  # "cue" or "source"
    entity: str | None = None  # corpus key, for the link
    entity_type: str | None = None


def speaker_colours(attributions: list[Attribution]) -> dict[str, int]:
    """Attribution id -> colour index, the same for every attribution of one speaker."""
    by_speaker: dict[str, int] = {}
    colours = {}
    for attribution in attributions:
        speaker = attribution.speaker or attribution.speaker_name or f"?{attribution.id}"
        colour = by_speaker.setdefault(speaker, len(by_speaker) % SPEAKER_COLOURS)
        colours[attribution.id] = colour
    return colours


def article_pieces(article: Article, entity_keys: dict[str, str]) -> list[list[Piece]]:
    """Each paragraph of the article as pieces, cut wherever a content fragment, cue, source or entity
    mention starts or ends, so overlapping marks nest without breaking the text."""
    attributions = article.attributions or []
    colours = speaker_colours(attributions)
    marks: list[tuple[int, int, str, object]] = []
    for attribution in attributions:
        for span in attribution.content:
            marks.append((span.start, span.end, "content", attribution))
        for role, span in (("cue", attribution.cue), ("source", attribution.source)):
            if span is not None:
                marks.append((span.start, span.end, role, attribution))
    for entity in article.entities or []:
        for mention in entity.mentions:
            if mention.field == "text":
                marks.append((mention.start, mention.end, "entity", entity))

    paragraphs, start = [], 0
    for paragraph in article.paragraphs:
        end = start + len(paragraph)
        inside = [m for m in marks if m[0] < end and m[1] > start]
        cuts = sorted({start, end, *(max(start, min(end, m[0])) for m in inside),
                       *(max(start, min(end, m[1])) for m in inside)})
        pieces = []
        for left, right in zip(cuts, cuts[1:]):
            piece = Piece(article.text[left:right])
            for mark_start, mark_end, kind, owner in inside:
                if mark_start > left or mark_end < right:
                    continue
                if kind == "entity":
                    piece.entity, piece.entity_type = entity_keys.get(owner.id), owner.type
                elif kind == "content":
                    piece.attributions.append(owner.id)
                    piece.colour = colours[owner.id] if piece.colour is None else piece.colour
                else:
                    piece.role = kind
                    piece.attributions.append(owner.id)
                    piece.colour = colours[owner.id]
            pieces.append(piece)
        paragraphs.append(pieces)
        start = end + len(PARAGRAPH_SEPARATOR)
    return paragraphs


def paragraph_html(pieces: list[Piece]) -> Markup:
    """One paragraph's pieces as HTML: attribution marks around entity links around the text.

    Built here rather than in the template because a long article has hundreds of pieces and this is
    the page's hottest loop. Every value put into the markup goes through `escape` first, as the
    template's autoescaping would do; the rest is our own fixed markup.
    """
    html = []
    for piece in pieces:
        inner = str(entity_link_html(piece.entity, piece.text, piece.entity_type))
        if piece.attributions:
            role = f" role-{escape(piece.role)}" if piece.role else ""
            inner = (f'<mark class="attr c{int(piece.colour or 0)}{role}" '
                     f'data-a="{escape(" ".join(piece.attributions))}">{inner}</mark>')
        html.append(inner)
    return Markup("".join(html))


def entity_link_html(key: str | None, name: str, type: str | None) -> Markup:
    """A link to an entity's page, or just its name when it has no key (the template macro's twin,
    for the article page's hot loops)."""
    if not key:
        return escape(name)
    return Markup(f'<a class="entity t-{escape((type or "").lower())}" '
                  f'href="/entities/{escape(quote(key, safe=""))}">{escape(name)}</a>')


def speaker_labels(article: Article, entity_keys: dict[str, str]) -> dict[str, Markup]:
    """Attribution id -> who said it, as shown: the speaker entity linked to its page, else the name
    or description the article gives, else the source's words."""
    entities = {entity.id: entity for entity in article.entities or []}
    labels = {}
    for attribution in article.attributions or []:
        entity = entities.get(attribution.speaker) if attribution.speaker else None
        if entity is not None:
            labels[attribution.id] = entity_link_html(entity_keys.get(entity.id), entity.name, entity.type)
        else:
            shown = attribution.speaker_name or (attribution.source.text if attribution.source else "unattributed")
            labels[attribution.id] = escape(shown)
    return labels


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


def timeline_bars(points: list[dict], width: float = 640, height: float = 120, value: str = "mentions") -> list[Bar]:
    """Bars for mentions per month, every month from the first to the last drawn (empty ones too)."""
    if not points:
        return []
    counts = {p["period"]: p[value] for p in points}
    months = _months(min(counts), max(counts))
    tallest = max(counts.values()) or 1
    step = width / len(months)
    bars = []
    for i, month in enumerate(months):
        count = counts.get(month, 0)
        bar_height = height * count / tallest
        bars.append(Bar(round(i * step + step * 0.1, 1), round(height - bar_height, 1), round(step * 0.8, 1),
                        round(bar_height, 1), month, count))
    return bars


def _months(first: str, last: str) -> list[str]:
    try:
        year, month = int(first[:4]), int(first[5:7])
        end = (int(last[:4]), int(last[5:7]))
    except ValueError:
        return sorted({first, last})
    months = []
    while (year, month) <= end and len(months) < 600:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
