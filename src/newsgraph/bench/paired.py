"""The floor (trafilatura + spaCy alone) and the full ingest timed side by side, each on a core of its own.

On a shared machine a core's speed drifts by tens of per cent over minutes, so two stages timed one
after the other can meet different machines, and their ratio is a draw. Run at the same time, each
pinned to its own core, both meet the same spell; a second half with the cores swapped cancels any
difference between the two cores. Only runs that end while the other side is still running count,
so that neither side has the machine to itself. The ratio is of the mean run times.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from typing import Callable


# Both sides are forked together; one not at the start line by then has failed.
_START_WITHIN = 60.0


class PairingUnavailable(RuntimeError):
    """Fewer than two cores to pin to, or no fork to share the loaded model with the two sides."""


def paired_ratio(floor: Callable[[], object], ingest: Callable[[], object], seconds: float) -> dict:
    """Time `floor` and `ingest` concurrently for `seconds` per half, cores swapped between halves."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cores) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        raise PairingUnavailable("the paired timing needs two cores and fork")
    context = multiprocessing.get_context("fork")  # the children share the parent's loaded model
    halves = []
    for floor_core, ingest_core in ((cores[0], cores[1]), (cores[1], cores[0])):
        floor_runs, ingest_runs = _side_by_side(context, (floor, floor_core), (ingest, ingest_core), seconds)
        halves.append({"floor_core": floor_core, "ingest_core": ingest_core, "floor_runs": floor_runs,
                       "ingest_runs": ingest_runs, "ratio": _ratio(floor_runs, ingest_runs)})
    all_floor = [s for half in halves for s in half["floor_runs"]]
    all_ingest = [s for half in halves for s in half["ingest_runs"]]
    return {"seconds_per_half": seconds, "halves": halves, "ratio": _ratio(all_floor, all_ingest)}


def _side_by_side(context, floor_side, ingest_side, seconds: float) -> tuple[list[float], list[float]]:
    barrier, results = context.Barrier(2), context.Queue()
    processes = [context.Process(target=_repeat, args=(name, work, core, seconds, barrier, results))
                 for name, (work, core) in (("floor", floor_side), ("ingest", ingest_side))]
    for process in processes:
        process.start()
    spans = dict(results.get() for _ in processes)
    for process in processes:
        process.join()
    if any(process.exitcode for process in processes) or not all(spans.get(k) for k in ("floor", "ingest")):
        raise RuntimeError("a side of the paired timing failed")
    both_running_until = min(spans["floor"][-1][1], spans["ingest"][-1][1])
    kept = {name: [end - start for start, end in runs if end <= both_running_until] for name, runs in spans.items()}
    if not all(kept.values()):
        raise ValueError(f"no run of one side ended within the other's {seconds:g} s: give the halves more seconds")
    return kept["floor"], kept["ingest"]


def _repeat(name: str, work: Callable[[], object], core: int, seconds: float, barrier, results) -> None:
    runs: list[tuple[float, float]] = []
    try:
        os.sched_setaffinity(0, {core})
        barrier.wait(timeout=_START_WITHIN)
        end = time.perf_counter() + seconds
        while not runs or time.perf_counter() < end:
            start = time.perf_counter()
            work()
            runs.append((start, time.perf_counter()))
    except BaseException:
        barrier.abort()  # the other side must not wait for this one at the start
        raise
    finally:
        results.put((name, runs))


def _ratio(floor_runs: list[float], ingest_runs: list[float]) -> float:
    return round((sum(floor_runs) / len(floor_runs)) / (sum(ingest_runs) / len(ingest_runs)), 3)
