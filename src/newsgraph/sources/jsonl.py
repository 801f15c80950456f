"""JSON Lines: one object per line with `html` or `text`, optional `url`, `published`, `source`."""

from __future__ import annotations

import gzip
import json
from typing import BinaryIO, Iterator

from ..article import Origin, Page
from ..errors import EmptyInput, MalformedInput, TooLarge, TruncatedInput
from ..extract.decode import MAX_PAGE_BYTES
from .item import BadItem, Item


def iter_jsonl(stream: BinaryIO, origin: Origin) -> Iterator[Item]:
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)
    line_no = 0
    try:
        for raw in stream:
            line_no += 1
            here = Origin(path=origin.path, line=line_no)
            if not raw.strip():
                continue
            yield _page_from_line(raw, here)
    except (EOFError, OSError) as exc:  # a gzip file cut short
        yield BadItem(Origin(path=origin.path, line=line_no + 1), TruncatedInput(f"file ends early ({exc})"))


def _page_from_line(raw: bytes, origin: Origin) -> Item:
    if len(raw) > MAX_PAGE_BYTES:
        return BadItem(origin, TooLarge(f"line is over the {MAX_PAGE_BYTES // (1024 * 1024)} MB limit per page"))
    try:
        record = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return BadItem(origin, MalformedInput(f"line is not valid JSON ({exc})"))
    if not isinstance(record, dict):
        return BadItem(origin, MalformedInput("line is JSON but not an object"))
    if isinstance(record.get("html"), str) and record["html"].strip():
        content, fmt = record["html"], "html"
    elif isinstance(record.get("text"), str) and record["text"].strip():
        content, fmt = record["text"], "text"
    else:
        return BadItem(origin, EmptyInput("object has no non-empty `html` or `text` field"))
    url = record.get("url") if isinstance(record.get("url"), str) else None
    origin.url = url
    return Page(
        content=content.encode("utf-8", errors="replace"),
        origin=origin,
        format=fmt,
        url=url,
        published=_str_or_none(record.get("published")),
        source=_str_or_none(record.get("source")),
    )


def _str_or_none(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
