"""A response cache for the read-only pages and API answers, emptied whenever the store changes.

Everything the app serves with GET is a function of the URL and the store, and the store changes only
when something writes to it (an ingest in another process, or POST /api/articles). SQLite's
`PRAGMA data_version` on a connection of our own tells exactly that: it moves when any other
connection commits. So a repeated page costs a dictionary lookup until the next write, and a write is
never served stale.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from ..store.db import connect

# Streams and files are not worth keeping: exports can be any size, static files are cheap already.
UNCACHED_PREFIXES = ("/api/export", "/static/", "/docs/assets/")


class StoreVersion:
    """Tells whether the store has changed since it was last asked."""

    def __init__(self, path: Path):
        self.conn = connect(path, readonly=True)
        self.seen = self._read()

    def _read(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        current = self._read()
        changed, self.seen = current != self.seen, current
        return changed


class ResponseCache:
    """ASGI middleware: keeps whole 200 responses to GET requests, by path, query and whether HTML
    was asked for (error pages differ), up to `max_entries` and `max_bytes` in all, least recently
    used out first."""

    def __init__(self, app, db_path: Path, max_entries: int = 4096, max_bytes: int = 256 * 1024 * 1024,
                 max_response_bytes: int = 2 * 1024 * 1024):
        self.app = app
        self.version = StoreVersion(db_path)
        self.entries: OrderedDict[tuple, tuple[dict, bytes]] = OrderedDict()
        self.size = 0
        self.max_entries, self.max_bytes, self.max_response_bytes = max_entries, max_bytes, max_response_bytes
        self.hits = self.misses = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(UNCACHED_PREFIXES):
            return await self.app(scope, receive, send)
        if self.version.changed():
            self.clear()
        accept = dict(scope.get("headers", [])).get(b"accept", b"")
        key = (scope["path"], scope.get("query_string", b""), b"text/html" in accept)
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            start, body = found
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start, chunks, keep = None, [], True

        async def capture(message):
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = {**message, "headers": list(message.get("headers", []))}  # outer layers add to theirs
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                keep = sum(map(len, chunks)) <= self.max_response_bytes
                if not message.get("more_body", False) and keep:
                    self._store(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple, start: dict, body: bytes) -> None:
        self.entries[key] = (start, body)
        self.size += len(body)
        while len(self.entries) > self.max_entries or self.size > self.max_bytes:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0
