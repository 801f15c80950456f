"""sources -> extract -> analyze -> store, in batches, over N processes, resumable.

Pages are read lazily and sent to workers in small batches, with a bounded number of
batches in flight, so memory does not grow with the corpus. Each worker loads the spaCy
model once and feeds a whole batch through `nlp.pipe`. Only the parent process writes,
one transaction per batch: a run killed with kill -9 loses at most the batches in
flight, and running the same command again skips every item already stored unchanged.
"""

from __future__ import annotations

import itertools
import multiprocessing
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .article import Article, Origin, Page
from .errors import NewsgraphError, ProcessingError
from .extract import extract_page
from .sources import BadItem, iter_items
from .store import Store
from .store import read as store_read
from .store import write as store_write


@dataclass
class Outcome:
    """What became of one page: an article, or the error that stopped it."""

    origin: Origin
    key: str  # the item's name in the store (see Page.item_key)
    sha1: str
    article: Article | None = None
    error: NewsgraphError | None = None


@dataclass
class RunReport:
    run_id: int
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def items(self) -> int:
        return self.stored + self.unchanged + self.failed

    def to_dict(self) -> dict:
        return {"run": self.run_id, "items": self.items, "stored": self.stored, "unchanged": self.unchanged,
                "failed": self.failed, "errors": dict(self.errors), "seconds": round(self.seconds, 2),
                "items_per_second": round(self.items / self.seconds, 2) if self.seconds else None}


# --- the work on one batch: the same function in-process, in a pool, or in a cluster task ----


def process_pages(pages: list[Page], analyse: bool = True) -> list[Outcome]:
    """Extract every page, then analyse the good ones together with one `nlp.pipe` pass."""
    outcomes = []
    for page in pages:
        try:
            outcomes.append(Outcome(page.origin, page.item_key, page.sha1, article=extract_page(page)))
        except NewsgraphError as exc:
            outcomes.append(Outcome(page.origin, page.item_key, page.sha1, error=exc))
        except Exception as exc:  # noqa: BLE001 - one bad page must never stop the run
            error = ProcessingError(f"{type(exc).__name__}: {exc}")
            outcomes.append(Outcome(page.origin, page.item_key, page.sha1, error=error))
    if analyse:
        good = [o for o in outcomes if o.article is not None]
        try:
            from .analyze import analyze_articles

            for outcome, analysed in zip(good, analyze_articles(o.article for o in good)):
                outcome.article = analysed
        except Exception:  # noqa: BLE001 - retry one by one so a single bad article cannot sink its batch
            for outcome in good:
                _analyse_one(outcome)
    return outcomes


def _analyse_one(outcome: Outcome) -> None:
    from .analyze import analyze_article

    try:
        outcome.article = analyze_article(outcome.article)
    except Exception as exc:  # noqa: BLE001
        outcome.article, outcome.error = None, ProcessingError(f"analysis failed: {type(exc).__name__}: {exc}")


def _warm_worker(analyse: bool) -> None:
    if analyse:
        from .analyze import warm_up

        warm_up()


