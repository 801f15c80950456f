"""Bytes to text: encodings, gzip, and the typed refusals."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import NewsgraphError
from newsgraph.extract.decode import decode_bytes, sniff_format

RUSSIAN = "Правительство России объявило о новых мерах поддержки экономики в понедельник. " * 5


@pytest.mark.parametrize("data, expected", [
    ("Plain UTF-8 café".encode(), "Plain UTF-8 café"),
    (b"\xef\xbb\xbfWith a BOM", "With a BOM"),
    ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    (b'<meta charset="iso-8859-7"><p>' + "Αθήνα".encode("iso-8859-7"), '<meta charset="iso-8859-7"><p>Αθήνα'),
    ("Windows “quotes” and café".encode("cp1252"), "Windows “quotes” and café"),
    (RUSSIAN.encode("cp1251"), RUSSIAN),
    (gzip.compress("Compressed page".encode()), "Compressed page"),
    (b"Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three"),
])
def test_decoding(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("data, kind", [
    (b"", "empty"), (b" \n\t ", "empty"), (bytes(range(256)) * 8, "binary"),
    (gzip.compress(b"<p>cut</p>" * 100)[:-20], "truncated"), (b"\x1f\x8b\x08\x00garbage", "truncated"),
    (b"x" * 100, None),
])
def test_refusals_are_typed(data, kind):
    if kind is None:
        assert decode_bytes(data) == "x" * 100
        return
    with pytest.raises(NewsgraphError) as caught:
        decode_bytes(data)
    assert caught.value.kind == kind


def test_size_limit():
    with pytest.raises(NewsgraphError) as caught:
        decode_bytes(b"a" * 2048, limit=1024)
    assert caught.value.kind == "too_large"


def test_format_sniffing():
    assert sniff_format("<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff_format("  <!-- a comment --><html>") == "html"
    assert sniff_format("Headline\n\nBy Jane\n\nBody text < and > signs.") == "text"
    assert sniff_format("Text with <p>a</p><p>b</p><div>c</div><span>d</span><br> tags") == "html"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_only_ever_raises_typed_errors(data):
    try:
        text = decode_bytes(data)
    except NewsgraphError:
        return
    assert isinstance(text, str) and text.strip() and "\r" not in text
