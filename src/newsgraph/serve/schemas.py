"""The shapes of the API's requests and responses, as /openapi.json publishes them.

The full article is the pipeline's own `Article` dataclass (the same record `newsgraph analyze` prints);
the rest are the rows the store's browse and read functions return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..article import Article

Kind = Literal["direct", "indirect", "mixed"]
Polarity = Literal["asserts", "denies", "confirms", "questions"]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    authors: list[str]
    word_count: int
    snippet: str = Field(description="The start of the body, or the passage that matched the search")
    highlights: list[tuple[int, int]] = Field(default=[], description="[start, end) of matched words in snippet")
    attributions: int


class FacetValue(BaseModel):
    value: str
    count: int


class EntityFacet(BaseModel):
    key: str
    name: str
    type: str
    count: int


class Facets(BaseModel):
    source: list[FacetValue]
    entity: list[EntityFacet] = Field(description="Counted over the first `entity_scope` matches in listing order")
    month: list[FacetValue]
    matches: int = Field(description="How many articles match")
    entity_scope: int


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")
    facets: Facets | None = None


@dataclass
class ArticleRecord(Article):
    """The full record (`newsgraph analyze` output), with each entity's corpus key for /api/entities/{key}."""

    schema_version: int = 1
    entity_keys: dict[str, str] | None = None


class EntitySummary(BaseModel):
    key: str = Field(description="Corpus-wide id: type and folded name, e.g. person:ali-khamenei")
    name: str
    type: str
    country: str | None
    articles: int
    mentions: int


class AttributionRow(BaseModel):
    article_id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    attribution_id: str
    kind: Kind
    content_text: str
    content_spans: list[tuple[int, int]]
    cue_start: int | None
    cue_end: int | None
    cue_text: str | None
    cue_lemma: str | None
    source_start: int | None
    source_end: int | None
    source_text: str | None
    speaker: str | None
    speaker_name: str | None
    anonymous: bool
    affiliation: str | None
    role: str | None
    via: str | None
    via_entity: str | None
    polarity: Polarity
    confidence: float
    entity_name: str | None
    entity_type: str | None
    entity_country: str | None
    entity_key: str | None


class TimelinePoint(BaseModel):
    period: str = Field(description="YYYY-MM")
    articles: int
    mentions: int


class Companion(BaseModel):
    key: str
    name: str
    type: str
    articles: int


class EntityProfile(EntitySummary):
    names: list[str]
    timeline: list[TimelinePoint]
    undated_articles: int
    said: list[AttributionRow]
    said_about: list[AttributionRow]
    appears_with: list[Companion]
    latest: list[ArticleSummary]


class PageIn(BaseModel):
    content: str = Field(min_length=1, description="The page: HTML or text (a flattened scrape)")
    url: str | None = Field(default=None, max_length=4096)
    format: Literal["html", "text"] | None = Field(default=None, description="Detected from the content if absent")


class Stored(BaseModel):
    id: str
    title: str | None
    location: str


class Problem(BaseModel):
    """Why a request was refused: a sentence, or, for input that does not fit the schema, FastAPI's list
    of the fields at fault."""

    detail: str | list[dict[str, Any]]
