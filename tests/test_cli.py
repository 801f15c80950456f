"""The command line over a store built from the bundled examples."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from support import EXAMPLES, SEED
from newsgraph.article import Article, Attribution, Entity, Mention, Span
from newsgraph.cli import _quote_line, main
from newsgraph.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "examples.db"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--quiet", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["failed"] == 0 and report["stored"] >= 10
    return db


def run(*args):
    result = CliRunner().invoke(main, [*args])
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_has_help():
    for command in [[], ["extract"], ["analyze"], ["ingest"], ["search"], ["show"], ["entities"], ["quotes"], ["speakers"],
                    ["stats"], ["errors"], ["bench"], ["bench", "extract"], ["bench", "speed"]]:
        assert "Usage:" in run(*command, "--help")


def test_extract_the_seed_as_json():
    article = json.loads(run("extract", str(SEED)))
    assert article["title"] == "Iran denies that Khamenei replied to Obama letter on Islamic State"
    assert article["entities"] is None  # extract does no NLP


def test_analyze_reads_stdin():
    result = CliRunner().invoke(main, ["analyze", "-", "--format", "text"], input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    names = {e["name"] for e in json.loads(result.output)["entities"]}
    assert "Barack Obama" in names


def test_extract_reports_a_bad_page_clearly(tmp_path):
    (tmp_path / "bad.html").write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "bad.html")])
    assert result.exit_code != 0 and "empty" in result.output


def test_search_show_entities_stats(store):
    hits = json.loads(run("search", "Khamenei", "--db", str(store)))
    assert hits and hits[0]["title"].startswith("Iran denies")
    assert "[Khamenei]" in hits[0]["snippet"]
    shown = json.loads(run("show", hits[0]["id"][:8], "--db", str(store)))
    assert shown["id"] == hits[0]["id"] and shown["entities"]
    people = json.loads(run("entities", "--type", "PERSON", "--top", "50", "--db", str(store)))
    assert any(row["name"] == "Barack Obama" for row in people)
    assert all(row["type"] == "PERSON" for row in people)
    stats = json.loads(run("stats", "--db", str(store)))
    assert stats["articles"] == stats["analysed"] >= 10 and stats["errors"] == {}


def test_rerun_changes_nothing(store):
    report = json.loads(run("ingest", str(EXAMPLES), "--db", str(store), "--quiet"))
    assert report["stored"] == 0 and report["unchanged"] == report["items"] and report["failed"] == 0


def test_strict_makes_failures_change_the_exit_code(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    db = str(tmp_path / "s.db")
    relaxed = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "--quiet"])
    strict = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "--quiet", "--strict"])
    assert relaxed.exit_code == 0 and strict.exit_code == 1
    assert "empty" in run("errors", "--db", db)


def test_missing_store_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no such store" in result.output


def test_a_missing_page_is_a_usage_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "none.html")])
    assert result.exit_code == 2 and "does not exist" in result.output


@pytest.fixture
def quotes_db(tmp_path):
    """A store written through the library: one article, one entity, two attributions."""
    text = '"We have not sent any letter," Rouhani said. Officials denied that Washington had replied.'
    article = Article.from_paragraphs([text], id="q1", title="Iran denies letter", published="2025-03-04",
                                      source="news.example", method="test")

    def span(phrase: str) -> Span:
        return Span(text.index(phrase), text.index(phrase) + len(phrase), phrase)

    article.entities = [Entity("E1", "Hassan Rouhani", "PERSON", [Mention(*at(text, "Rouhani"), "Rouhani", "PERSON")]),
                        Entity("E2", "Washington", "GPE", [Mention(*at(text, "Washington"), "Washington", "GPE")],
                               "USA")]
    article.dates = []
    article.attributions = [
        Attribution("A1", "direct", [span("We have not sent any letter,")], cue=span("said"), cue_lemma="say",
                    source=span("Rouhani"), speaker="E1", speaker_name="Hassan Rouhani", polarity="denies"),
        Attribution("A2", "indirect", [span("Washington had replied")], cue=span("denied"), cue_lemma="deny",
                    source=span("Officials"), speaker_name="officials", anonymous=True, polarity="denies"),
    ]
    db = tmp_path / "quotes.db"
    with Store(db) as store:
        store.save(article)
    return db


def at(text: str, phrase: str) -> tuple[int, int]:
    return text.index(phrase), text.index(phrase) + len(phrase)


def test_quotes_filters_and_prints_json(quotes_db):
    rows = json.loads(run("quotes", "--db", str(quotes_db)))
    assert [(r["attribution_id"], r["title"]) for r in rows] == [("A1", "Iran denies letter"),
                                                                 ("A2", "Iran denies letter")]
    (row,) = json.loads(run("quotes", "--speaker", "rouhani", "--db", str(quotes_db), "--json"))
    assert row["content_text"] == "We have not sent any letter," and row["entity_type"] == "PERSON"

    def found(*options):
        return [r["attribution_id"] for r in json.loads(run("quotes", *options, "--db", str(quotes_db)))]

    assert found("--about", "washington") == ["A2"]
    assert found("--kind", "direct") == ["A1"]
    assert found("-q", "letter") == ["A1"]
    assert found("--speaker", "OFFICIALS", "--polarity", "denies", "--kind", "indirect") == ["A2"]
    assert json.loads(run("quotes", "--polarity", "confirms", "--db", str(quotes_db))) == []
    assert len(json.loads(run("quotes", "--limit", "1", "--db", str(quotes_db)))) == 1
    assert json.loads(run("stats", "--db", str(quotes_db)))["attribution_kinds"] == {"direct": 1, "indirect": 1}


def test_speakers_counts_named_speakers_and_anonymous_ones_on_request(quotes_db):
    (named,) = json.loads(run("speakers", "--db", str(quotes_db)))
    assert (named["name"], named["type"], named["attributions"], named["articles"]) == ("Hassan Rouhani", "PERSON", 1, 1)
    everyone = json.loads(run("speakers", "--anonymous", "--db", str(quotes_db)))
    assert {row["name"] for row in everyone} == {"Hassan Rouhani", "officials"}


def test_speakers_of_the_latest_articles(quotes_db):
    text = "Norway will host the talks, Lena Fischer said."
    later = Article.from_paragraphs([text], id="q2", title="Norway hosts", published="2025-04-01", method="test")
    later.entities = [Entity("E1", "Lena Fischer", "PERSON", [Mention(*at(text, "Lena Fischer"), "Lena Fischer", "PERSON")])]
    later.attributions = [Attribution("A1", "indirect", [Span(*at(text, "Norway will host the talks"), "Norway will host the talks")],
                                      cue=Span(*at(text, "said"), "said"), cue_lemma="say", speaker="E1",
                                      speaker_name="Lena Fischer", polarity="asserts")]
    with Store(quotes_db) as store:
        store.save(later)
    assert [r["name"] for r in json.loads(run("speakers", "--recent", "1", "--db", str(quotes_db)))] == ["Lena Fischer"]
    assert len(json.loads(run("speakers", "--db", str(quotes_db)))) == 2


def test_quotes_rejects_an_unknown_kind(quotes_db):
    result = CliRunner().invoke(main, ["quotes", "--kind", "rumour", "--db", str(quotes_db)])
    assert result.exit_code == 2 and "rumour" in result.output


def test_quote_lines_for_people(quotes_db):
    with Store(quotes_db) as store:
        direct, anonymous = store.attributions()
    assert _quote_line(direct) == ("Hassan Rouhani — said — “We have not sent any letter,” — "
                                   "Iran denies letter")
    assert _quote_line(anonymous) == "officials — denied — “Washington had replied” — Iran denies letter"
    assert _quote_line({**direct, "speaker_name": None, "entity_name": None, "cue_text": None, "cue_lemma": None}) == (
        "(unattributed) — “We have not sent any letter,” — Iran denies letter")
