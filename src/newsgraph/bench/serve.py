"""`newsgraph bench serve`: requests/s and latency of the web app under N concurrent clients.

The server runs as `newsgraph serve` would (uvicorn, same app, N workers) in a separate process on a free
loopback port; this process is the load generator. Requests are article pages and records (HTML and JSON)
and searches (HTML and JSON), with ids and words drawn from the store itself. The generator and the server
share the machine's cores, so the report says how much CPU each used in the measured window.
"""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psutil

from .loadgen import Tally, Target, percentile, run_load

GROUPS = ("article", "search")
FEW_ARTICLES = 1000  # under this, every page and index fits in cache and figures flatter a real store
_TITLE_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
HTML, JSON = "text/html", "application/json"


def sample_store(db: Path, seed: int = 0, words: int = 200) -> tuple[int, list[str], list[str]]:
    """(articles in the store, every article id, up to `words` title words of 4+ letters, drawn with `seed`)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
        vocabulary = sorted({word.lower() for (title,) in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL")
                             for word in _TITLE_WORD.findall(title)})
    finally:
        conn.close()
    rng = random.Random(seed)
    return len(ids), ids, rng.sample(vocabulary, min(words, len(vocabulary)))


def targets_for(ids: list[str], words: list[str]) -> list[Target]:
    """The four request kinds, drawn in equal shares: two per group, one HTML page and one API call each."""
    words = [quote(word) for word in words]
    return [Target("article page", "article", HTML, [f"/articles/{quote(i)}" for i in ids]),
            Target("api article", "article", JSON, [f"/api/articles/{quote(i)}" for i in ids]),
            Target("search page", "search", HTML, [f"/search?q={w}" for w in words]),
            Target("api search", "search", JSON, [f"/api/articles?q={w}" for w in words])]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """uvicorn over the app in a child process (its own session, so stopping it reaches its workers too)."""

    def __init__(self, db: Path, workers: int = 1, cache: bool = True, start_timeout: float = 60.0):
        self.db, self.workers, self.start_timeout = db, workers, start_timeout
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        # Access logging off: one log line per request would be a cost of this benchmark, not of the app.
        command = [sys.executable, "-m", "uvicorn", "--factory", "newsgraph.serve.app:app_from_environment",
                   "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers),
                   "--log-level", "warning", "--no-access-log"]
        env = {**os.environ, "NEWSGRAPH_DB": str(db.resolve()), "NEWSGRAPH_CACHE": "1" if cache else "0"}
        env.pop("NEWSGRAPH_WRITE_TOKEN", None)  # a benchmark has no business writing
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self) -> None:
        """Until the app answers a request (any status): the port being open is not enough."""
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with status {self.process.returncode}:\n{self.output()}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/articles?limit=1", timeout=5).close()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server did not answer within {self.start_timeout:.0f} s:\n{self.output()}")

    def cpu_seconds(self) -> dict[int, float]:
        """CPU seconds so far of the server and each of its workers, by pid."""
        seconds = {}
        try:
            parent = psutil.Process(self.process.pid)
            for proc in [parent, *parent.children(recursive=True)]:
                try:
                    times = proc.cpu_times()
                    seconds[proc.pid] = times.user + times.system
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        return seconds

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # uvicorn's graceful shutdown; with workers it stops them itself
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the session this server was started in
                self.process.wait()
        self.log.close()

    def __enter__(self) -> "Server":
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def summary(tally: Tally, seconds: float) -> dict:
    ok = len(tally.latencies)
    failed = sum(tally.errors.values())
    ordered = sorted(tally.latencies)

    def ms(share: float) -> float | None:
        value = percentile(ordered, share)
        return None if value is None else round(value * 1000, 1)

    return {"requests": ok + failed, "ok": ok, "errors": failed, "error_kinds": dict(tally.errors),
            "requests_per_s": round((ok + failed) / seconds, 1) if seconds else None,
            "repeated_url_share": round(tally.repeats / (ok + failed), 3) if ok + failed else None,
            "p50_ms": ms(0.50), "p95_ms": ms(0.95), "p99_ms": ms(0.99),
            "mean_kb": round(tally.bytes / ok / 1024, 1) if ok else None}


def bench_serve(db: Path, clients: int = 50, duration: float = 30.0, workers: int = 1, seed: int = 0,
                client: str = "raw", timeout: float = 10.0, cache: bool = True) -> dict:
    """The report: per group, per endpoint and overall figures, and the CPU each side used. `cache` serves
    as `newsgraph serve` does, with the app's response cache: URLs asked again are then answered from
    memory, so `--no-cache` is what measures the app's own work per request."""
    db = Path(db)
    if not db.is_file():
        raise FileNotFoundError(f"{db}: no such store")
    articles, ids, words = sample_store(db, seed)
    if not ids or not words:
        raise ValueError(f"{db}: the store needs articles with titles to draw ids and search words from")
    targets = targets_for(ids, words)
    clocks: dict = {}

    with Server(db, workers, cache) as server:
        def window_opens() -> None:
            clocks.update(generator=time.process_time(), server=server.cpu_seconds())
            psutil.cpu_percent()  # starts the machine-wide CPU clock; the next call reads it

        tallies, seconds = run_load("127.0.0.1", server.port, targets, clients, duration, timeout=timeout,
                                    seed=seed, kind=client, on_open=window_opens)
        generator_cpu = time.process_time() - clocks["generator"]
        machine = psutil.cpu_percent()
        server_cpu = sum(now - clocks["server"].get(pid, 0.0) for pid, now in server.cpu_seconds().items())

    groups = {group: Tally() for group in GROUPS}
    overall = Tally()
    for target in targets:
        groups[target.group].merge(tallies[target.name])
        overall.merge(tallies[target.name])
    cpus = os.cpu_count() or 1
    answered = len(overall.latencies) + sum(overall.errors.values())
    warnings = []
    if articles < FEW_ARTICLES:
        warnings.append(f"only {articles} articles in the store (under {FEW_ARTICLES}): the figures flatter a real one")
    return {
        "db": str(db), "articles": articles, "search_words": len(words), "clients": clients,
        "duration_s": duration, "workers": workers, "cache": cache, "client": client, "seconds": round(seconds, 2),
        "cpus": cpus,
        "groups": {group: summary(tally, seconds) for group, tally in groups.items()},
        "endpoints": {target.name: summary(tallies[target.name], seconds) for target in targets},
        "overall": summary(overall, seconds),
        # Shares of one core (1.0 = a core busy the whole window); the machine's figure is of all cores.
        "cpu": {"generator_cores": round(generator_cpu / seconds, 2), "server_cores": round(server_cpu / seconds, 2),
                "machine_percent": machine,
                "server_ms_per_request": round(server_cpu * 1000 / answered, 2) if answered else None,
                "generator_ms_per_request": round(generator_cpu * 1000 / answered, 3) if answered else None},
        "errors": sum(overall.errors.values()),
        "warnings": warnings,
    }


