"""Train the attribution models (src/newsgraph/analyze/attributions/model.json) on PolNeAR train.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python training/train_attributions.py --data ../shared/data/polnear

Three logistic regressions over the features in analyze/attributions/features.py:
  cue      every word that could head a cue: is it the head of a gold cue?
  content  each part of the sentence hanging from a gold cue: is it (mostly) the gold content?
  source   the same parts: is it (mostly) the gold source?
Only the train split is read for fitting. The dev split is for choosing (thresholds, features),
through `newsgraph bench attributions`, never for fitting. Parsed documents are cached under
training/.cache so that refits take minutes, not a re-parse.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import scipy.sparse as sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from newsgraph.analyze.attributions.features import (argument_candidates, argument_features, argument_vector,
                                                     cue_candidates, cue_features, cue_vector)
from newsgraph.analyze.attributions.model import MODEL_PATH
from newsgraph.analyze.attributions.quotes import QUOTE_CHARS, mark_quotes
from newsgraph.analyze.nlp import load_model
from newsgraph.bench.polnear import GoldAttribution, GoldDocument, load_split

CACHE = Path(__file__).parent / ".cache"
_PARAGRAPH = re.compile(r"[^\n]+")


def parsed(data: Path, split: str) -> list[tuple[GoldDocument, list[tuple[int, Doc]]]]:
    """Each document with its paragraphs parsed by the full pipeline (lemmas for the lemma table)."""
    documents = load_split(data, split)
    nlp = load_model(disable=())
    cache = CACHE / f"polnear-{split}.pickle"  # Doc bytes: a DocBin would drop the tok2vec tensors
    paragraphs = [(d, m.start(), m.group()) for d in documents for m in _PARAGRAPH.finditer(d.text) if m.group().strip()]
    if cache.exists():
        docs = [Doc(nlp.vocab).from_bytes(data) for data in pickle.loads(cache.read_bytes())]
    else:
        started = time.time()
        docs = list(nlp.pipe((text for _, _, text in paragraphs), batch_size=64))
        CACHE.mkdir(exist_ok=True)
        cache.write_bytes(pickle.dumps([doc.to_bytes(exclude=["user_data"]) for doc in docs]))
        print(f"parsed {split}: {len(docs)} paragraphs in {time.time() - started:.0f} s", file=sys.stderr)
    grouped: dict[str, list[tuple[int, Doc]]] = defaultdict(list)
    for (document, offset, text), doc in zip(paragraphs, docs):
        assert doc.text == text, "cache does not match the data; delete training/.cache"
        grouped[document.name].append((offset, doc))
    return [(d, grouped[d.name]) for d in documents]


def _characters(spans, text: str) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if not text[i].isspace() and text[i] not in QUOTE_CHARS}


def _gold_cue_heads(document: GoldDocument, paragraphs) -> dict[tuple[int, int], GoldAttribution]:
    heads = {}
    for gold in document.attributions:
        for offset, doc in paragraphs:
            tokens = [t for t in doc if any(s <= offset + t.idx and offset + t.idx + len(t) <= e for s, e in gold.cue)]
            if tokens:
                inside = {t.i for t in tokens}
                head = next(t for t in tokens if t.head.i not in inside or t.head.i == t.i)
                heads[(offset, head.i)] = gold
    return heads


# A word seen this often as a candidate and never heading a cue is not scored at run time: about
# 40 % of the candidates, none of them ever above the threshold on dev.
NON_CUE_MIN_COUNT = 20


def examples(corpus):
    cues, arguments, lemmas = [], [], defaultdict(Counter)
    seen, headed = Counter(), Counter()
    for document, paragraphs in corpus:
        text = document.text
        heads = _gold_cue_heads(document, paragraphs)
        for offset, doc in paragraphs:
            mark_quotes(doc)
            for token in cue_candidates(doc):
                gold = heads.get((offset, token.i))
                cues.append((cue_features(token), cue_vector(token), int(gold is not None)))
                seen[token.lower_] += 1
                headed[token.lower_] += gold is not None
                if gold is None:
                    continue
                lemmas[token.lower_][token.lemma_.lower()] += 1
                content = _characters(gold.content, text)
                source = _characters(gold.source or [], text)
                for candidate in argument_candidates(token):
                    chars = {offset + t.idx + k for t in candidate.tokens for k in range(len(t.text))} & _characters(
                        [(offset + candidate.start_char, offset + candidate.end_char)], text)
                    if chars:
                        arguments.append((argument_features(token, candidate), argument_vector(token, candidate),
                                          int(len(chars & content) >= len(chars) / 2),
                                          int(len(chars & source) >= len(chars) / 2)))
    non_cues = sorted(form for form, count in seen.items() if count >= NON_CUE_MIN_COUNT and not headed[form])
    return cues, arguments, {form: counts.most_common(1)[0][0] for form, counts in lemmas.items()}, non_cues


def fit(features, vectors, labels, c: float, min_count: int, threshold: float) -> dict:
    counts = Counter(f for row in features for f in set(row))
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{f: 1 for f in row if counts[f] >= min_count} for row in features])
    matrix = sparse.hstack([matrix, sparse.csr_matrix(np.array(vectors))]).tocsr()
    model = LogisticRegression(C=c, max_iter=3000).fit(matrix, labels)
    coef = model.coef_[0]
    width = len(vectorizer.vocabulary_)
    weights = {f: round(float(coef[i]), 4) for f, i in vectorizer.vocabulary_.items() if abs(coef[i]) >= 0.01}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    return {"threshold": threshold, "weights": weights, "dense": [round(float(x), 5) for x in coef[width:]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="the PolNeAR folder")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--min-count", type=int, default=3, help="drop features seen fewer times")
    parser.add_argument("--cue-threshold", type=float, default=0.4)
    parser.add_argument("--argument-threshold", type=float, default=0.4)
    args = parser.parse_args()

    started = time.time()
    corpus = parsed(args.data, "train")
    cues, arguments, lemmas, non_cues = examples(corpus)
    print(f"{len(cues)} cue candidates ({sum(r[2] for r in cues)} cues), {len(arguments)} argument candidates",
          file=sys.stderr)
    models = {
        "cue": fit([r[0] for r in cues], [r[1] for r in cues], [r[2] for r in cues],
                   args.c, args.min_count, args.cue_threshold),
        "content": fit([r[0] for r in arguments], [r[1] for r in arguments], [r[2] for r in arguments],
                       args.c, args.min_count, args.argument_threshold),
        "source": fit([r[0] for r in arguments], [r[1] for r in arguments], [r[3] for r in arguments],
                      args.c, args.min_count, args.argument_threshold),
    }
    lemmas = {form: lemma for form, lemma in sorted(lemmas.items()) if form != lemma}
    args.out.write_text(json.dumps({"trained_on": "PolNeAR train", "models": models, "lemmas": lemmas,
                                    "non_cues": non_cues},
                                   separators=(",", ":")) + "\n")
    sizes = {name: len(m["weights"]) for name, m in models.items()}
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, weights {sizes}) in "
          f"{time.time() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
