"""`newsgraph bench attributions`: who-said-what against the PolNeAR gold annotations.

Spans are compared as sets of character positions, leaving out whitespace and quote marks (the
gold content includes its quote marks, a system may not); a span of several fragments is the
union of its fragments. Content, source and cue are scored separately, each by one-to-one
matching within an article (greedy, best Jaccard first) at two strictnesses:
- `jaccard`: character Jaccard >= 0.5;
- `exact`: the same character set.
Source and cue are matched only among attributions that have one. Per kind (direct, mixed,
indirect), recall counts gold attributions by their gold kind and precision counts predicted
ones by their predicted kind.

Speaker accuracy: over the content pairs matched at Jaccard >= 0.5 whose gold attribution has a
source, the share whose predicted source span matches the gold source span at Jaccard >= 0.5
(a prediction without a source is wrong). Beside it, `overlap`: the share whose predicted source
shares at least one character with the gold one. Gold sources keep their appositions ("Kenneth
Baer, a former Obama administration official who runs Crosscut") where systems name the head
("Kenneth Baer"), so Jaccard >= 0.5 misses right speakers that `overlap` counts.

Comparison: textacy's rule-based `direct_quotations`, run per paragraph, scored against the gold
*direct* attributions only; the triples of one speaker and cue (a quote split by "X said") are
one prediction. Our own predictions of kind "direct" are scored the same way beside it.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..article import Article, Attribution
from .polnear import QUOTE_CHARS, Fragment, GoldAttribution, GoldDocument, load_split

KINDS = ("direct", "mixed", "indirect")
ROLES = ("content", "source", "cue")
THRESHOLDS = {"jaccard": 0.5, "exact": 1.0}
CharSet = frozenset[int]


@dataclass
class Predicted:
    """One predicted attribution, reduced to what is scored."""

    content: list[Fragment]
    cue: list[Fragment] = field(default_factory=list)
    source: list[Fragment] | None = None
    kind: str = "direct"
    cue_lemma: str | None = None

    @classmethod
    def from_attribution(cls, attribution: Attribution) -> "Predicted":
        cue = [(attribution.cue.start, attribution.cue.end)] if attribution.cue else []
        source = [(attribution.source.start, attribution.source.end)] if attribution.source else None
        return cls([(s.start, s.end) for s in attribution.content], cue, source, attribution.kind,
                   attribution.cue_lemma)


# --- matching ------------------------------------------------------------------------------

def char_set(text: str, fragments: Iterable[Fragment] | None) -> CharSet:
    """The positions that carry words: not whitespace, not a quote mark."""
    return frozenset(i for start, end in fragments or () for i in range(start, min(end, len(text)))
                     if not text[i].isspace() and text[i] not in QUOTE_CHARS)


def jaccard(a: CharSet, b: CharSet) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def match_one_to_one(gold: list[CharSet], predicted: list[CharSet], threshold: float) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, each index used once, best Jaccard first; ties go to
    the earlier gold then the earlier prediction, so results are deterministic."""
    candidates = []
    for g, gold_chars in enumerate(gold):
        for p, predicted_chars in enumerate(predicted):
            score = jaccard(gold_chars, predicted_chars)
            if score > 0 and score >= threshold:
                candidates.append((-score, g, p))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, g, p in sorted(candidates):
        if g not in used_gold and p not in used_predicted:
            pairs.append((g, p))
            used_gold.add(g)
            used_predicted.add(p)
    return sorted(pairs)


@dataclass
class Tally:
    """Counts by kind for precision (predicted kind) and recall (gold kind)."""

    gold: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    gold_matched: Counter = field(default_factory=Counter)
    predicted_matched: Counter = field(default_factory=Counter)

    def add(self, gold_kinds: list[str], predicted_kinds: list[str], pairs: list[tuple[int, int]]) -> None:
        self.gold.update(gold_kinds)
        self.predicted.update(predicted_kinds)
        self.gold_matched.update(gold_kinds[g] for g, _ in pairs)
        self.predicted_matched.update(predicted_kinds[p] for _, p in pairs)

    def scores(self, kind: str | None = None) -> dict:
        def total(counter: Counter) -> int:
            return counter[kind] if kind else sum(counter.values())

        gold, predicted = total(self.gold), total(self.predicted)
        precision = total(self.predicted_matched) / predicted if predicted else 0.0
        recall = total(self.gold_matched) / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "gold": gold, "predicted": predicted}


