"""`newsgraph bench speed`: pages/s and words/s per stage, on the same pages in the same run.

Stages: plain trafilatura, our extraction, spaCy alone on our extracted paragraphs, then the
full ingest (extract + analyse + store) with 1 worker and with N workers. The ratio that
matters: full ingest against "trafilatura plus spaCy alone", the least any pipeline that
cleans pages and runs the model must spend.
"""

from __future__ import annotations

import os
import random
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import psutil

from ..analyze import NO_ATTRIBUTIONS
from ..article import Page
from ..errors import NewsgraphError
from ..extract import extract_page
from ..sources import iter_items


@dataclass
class StageResult:
    name: str
    pages: int
    words: int
    seconds: float
    peak_mb: float
    runs: list[float] = field(default_factory=list)  # every run's seconds, in round order

    def to_dict(self) -> dict:
        return {"stage": self.name, "pages": self.pages, "words": self.words, "seconds": round(self.seconds, 3),
                "pages_per_s": round(self.pages / self.seconds, 2) if self.seconds else None,
                "words_per_s": round(self.words / self.seconds) if self.seconds else None,
                "peak_mb": round(self.peak_mb, 1), "runs": [round(s, 3) for s in self.runs]}


class PeakMemory:
    """Samples the resident memory of this process and its children while a stage runs."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def page_folder(data: Path) -> Path:
    """The folder of pages inside a benchmark folder (aeb and wcxb keep them in html/)."""
    return data / "html" if (data / "html").is_dir() else data


def load_pages(data: Path, limit: int | None) -> list[Page]:
    pages = []
    for item in iter_items([str(page_folder(data))]):
        if isinstance(item, Page):
            pages.append(item)
            if limit and len(pages) >= limit:
                break
    return pages


def _time_once(name: str, pages: int, work) -> StageResult:
    with PeakMemory() as memory:
        start = time.perf_counter()
        words = work()
        seconds = time.perf_counter() - start
    return StageResult(name, pages, words, seconds, memory.peak / 1e6)


def _timed_rounds(stages: list[tuple[str, int, object]], repeat: int, seed: int = 0) -> list[StageResult]:
    """Every stage once per round, `repeat` rounds; each stage keeps its fastest run.

    Rounds rather than each stage's runs back to back, so that a busy spell on a shared
    machine slows one run of every stage instead of every run of one stage, and the ratios
    between stages stay fair. The first round runs the stages as listed (later stages use what
    earlier ones made); each later round runs them in a shuffled order, so that a disturbance
    that comes back at a steady interval (a neighbour's periodic job on a shared host) cannot
    fall on the same stage in every round.
    """
    order = random.Random(seed)
    results: dict[str, list[StageResult]] = {name: [] for name, _, _ in stages}
    for round_number in range(repeat):
        plan = list(stages)
        if round_number:
            order.shuffle(plan)
        for name, pages, work in plan:
            results[name].append(_time_once(name, pages, work))
    fastest = []
    for name, _, _ in stages:
        best = min(results[name], key=lambda result: result.seconds)
        fastest.append(replace(best, runs=[result.seconds for result in results[name]]))
    return fastest


@contextmanager
def _attributions(on: bool):
    """Ingest with or without the attribution stage (workers inherit the setting)."""
    previous = os.environ.get(NO_ATTRIBUTIONS)
    if not on:
        os.environ[NO_ATTRIBUTIONS] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(NO_ATTRIBUTIONS, None)
        else:
            os.environ[NO_ATTRIBUTIONS] = previous


def bench_speed(data: Path, limit: int | None = None, workers: int = 2, batch_size: int = 16,
                repeat: int = 1, paired: float = 0) -> dict:
    import trafilatura

    from ..analyze import warm_up
    from ..analyze.attributions import COMPONENT
    from ..pipeline import ingest

    pages = load_pages(data, limit)
    if not pages:
        raise SystemExit(f"{data}: no pages found")
    nlp = warm_up()  # model and tables loaded before any clock starts, as every worker does once

    extracted: list = []  # the extract stage's articles, which the spaCy stage analyses
    body_words = [0]  # their words, counted once by the extract stage for the later ones

    def run_trafilatura():
        texts = [trafilatura.extract(_decoded(page)) or "" for page in pages]
        return sum(len(t.split()) for t in texts)

    def run_extract():
        articles = []
        for page in pages:
            try:
                articles.append(extract_page(page))
            except NewsgraphError:
                pass
        extracted[:] = articles
        body_words[0] = sum(len(a.text.split()) for a in articles)
        return body_words[0]

    def run_spacy():
        texts = [t for a in extracted for t in ([a.title] if a.title else []) + a.paragraphs]
        for _ in nlp.pipe(texts, batch_size=64, disable=[COMPONENT]):
            pass
        return body_words[0]

    def run_ingest(count: int, attributions: bool = True):
        with tempfile.TemporaryDirectory() as folder, _attributions(attributions):
            source = str(page_folder(data)) if limit is None else _copy_subset(pages, folder)
            ingest([source], db=os.path.join(folder, "bench.db"), workers=count, batch_size=batch_size)
        return body_words[0]

    plan = [("trafilatura", len(pages), run_trafilatura), ("extract", len(pages), run_extract),
            ("spacy", len(pages), run_spacy),
            ("ingest x1, no attributions", len(pages), lambda: run_ingest(1, False))]
    plan += [(f"ingest x{count}", len(pages), lambda count=count: run_ingest(count)) for count in sorted({1, workers})]
    stages = _timed_rounds(plan, repeat)
    words = body_words[0]

    by_name = {s.name: s for s in stages}
    floor_seconds = by_name["trafilatura"].seconds + by_name["spacy"].seconds
    one = by_name["ingest x1"]
    ratios = {"ingest_vs_trafilatura_plus_spacy": round(floor_seconds / one.seconds, 3),
              "attribution_share_of_ingest": round(one.seconds / by_name["ingest x1, no attributions"].seconds - 1, 3)}
    if workers > 1:
        ratios[f"ingest_x{workers}_speedup"] = round(one.seconds / by_name[f"ingest x{workers}"].seconds, 3)
    report = {"data": str(data), "pages": len(pages), "words": words, "cpus": os.cpu_count(), "repeat": repeat,
              "stages": [s.to_dict() for s in stages], "ratios": ratios}
    if paired:
        from .paired import paired_ratio

        report["paired"] = paired_ratio(lambda: (run_trafilatura(), run_spacy()), lambda: run_ingest(1), paired)
        ratios["paired_ingest_vs_trafilatura_plus_spacy"] = report["paired"]["ratio"]
    return report


def _decoded(page: Page) -> str:
    from ..extract.decode import decode_bytes

    return decode_bytes(page.content)


def _copy_subset(pages: list[Page], folder: str) -> str:
    """Write the first N pages to a folder so the ingest reads exactly the pages the other stages saw."""
    target = Path(folder) / "pages"
    target.mkdir()
    for n, page in enumerate(pages):
        suffix = Path(page.origin.path or "").name or f"{n}.html"
        (target / f"{n:05d}_{suffix}").write_bytes(page.content)
    return str(target)


def format_report(report: dict) -> str:
    lines = [f"bench speed: {report['pages']} pages, {report['words']} words of body, {report['cpus']} CPUs, "
             f"best of {report['repeat']} runs per stage", ""]
    width = max(len(stage["stage"]) for stage in report["stages"])
    lines.append(f"{'stage':<{width}} {'seconds':>9} {'pages/s':>9} {'words/s':>9} {'peak MB':>9}  every run")
    for stage in report["stages"]:
        every = " ".join(f"{seconds:.2f}" for seconds in stage["runs"])
        lines.append(f"{stage['stage']:<{width}} {stage['seconds']:>9.2f} {stage['pages_per_s']:>9.2f} "
                     f"{stage['words_per_s']:>9} {stage['peak_mb']:>9.1f}  {every}")
    lines.append("")
    if "paired" in report:
        for half in report["paired"]["halves"]:
            lines.append(f"paired, floor on core {half['floor_core']}, ingest on core {half['ingest_core']}: "
                         f"trafilatura + spacy {' '.join(f'{s:.2f}' for s in half['floor_runs'])}; "
                         f"ingest x1 {' '.join(f'{s:.2f}' for s in half['ingest_runs'])}; ratio {half['ratio']}")
        lines.append("")
    for name, value in report["ratios"].items():
        lines.append(f"{name}: {value}")
    return "\n".join(lines)
