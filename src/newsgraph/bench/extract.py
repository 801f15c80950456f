"""`newsgraph bench extract`: body precision/recall/F1 and metadata accuracy.

Two folder shapes are understood:
- aeb-style: `ground-truth.json` ({id: {articleBody, url}}), `html/<id>.html.gz`, `text/<id>.txt`;
- wcxb-style: `ground-truth/<id>.json` (field `ground_truth`: title, author, publish_date,
  main_content) and `html/<id>.html.gz`.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..article import Article, Origin, Page
from ..errors import NewsgraphError
from ..extract import extract_page
from .metrics import PageScore, corpus_prf, shingle_score


@dataclass
class Case:
    id: str
    content: bytes
    url: str | None
    body: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass
class SystemResult:
    name: str
    scores: dict[str, PageScore] = field(default_factory=dict)
    title_ok: dict[str, bool] = field(default_factory=dict)
    author_ok: dict[str, bool] = field(default_factory=dict)
    date_ok: dict[str, bool] = field(default_factory=dict)
    word_f1: dict[str, float] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        p, r, f = corpus_prf(list(self.scores.values()))
        out = {"system": self.name, "pages": len(self.scores), "precision": round(p, 4), "recall": round(r, 4),
               "f1": round(f, 4), "errors": self.errors, "seconds": round(self.seconds, 2)}
        for name, values in (("title_exact", self.title_ok), ("author", self.author_ok), ("date", self.date_ok)):
            if values:
                out[name] = round(sum(values.values()) / len(values), 4)
        if self.word_f1:
            out["word_f1"] = round(sum(self.word_f1.values()) / len(self.word_f1), 4)
        return out


def load_cases(data: Path, mode: str) -> Iterator[Case]:
    if (data / "ground-truth.json").exists():
        truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            if mode == "text":
                content = (data / "text" / f"{page_id}.txt").read_bytes()
            else:
                content = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
            yield Case(page_id, content, truth[page_id].get("url"), truth[page_id]["articleBody"])
    elif (data / "ground-truth").is_dir():
        if mode == "text":
            raise SystemExit("text mode needs an aeb-style folder with text/ files")
        for path in sorted((data / "ground-truth").glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            gold = record["ground_truth"]
            html_path = data / "html" / f"{path.stem}.html.gz"
            if not html_path.exists():
                continue
            yield Case(path.stem, gzip.decompress(html_path.read_bytes()), record.get("url"),
                       gold.get("main_content") or "", gold.get("title"), gold.get("author"), gold.get("publish_date"))
    else:
        raise SystemExit(f"{data}: neither ground-truth.json nor ground-truth/ found")


# --- metadata comparison -------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\xa0": " "})


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(text.split()).strip().casefold()


def title_matches(gold: str | None, predicted: str | None) -> bool:
    return _norm(gold) == _norm(predicted)


_NAME_STOPWORDS = {"and", "by", "the"}
# Honorifics and post-nominal letters say who a person is, not which person: "Dr. Jane Doe, MD, RD"
# and "Jane Doe" name the same author. Only unambiguous ones are listed ("Ma", "Ba", "Do" and "Pa"
# are surnames, so MA, BA, DO and PA are not).
_NAME_TITLES = {
    "dr", "prof", "mr", "mrs", "ms", "mx", "sir", "esq",
    "phd", "dphil", "edd", "md", "mba", "msc", "bsc", "mph", "jd", "llm",
    "rn", "bsn", "msn", "np", "dvm", "dds", "dmd", "rd", "rdn", "ld", "ldn", "cdces", "facp", "facs", "faclm",
    "fand", "frcs", "frcp", "lcsw", "lpc", "lmft",
    "cpa", "cfp", "cfa", "chfc", "clu", "cepf", "cissp", "cpp", "psp",
}
# Dotted abbreviations are one token whichever way they are spaced ("Ph.D.", "A.J." and "A. J.").
_DOTTED = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,2})\.\s?(?=[^\W\d_]\.)")


def _name_tokens(text: str) -> Counter:
    tokens = re.findall(r"\w+", _DOTTED.sub(r"\1", _norm(text)))
    return Counter(t for t in tokens if t not in _NAME_STOPWORDS and t not in _NAME_TITLES)


def author_matches(gold: str | None, predicted: list[str]) -> bool:
    """Same words in the names, whatever the separators and order, honorifics and post-nominal
    letters aside; both empty counts as right."""
    if not (gold or "").strip():
        return not any(name.strip() for name in predicted)  # "By" alone is a wrong author, not no author
    return _name_tokens(gold or "") == _name_tokens(" ".join(predicted))


def date_matches(gold: str | None, predicted: str | None) -> bool:
    return (gold or "")[:10] == (predicted or "")[:10]


def word_bag_f1(truth: str, prediction: str) -> float:
    t = Counter(re.findall(r"\w+", truth.lower()))
    p = Counter(re.findall(r"\w+", prediction.lower()))
    overlap = sum((t & p).values())
    if not overlap:
        return 1.0 if not t and not p else 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall)


# --- systems -------------------------------------------------------------------------

Extractor = Callable[[Case, str], Article]


def newsgraph_system(case: Case, mode: str) -> Article:
    return extract_page(Page(content=case.content, url=case.url, format=mode, origin=Origin(path=case.id)))


def trafilatura_system(case: Case, mode: str) -> Article:
    """Plain trafilatura with its default settings, as a user would run it."""
    import html as html_lib

    import trafilatura

    text = case.content.decode("utf-8", errors="replace")
    if mode == "text":
        text = "<html><body>" + "".join(f"<p>{html_lib.escape(l)}</p>" for l in text.split("\n") if l.strip()) + "</body></html>"
    found = trafilatura.bare_extraction(text, url=case.url, with_metadata=True)
    doc = found.as_dict() if found is not None else {}
    body = doc.get("text") or ""
    return Article(text=body, paragraphs=body.split("\n"), title=doc.get("title"),
                   authors=[a.strip() for a in (doc.get("author") or "").split(";") if a.strip()],
                   published=doc.get("date"))


SYSTEMS: dict[str, Extractor] = {"newsgraph": newsgraph_system, "trafilatura": trafilatura_system}


def run_system(name: str, cases: list[Case], mode: str) -> SystemResult:
    result = SystemResult(name)
    extractor = SYSTEMS[name]
    start = time.perf_counter()
    for case in cases:
        try:
            article = extractor(case, mode)
        except NewsgraphError:
            result.errors += 1
            article = Article()
        result.scores[case.id] = shingle_score(case.body, article.text)
        if case.title is not None:  # a wcxb-style folder: metadata truth available
            result.title_ok[case.id] = title_matches(case.title, article.title)
            result.author_ok[case.id] = author_matches(case.author, article.authors)
            result.date_ok[case.id] = date_matches(case.date, article.published)
            result.word_f1[case.id] = word_bag_f1(case.body, article.text)
    result.seconds = time.perf_counter() - start
    return result


def bench_extract(data: Path, mode: str = "html", compare: list[str] | None = None, worst: int = 10,
                  limit: int | None = None) -> dict:
    cases = list(load_cases(data, mode))[:limit]
    results = [run_system("newsgraph", cases, mode)] + [run_system(name, cases, mode) for name in compare or []]
    ours = results[0]
    worst_pages = sorted(ours.scores.items(), key=lambda item: item[1].f1)[:worst]
    report = {
        "data": str(data), "mode": mode, "pages": len(cases),
        "systems": [r.summary() for r in results],
        "worst": [{"id": pid, "precision": s.precision, "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
                  for pid, s in worst_pages],
    }
    if ours.title_ok:
        report["metadata_misses"] = {
            field_name: [pid for pid, ok in values.items() if not ok][:worst]
            for field_name, values in (("title", ours.title_ok), ("author", ours.author_ok), ("date", ours.date_ok))
        }
    return report


def format_report(report: dict) -> str:
    lines = [f"bench extract: {report['pages']} pages from {report['data']} ({report['mode']} mode)", ""]
    columns = ["system", "precision", "recall", "f1", "title_exact", "author", "date", "word_f1", "errors", "seconds"]
    present = [c for c in columns if any(c in s for s in report["systems"])]
    lines.append("  ".join(f"{c:>11}" for c in present))
    for system in report["systems"]:
        lines.append("  ".join(f"{system.get(c, ''):>11}" if not isinstance(system.get(c), float)
                               else f"{system[c]:>11.4f}" for c in present))
    lines += ["", "worst pages (newsgraph):"]
    for page in report["worst"]:
        precision = "   -  " if page["precision"] is None else f"{page['precision']:.3f}"
        lines.append(f"  f1 {page['f1']:.3f}  p {precision}  r {page['recall']:.3f}  {page['id']}")
    for field_name, ids in report.get("metadata_misses", {}).items():
        lines.append(f"{field_name} misses (first {len(ids)}): {' '.join(ids)}")
    return "\n".join(lines)
