"""The smoother that turns per-line body probabilities into the kept lines of a page.

Only numpy and the standard library are used: scikit-learn is a training-time tool.
"""

from __future__ import annotations

import numpy as np


def evidence_weights(lines: list[str], word_power: float) -> np.ndarray | None:
    """How much each line's score counts in the smoother: (1 + words) ** word_power."""
    if not word_power:
        return None
    return (1.0 + np.array([len(line.split()) for line in lines], dtype=float)) ** word_power


def smooth(probs: np.ndarray, switch_cost: float, leak: float = 0.1, threshold: float = 0.5,
           line_weights: np.ndarray | None = None) -> list[bool]:
    """Two-state Viterbi over regions, then a per-line threshold inside the body region.

    The body is mostly one contiguous region, but it holds captions and credits and the page
    around it holds the odd prose-like teaser. So a region state does not insist on its lines:
    the body region explains a boilerplate-looking line with probability `leak`, and the
    outside region a body-looking one likewise; each switch costs `switch_cost`. A line is kept
    when it is in the body region and its own probability reaches `threshold`. `line_weights`
    scale each line's evidence: the metric counts words, so a source tag between two paragraphs
    should not outvote them.
    """
    n = len(probs)
    if not n:
        return []
    p = np.clip(probs, 1e-6, 1 - 1e-6)
    out_emit, in_emit = np.log((1 - p) + leak * p), np.log(p + leak * (1 - p))
    if line_weights is not None:
        out_emit, in_emit = out_emit * line_weights, in_emit * line_weights
    # Plain floats: a numpy call per line costs more than the arithmetic it would save.
    out_emit, in_emit = out_emit.tolist(), in_emit.tolist()
    out_score, in_score = out_emit[0], in_emit[0] - switch_cost
    back = [(0, 1)] * n  # previous state for (outside, inside) at each line
    for i in range(1, n):
        out_from_in, in_from_out = in_score - switch_cost, out_score - switch_cost
        back[i] = (0 if out_score >= out_from_in else 1, 1 if in_score >= in_from_out else 0)
        out_score, in_score = max(out_score, out_from_in) + out_emit[i], max(in_score, in_from_out) + in_emit[i]
    state = 1 if in_score > out_score else 0
    keep = [False] * n
    for i in range(n - 1, -1, -1):
        keep[i] = bool(state) and probs[i] >= threshold
        state = back[i][state]
    return keep
