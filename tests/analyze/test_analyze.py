from __future__ import annotations

import copy

from analyze_support import seed_article
from newsgraph.analyze import analyze_article, analyze_articles, analyze_text, segments
from newsgraph.article import Article

MESSY = (
    "  Iran has denied a Wall Street Journal report that Supreme Leader Ayatollah Ali Khamenei replied\n"
    "to a letter sent in October by U.S. President Barack Obama.\n"
    "\n \n\n"
    "\t\"There has been no new letter,\" Foreign Ministry spokeswoman Marzieh Afkham said late on Sunday.   \n"
    "\r\n"
    "Iranian officials in November acknowledged that Tehran had replied to previous letters from Obama.\n"
)


def assert_offsets_hold(article: Article) -> None:
    assert article.entities and article.dates
    for entity in article.entities:
        for m in entity.mentions:
            source = article.title if m.field == "title" else article.text
            assert source[m.start : m.end] == m.text, m
    for d in article.dates:
        assert article.text[d.start : d.end] == d.text, d


def test_analyze_text_keeps_the_text_verbatim_and_offsets_into_it(nlp):
    article = analyze_text(MESSY, nlp=nlp, published="2014-11-24")
    assert article.text == MESSY
    assert len(article.paragraphs) == 3
    assert_offsets_hold(article)
    names = {e.name for e in article.entities}
    assert {"Ali Khamenei", "Barack Obama", "Marzieh Afkham", "Iran"} <= names
    assert {d.text: d.value for d in article.dates}["Sunday"] == "2014-11-23"


def test_segments_match_the_from_paragraphs_offsets():
    article = seed_article()
    found = [s for s in segments(article) if s.field == "text"]
    expected, offset = [], 0
    for paragraph in article.paragraphs:
        expected.append(offset)
        offset += len(paragraph) + 2
    assert [s.offset for s in found] == expected
    assert segments(article)[0].field == "title"


def test_the_title_is_analysed_on_its_own(seed):
    in_title = [m for e in seed.entities for m in e.mentions if m.field == "title"]
    assert {m.text for m in in_title} == {"Iran", "Khamenei", "Obama", "Islamic State"}
    assert all(seed.title[m.start : m.end] == m.text for m in in_title)


def test_the_seed_offsets_hold(seed):
    assert_offsets_hold(seed)


def test_batches_across_articles_give_the_same_result_in_order(nlp):
    articles = [seed_article(), Article(id="empty"), Article.from_paragraphs(["Obama met Putin in Moscow."], id="short")]
    one_by_one = [analyze_article(copy.deepcopy(a), nlp=nlp) for a in articles]
    streamed = list(analyze_articles(copy.deepcopy(articles), nlp=nlp, batch_size=2))
    assert [a.id for a in streamed] == ["", "empty", "short"]
    assert [a.to_dict() for a in streamed] == [a.to_dict() for a in one_by_one]
    assert streamed[1].entities == [] and streamed[1].dates == []
    assert streamed[1].analysed


def test_analyze_articles_is_lazy(nlp):
    def endless():
        while True:
            yield Article.from_paragraphs(["Obama met Putin in Moscow."])

    first_two = []
    for article in analyze_articles(endless(), nlp=nlp, batch_size=4):
        first_two.append(article)
        if len(first_two) == 2:
            break
    assert all(a.analysed for a in first_two)


def test_a_paragraph_missing_from_the_text_is_reported_not_guessed(nlp):
    article = Article(text="Obama spoke.", paragraphs=["Obama spoke.", "Putin answered."])
    analyze_article(article, nlp=nlp)
    assert [m.text for e in article.entities for m in e.mentions] == ["Obama"]
    assert any("paragraph 1" in w for w in article.warnings)


def test_analysed_articles_survive_the_wire_format(seed):
    again = Article.from_dict(seed.to_dict())
    assert again.entities == seed.entities and again.dates == seed.dates


def test_an_enormous_paragraph_is_cut_into_pieces_spacy_accepts():
    from newsgraph.analyze import MAX_SEGMENT, segments

    paragraph = " ".join(["The minister said the talks would continue."] * 6000)  # about 264,000 characters
    article = Article.from_paragraphs(["A short first paragraph.", paragraph])
    pieces = [s for s in segments(article) if s.field == "text"]
    assert len(pieces) >= 4 and all(len(p.text) <= MAX_SEGMENT for p in pieces)
    for piece in pieces:
        assert article.text[piece.offset:piece.offset + len(piece.text)] == piece.text
    assert all(p.text.endswith(".") for p in pieces)  # cut at sentence ends
    assert sum(len(p.text.split()) for p in pieces) == len(article.text.split())
