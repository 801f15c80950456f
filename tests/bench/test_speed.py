"""The speed benchmark's rounds (every stage timed in every round, the fastest run kept) and its
paired timing (the floor and the ingest side by side, each on its own core)."""

from __future__ import annotations

import os
import time

import pytest

from newsgraph.bench.paired import PairingUnavailable, paired_ratio
from newsgraph.bench.speed import _timed_rounds, format_report


def test_rounds_run_every_stage_once_each_and_keep_the_fastest():
    calls: list[str] = []

    def stage(name):
        def work():
            calls.append(name)
            return 10
        return name, 2, work

    names = ["trafilatura", "extract", "spacy", "ingest x1", "ingest x2"]
    results = _timed_rounds([stage(name) for name in names], repeat=5)
    assert [r.name for r in results] == names  # reported in the listed order
    assert all(len(r.runs) == 5 and r.seconds == min(r.runs) for r in results)
    rounds = [calls[i:i + len(names)] for i in range(0, len(calls), len(names))]
    assert len(rounds) == 5 and all(sorted(order) == sorted(names) for order in rounds)
    # the first round keeps the listed order (later stages use what earlier ones made); later
    # rounds do not all repeat one order, so a periodic disturbance cannot always hit one stage
    assert rounds[0] == names
    assert len({tuple(order) for order in rounds[1:]}) > 1


def test_report_lists_every_run():
    results = _timed_rounds([("spacy", 1, lambda: 5)], repeat=3)
    report = {"pages": 1, "words": 5, "cpus": 2, "repeat": 3, "stages": [r.to_dict() for r in results],
              "ratios": {}}
    line = next(line for line in format_report(report).splitlines() if line.startswith("spacy"))
    assert len(line.split()) == 5 + 3  # name, seconds, pages/s, words/s, peak MB, then the three runs


def _busy(seconds):
    def work():
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            pass
    return work


def test_paired_timing_swaps_the_cores_and_keeps_only_runs_while_both_sides_run():
    if len(os.sched_getaffinity(0)) < 2:
        with pytest.raises(PairingUnavailable):
            paired_ratio(_busy(0.01), _busy(0.15), 0.2)
        return
    # the floor side stops at 0.2 s; the ingest side's second run (0.15 s to 0.30 s) ends with the
    # machine to itself, and is dropped
    report = paired_ratio(_busy(0.01), _busy(0.15), 0.2)
    first, second = report["halves"]
    assert (first["floor_core"], first["ingest_core"]) == (second["ingest_core"], second["floor_core"])
    for half in report["halves"]:
        assert len(half["floor_runs"]) > 10 and len(half["ingest_runs"]) == 1
    runs = [half[f"{side}_runs"] for half in report["halves"] for side in ("floor", "ingest")]
    floor, ingest = runs[0] + runs[2], runs[1] + runs[3]
    assert report["ratio"] == round((sum(floor) / len(floor)) / (sum(ingest) / len(ingest)), 3)


def test_a_failing_side_of_the_paired_timing_is_an_error_not_a_hang(monkeypatch):
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        with pytest.raises(PairingUnavailable, match="needs two cores"):
            paired_ratio(_busy(0.01), _busy(0.01), 0.1)
        return

    def broken():
        raise ValueError("broken stage")

    # failing mid-run: the other side runs out its time
    with pytest.raises(RuntimeError, match="failed"):
        paired_ratio(broken, _busy(0.01), 0.1)
    # failing before the start line: the other side must not wait for it (the forked sides
    # inherit the patched call)
    pin = os.sched_setaffinity

    def pin_or_fail(pid, wanted):
        if wanted == {cores[1]}:
            raise OSError("core not available")
        pin(pid, wanted)

    monkeypatch.setattr(os, "sched_setaffinity", pin_or_fail)
    started = time.perf_counter()
    with pytest.raises(RuntimeError, match="failed"):
        paired_ratio(_busy(0.01), _busy(0.01), 0.1)
    assert time.perf_counter() - started < 30  # well within the start line's own timeout


def test_paired_timing_refuses_halves_too_short_to_pair_anything():
    expected = ValueError if len(os.sched_getaffinity(0)) >= 2 else PairingUnavailable
    with pytest.raises(expected, match="more seconds" if expected is ValueError else "needs two cores"):
        paired_ratio(_busy(0.01), _busy(0.3), 0.05)
