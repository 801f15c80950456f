"""The speed benchmark's rounds: every stage timed in every round, the fastest run kept."""

from __future__ import annotations

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