@dataclass
class Evaluation:
    """Everything scored for one system over the documents."""

    tallies: dict[tuple[str, str], Tally] = field(
        default_factory=lambda: {(role, name): Tally() for role in ROLES for name in THRESHOLDS})
    speaker_pairs: int = 0
    speaker_right: int = 0
    speaker_overlapping: int = 0
    per_document: dict[str, tuple[float, int, int]] = field(default_factory=dict)  # f1, gold, predicted
    missed_cues: Counter = field(default_factory=Counter)
    spurious_cues: Counter = field(default_factory=Counter)

    def add(self, document: GoldDocument, gold: list[GoldAttribution], predicted: list[Predicted]) -> None:
        text = document.text
        gold_kinds, predicted_kinds = [a.kind for a in gold], [a.kind for a in predicted]
        for role in ROLES:
            gold_with = [i for i, a in enumerate(gold) if getattr(a, role)]
            predicted_with = [i for i, a in enumerate(predicted) if getattr(a, role)]
            gold_sets = [char_set(text, getattr(gold[i], role)) for i in gold_with]
            predicted_sets = [char_set(text, getattr(predicted[i], role)) for i in predicted_with]
            for name, threshold in THRESHOLDS.items():
                pairs = match_one_to_one(gold_sets, predicted_sets, threshold)
                self.tallies[role, name].add([gold_kinds[i] for i in gold_with],
                                             [predicted_kinds[i] for i in predicted_with], pairs)
        content_pairs = match_one_to_one([char_set(text, a.content) for a in gold],
                                         [char_set(text, a.content) for a in predicted], THRESHOLDS["jaccard"])
        self._add_speakers(text, gold, predicted, content_pairs)
        matched_gold, matched_predicted = {g for g, _ in content_pairs}, {p for _, p in content_pairs}
        self.missed_cues.update(a.cue_text or "(none)" for i, a in enumerate(gold) if i not in matched_gold)
        self.spurious_cues.update(a.cue_lemma or "(none)" for i, a in enumerate(predicted)
                                  if i not in matched_predicted)
        f1 = 2 * len(content_pairs) / (len(gold) + len(predicted)) if gold or predicted else 1.0
        self.per_document[document.name] = (f1, len(gold), len(predicted))

    def _add_speakers(self, text: str, gold: list[GoldAttribution], predicted: list[Predicted],
                      content_pairs: list[tuple[int, int]]) -> None:
        for g, p in content_pairs:
            if gold[g].source is None:
                continue
            self.speaker_pairs += 1
            gold_source, predicted_source = char_set(text, gold[g].source), char_set(text, predicted[p].source)
            self.speaker_right += jaccard(gold_source, predicted_source) >= THRESHOLDS["jaccard"]
            self.speaker_overlapping += bool(gold_source & predicted_source)

    def summary(self) -> dict:
        out: dict = {}
        for (role, name), tally in self.tallies.items():
            out.setdefault(role, {})[name] = {"all": tally.scores(), **{k: tally.scores(k) for k in KINDS}}
        pairs = self.speaker_pairs
        out["speaker_accuracy"] = {"accuracy": round(self.speaker_right / pairs, 4) if pairs else None,
                                   "overlap": round(self.speaker_overlapping / pairs, 4) if pairs else None,
                                   "pairs": pairs}
        return out


# --- systems -------------------------------------------------------------------------------

def analyse_documents(documents: list[GoldDocument]) -> tuple[list[list[Predicted]], dict]:
    """Our analysis over the gold texts, verbatim, so predicted offsets index the gold text."""
    from ..analyze import analyze_articles, warm_up

    articles = [Article(id=d.name, text=d.text, paragraphs=d.paragraphs) for d in documents]
    nlp = warm_up()  # model load and first-call costs kept off the clock, as in `bench speed`
    start = time.perf_counter()
    analysed = list(analyze_articles(articles, nlp=nlp))
    seconds = time.perf_counter() - start
    words = sum(len(d.text.split()) for d in documents)
    timing = {"seconds": round(seconds, 2), "pages_per_s": round(len(documents) / seconds, 2) if seconds else None,
              "words_per_s": round(words / seconds) if seconds else None}
    # `attributions` stays None until the attribution component fills it: nothing predicted.
    return [[Predicted.from_attribution(a) for a in article.attributions or []] for article in analysed], timing


