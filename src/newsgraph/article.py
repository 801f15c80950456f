"""The record that travels the whole pipeline.

A `Page` is what a source hands over (raw bytes plus where they came from);
an `Article` is what extraction makes of it and what analysis fills in.
Every offset in an analysed Article is a character offset into `Article.text`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit, parse_qsl, urlencode

SCHEMA_VERSION = 1
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class Origin:
    """Where an item came from: enough to find it again."""

    path: str | None = None
    offset: int | None = None  # byte offset of the WARC record
    line: int | None = None  # 1-based line number in a JSON Lines file
    url: str | None = None

    @property
    def key(self) -> str:
        """A stable string naming the item, used to resume and to dedupe runs."""
        parts = [self.path or "-"]
        if self.offset is not None:
            parts.append(f"@{self.offset}")
        if self.line is not None:
            parts.append(f":{self.line}")
        return "".join(parts)


@dataclass
class Page:
    """One raw item as a source yields it, before extraction."""

    content: bytes
    origin: Origin = field(default_factory=Origin)
    format: str | None = None  # "html" or "text"; None means detect
    url: str | None = None
    # Metadata a container supplied (JSONL fields, WARC headers); the page's own wins.
    published: str | None = None
    source: str | None = None

    @cached_property
    def sha1(self) -> str:  # asked for several times per page on the way to the store
        return hashlib.sha1(self.content).hexdigest()

    @property
    def item_key(self) -> str:
        """The name a run knows this item by. Stdin has no name to find an item by again,
        so what came through it is known by its content."""
        if self.origin.path == "-":
            return f"-#{self.sha1[:16]}" + (f":{self.origin.line}" if self.origin.line is not None else "")
        return self.origin.key


@dataclass
class Removed:
    """A piece of the page dropped as boilerplate, kept for inspection."""

    text: str
    reason: str


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # the model's label for this mention (PERSON, ORG, GPE, NORP, ...)
    field: str = "text"  # "text", or "title" for a mention in the headline (offsets then into the title)


@dataclass
class Entity:
    """One resolved entity within an article, with every mention of it."""

    id: str  # article-local: "E1", "E2", ...
    name: str  # canonical (longest proper) name
    type: str  # PERSON, ORG, GPE, NORP, LOC, ...
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None  # ISO 3166 alpha-3 when the entity is or implies a country


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 date, resolved against `Article.published` when known


@dataclass
class Span:
    """A stretch of `Article.text`."""

    start: int
    end: int
    text: str


@dataclass
class Attribution:
    """Someone (or something) said, wrote, denied, believes or plans something.

    `content` may be several fragments: `"A," she said, "B."` is one attribution.
    `speaker` is the id of the article entity the source resolves to; an anonymous source
    ("an unnamed Iranian diplomat") has no entity but keeps its description and affiliation.
    """

    id: str  # article-local: "A1", "A2", ...
    kind: str  # "direct", "indirect" or "mixed"
    content: list[Span]
    cue: Span | None = None
    cue_lemma: str | None = None  # "say", "deny", "according to", "report"
    source: Span | None = None  # the mention naming who said it; None for passives and floating quotes
    speaker: str | None = None  # entity id, e.g. "E3"
    speaker_name: str | None = None  # the entity's canonical name, or the description when anonymous
    anonymous: bool = False
    affiliation: str | None = None  # ISO3 country or organisation name of an anonymous source
    role: str | None = None  # "Foreign Ministry spokeswoman"
    via: str | None = None  # the medium it came through: "IRNA", "the Wall Street Journal"
    via_entity: str | None = None
    polarity: str = "asserts"  # "asserts", "denies", "confirms" or "questions"
    confidence: float = 1.0

    @property
    def text(self) -> str:
        return " … ".join(span.text for span in self.content)


@dataclass
class Article:
    id: str = ""
    url: str | None = None
    source: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    text: str = ""
    tags: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    method: str = ""
    warnings: list[str] = field(default_factory=list)
    origin: Origin = field(default_factory=Origin)
    entities: list[Entity] | None = None  # None: not analysed yet
    dates: list[DateMention] | None = None
    attributions: list[Attribution] | None = None

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str], **fields: Any) -> "Article":
        paragraphs = [p for p in paragraphs if p.strip()]
        return cls(paragraphs=paragraphs, text=PARAGRAPH_SEPARATOR.join(paragraphs), **fields)

    @property
    def analysed(self) -> bool:
        return self.entities is not None

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        data["schema_version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        data = {k: v for k, v in data.items() if k != "schema_version"}
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown Article fields: {sorted(unknown)}")
        data["removed"] = [Removed(**r) for r in data.get("removed") or []]
        data["origin"] = Origin(**(data.get("origin") or {}))
        if data.get("entities") is not None:
            data["entities"] = [
                Entity(**{**e, "mentions": [Mention(**m) for m in e.get("mentions", [])]})
                for e in data["entities"]
            ]
        if data.get("dates") is not None:
            data["dates"] = [DateMention(**d) for d in data["dates"]]
        if data.get("attributions") is not None:
            data["attributions"] = [_attribution_from_dict(a) for a in data["attributions"]]
        return cls(**data)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """A dataclass tree as dicts and lists, like `dataclasses.asdict` without its deep copy of every
    leaf, which made it the slowest step of serving an article with a few hundred mentions."""
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def _attribution_from_dict(data: dict[str, Any]) -> Attribution:
    def span(value: dict[str, Any] | None) -> Span | None:
        return Span(**value) if value else None

    return Attribution(**{**data, "content": [Span(**c) for c in data["content"]],
                          "cue": span(data.get("cue")), "source": span(data.get("source"))})


_TRACKING_PARAM = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|smid)$", re.I)


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop fragments, tracking parameters and default ports."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    if scheme == "https":
        scheme = "http"  # the same article is often served over both
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)])
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((scheme, host, path, query, ""))


def site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else (host or None)


def article_id(url: str | None, title: str | None, text: str) -> str:
    """Stable id: from the normalised URL when known, else from the content."""
    if url:
        basis = "url:" + normalise_url(url)
    else:
        basis = "text:" + " ".join(f"{title or ''}\n{text}".split())
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `Article.to_dict()`, shipped as article.schema.json."""
    return json.loads((Path(__file__).parent / "article.schema.json").read_text())
