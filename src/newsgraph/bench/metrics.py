"""Scores shared by the benchmarks."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """Word n-grams as a multiset; a text under n tokens is one shorter shingle."""
    tokens = _WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass
class PageScore:
    precision: float | None  # None when the prediction is empty
    recall: float

    @property
    def f1(self) -> float:
        p = self.precision or 0.0
        return 2 * p * self.recall / (p + self.recall) if p + self.recall else 0.0


def shingle_score(truth: str, prediction: str) -> PageScore:
    """The article-extraction-benchmark's per-page score over word 4-gram multisets."""
    t, p = shingles(truth), shingles(prediction)
    if not p:
        return PageScore(None, 1.0 if not t else 0.0)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    if fp == 0 and fn == 0:
        precision = recall = 1.0
    return PageScore(precision, recall)


def corpus_prf(scores: list[PageScore]) -> tuple[float, float, float]:
    """Mean precision over non-empty predictions, mean recall over all, F1 of the two means."""
    precisions = [s.precision for s in scores if s.precision is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(s.recall for s in scores) / len(scores) if scores else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
