"""The public Python API, end to end on the seed page."""

from __future__ import annotations

import jsonschema

import newsgraph
from newsgraph.article import json_schema
from support import SEED


def test_extract_analyze_and_store_the_seed(tmp_path):
    article = newsgraph.extract(SEED.read_bytes())
    assert article.entities is None
    analysed = newsgraph.analyze(article)
    again = newsgraph.analyze(SEED.read_text())  # the API stays callable after the stage packages load
    assert [e.name for e in analysed.entities] == [e.name for e in again.entities]
    jsonschema.validate(analysed.to_dict(), json_schema())
    for entity in analysed.entities:
        for mention in entity.mentions:
            source = analysed.title if mention.field == "title" else analysed.text
            assert source[mention.start:mention.end] == mention.text
    with newsgraph.open(tmp_path / "s.db") as store:
        store.save(analysed)
        assert store.get(analysed.id).to_dict() == analysed.to_dict()


def test_analyze_text_keeps_offsets_into_the_given_text():
    text = "Obama wrote to Khamenei.\n\n\n  Iran's Foreign Ministry said Tehran had not replied.  "
    article = newsgraph.analyze_text(text)
    assert article.text == text
    names = {e.name: e for e in article.entities}
    assert names["Iran"].country == "IRN"
    for entity in article.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text


def test_ingest_from_python(tmp_path):
    page = tmp_path / "seed.txt"
    page.write_bytes(SEED.read_bytes())
    report = newsgraph.ingest(str(page), db=tmp_path / "s.db")
    assert (report.stored, report.failed) == (1, 0)
