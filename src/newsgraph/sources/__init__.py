"""Where pages come from: files, folders, WARC archives, JSON Lines, stdin.

`iter_items(paths)` yields, lazily and in a stable order, either a `Page` or a `BadItem`
(an item that could not even be read, with its typed error): a run records the latter
and goes on.
"""

from __future__ import annotations

import io
import re
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from ..article import Origin, Page
from ..errors import TooLarge, UnsupportedFormat
from ..extract.decode import MAX_PAGE_BYTES
from .item import BadItem, Item
from .jsonl import iter_jsonl
from .warc import iter_warc

FORMATS = ("html", "text", "warc", "jsonl")

_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text",
    ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}


def format_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _EXTENSIONS.get(Path(lower).suffix)


def sniff_container(head: bytes) -> str | None:
    """Tell WARC and JSON Lines apart from a single page by their first bytes."""
    if head[:2] == b"\x1f\x8b":
        head = _gunzip_prefix(head)
    stripped = head.lstrip()
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    # A JSON object's first key: no web page or flattened article starts this way, and a line
    # holding a whole page can be far longer than the bytes looked at here.
    if re.match(rb'\{\s*"', stripped):
        return "jsonl"
    return None


def _gunzip_prefix(data: bytes) -> bytes:
    """What a short prefix of a gzip stream decompresses to (a prefix always "ends early")."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 1 << 16)
    except zlib.error:
        return b""


def iter_items(paths: list[str], format: str | None = None) -> Iterator[Item]:
    """Every item under the given paths; `-` reads stdin. Folders are walked recursively, sorted."""
    for raw in paths:
        if raw == "-":
            yield from _iter_stream(sys.stdin.buffer, Origin(path="-"), format)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith(".") or any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                fmt = format or format_from_name(child.name)
                if fmt is not None:  # in a folder, files of unknown kinds (.py, .md, .png) are not pages
                    yield from _iter_file(child, fmt)
        elif path.is_file():
            yield from _iter_file(path, format or format_from_name(path.name))
        else:
            yield BadItem(Origin(path=str(path)), UnsupportedFormat(f"{path}: no such file or folder"))


def _iter_file(path: Path, fmt: str | None) -> Iterator[Item]:
    origin = Origin(path=str(path))
    try:
        with path.open("rb") as handle:
            if fmt is None or fmt in ("html", "text"):
                sniffed = sniff_container(handle.read(4096))
                handle.seek(0)
                fmt = sniffed or fmt
            if fmt == "warc":
                yield from iter_warc(handle, origin)
            elif fmt == "jsonl":
                yield from iter_jsonl(handle, origin)
            else:
                yield _read_page(handle, origin, fmt)
    except OSError as exc:
        yield BadItem(origin, UnsupportedFormat(f"cannot read {path}: {exc.strerror or exc}"))


def _iter_stream(stream: BinaryIO, origin: Origin, fmt: str | None) -> Iterator[Item]:
    """Stdin, read as it comes: a WARC or JSON Lines stream is never held whole in memory."""
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream, buffer_size=1 << 16)
    fmt = fmt or sniff_container(stream.peek(4096)[:4096]) or None
    if fmt in ("warc", "jsonl"):
        yield from (iter_warc if fmt == "warc" else iter_jsonl)(stream, origin)
    else:
        yield _read_page(stream, origin, fmt)


def _read_page(handle: BinaryIO, origin: Origin, fmt: str | None) -> Item:
    data = handle.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        return BadItem(origin, TooLarge(f"over the {MAX_PAGE_BYTES // (1024 * 1024)} MB limit per page"))
    return Page(content=data, origin=origin, format=fmt)
