"""List PolNeAR attribution sources that are pronouns or descriptions.

The candidates are the gold ``Source`` spans of the PolNeAR corpus whose text is a
personal pronoun ("he", "she", "they", "it", "we", "I", "his", ...) or a definite or
indefinite description ("the spokeswoman", "the Republican nominee", "a federal
judge") rather than a proper name.  Each candidate was then read in its article and,
where the referent is a person or organisation named in the same article, written to
``polnear_sources.jsonl`` by hand.  This script only does the mechanical part:

    python tests/data/resolution/select_candidates.py                # TSV candidate list
    python tests/data/resolution/select_candidates.py --context 600  # with text before each
    python tests/data/resolution/select_candidates.py --split train --kind description
    python tests/data/resolution/select_candidates.py --check        # validate the JSONL

``--check`` verifies every line of the JSONL: key order, known article and split, the
source offsets give ``source_text`` and are a gold Source span of the first annotator,
``kind`` agrees with the classifier, the referent offsets give ``referent``, and no line
or source is listed twice.

Order is deterministic: dev articles first (metadata order), then train articles taken
round-robin over the publishers (each publisher's articles in metadata order); inside an
article, candidates by offset, at most ``--max-pronouns`` pronouns and
``--max-per-article`` candidates in all (``--split``/``--kind`` filter before those
caps).  Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT_ROOT = Path("/work/shared/data/polnear")
HERE = Path(__file__).resolve().parent
DEFAULT_JSONL = HERE / "polnear_sources.jsonl"

PRONOUNS = {
    "he", "she", "it", "they", "we", "i", "his", "her", "hers", "its", "their",
    "him", "them", "us", "me", "our", "my",
}
DETERMINERS = {"the", "a", "an"}
# Heads that name a document, poll or event rather than a speaker: such sources
# never point at a named person or organisation, so they are not listed.
NON_AGENT_HEADS = {
    "poll", "polls", "survey", "surveys", "report", "reports", "statement",
    "statements", "ad", "ads", "letter", "letters", "email", "emails", "study",
    "studies", "analysis", "article", "articles", "video", "videos", "memo",
    "results", "findings", "data", "book", "film", "clip", "tweet", "transcript",
    "editorial", "piece", "lawsuit", "suit", "complaint", "ruling", "document",
    "message", "release", "summary", "recording", "photo", "website", "page",
    "legislation", "law", "bill", "program", "case", "research", "average",
    "narrator", "announcer", "voice", "headline", "story", "move", "inquiry",
    "count", "review", "database", "bylaws", "rules", "spot", "slide",
}
# "<Name> campaign" and the like carry the referent's own name: not a description.
NAMED_ORG_HEADS = {"campaign", "campaigns", "administration", "team", "camp", "family"}
KEY_ORDER = (
    "split", "article", "source_start", "source_end", "source_text", "kind",
    "referent", "referent_start", "referent_end",
)


def read_metadata(root: Path) -> list[dict[str, str]]:
    with open(root / "metadata.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def article_order(meta: list[dict[str, str]]) -> list[dict[str, str]]:
    """Dev in metadata order, then train round-robin over publishers."""
    dev = [row for row in meta if row["compartment"] == "dev"]
    by_publisher: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in meta:
        if row["compartment"] == "train":
            by_publisher[row["publisher"]].append(row)
    publishers = sorted(by_publisher)
    train = []
    for i in range(max((len(v) for v in by_publisher.values()), default=0)):
        for publisher in publishers:
            rows = by_publisher[publisher]
            if i < len(rows):
                train.append(rows[i])
    return dev + train


def read_text(root: Path, split: str, article: str) -> str:
    with open(root / split / "text" / f"{article}.txt", encoding="utf-8", newline="") as handle:
        return handle.read()


def read_sources(root: Path, row: dict[str, str]) -> list[tuple[int, int, str]]:
    """Continuous Source spans of the article's first annotator, by offset."""
    annotator = row["annotators"].split("|")[0]
    path = root / row["compartment"] / "attributions" / f"{row['filename']}_{annotator}.ann"
    spans = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or not parts[0].startswith("T"):
                continue
            label, _, offsets = parts[1].partition(" ")
            if label != "Source" or ";" in offsets:
                continue
            start, end = (int(x) for x in offsets.split())
            spans.append((start, end, parts[2]))
    return sorted(set(spans))


def classify(span: str) -> str | None:
    """'pronoun', 'description' or None (a proper name or not a speaker)."""
    words = span.split()
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if len(words) < 2 or words[0].lower() not in DETERMINERS:
        return None
    tokens = [re.sub(r"[^\w.'’-]", "", w) for w in words]
    tokens = [t for t in tokens if t]
    if len(tokens) < 2 or len(tokens) > 6:
        return None
    head = tokens[-1].lower().removesuffix("'s").removesuffix("’s")
    if not tokens[-1][0].islower():  # "The New York Times", "the FBI": a name
        return None
    if head in NON_AGENT_HEADS:
        return None
    if head in NAMED_ORG_HEADS and len(tokens) >= 3 and tokens[-2][0].isupper():
        return None  # "the Clinton campaign", "the Obama administration"
    return "description"


