"""kill -9 in the middle of a 500-item ingest, then the same command again: every item stored exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from support import html_page, prose

ITEMS = 500


def count(db, sql):
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # the store is not created yet


def test_killed_ingest_finishes_on_rerun_with_every_item_once(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(ITEMS):
        (pages / f"{n:04d}.html").write_text(html_page(f"Report {n} on the regional budget", prose(n)))
    db = tmp_path / "s.db"
    command = [sys.executable, "-m", "newsgraph", "ingest", str(pages), "--db", str(db), "--quiet",
               "--workers", "2", "--batch-size", "8"]

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while count(db, "SELECT COUNT(*) FROM items") < 60 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    process.wait()
    stored_before = count(db, "SELECT COUNT(*) FROM items")
    assert 0 < stored_before < ITEMS, "the kill should land in the middle of the run"
    assert count(db, "SELECT COUNT(*) FROM runs WHERE finished IS NULL") == 1

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db, "SELECT COUNT(*) FROM items") == ITEMS
    assert count(db, "SELECT COUNT(*) FROM articles") == ITEMS
    assert count(db, "SELECT COUNT(DISTINCT article_id) FROM items") == ITEMS
    assert count(db, "SELECT COUNT(*) FROM articles_fts") == ITEMS
    assert count(db, "SELECT COUNT(*) FROM errors") == 0
    # The second run only did what the first left undone.
    assert count(db, "SELECT unchanged FROM runs ORDER BY id DESC LIMIT 1") >= stored_before
    assert count(db, "SELECT stored FROM runs ORDER BY id DESC LIMIT 1") == ITEMS - count(
        db, "SELECT unchanged FROM runs ORDER BY id DESC LIMIT 1")