def format_report(report: dict) -> str:
    lines = [f"bench serve: {report['articles']} articles, {report['clients']} clients, {report['workers']} "
             f"worker(s), response cache {'on' if report['cache'] else 'off'}, {report['seconds']:.1f} s measured, "
             f"{report['client']} client, {report['cpus']} CPUs", ""]
    rows = [*report["groups"].items(), ("overall", report["overall"]), ("", None), *report["endpoints"].items()]
    width = max(len(name) for name, _ in rows)
    lines.append(f"{'':<{width}} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                 f"{'errors':>7} {'mean KB':>8} {'repeat':>7}")
    for name, row in rows:
        if row is None:
            lines.append("")
            continue
        cells = [f"{'-' if row[key] is None else row[key]:>8}" for key in ("requests_per_s", "p50_ms", "p95_ms", "p99_ms")]
        repeat = "-" if row["repeated_url_share"] is None else f"{row['repeated_url_share']:.0%}"
        lines.append(f"{name:<{width}} {row['requests']:>9} {' '.join(cells)} {row['errors']:>7} "
                     f"{'-' if row['mean_kb'] is None else row['mean_kb']:>8} {repeat:>7}")
    cpu = report["cpu"]
    lines += ["", f"CPU in the window: generator {cpu['generator_cores']:.2f} cores "
              f"({cpu['generator_ms_per_request']} ms a request), server {cpu['server_cores']:.2f} cores "
              f"({cpu['server_ms_per_request']} ms a request), whole machine {cpu['machine_percent']:.0f}% of "
              f"{report['cpus']} cores (other work on the machine makes these figures noisy)",
              "repeat: share of requests for a URL already asked for, which the response cache answers from memory"
              + (" (each worker keeps its own cache, so fewer of them are hits)" if report["workers"] > 1 else "")
              if report["cache"] else "response cache off: every request does the app's full work"]
    for kind, count in report["overall"]["error_kinds"].items():
        lines.append(f"error: {kind}: {count}")
    lines += [f"warning: {warning}" for warning in report["warnings"]]
    return "\n".join(lines)
