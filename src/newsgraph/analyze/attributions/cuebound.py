"""An upper bound on the cue model's score, cheap enough to rule out most cue candidates unscored.

Fewer than one word in twenty that could head a cue scores above the threshold (the bias alone is
about -6.8), yet building the two dozen feature strings of `features.cue_features_at` for each
candidate took about a third of the attribution finder's time. The bound reads, for each template
of that function:

- the weight itself, for the templates with one value per word that are found by the value alone
  ("t=", "d=", "hd=", "hw=", "next=", "prev=", "inq=", "w=", "s="): the key is the template and the
  value, so a dict by value gives the same number as the string would;
- the largest positive weight among the keys that start with the word (or stem), for those that
  pair it with one other label ("w|d=", "w|t=", "s|d=", "s|hd=", "s|subj_ent="); "w|neg=" only
  when positive;
- the sum of the positive weights of all such keys, for those a word has once per kind of
  dependent ("w|c=", "s|c=");
- per dependent of the word: the positive weight of its "c=" and, for a complement or a subject,
  the largest positive "comp=", "s|comp=" or "subj_ent=" weight (a template repeated per
  dependent is counted per dependent, so never less often than it occurs).

Each part is at least what the features add, so the bound is at least the score. A word may
contain "|", which would make "w|d=a|b|ccomp" ambiguous: the keys are filed under every prefix
that ends before a "|", which can only raise the bound. A model with a template the bound does
not know is never pruned (`CueBound.of` answers None).
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.analyze.attributions.features import _SUBJECTS, _stem
from newsgraph.analyze.attributions.tokens import TokenTable

if TYPE_CHECKING:
    from newsgraph.analyze.attributions.model import LogisticModel

_BY_VALUE = ("t", "d", "hd", "hw", "next", "prev", "inq")
_WORD_ONCE = ("w|d", "w|t", "w|neg")
_STEM_ONCE = ("s|d", "s|hd", "s|subj_ent")
_PER_DEPENDENT_KIND = ("w|c", "s|c")  # the word's part; "c=" is counted per dependent
_KNOWN = {"bias", "w", "s", "c", "comp", "s|comp", "subj_ent", "colon_next_quote",
          *_BY_VALUE, *_WORD_ONCE, *_STEM_ONCE, *_PER_DEPENDENT_KIND}
_COMPLEMENTS = ("ccomp", "xcomp")
# Sums of a few dozen weights differ from their exact value by far less than this; a candidate
# is dropped only when its bound falls short of the threshold by more.
_MARGIN = 1e-6


def _positive(weight: float) -> float:
    return weight if weight > 0 else 0.0


class CueBound:
    """Upper bounds on `LogisticModel.probability`'s score for the cue candidates of a Doc."""

    def __init__(self, model: LogisticModel):
        by_template: dict[str, dict[str, float]] = defaultdict(dict)
        for key, weight in model.weights.items():
            template, _, value = key.partition("=")
            by_template[template][value] = weight
        self.by_value = {template: by_template[template] for template in _BY_VALUE}
        self.bias = by_template["bias"].get("", 0.0)
        # Words' and stems' own parts, "w=" and "s=" exactly, the rest as bounds by prefix.
        self.word_part: dict[str, float] = defaultdict(float, by_template["w"])
        self.stem_part: dict[str, float] = defaultdict(float, by_template["s"])
        for parts, templates, combine in ((self.word_part, _WORD_ONCE, max), (self.stem_part, _STEM_ONCE, max),
                                          (self.word_part, ("w|c",), sum), (self.stem_part, ("s|c",), sum)):
            for template in templates:
                per_prefix: dict[str, list[float]] = defaultdict(list)
                for value, weight in by_template[template].items():
                    if weight <= 0:
                        continue  # adds nothing to a sum or maximum of positive parts
                    if template == "w|neg":  # the value is the word itself
                        per_prefix[value].append(weight)
                    end = value.find("|")
                    while end >= 0:
                        per_prefix[value[:end]].append(weight)
                        end = value.find("|", end + 1)
                for prefix, weights in per_prefix.items():
                    parts[prefix] += combine(weights)
        self.word_part[":"] += max(map(_positive, by_template["colon_next_quote"].values()), default=0.0)
        self.word_part, self.stem_part = dict(self.word_part), dict(self.stem_part)
        largest = {template: max(map(_positive, by_template[template].values()), default=0.0)
                   for template in ("comp", "s|comp", "subj_ent")}
        self.per_dependent = defaultdict(float, {dep: _positive(w) for dep, w in by_template["c"].items()})
        for dep in _COMPLEMENTS:
            self.per_dependent[dep] += largest["comp"] + largest["s|comp"]
        for dep in _SUBJECTS:
            self.per_dependent[dep] += largest["subj_ent"]
        threshold = model.threshold
        self._word_bound = lru_cache(maxsize=65536)(self._word_bound)  # the same few thousand words recur
        self.cut = math.log(threshold / (1 - threshold)) - _MARGIN if 0 < threshold < 1 else -math.inf

    @classmethod
    def of(cls, model: LogisticModel) -> CueBound | None:
        templates = {key.partition("=")[0] for key in model.weights}
        return cls(model) if templates <= _KNOWN else None

    def reachable(self, table: TokenTable, candidates: list[int], quote_mask: list[bool] | None,
                  dense: list[float] | None) -> list[int]:
        """The candidates whose bound reaches the threshold: all those `cue_features_at(table, i,
        quote_mask)` (plus `dense[i]`, as find.py adds it) can score above it, perhaps a few more."""
        by_value, word_bound, cut = self.by_value, self._word_bound, self.cut
        tags, deps, next_words, previous_words = by_value["t"], by_value["d"], by_value["next"], by_value["prev"]
        head_deps, head_words = by_value["hd"], by_value["hw"]
        in_quotes = by_value["inq"]
        lower, dep, head, tag, size = table.lower, table.dep, table.head, table.tag, len(table)
        dependents = self._dependents_part(table)
        kept = []
        # One inline expression per candidate rather than a method call each: this runs for tens
        # of thousands of words, where each saved operation counts.
        for i in candidates:
            up = head[i]
            bound = (word_bound(lower[i]) + tags.get(tag[i], 0.0) + deps.get(dep[i], 0.0)
                     + head_deps.get(dep[up], 0.0) + head_words.get(lower[up], 0.0)
                     + next_words.get(lower[i + 1] if i + 1 < size else "EOS", 0.0)
                     + previous_words.get(lower[i - 1] if i > 0 else "BOS", 0.0)
                     + in_quotes.get(str(bool(quote_mask) and quote_mask[i]), 0.0) + dependents[i])
            if dense is not None:
                bound += dense[i]
            if bound >= cut:
                kept.append(i)
        return kept

    def _word_bound(self, word: str) -> float:
        return self.bias + self.word_part.get(word, 0.0) + self.stem_part.get(_stem(word), 0.0)

    def _dependents_part(self, table: TokenTable) -> list[float]:
        """Per token, the bound on what its dependents add."""
        per_dependent, dep = self.per_dependent, table.dep
        part = [0.0] * len(table)
        for i, head in enumerate(table.head):
            if head != i:
                part[head] += per_dependent[dep[i]]
        return part
