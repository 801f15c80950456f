"""The benchmark metrics: the aeb shingle score and the metadata comparisons."""

from __future__ import annotations

import gzip
import json

import pytest

from newsgraph.bench.extract import author_matches, bench_extract, date_matches, title_matches
from newsgraph.bench.metrics import corpus_prf, shingle_score, shingles


def test_shingles_are_word_4grams_with_a_short_text_as_one_shingle():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("only two") == {("only", "two"): 1}
    assert shingles("") == {}


def test_page_score():
    perfect = shingle_score("one two three four five", "one two three four five")
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    half = shingle_score("a b c d e f g", "a b c d")  # 1 of 4 truth shingles, nothing extra
    assert half.precision == 1.0 and half.recall == pytest.approx(0.25)
    empty = shingle_score("a b c d", "")
    assert empty.precision is None and empty.recall == 0.0


def test_corpus_means_leave_empty_predictions_out_of_precision_only():
    scores = [shingle_score("a b c d e", "a b c d e"), shingle_score("a b c d e", "")]
    precision, recall, f1 = corpus_prf(scores)
    assert precision == 1.0 and recall == 0.5 and f1 == pytest.approx(2 / 3)


def test_metadata_matchers():
    assert title_matches("Iran’s  reply", "Iran's reply")
    assert not title_matches("Iran's reply | Site", "Iran's reply")
    assert author_matches("Jane Doe and John Smith", ["John Smith", "Jane Doe"])
    assert author_matches(None, []) and not author_matches(None, ["By"])
    assert not author_matches("Jane Doe", ["Jane Doe", "John Smith"])
    assert date_matches("2025-03-04", "2025-03-04T10:00:00+01:00") and not date_matches("2025-03-04", None)


def test_bench_extract_on_a_small_aeb_style_folder(tmp_path):
    paragraphs = [f"Paragraph {n} of the story says the harbour council met on Tuesday to discuss fees." for n in range(5)]
    html = ("<html><head><title>Harbour council meets | Ledger</title></head><body><nav>Home News Sport</nav>"
            "<article><h1>Harbour council meets</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article><footer>Copyright Ledger</footer></body></html>")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": "\n".join(paragraphs), "url": None}}))
    report = bench_extract(tmp_path, mode="html", compare=["trafilatura"])
    ours, theirs = report["systems"]
    assert ours["system"] == "newsgraph" and theirs["system"] == "trafilatura"
    assert ours["f1"] == 1.0 and report["worst"][0]["id"] == "p1"