def candidates(root: Path, max_per_article: int, max_pronouns: int,
               only_split: str | None = None, only_kind: str | None = None):
    meta = read_metadata(root)
    for row in article_order(meta):
        if only_split and row["compartment"] != only_split:
            continue
        text = read_text(root, row["compartment"], row["filename"])
        article = row["filename"]
        picked = []
        n_pronouns = 0
        for start, end, span in read_sources(root, row):
            if text[start:end] != span:
                raise SystemExit(f"{article}: offsets {start}-{end} do not match {span!r}")
            kind = classify(span)
            if kind is None or (only_kind and kind != only_kind):
                continue
            if kind == "pronoun":
                if n_pronouns >= max_pronouns:
                    continue
                n_pronouns += 1
            picked.append((start, end, span, kind))
            if len(picked) >= max_per_article:
                break
        for start, end, span, kind in picked:
            yield row, text, start, end, span, kind


def list_candidates(args) -> None:
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if not args.context:
        out.writerow(["n", "split", "publisher", "article", "start", "end", "kind", "source"])
    for n, (row, text, start, end, span, kind) in enumerate(
        candidates(args.root, args.max_per_article, args.max_pronouns, args.split, args.kind), 1
    ):
        if args.limit and n > args.limit:
            break
        fields = [n, row["compartment"], row["publisher"], row["filename"], start, end, kind, span]
        if args.context:
            before = text[max(0, start - args.context):start].replace("\n", " / ")
            after = text[end:end + 120].replace("\n", " / ")
            print("#" + "\t".join(map(str, fields)))
            print(f"    ...{before}[[{span}]]{after}...")
        else:
            out.writerow(fields)


def check(args) -> int:
    meta = {row["filename"]: row for row in read_metadata(args.root)}
    errors = []
    seen_lines: set[str] = set()
    seen_sources: set[tuple[str, int]] = set()
    gold_cache: dict[str, set[tuple[int, int, str]]] = {}
    counts: dict[str, int] = defaultdict(int)
    with open(args.jsonl, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for number, line in enumerate(lines, 1):
        where = f"line {number}"
        if line in seen_lines:
            errors.append(f"{where}: duplicate line")
        seen_lines.add(line)
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: not JSON ({exc})")
            continue
        if tuple(item) != KEY_ORDER:
            errors.append(f"{where}: keys {list(item)} != {list(KEY_ORDER)}")
            continue
        row = meta.get(item["article"])
        if row is None or row["compartment"] != item["split"]:
            errors.append(f"{where}: unknown article/split {item['split']}/{item['article']}")
            continue
        if item["kind"] not in ("pronoun", "description"):
            errors.append(f"{where}: bad kind {item['kind']!r}")
        text = read_text(args.root, item["split"], item["article"])
        s, e = item["source_start"], item["source_end"]
        if text[s:e] != item["source_text"]:
            errors.append(f"{where}: source text {text[s:e]!r} != {item['source_text']!r}")
        if item["article"] not in gold_cache:
            gold_cache[item["article"]] = set(read_sources(args.root, row))
        if (s, e, item["source_text"]) not in gold_cache[item["article"]]:
            errors.append(f"{where}: {s}-{e} is not a gold Source span of the first annotator")
        if classify(item["source_text"]) != item["kind"]:
            errors.append(f"{where}: kind {item['kind']} but classify() says "
                          f"{classify(item['source_text'])}")
        rs, re_ = item["referent_start"], item["referent_end"]
        if text[rs:re_] != item["referent"]:
            errors.append(f"{where}: referent text {text[rs:re_]!r} != {item['referent']!r}")
        key = (item["article"], s)
        if key in seen_sources:
            errors.append(f"{where}: source {key} listed twice")
        seen_sources.add(key)
        counts[item["kind"]] += 1
        counts[item["split"]] += 1
    for message in errors:
        print(message, file=sys.stderr)
    articles = {a for a, _ in seen_sources}
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{len(lines)} items, {len(articles)} articles ({summary}); {len(errors)} errors")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="PolNeAR folder")
    parser.add_argument("--max-per-article", type=int, default=8)
    parser.add_argument("--max-pronouns", type=int, default=4,
                        help="pronoun candidates per article at most")
    parser.add_argument("--split", choices=("dev", "train"), help="only this split")
    parser.add_argument("--kind", choices=("pronoun", "description"), help="only this kind")
    parser.add_argument("--limit", type=int, default=0, help="stop after N candidates")
    parser.add_argument("--context", type=int, default=0,
                        help="print N characters of text before each candidate")
    parser.add_argument("--check", action="store_true", help="validate the JSONL file")
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL)
    args = parser.parse_args()
    if args.check:
        return check(args)
    list_candidates(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