# --- the run --------------------------------------------------------------------------


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def ingest(
    paths: list[str],
    db: str | Path = "newsgraph.db",
    workers: int = 1,
    format: str | None = None,
    analyse: bool = True,
    batch_size: int = 16,
    force: bool = False,
    on_progress: Callable[[RunReport, int], None] | None = None,
) -> RunReport:
    """Ingest every item under `paths` into the store at `db`; returns the run's counts."""
    started = time.perf_counter()
    with Store(db) as store:
        run_id = store_write.start_run(store.conn, {"paths": [str(p) for p in paths], "workers": workers,
                                                    "format": format, "analyse": analyse})
        report = RunReport(run_id)

        def commit(outcomes: list[Outcome], bad: list[BadItem]) -> None:
            with store.transaction() as conn:
                for item in bad:
                    store_write.record_error(conn, item.origin.key, item.origin, item.error, run_id)
                for outcome in outcomes:
                    if outcome.article is not None:
                        store_write.upsert_article(conn, outcome.article)
                        store_write.record_item(conn, outcome.key, outcome.sha1, outcome.article.id, run_id)
                    else:
                        store_write.record_error(conn, outcome.key, outcome.origin, outcome.error, run_id)
            for item in bad:
                report.failed += 1
                report.errors[item.error.kind] += 1
            for outcome in outcomes:
                if outcome.article is not None:
                    report.stored += 1
                else:
                    report.failed += 1
                    report.errors[outcome.error.kind] += 1
            if on_progress:
                on_progress(report, len(outcomes) + len(bad))

        def pending_batches() -> Iterator[list[Page]]:
            for chunk in batched(iter_items(paths, format), batch_size):
                bad = [item for item in chunk if isinstance(item, BadItem)]
                pages = [item for item in chunk if isinstance(item, Page)]
                if not force and pages:
                    known = store_read.known_items(store.conn, [p.item_key for p in pages])
                    fresh = [p for p in pages if known.get(p.item_key) != p.sha1]
                    report.unchanged += len(pages) - len(fresh)
                    if on_progress and len(fresh) < len(pages):
                        on_progress(report, len(pages) - len(fresh))
                    pages = fresh
                if bad:
                    commit([], bad)
                if pages:
                    yield pages

        if workers <= 1:
            _warm_worker(analyse)
            for pages in pending_batches():
                commit(process_pages(pages, analyse), [])
        else:
            _Pool(workers, analyse).run(pending_batches(), commit)

        report.seconds = time.perf_counter() - started
        with store.transaction() as conn:
            store_write.finish_run(conn, run_id, report.stored, report.unchanged, report.failed)
    return report


class _Pool:
    """A process pool that survives a worker dying (a crash in a C extension on a hostile page):
    the batches that were in flight are retried one page per process, so only the page that
    kills its process is recorded as failed, and the run goes on."""

    def __init__(self, workers: int, analyse: bool):
        self.workers, self.analyse = workers, analyse
        self.context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                                   else "spawn")
        self.executor = self._start(workers)

    def _start(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=self.context, initializer=_warm_worker,
                                   initargs=(self.analyse,))

    def run(self, batches: Iterator[list[Page]], commit) -> None:
        """Keep at most two batches per worker in flight; write each as it comes back."""
        in_flight: dict[Future, list[Page]] = {}
        try:
            for pages in batches:
                in_flight[self.executor.submit(process_pages, pages, self.analyse)] = pages
                while len(in_flight) >= 2 * self.workers:
                    self._collect(in_flight, commit)
            while in_flight:
                self._collect(in_flight, commit)
        finally:
            self.executor.shutdown(cancel_futures=True)

    def _collect(self, in_flight: dict[Future, list[Page]], commit) -> None:
        broken: list[list[Page]] = []
        for future in wait(in_flight, return_when=FIRST_COMPLETED).done:
            pages = in_flight.pop(future)
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                broken.append(pages)
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled back
                error = ProcessingError(f"worker failed: {type(exc).__name__}: {exc}")
                outcomes = [Outcome(p.origin, p.item_key, p.sha1, error=error) for p in pages]
            commit(outcomes, [])
        if broken:
            # Every future of a broken pool fails: take all that were in flight and start afresh.
            broken.extend(in_flight.values())
            in_flight.clear()
            self.executor.shutdown(cancel_futures=True)
            for pages in broken:
                commit([self._isolated(page) for page in pages], [])
            self.executor = self._start(self.workers)

    def _isolated(self, page: Page) -> Outcome:
        with self._start(1) as single:
            try:
                (outcome,) = single.submit(process_pages, [page], self.analyse).result()
                return outcome
            except BrokenProcessPool:
                return Outcome(page.origin, page.item_key, page.sha1,
                               error=ProcessingError("the worker process died on this item"))
