"""The attribution models: logistic regressions over feature strings, stored as JSON weights.

training/train_attributions.py fits them on the PolNeAR train split and writes model.json;
here they are only applied, in plain Python, so the runtime needs no learning library.
"""

from __future__ import annotations

import json
import math
from itertools import repeat

import numpy as np
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from newsgraph.analyze.attributions.cuebound import CueBound

MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass
class LogisticModel:
    """Weights for feature strings, plus optional weights for a dense vector: the tok2vec rows of
    the words involved, which carry what the word forms alone cannot (that "lamented" is like
    "complained")."""

    weights: dict[str, float]
    threshold: float = 0.5
    dense: np.ndarray | None = None

    def probability(self, features: list[str], vector: np.ndarray | None = None,
                    dense_score: float | None = None) -> float:
        """`dense_score`, when given, is `dense @ vector` computed beforehand (see
        features.cue_dense_scores)."""
        # map() with a C-level dict lookup instead of a generator: the same sum, in the same order.
        score = sum(map(self.weights.get, features, repeat(0.0)))
        if dense_score is not None:
            score += dense_score
        elif self.dense is not None and vector is not None:
            score += float(self.dense @ vector)
        if score < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-score))


@dataclass
class AttributionModels:
    cue: LogisticModel
    content: LogisticModel
    source: LogisticModel
    lemmas: dict[str, str]  # word form -> lemma, for the words that headed a cue in training
    # Word forms common among the cue candidates in training that never headed a cue ("year",
    # "people", "was"): not worth scoring.
    non_cues: frozenset[str] = frozenset()

    @cached_property
    def cue_bound(self) -> CueBound | None:
        """What rules out cue candidates before their features are built (cuebound.py)."""
        return CueBound.of(self.cue)


@lru_cache(maxsize=4)
def load_models(path: str | None = None) -> AttributionModels:
    data = json.loads(Path(path or MODEL_PATH).read_text())
    models = {name: LogisticModel(part["weights"], part.get("threshold", 0.5),
                                  np.asarray(part["dense"], dtype="float32") if part.get("dense") else None)
              for name, part in data["models"].items()}
    return AttributionModels(**models, lemmas=data.get("lemmas", {}), non_cues=frozenset(data.get("non_cues", ())))