def textacy_predictions(documents: list[GoldDocument]) -> tuple[list[list[Predicted]], dict]:
    """textacy's direct quotations per paragraph; raises ImportError when textacy is absent."""
    from importlib.metadata import version

    from textacy.extract.triples import direct_quotations

    from ..analyze import load_model, segments

    nlp = load_model(disable=())  # textacy needs POS tags and lemmas, which our default model skips
    start = time.perf_counter()
    paragraphs = [(n, segment) for n, d in enumerate(documents)
                  for segment in segments(Article(text=d.text, paragraphs=d.paragraphs))]
    predictions: list[list[Predicted]] = [[] for _ in documents]
    skipped = 0
    for doc, (n, segment) in nlp.pipe(((s.text, (n, s)) for n, s in paragraphs), as_tuples=True, batch_size=64):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # an odd number of quote marks: textacy declines the paragraph
            skipped += 1
            continue
        predictions[n].extend(_merge_triples(triples, segment.offset))
    seconds = time.perf_counter() - start
    return predictions, {"system": f"textacy {version('textacy')} direct_quotations",
                         "paragraphs": len(paragraphs), "paragraphs_skipped": skipped, "seconds": round(seconds, 2)}


def _merge_triples(triples, offset: int) -> list[Predicted]:
    """One prediction per speaker and cue: `"A," she said, "B."` gives two triples, one quote."""
    merged: dict[tuple, Predicted] = {}
    for triple in triples:
        key = (tuple(t.i for t in triple.speaker), tuple(t.i for t in triple.cue))
        content = (offset + triple.content.start_char, offset + triple.content.end_char)
        if key in merged:
            merged[key].content.append(content)
            continue
        merged[key] = Predicted([content], _token_fragments(triple.cue, offset),
                                _token_fragments(triple.speaker, offset), "direct",
                                " ".join(t.lemma_ for t in triple.cue))
    return list(merged.values())


def _token_fragments(tokens, offset: int) -> list[Fragment]:
    return [(offset + t.idx, offset + t.idx + len(t.text)) for t in tokens]


def compare_direct(documents: list[GoldDocument], ours: list[list[Predicted]]) -> dict:
    """textacy and our direct predictions against the gold direct attributions."""
    try:
        textacy, info = textacy_predictions(documents)
    except ImportError as error:
        return {"note": f"textacy is not installed ({error}); install the `bench` extra "
                        "(pip install -e '.[bench]') for the comparison"}
    rows = []
    for name, predictions in ((info["system"], textacy), ("newsgraph (kind direct)", ours)):
        evaluation = Evaluation()
        for document, predicted in zip(documents, predictions):
            gold = [a for a in document.attributions if a.kind == "direct"]
            evaluation.add(document, gold, [p for p in predicted if p.kind == "direct"])
        summary = evaluation.summary()
        rows.append({"system": name, "content": summary["content"]["jaccard"]["all"],
                     "content_exact": summary["content"]["exact"]["all"],
                     "speaker_accuracy": summary["speaker_accuracy"]})
    gold_direct = sum(a.kind == "direct" for d in documents for a in d.attributions)
    return {**info, "gold_direct": gold_direct, "systems": rows}


# --- report --------------------------------------------------------------------------------

