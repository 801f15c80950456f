"""Sources: every kind of input becomes Pages with their origin, or typed BadItems."""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.article import Origin, Page
from newsgraph.sources import BadItem, format_from_name, iter_items, sniff_container
from newsgraph.sources.jsonl import iter_jsonl
from newsgraph.sources.warc import iter_warc


def make_warc(pages: list[tuple[str, bytes, str]], gz: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for url, body, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


HTML = b"<html><body><article><p>" + b"Some words of news. " * 40 + b"</p></article></body></html>"


def test_format_from_extension():
    assert format_from_name("a.html") == "html"
    assert format_from_name("a.HTM.gz") == "html"
    assert format_from_name("a.txt") == "text"
    assert format_from_name("crawl.warc.gz") == "warc"
    assert format_from_name("dump.jsonl") == "jsonl"
    assert format_from_name("script.py") is None


def test_container_sniffed_by_content():
    assert sniff_container(b"WARC/1.0\r\nWARC-Type: response\r\n") == "warc"
    assert sniff_container(gzip.compress(b"WARC/1.1\r\n" + b"x" * 100)) == "warc"
    assert sniff_container(b'{"html": "<p>a</p>"}\n{"text": "b"}\n') == "jsonl"
    assert sniff_container(b"<html><body>") is None
    assert sniff_container(b"Plain text headline\n\nBody") is None


def test_folder_walk_is_recursive_sorted_and_skips_unknown_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_bytes(HTML)
    (tmp_path / "1.txt").write_text("Headline\n\nBody text here.")
    (tmp_path / "notes.md").write_text("# not a page")
    (tmp_path / ".hidden.html").write_bytes(HTML)
    items = list(iter_items([str(tmp_path)]))
    assert [(i.origin.path.split("/")[-1], i.format) for i in items] == [("1.txt", "text"), ("2.html", "html")]


def test_warc_yields_html_responses_with_offsets_and_urls():
    data = make_warc([("http://news.example/a", HTML, "text/html; charset=utf-8"),
                      ("http://news.example/logo.png", b"\x89PNG....", "image/png"),
                      ("http://news.example/b", HTML.replace(b"Some", b"Other"), "text/html")])
    items = list(iter_warc(io.BytesIO(data), Origin(path="crawl.warc.gz")))
    assert [i.url for i in items] == ["http://news.example/a", "http://news.example/b"]
    assert items[0].origin.offset == 0 and items[1].origin.offset > 0
    assert items[0].origin.key != items[1].origin.key
    assert all(i.content == HTML or b"Other" in i.content for i in items)


def test_truncated_warc_gives_pages_before_the_cut_then_a_typed_error():
    for gz in (True, False):
        data = make_warc([(f"http://news.example/{n}", HTML, "text/html") for n in range(3)], gz=gz)
        items = list(iter_warc(io.BytesIO(data[: len(data) - 60]), Origin(path="cut.warc")))
        assert [type(i) for i in items] == [Page, Page, BadItem], gz
        assert items[-1].error.kind == "truncated"


def test_jsonl_lines_keep_their_line_numbers_and_metadata():
    lines = [json.dumps({"html": HTML.decode(), "url": "http://x.example/1", "published": "2025-03-01", "source": "X"}),
             "", "not json", json.dumps({"text": "Headline\n\nBody."}), json.dumps({"title": "no body"})]
    items = list(iter_jsonl(io.BytesIO("\n".join(lines).encode()), Origin(path="a.jsonl")))
    assert isinstance(items[0], Page) and items[0].origin.line == 1 and items[0].published == "2025-03-01"
    assert items[0].source == "X" and items[0].format == "html" and items[0].url == "http://x.example/1"
    assert isinstance(items[1], BadItem) and items[1].origin.line == 3 and items[1].error.kind == "malformed"
    assert isinstance(items[2], Page) and items[2].format == "text" and items[2].origin.line == 4
    assert isinstance(items[3], BadItem) and items[3].error.kind == "empty"


def test_stdin_page(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(HTML)))
    (page,) = list(iter_items(["-"]))
    assert page.content == HTML and page.origin.path == "-"


def test_stdin_jsonl(monkeypatch):
    data = (json.dumps({"text": "A\n\nB"}) + "\n" + json.dumps({"text": "C\n\nD"}) + "\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [i.origin.line for i in iter_items(["-"])] == [1, 2]


def test_missing_path_is_a_bad_item(tmp_path):
    (item,) = list(iter_items([str(tmp_path / "nope.html")]))
    assert isinstance(item, BadItem) and "no such file" in str(item.error)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_jsonl_reader_never_raises_on_arbitrary_bytes(data):
    for item in iter_jsonl(io.BytesIO(data), Origin(path="fuzz.jsonl")):
        assert isinstance(item, (Page, BadItem))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_warc_reader_never_raises_on_arbitrary_bytes(data):
    for item in iter_warc(io.BytesIO(b"WARC/1.0\r\n" + data), Origin(path="fuzz.warc")):
        assert isinstance(item, (Page, BadItem))


def test_stdin_warc_is_read_as_a_stream(monkeypatch):
    data = make_warc([(f"http://news.example/{n}", HTML, "text/html") for n in range(3)])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [i.url for i in iter_items(["-"])] == [f"http://news.example/{n}" for n in range(3)]


def test_jsonl_is_recognised_even_when_its_first_line_is_longer_than_the_sniffed_bytes(tmp_path):
    line = json.dumps({"html": "<p>" + "word " * 5000 + "</p>", "url": "http://x.example/long"})
    (tmp_path / "feed.data").write_text(line + "\n" + line + "\n")
    assert [i.origin.line for i in iter_items([str(tmp_path / "feed.data")])] == [1, 2]
