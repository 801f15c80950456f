"""Typed errors for one bad item. A run records them and goes on."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base for every error newsgraph raises about an input item."""

    kind = "error"

    def __init__(self, message: str, origin: str | None = None):
        super().__init__(message)
        self.origin = origin

    def __str__(self) -> str:
        return f"{self.kind}: {self.args[0]}"


class EmptyInput(NewsgraphError):
    kind = "empty"


class BinaryInput(NewsgraphError):
    kind = "binary"


class EncodingError(NewsgraphError):
    kind = "encoding"


class TruncatedInput(NewsgraphError):
    """A gzip stream or WARC record that ends before it should."""

    kind = "truncated"


class TooLarge(NewsgraphError):
    kind = "too_large"


class MalformedInput(NewsgraphError):
    """Input whose container format is broken: a JSONL line that is not JSON, a bad WARC header."""

    kind = "malformed"


class NoContent(NewsgraphError):
    """The page parsed, but no article body could be found in it."""

    kind = "no_content"


class UnsupportedFormat(NewsgraphError):
    kind = "unsupported_format"


class ProcessingError(NewsgraphError):
    """An unexpected failure inside a stage; the message names the exception."""

    kind = "internal"
