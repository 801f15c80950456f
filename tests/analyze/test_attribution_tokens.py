"""The shortcuts the attribution code takes for speed answer exactly what the slow way did."""

from __future__ import annotations

from hypothesis import given, strategies as st

from newsgraph.analyze.attributions.quotes import find_quotes, inside_quotes, kind_of

_TEXT = ("“We will not back down,” the French foreign minister, Marie Dupont, told reporters in Paris on "
         "Monday. She said that the talks, which began in October, would resume, according to AFP.\n\n"
         "Iran’s officials didn’t reply.")

_CHARS = st.text(alphabet="ab Z9_é’‘'\"“”«»„`,.:;-—()\n ١²", max_size=60)


def test_the_token_table_mirrors_the_doc(nlp):
    from newsgraph.analyze.attributions.tokens import TokenTable

    doc = nlp(_TEXT)
    table = TokenTable(doc)
    assert table.doc_text == doc.text
    for token in doc:
        i = token.i
        assert (table.text[i], table.lower[i], table.tag[i], table.dep[i], table.ent_type[i]) == (
            token.text, token.lower_, token.tag_, token.dep_, token.ent_type_)
        assert (table.head[i], table.idx[i], table.is_punct[i]) == (token.head.i, token.idx, token.is_punct)
        assert table.children(i) == [child.i for child in token.children]


def test_an_empty_doc_has_an_empty_table(nlp):
    from newsgraph.analyze.attributions.tokens import TokenTable

    table = TokenTable(nlp(""))
    assert len(table) == 0 and table.doc_text == ""


def test_the_root_word_is_its_own_head_word_as_in_training(nlp):
    from newsgraph.analyze.attributions.features import cue_features

    doc = nlp("Officials said the talks would resume.")
    root = next(token for token in doc if token.dep_ == "ROOT")
    assert f"hw={root.lower_}" in cue_features(root) and "hw=ROOT" not in cue_features(root)


def _kind_by_character(text: str, spans: list[tuple[int, int]], inside: bytearray) -> str:
    letters = [i for start, end in spans for i in range(start, end) if text[i].isalnum()]
    share = sum(inside[i] for i in letters) / len(letters) if letters else 0.0
    return "direct" if share == 1.0 else "mixed" if share > 0.0 else "indirect"


@given(_CHARS, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=3), st.booleans())
def test_kind_counts_the_letters_as_character_by_character(text, cuts, found_quotes):
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in cuts]
    inside = inside_quotes(len(text), find_quotes(text)) if found_quotes else bytearray(
        (i * 7 % 3 == 0) for i in range(len(text)))
    assert kind_of(text, spans, inside) == _kind_by_character(text, spans, inside)
