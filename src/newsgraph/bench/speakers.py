"""`newsgraph bench speakers`: do pronoun and description sources resolve to the right entity?

The gold is a JSON Lines file of hand-annotated sources (tests/data/resolution/polnear_sources.jsonl:
split, article, source span, the referent's name and one mention of it). Each article is analysed
as `bench attributions` analyses it; the gold source span is then resolved the way the pipeline
resolves sources, with the attributions found before it setting the scene (the previous speaker).
Resolution is right when the chosen entity has a mention overlapping the annotated referent
mention, or is named like it.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from ..analyze import analyze_text, load_model, warm_up
from ..analyze.attributions.speakers import SpeakerResolver
from ..article import Article, Entity


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def resolve_source(article: Article, start: int, end: int):
    """The speaker of the span [start, end), after the article's earlier sources set the scene."""
    resolver = SpeakerResolver(article.text, article.entities or [])
    for attribution in sorted(article.attributions or [], key=lambda a: a.source.start if a.source else -1):
        if attribution.source is None or attribution.source.start >= start:
            continue
        resolver.resolve(attribution.source.start, attribution.source.end)
    return resolver.resolve(start, end)


def is_right(entity: Entity | None, item: dict) -> bool:
    if entity is None:
        return False
    start, end = item["referent_start"], item["referent_end"]
    if any(m.field == "text" and m.start < end and start < m.end for m in entity.mentions):
        return True
    referent = item["referent"].casefold()
    return entity.name.casefold() == referent or referent in {m.text.casefold() for m in entity.mentions}


def run(data_dir: Path, gold_path: Path, limit: int | None = None) -> dict:
    gold = load_gold(gold_path)[:limit]
    by_article: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for item in gold:
        by_article[(item["split"], item["article"])].append(item)
    nlp = warm_up(load_model())
    started = time.perf_counter()
    totals: Counter = Counter()
    wrong = []
    for (split, name), items in sorted(by_article.items()):
        text = (Path(data_dir) / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        article = analyze_text(text, nlp=nlp)
        for item in items:
            speaker = resolve_source(article, item["source_start"], item["source_end"])
            right = is_right(speaker.entity, item)
            totals[(item["kind"], right)] += 1
            if not right:
                wrong.append({"article": name, "source": item["source_text"], "referent": item["referent"],
                              "resolved": speaker.name, "anonymous": speaker.anonymous})
    kinds = sorted({kind for kind, _ in totals})
    per_kind = {kind: {"items": totals[(kind, True)] + totals[(kind, False)], "right": totals[(kind, True)]}
                for kind in kinds}
    right = sum(v["right"] for v in per_kind.values())
    return {"items": len(gold), "articles": len(by_article), "right": right,
            "accuracy": right / len(gold) if gold else None, "per_kind": per_kind,
            "seconds": round(time.perf_counter() - started, 2), "wrong": wrong}


def format_report(report: dict, show: int = 20) -> str:
    lines = [f"bench speakers: {report['items']} hand-annotated sources in {report['articles']} articles "
             f"({report['seconds']} s)",
             f"resolved to the right entity: {report['right']}/{report['items']} = {report['accuracy']:.3f}"]
    for kind, counts in report["per_kind"].items():
        lines.append(f"  {kind:<12} {counts['right']}/{counts['items']} = {counts['right'] / counts['items']:.3f}")
    if report["wrong"]:
        lines.append("wrong (first %d):" % min(show, len(report["wrong"])))
        for miss in report["wrong"][:show]:
            lines.append(f"  {miss['source']!r} -> {miss['resolved']!r}, want {miss['referent']!r} ({miss['article']})")
    return "\n".join(lines)
