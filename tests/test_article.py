"""The Article record: ids, JSON round trips and the JSON Schema that documents them."""

from __future__ import annotations

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.article import (Article, DateMention, Entity, Mention, Origin, Removed, article_id, json_schema,
                               normalise_url)


def full_article() -> Article:
    article = Article.from_paragraphs(["First paragraph about Oslo.", "", "Second one."], title="A title",
                                      url="https://www.news.example/a?utm_source=x", authors=["Jane Doe"],
                                      removed=[Removed("Share", "share-prompt")], origin=Origin(path="a.html"))
    article.id = article_id(article.url, article.title, article.text)
    article.entities = [Entity("E1", "Oslo", "GPE", [Mention(22, 26, "Oslo", "GPE")], "NOR")]
    article.dates = [DateMention(0, 5, "today", None)]
    return article


def test_text_is_the_non_empty_paragraphs_joined_by_a_blank_line():
    article = full_article()
    assert article.paragraphs == ["First paragraph about Oslo.", "Second one."]
    assert article.text == "First paragraph about Oslo.\n\nSecond one."
    assert article.text[22:26] == "Oslo"


def test_round_trip_and_schema():
    article = full_article()
    data = article.to_dict()
    jsonschema.validate(data, json_schema())
    assert Article.from_dict(data) == article
    unanalysed = Article.from_paragraphs(["Body."], title=None)
    unanalysed.id = article_id(None, None, unanalysed.text)
    jsonschema.validate(unanalysed.to_dict(), json_schema())
    assert unanalysed.to_dict()["entities"] is None


def test_schema_rejects_a_byline_word_and_unknown_fields():
    data = full_article().to_dict()
    data["authors"] = [""]
    try:
        jsonschema.validate(data, json_schema())
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("an empty author passed the schema")


def test_id_comes_from_the_normalised_url_when_known():
    same = ["https://www.news.example/a?utm_source=x", "http://news.example/a/", "HTTP://NEWS.EXAMPLE/a#comments"]
    assert len({article_id(url, "t", "x") for url in same}) == 1
    assert article_id("https://news.example/b", "t", "x") != article_id("https://news.example/a", "t", "x")
    assert normalise_url("https://news.example/a?id=3&utm_medium=mail") == "http://news.example/a?id=3"


def test_id_without_url_comes_from_the_content_whitespace_aside():
    assert article_id(None, "Title", "Body  text") == article_id(None, "Title", "Body text\n")
    assert article_id(None, "Title", "Body text") != article_id(None, "Title", "Other text")


@given(st.text(), st.text())
def test_origin_key_tells_items_apart(path, other):
    a, b = Origin(path=path, offset=3), Origin(path=path, line=3)
    assert a.key != b.key and Origin(path=path).key == Origin(path=path).key
