"""The command line over a store built from the bundled examples."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from support import EXAMPLES, SEED
from newsgraph.cli import main


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
    for command in [[], ["extract"], ["analyze"], ["ingest"], ["search"], ["show"], ["entities"], ["stats"],
                    ["errors"], ["bench"], ["bench", "extract"], ["bench", "speed"]]:
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
