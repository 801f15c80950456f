"""Raw bytes -> (str, format): gzip, size caps, binary sniffing, charset, HTML-or-text."""

from __future__ import annotations

import re
import zlib

from charset_normalizer import from_bytes

from ..errors import BinaryInput, EmptyInput, EncodingError, TooLarge, TruncatedInput

MAX_PAGE_BYTES = 20 * 1024 * 1024  # a news page is rarely over 2 MB; 20 MB is hostile or broken

_GZIP_MAGIC = b"\x1f\x8b"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_HTML_SNIFF = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|table|script|style|link)\b",
    re.I | re.S,
)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|article|section|h[1-6]|li|ul|body|html)\b[^>]*>", re.I)
_LATIN_SINGLE_BYTE = {"cp1250", "cp1252", "latin_1", "iso8859_2", "iso8859_15", "iso8859_16", "mac_latin2",
                      "mac_roman", "cp850", "cp437", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10",
                      "iso8859_13", "iso8859_14", "cp1254", "cp1257", "mac_iceland", "mac_turkish"}
# Bytes that never appear in text files: NUL and the C0 controls other than tab, LF, FF, CR, ESC.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def gunzip(data: bytes, limit: int = MAX_PAGE_BYTES) -> bytes:
    """Decompress, refusing truncated streams and decompression bombs."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise TruncatedInput(f"corrupt gzip stream ({exc})") from exc
    if len(out) > limit:
        raise TooLarge(f"decompresses to more than {limit // (1024 * 1024)} MB")
    if not decompressor.eof:
        raise TruncatedInput("gzip stream ends before its end marker")
    return out


def decode_bytes(data: bytes, limit: int = MAX_PAGE_BYTES) -> str:
    """Bytes to text: BOM, then a declared charset, then UTF-8, then detection."""
    if len(data) > limit:
        raise TooLarge(f"{len(data)} bytes is over the {limit // (1024 * 1024)} MB limit per page")
    if data[:2] == _GZIP_MAGIC:
        data = gunzip(data, limit)
    if not data.strip():
        raise EmptyInput("the item is empty")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return _clean(data[len(bom):].decode(codec))
            except UnicodeDecodeError as exc:
                raise EncodingError(f"declares {codec} by its byte-order mark but is not ({exc.reason})") from exc
    sample = data[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise BinaryInput("looks like binary data, not a web page or text")
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return _clean(data.decode(declared.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise EncodingError("cannot tell the text encoding")
    if best.encoding in _LATIN_SINGLE_BYTE:
        # Detection cannot tell the Latin code pages apart on short pages; undeclared Western
        # pages are overwhelmingly windows-1252, so prefer it whenever it decodes.
        try:
            return _clean(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    try:
        return _clean(data.decode(best.encoding))
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not valid {best.encoding}") from exc


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise EmptyInput("the item has no text")
    return text


def sniff_format(text: str) -> str:
    """'html' when the text is markup, else 'text'."""
    head = text[:4096]
    if _HTML_SNIFF.match(head):
        return "html"
    tags = len(_HTML_TAGS.findall(head))
    return "html" if tags >= 5 else "text"