def run(data_dir: Path, split: str = "dev", limit: int | None = None, worst: int = 10,
        compare: bool = True) -> dict:
    documents = load_split(Path(data_dir), split, limit)
    if not documents:
        raise FileNotFoundError(f"{data_dir}/{split}: no articles")
    predictions, timing = analyse_documents(documents)
    evaluation = Evaluation()
    for document, predicted in zip(documents, predictions):
        evaluation.add(document, document.attributions, predicted)
    gold_kinds = Counter(a.kind for d in documents for a in d.attributions)
    worst_documents = sorted(evaluation.per_document.items(), key=lambda item: (item[1][0], -item[1][1], item[0]))
    report = {
        "data": str(data_dir), "split": split, "documents": len(documents),
        "gold_attributions": sum(gold_kinds.values()), "gold_kinds": {k: gold_kinds[k] for k in KINDS},
        "newsgraph": {"predicted_attributions": sum(map(len, predictions)), **timing, **evaluation.summary()},
        "worst": [{"id": name, "content_f1": round(f1, 4), "gold": gold, "predicted": predicted}
                  for name, (f1, gold, predicted) in worst_documents[:worst]],
        "missed_by_gold_cue": evaluation.missed_cues.most_common(10),
        "spurious_by_cue_lemma": evaluation.spurious_cues.most_common(10),
    }
    if compare:
        report["comparison"] = compare_direct(documents, predictions)
    return report


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: dict) -> str:
    ours = report["newsgraph"]
    kinds = ", ".join(f"{k} {n}" for k, n in report["gold_kinds"].items())
    lines = [f"bench attributions: {report['documents']} articles from {report['data']} ({report['split']}), "
             f"{report['gold_attributions']} gold attributions ({kinds})",
             f"newsgraph: {ours['predicted_attributions']} attributions predicted; analysis {ours['seconds']:.2f} s, "
             f"{ours['pages_per_s']} pages/s, {ours['words_per_s']} words/s", ""]
    header = f"{'role':<8} {'kind':<9}" + "".join(f"{c:>9}" for c in ("P@0.5", "R@0.5", "F1@0.5", "P exact",
                                                                       "R exact", "F1 exact", "gold", "pred"))
    lines.append(header)
    for role in ROLES:
        for kind in ("all", *KINDS):
            loose, exact = ours[role]["jaccard"][kind], ours[role]["exact"][kind]
            cells = [loose["precision"], loose["recall"], loose["f1"], exact["precision"], exact["recall"], exact["f1"]]
            lines.append(f"{role:<8} {kind:<9}" + "".join(f"{_number(c):>9}" for c in cells)
                         + f"{loose['gold']:>9}{loose['predicted']:>9}")
    speaker = ours["speaker_accuracy"]
    lines += ["", f"speaker accuracy: {_number(speaker['accuracy'])} (source Jaccard >= 0.5; any overlap "
                  f"{_number(speaker['overlap'])}) over {speaker['pairs']} matched pairs with a gold source",
              "", "worst articles (content F1 at Jaccard >= 0.5):"]
    lines += [f"  f1 {w['content_f1']:.3f}  gold {w['gold']:>3}  pred {w['predicted']:>3}  {w['id']}"
              for w in report["worst"]]
    lines.append("missed, by gold cue: " + ", ".join(f"{c} {n}" for c, n in report["missed_by_gold_cue"]))
    lines.append("spurious, by cue lemma: " + (", ".join(f"{c} {n}" for c, n in report["spurious_by_cue_lemma"])
                                               or "none"))
    lines += _format_comparison(report.get("comparison"))
    return "\n".join(lines)


def _format_comparison(comparison: dict | None) -> list[str]:
    if comparison is None:
        return []
    if "note" in comparison:
        return ["", f"comparison: {comparison['note']}"]
    lines = ["", f"comparison on the {comparison['gold_direct']} gold direct attributions "
                 f"({comparison['system']} per paragraph, {comparison['seconds']:.2f} s; "
                 f"{comparison['paragraphs_skipped']} of {comparison['paragraphs']} paragraphs skipped "
                 "for an odd number of quote marks):",
             f"{'system':<38}" + "".join(f"{c:>9}" for c in ("P@0.5", "R@0.5", "F1@0.5", "F1 exact", "speaker",
                                                             "spk ovl", "pred"))]
    for row in comparison["systems"]:
        content = row["content"]
        cells = [content["precision"], content["recall"], content["f1"], row["content_exact"]["f1"],
                 row["speaker_accuracy"]["accuracy"], row["speaker_accuracy"]["overlap"]]
        lines.append(f"{row['system']:<38}" + "".join(f"{_number(c):>9}" for c in cells)
                     + f"{content['predicted']:>9}")
    return lines
