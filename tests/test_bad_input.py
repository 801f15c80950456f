"""Every kind of bad input: a clear, typed error for that item, the rest stored, nothing lost or duplicated."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from support import html_page, news_page, prose
from newsgraph import extract
from newsgraph.errors import NewsgraphError
from newsgraph import pipeline
from newsgraph.pipeline import ingest
from newsgraph.store import Store


def good_pages(folder, count=3):
    for n in range(count):
        (folder / f"good{n}.txt").write_text(news_page(f"Good headline number {n}", prose(n)))


def one_error(db, name):
    with Store(db) as store:
        rows = [r for r in store.errors() if r["origin_key"].endswith(name)]
    assert len(rows) == 1, rows
    return rows[0]


BAD_FILES = {
    "empty.html": (b"", "empty"),
    "blank.txt": (b"  \n\n \t\n", "empty"),
    "binary.html": (bytes(range(256)) * 64, "binary"),
    "wrong-encoding.txt": (b"\xff\xfe" + "Broken text that ends mid-char".encode("utf-16-le") + b"\x00", "encoding"),
    "truncated.html.gz": (gzip.compress(html_page("Cut short", prose(1)).encode())[:-40], "truncated"),
    "no-article.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no_content"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_recorded_and_the_rest_stored(tmp_path, name):
    data, kind = BAD_FILES[name]
    pages = tmp_path / "pages"
    pages.mkdir()
    good_pages(pages)
    (pages / name).write_bytes(data)
    db = tmp_path / "s.db"
    report = ingest([str(pages)], db=db, analyse=False)
    assert (report.stored, report.failed) == (3, 1)
    error = one_error(db, name)
    assert error["kind"] == kind and error["message"]


def test_a_50_megabyte_page_is_refused_without_reading_it_all(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    good_pages(pages)
    with open(pages / "huge.html", "wb") as handle:
        handle.write(b"<html><body>" + b"<p>" + b"word " * (10 * 1024 * 1024) + b"</p></body></html>")
    db = tmp_path / "s.db"
    report = ingest([str(pages)], db=db, analyse=False)
    assert (report.stored, report.failed) == (3, 1)
    assert one_error(db, "huge.html")["kind"] == "too_large"


def test_gzip_bomb_is_refused():
    bomb = gzip.compress(b"<p>" + b"a" * (60 * 1024 * 1024))
    with pytest.raises(NewsgraphError) as caught:
        extract(bomb)
    assert caught.value.kind == "too_large"


def test_latin1_page_without_a_declaration_is_decoded_not_refused():
    page = news_page("Café owners protest in Zürich", [p.replace("ministry", "ministère") for p in prose(2)])
    article = extract(page.encode("latin-1"), format="text")
    assert "ministère" in article.text


def test_malformed_html_still_gives_its_article():
    paragraphs = prose(3)
    broken = ("<html><head><title>Unclosed tags everywhere</title><body><div><article><h1>Unclosed"
              + "".join(f"<p>{p}<span><b>" for p in paragraphs) + "</div></td></html></body>")
    article = extract(broken.encode(), format="html")
    assert paragraphs[0][:40] in article.text and "<" not in article.text


def test_hostile_markup_never_reaches_the_text():
    hostile = ("<html><head><title>Hostile <script>alert(1)</script></title>"
               "<script>document.write('injected-script-text')</script><style>body{}</style></head><body>"
               "<article><h1>Hostile page</h1>"
               + "".join(f"<p onclick=\"alert('x')\">{p} <img src=x onerror=\"alert('img')\"></p>" for p in prose(4))
               + "<p><a href=\"javascript:alert('link')\">a link</a></p><iframe src='javascript:alert(2)'>frame</iframe>"
               + "</article></body></html>")
    article = extract(hostile.encode(), format="html")
    record = json.dumps(article.to_dict())
    for marker in ("injected-script-text", "alert(", "onerror", "javascript:"):
        assert marker not in record
    assert prose(4)[0][:40] in article.text


def test_truncated_warc_keeps_the_whole_records_and_records_the_cut(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = html_page(f"WARC page {n}", prose(n + 10)).encode()
        writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    data = buffer.getvalue()
    (tmp_path / "crawl.warc.gz").write_bytes(data[:-50])
    db = tmp_path / "s.db"
    report = ingest([str(tmp_path / "crawl.warc.gz")], db=db, analyse=False)
    assert (report.stored, report.failed) == (2, 1)
    with Store(db) as store:
        assert store.errors()[0]["kind"] == "truncated"
        assert {r[0] for r in store.conn.execute("SELECT url FROM articles")} == {
            "https://news.example/0", "https://news.example/1"}


def test_bad_jsonl_lines_are_recorded_by_line(tmp_path):
    lines = [json.dumps({"text": news_page("Line one story", prose(20)), "url": "https://a.example/1"}),
             "{not json",
             json.dumps({"html": html_page("Line three story", prose(21)), "url": "https://a.example/3"}),
             json.dumps(["a", "list"])]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "s.db"
    report = ingest([str(tmp_path / "feed.jsonl")], db=db, analyse=False)
    assert (report.stored, report.failed) == (2, 2)
    with Store(db) as store:
        assert sorted((r["origin_key"].rsplit(":", 1)[1], r["kind"]) for r in store.errors()) == [
            ("2", "malformed"), ("4", "malformed")]


def test_rerun_is_idempotent_and_keeps_what_was_stored(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    good_pages(pages, 4)
    (pages / "binary.html").write_bytes(bytes(range(256)) * 64)
    db = tmp_path / "s.db"
    first = ingest([str(pages)], db=db, analyse=False)
    second = ingest([str(pages)], db=db, analyse=False)
    assert (first.stored, first.failed) == (4, 1)
    assert (second.stored, second.unchanged, second.failed) == (0, 4, 1)
    (pages / "good0.txt").write_text(news_page("Good headline number 0, updated", prose(0)))
    third = ingest([str(pages)], db=db, analyse=False)
    assert (third.stored, third.unchanged) == (1, 3)
    with Store(db) as store:
        # The edited page has a new content id: its new article replaces the old one.
        assert store.count("articles") == 4 and store.count("items") == 4 and store.count("errors") == 1
        assert len(store.search("updated")) == 1


def test_pages_from_stdin_are_known_by_their_content(tmp_path, monkeypatch):
    import sys

    db = tmp_path / "s.db"
    for n in (1, 2, 1):
        page = news_page(f"Stdin story number {n}", prose(30 + n)).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
        ingest(["-"], db=db, analyse=False)
    with Store(db) as store:
        assert store.count("articles") == 2 and store.count("items") == 2
        assert store.conn.execute("SELECT unchanged FROM runs WHERE id = 3").fetchone()[0] == 1


def _process_pages_that_crash_on_a_marker(pages, analyse=True):
    """Stands in for a C extension that segfaults on one hostile page (module level: the pool pickles it)."""
    import os

    if any(b"CRASH-THE-WORKER" in page.content for page in pages):
        os._exit(139)
    return _REAL_PROCESS_PAGES(pages, analyse)


_REAL_PROCESS_PAGES = pipeline.process_pages


def test_a_page_that_kills_its_worker_process_fails_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "process_pages", _process_pages_that_crash_on_a_marker)  # forked workers see it
    pages = tmp_path / "pages"
    pages.mkdir()
    good_pages(pages, 6)
    (pages / "good2.txt").write_text(news_page("A page with CRASH-THE-WORKER in it", prose(2)))
    db = tmp_path / "s.db"
    report = ingest([str(pages)], db=db, analyse=False, workers=2, batch_size=2)
    assert (report.stored, report.failed) == (5, 1)
    error = one_error(db, "good2.txt")
    assert error["kind"] == "internal" and "died" in error["message"]
