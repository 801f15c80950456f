"""WARC and WARC.gz: the HTML response (and resource) records, via warcio."""

from __future__ import annotations

import io
import os
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..article import Origin, Page
from ..errors import MalformedInput, TooLarge, TruncatedInput
from ..extract.decode import MAX_PAGE_BYTES
from .item import BadItem, Item

_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")


def iter_warc(stream: BinaryIO, origin: Origin) -> Iterator[Item]:
    records = ArchiveIterator(stream, arc2warc=True)
    offset = 0
    try:
        for record in records:
            if record.rec_type not in ("response", "resource") or not _content_type(record).startswith(_PAGE_TYPES):
                offset = records.get_record_offset()
                continue
            # The payload must be read before asking for the offset: asking first skips the record.
            item = _read_record(record)
            offset = records.get_record_offset()
            url = record.rec_headers.get_header("WARC-Target-URI")
            item.origin = Origin(path=origin.path, offset=offset, url=url)
            if isinstance(item, Page):
                item.url = url
            yield item
    except ArchiveLoadFailed as exc:
        yield BadItem(Origin(path=origin.path, offset=offset), MalformedInput(f"not a readable WARC record ({exc})"))
    except (EOFError, OSError, ValueError) as exc:
        yield BadItem(Origin(path=origin.path, offset=offset), TruncatedInput(f"archive ends early ({exc})"))
        return
    size = _stream_size(stream)
    if size is not None and records.offset < size:
        # warcio stops quietly at a gzip member cut short: the bytes after the last whole record are lost.
        yield BadItem(Origin(path=origin.path, offset=records.offset),
                      TruncatedInput(f"archive ends early: {size - records.offset} bytes after the last whole record"))


def _stream_size(stream: BinaryIO) -> int | None:
    if isinstance(stream, io.BytesIO):
        return stream.getbuffer().nbytes
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None


def _content_type(record) -> str:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
    else:
        value = record.rec_headers.get_header("Content-Type")
    return (value or "text/html").split(";")[0].strip().lower()


def _read_record(record) -> Item:
    data = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        return BadItem(Origin(), TooLarge(f"record is over the {MAX_PAGE_BYTES // (1024 * 1024)} MB limit per page"))
    if getattr(record.raw_stream, "limit", 0) > 0:
        # The payload stopped before its declared Content-Length: the file was cut short.
        return BadItem(Origin(), TruncatedInput("record ends before its declared length"))
    return Page(content=data, format="text" if _content_type(record) == "text/plain" else "html")
