"""The cue bound (cuebound.py) never leaves out a word that the full cue score would take."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analyze_support import seed_article

_SENTENCES = [
    "“We will not back down,” the French foreign minister, Marie Dupont, told reporters in Paris on Monday.",
    "She said that the talks, which began in October, would resume, according to AFP.",
    "The senator didn't deny the report but refused to comment: “Ask the White House.”",
    "Officials, who asked not to be named, warned that the plan could fail and urged patience.",
    "He told CNN he wanted to run again and has said so repeatedly, the newspaper reported.",
    "“It's over,” said Smith. Jones, however, claimed victory and called the result “a mandate.”",
    "The Journal cited an unnamed diplomat as saying the deal was close.",
    "Critics say the bill, which passed 52-48, is unconstitutional; supporters disagree.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    from newsgraph.analyze.attributions.quotes import mark_quotes

    texts = _SENTENCES + list(seed_article().paragraphs)
    parsed = list(nlp.pipe(texts))
    for doc in parsed:
        mark_quotes(doc)
    return parsed


def test_the_shipped_model_has_a_bound():
    from newsgraph.analyze.attributions.model import load_models

    assert load_models().cue_bound is not None


@pytest.mark.parametrize("threshold", [0.4, 0.1, 0.01, 0.002])
def test_the_bound_keeps_every_candidate_the_score_accepts(docs, threshold):
    # Lower thresholds than the model's let many more words through: a bound too low for any
    # of them would show.
    from newsgraph.analyze.attributions.cuebound import CueBound
    from newsgraph.analyze.attributions.features import cue_candidate_indices, cue_dense_scores, cue_features_at
    from newsgraph.analyze.attributions.model import load_models
    from newsgraph.analyze.attributions.tokens import token_table

    model = replace(load_models().cue, threshold=threshold)
    bound = CueBound.of(model)
    accepted = left_out = 0
    for doc in docs:
        table, mask = token_table(doc), doc.user_data["quote_mask"]
        dense = cue_dense_scores(doc, model.dense).tolist()
        candidates = cue_candidate_indices(table)
        kept = set(bound.reachable(table, candidates, mask, dense))
        for i in candidates:
            if model.probability(cue_features_at(table, i, mask), dense_score=dense[i]) >= threshold:
                accepted += 1
                assert i in kept, (doc.text, table.text[i])
        left_out += len(candidates) - len(kept)
    assert accepted and left_out  # the check had something to check, and the bound does leave words out


def test_attributions_are_the_same_without_the_bound(nlp):
    from newsgraph.analyze.attributions.find import find_attributions
    from newsgraph.analyze.attributions.model import load_models

    models = load_models()
    unbounded = replace(models)
    unbounded.__dict__["cue_bound"] = None  # the cached property, set beforehand
    texts = _SENTENCES + list(seed_article().paragraphs)
    with_bound = [find_attributions(doc, models) for doc in nlp.pipe(texts)]
    assert with_bound == [find_attributions(doc, unbounded) for doc in nlp.pipe(texts)]
    assert any(with_bound)
