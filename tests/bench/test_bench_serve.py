"""`newsgraph bench serve` end to end: a real server process over a 3-article store, 4 clients, ~3 s."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.pipeline import ingest
from support import html_page, prose

TITLES = ["Ministry publishes harbour report", "Parliament debates railway budget", "Scientists measure glacier retreat"]


def test_bench_serve_reports_every_group_without_errors(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, title in enumerate(TITLES):
        (pages / f"{n}.html").write_text(html_page(title, prose(n + 1)), encoding="utf-8")
    db = tmp_path / "store.db"
    # No analysis: the model's load would cost more than the whole benchmark, and pages render without it.
    assert ingest([str(pages)], db=str(db), analyse=False).stored == 3

    result = CliRunner().invoke(main, ["bench", "serve", "--db", str(db), "--clients", "4", "--duration", "3",
                                       "--json"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 3 and report["clients"] == 4 and report["workers"] == 1 and report["cache"] is True
    assert report["errors"] == 0
    assert set(report["groups"]) == {"article", "search"}
    assert set(report["endpoints"]) == {"article page", "api article", "search page", "api search"}
    for row in [*report["groups"].values(), *report["endpoints"].values(), report["overall"]]:
        assert row["requests"] > 0 and row["ok"] == row["requests"] and row["errors"] == 0
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
        assert row["requests_per_s"] > 0
    assert report["overall"]["requests"] == sum(g["requests"] for g in report["groups"].values())
    assert report["cpu"]["generator_cores"] >= 0 and report["cpu"]["server_cores"] > 0
    assert any("under 1000" in warning for warning in report["warnings"])
