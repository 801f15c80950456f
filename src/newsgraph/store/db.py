"""Opening the SQLite file and bringing its schema up to date."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from .keys import entity_key

DEFAULT_PATH = "newsgraph.db"


def migrations() -> list[tuple[int, str]]:
    """(version, sql) for every numbered file in store/migrations, in order."""
    folder = resources.files("newsgraph.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def connect(path: str | Path = DEFAULT_PATH, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    register_functions(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives a killed process; only a power cut can lose the last commit.
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    return conn


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions migrations and reads call: `newsgraph_entity_key(name, type)`, and
    `newsgraph_contains(name, folded)`, which matches with Python's casefold, not SQLite's LIKE or
    lower(), which fold ASCII letters only ("ÉLYSÉE")."""
    conn.create_function("newsgraph_entity_key", 2, entity_key, deterministic=True)
    conn.create_function("newsgraph_contains", 2, _contains, deterministic=True)


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle in haystack.casefold()


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the file's user_version, each in its own transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version, sql in migrations():
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # The version is checked again inside the lock: another process may have just migrated.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = version
    return current


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; sqlite3.complete_statement keeps triggers whole."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(l.strip().startswith("--") or not l.strip() for l in buffer.splitlines()):
        raise ValueError(f"incomplete statement in migration: {buffer[:80]!r}")
    return statements
