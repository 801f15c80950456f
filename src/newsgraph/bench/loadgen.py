"""A closed-loop HTTP/1.1 load generator for `newsgraph bench serve`.

Each client holds one keep-alive connection and sends its next request as soon as the previous answer
has arrived. The machine this runs on is small and the server shares its cores, so the default client
is a few lines of asyncio streams rather than httpx: measured here at 20 clients, about 0.2 ms of CPU per
request against httpx's 5 ms, CPU that the server would otherwise have had.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Target:
    """One kind of request: a name, the group it is reported under, and how to build its next path."""

    name: str
    group: str
    accept: str
    paths: list[str]


@dataclass
class Tally:
    """What one kind of request got during the measured window."""

    latencies: list[float] = field(default_factory=list)  # seconds, answered with 200 only
    errors: Counter = field(default_factory=Counter)
    bytes: int = 0
    repeats: int = 0  # requests for a URL some client had already asked for: the server may have it cached

    def merge(self, other: "Tally") -> None:
        self.latencies += other.latencies
        self.errors.update(other.errors)
        self.bytes += other.bytes
        self.repeats += other.repeats


class BadResponse(Exception):
    """The server answered something that is not HTTP/1.1 this client can read."""


class RawConnection:
    """One HTTP/1.1 keep-alive connection over asyncio streams; reads Content-Length and chunked bodies."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, path: str, accept: str) -> tuple[int, int]:
        """(status, body bytes). Opens the connection on first use and again after the server closed it."""
        request = (f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: {accept}\r\n"
                   f"User-Agent: newsgraph-bench\r\n\r\n").encode()
        reused = self.writer is not None
        if not reused:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(request)
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            # An idle keep-alive connection the server closed (uvicorn does after 5 s, e.g. while others warm
            # up) ends before any answer: that is not a failed request, so send it once more on a new one.
            if not reused or getattr(error, "partial", b""):
                raise
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.writer.write(request)
            head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise BadResponse(lines[0][:80])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if "content-length" in headers:
            size = int(headers["content-length"])
            await self.reader.readexactly(size)
        elif headers.get("transfer-encoding") == "chunked":
            size = await self._chunked()
        else:  # no length: the body runs to the end of the connection
            size = len(await self.reader.read())
            headers["connection"] = "close"
        if headers.get("connection") == "close":
            await self.close()
        return int(parts[1]), size

    async def _chunked(self) -> int:
        total = 0
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while await self.reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
                    pass
                return total
            await self.reader.readexactly(size + 2)
            total += size

    async def close(self) -> None:
        writer, self.reader, self.writer = self.writer, None, None
        if writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except (OSError, asyncio.IncompleteReadError):
                pass


class HttpxConnection:
    """The same interface over one shared httpx.AsyncClient, to compare the generator's own CPU cost."""

    def __init__(self, client):
        self.client = client

    async def get(self, path: str, accept: str) -> tuple[int, int]:
        response = await self.client.get(path, headers={"accept": accept})
        return response.status_code, len(response.content)

    async def close(self) -> None:
        pass


class _Window:
    """The measured window, opened once every client has warmed up, so the first requests' costs (connecting,
    compiling templates, filling caches) fall outside it."""

    def __init__(self, clients: int, duration: float, on_open=None):
        self.waiting, self.duration, self.open, self.on_open = clients, duration, asyncio.Event(), on_open
        self.asked: set[str] = set()
        self.start = self.deadline = 0.0

    async def ready(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            if self.on_open is not None:
                self.on_open()
            self.start = time.perf_counter()
            self.deadline = self.start + self.duration
            self.open.set()
        await self.open.wait()


async def _client(connection, targets: list[Target], rng: random.Random, tallies: dict[str, Tally],
                  window: _Window, timeout: float, warmup: int) -> float:
    """Closed loop until the deadline: a request, its answer, the next request. Returns when it stopped."""
    try:
        for _ in range(warmup):
            await _one(connection, rng.choice(targets), rng, Tally(), timeout, window.asked)
        await window.ready()
        while time.perf_counter() < window.deadline:
            target = rng.choice(targets)
            await _one(connection, target, rng, tallies[target.name], timeout, window.asked)
        return time.perf_counter()
    finally:
        await connection.close()


async def _one(connection, target: Target, rng: random.Random, tally: Tally, timeout: float, asked: set[str]) -> None:
    path = rng.choice(target.paths)
    if path in asked:
        tally.repeats += 1
    asked.add(path)
    start = time.perf_counter()
    try:
        status, size = await asyncio.wait_for(connection.get(path, target.accept), timeout)
    except asyncio.TimeoutError:
        tally.errors["timeout"] += 1
        await connection.close()  # a late answer must not be read as the next request's
        return
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, BadResponse, ValueError) as error:
        tally.errors[f"connection ({type(error).__name__})"] += 1
        await connection.close()
        await asyncio.sleep(0.05)  # a refused connect would otherwise spin
        return
    if status == 200:
        tally.latencies.append(time.perf_counter() - start)
        tally.bytes += size
    else:
        tally.errors[f"status {status}"] += 1


async def _run(host: str, port: int, targets: list[Target], clients: int, duration: float, timeout: float,
               seed: int, kind: str, warmup: int, on_open) -> tuple[list[dict[str, Tally]], float]:
    httpx_client = None
    if kind == "httpx":
        import httpx

        httpx_client = httpx.AsyncClient(base_url=f"http://{host}:{port}", timeout=None,
                                         limits=httpx.Limits(max_connections=clients,
                                                             max_keepalive_connections=clients))
    tallies = [{t.name: Tally() for t in targets} for _ in range(clients)]
    window = _Window(clients, duration, on_open)
    try:
        stopped = await asyncio.gather(*(
            _client(HttpxConnection(httpx_client) if httpx_client else RawConnection(host, port), targets,
                    random.Random(seed * 1000 + n), tallies[n], window, timeout, warmup)
            for n in range(clients)))
    finally:
        if httpx_client is not None:
            await httpx_client.aclose()
    return tallies, max(stopped) - window.start


def run_load(host: str, port: int, targets: list[Target], clients: int, duration: float, timeout: float = 10.0,
             seed: int = 0, kind: str = "raw", warmup: int = 2, on_open=None) -> tuple[dict[str, Tally], float]:
    """Per target, the tally of every client's measured requests, and the measured window's seconds (from
    when the last client finished its `warmup` requests to the last answer). `on_open` is called as the
    window opens, to start the CPU clocks."""
    tallies, seconds = _new_loop_run(_run(host, port, targets, clients, duration, timeout, seed, kind, warmup,
                                          on_open))
    merged = {t.name: Tally() for t in targets}
    for client in tallies:
        for name, tally in client.items():
            merged[name].merge(tally)
    return merged, seconds


def _new_loop_run(coroutine):
    """uvloop when installed (uvicorn's own extra brings it): about a fifth less generator CPU per request."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coroutine)


def percentile(sorted_values: list[float], share: float) -> float | None:
    """Nearest-rank percentile of values already sorted; None when there are none."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * share // 1))
    return sorted_values[int(min(rank, len(sorted_values))) - 1]
